import type { Cohort } from "#core/cohort";
import type { PairStarts } from "#core/matching/confirm";
import { explainPair } from "#core/matching/fit";
import type { JobProgress, MatchingJob } from "#core/matching/job";
import type { Proposal } from "#core/matching/proposal";
import { agreed, de } from "#core/words";
import { type Lang, localiseMessage, t } from "../../i18n";
import { AdminLayout, formatDateTime, inLanguage } from "./parts";

export type Person = { id: string; name: string };

function PersonSelect(props: { id: string; name: string; label: string; people: Person[] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label} *</label>
      <select id={props.id} name={props.name} required>
        {props.people.map((person) => (
          <option value={person.id}>{person.name}</option>
        ))}
      </select>
    </div>
  );
}

const grouped = (count: number, lang: Lang) =>
  count.toLocaleString(lang === "en" ? "en-GB" : "fr-FR");

/** "Confirmer le binôme" for one, "Confirmer les 12 binômes" otherwise. */
export const confirmLabel = (count: number) =>
  count === 1
    ? { fr: "Confirmer le binôme", en: "Confirm the pair" }
    : {
        fr: `Confirmer les ${grouped(count, "fr")} binômes`,
        en: `Confirm the ${grouped(count, "en")} pairs`,
      };

/** How many confirmed pairs have started, which failed after their retries, and a way to retry. */
function PairStartsSection(props: {
  starts: PairStarts;
  name: (id: string) => string;
  retry: string;
  lang: Lang;
}) {
  const { starts, lang } = props;
  const failed = Object.keys(starts.failed);
  const failedCount = starts.failedCount;
  const say = (text: { fr: string; en: string }) => t(lang, text);
  return (
    <section aria-labelledby="lancement">
      <h2 id="lancement">{say({ fr: "Lancement des binômes", en: "Starting the pairs" })}</h2>
      <p role="status">
        {lang === "en"
          ? `${grouped(starts.started, lang)} of ${grouped(starts.total, lang)} ${agreed(lang, starts.total, "pair", "pairs")} started${starts.running ? ", the others are starting" : ""}.`
          : `${grouped(starts.started, lang)} ${agreed(lang, starts.started, "binôme lancé", "binômes lancés")} sur ${grouped(starts.total, lang)}${starts.running ? ", les autres sont en cours de lancement" : ""}.`}
      </p>
      {failedCount > 0 ? (
        <>
          <p>
            {lang === "en"
              ? `${grouped(failedCount, lang)} ${agreed(lang, failedCount, "pair", "pairs")} could not start, even after several tries${failed.length < failedCount ? ` (the first ${grouped(failed.length, lang)} below)` : ""}:`
              : `${grouped(failedCount, lang)} binôme${failedCount > 1 ? "s n'ont" : " n'a"} pas pu être lancé${failedCount > 1 ? "s" : ""}, même après plusieurs essais${failed.length < failedCount ? ` (les ${grouped(failed.length, lang)} premiers ci-dessous)` : ""}\u00a0:`}
          </p>
          <ul>
            {failed.map((menteeId) => (
              <li>{props.name(menteeId)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {!starts.running && starts.started < starts.total ? (
        <form method="post" action={props.retry}>
          <div class="actions">
            <button type="submit">
              {say({ fr: "Relancer les binômes restants", en: "Start the remaining pairs" })}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** How often the page reloads itself while the matching job runs (the route's `Refresh` header). */
export const jobRefreshSeconds = 5;

const phaseWords: Record<JobProgress["phase"], { fr: string; en: string }> = {
  reading: { fr: "Lecture des questionnaires", en: "Reading the questionnaires" },
  matching: { fr: "Calcul des binômes…", en: "Computing the pairs…" },
  verifying: { fr: "Vérification de l'optimalité…", en: "Checking optimality…" },
  saving: { fr: "Enregistrement de la proposition…", en: "Saving the proposal…" },
};

/** Where the running matching is; the page reloads itself (the Refresh header) until it ends. */
function JobProgressSection(props: { job: MatchingJob; path: string; lang: Lang }) {
  const { job, lang } = props;
  const progress = job.progress ?? { phase: "reading" };
  const words = t(lang, phaseWords[progress.phase]);
  const counted = progress.done !== undefined && progress.total !== undefined && progress.total > 0;
  const line = counted
    ? lang === "en"
      ? `${words}: ${grouped(progress.done ?? 0, lang)} of ${grouped(progress.total ?? 0, lang)}`
      : `${words} : ${grouped(progress.done ?? 0, lang)} sur ${grouped(progress.total ?? 0, lang)}`
    : progress.done !== undefined && progress.done > 0
      ? lang === "en"
        ? `${words}: ${grouped(progress.done, lang)} read`
        : `${words} : ${grouped(progress.done, lang)} lus`
      : words;
  return (
    <section class="notice" aria-labelledby="appariement-en-cours">
      <h2 id="appariement-en-cours">
        {t(lang, { fr: "Appariement en cours", en: "Matching under way" })}
      </h2>
      <p role="status">{localiseMessage(lang, line)}</p>
      {counted ? (
        <progress
          max={progress.total}
          value={progress.done}
          aria-label={t(lang, phaseWords[progress.phase])}
        >
          {grouped(progress.done ?? 0, lang)} / {grouped(progress.total ?? 0, lang)}
        </progress>
      ) : null}
      <p>
        {lang === "en"
          ? `Started on ${formatDateTime(job.startedAt, lang)}. This page refreshes itself every ${jobRefreshSeconds} seconds; the proposal appears here once the matching ends.`
          : localiseMessage(
              "fr",
              `Lancé le ${formatDateTime(job.startedAt)}. Cette page se met à jour d'elle-même toutes les ${jobRefreshSeconds} secondes ; la proposition s'affichera ici à la fin de l'appariement.`,
            )}{" "}
        <a href={inLanguage(props.path, lang)}>
          {t(lang, { fr: "Actualiser maintenant", en: "Refresh now" })}
        </a>
      </p>
    </section>
  );
}

/**
 * The cohort's matching: run it, read each pair's score and explanation and each unmatched
 * mentee's reason, change the proposal (swap, remove, force, exclude), then confirm it.
 */
export function ProposalPage(props: {
  cohort: Cohort;
  proposal?: Proposal;
  /** How the start of the confirmed pairs goes (they start in the background). */
  starts?: PairStarts;
  /** The last matching run: while it runs, the page says so instead of offering another. */
  job?: MatchingJob;
  names: Map<string, string>;
  /** Mentees without a pair yet, and selected mentors with a place left (for forcing). */
  mentees: Person[];
  mentors: Person[];
  done?: string;
  problem?: string;
  lang?: Lang;
}) {
  const { cohort, proposal } = props;
  const lang = props.lang ?? "fr";
  const say = (text: { fr: string; en: string }) => t(lang, text);
  const action = (to: string) => inLanguage(to, lang);
  const path = `/admin/vagues/${cohort.id}/appariement`;
  const name = (id: string) => props.names.get(id) ?? id;
  const paired: Person[] = (proposal?.pairs ?? []).map((pair) => ({
    id: pair.menteeId,
    name: name(pair.menteeId),
  }));
  const version = String(proposal?.version ?? "");
  const draft = proposal?.status === "draft";
  return (
    <AdminLayout
      lang={lang}
      title={`${say({ fr: "Appariement", en: "Matching" })} — ${cohort.name}`}
      path={path}
      done={props.done}
      problem={props.problem}
    >
      <h1>
        {say({ fr: "Appariement de la vague", en: "Matching of cohort" })} {cohort.name}
      </h1>
      {lang === "en" ? (
        <p>
          The matching proposes the assignment of managers without a pair to selected mentors that
          maximises the total fit, respecting the mentors' capacity, the formats, the line of
          management ({cohort.settings.allowSameManagementLine ? "allowed" : "forbidden"} in this
          cohort) and the ruled-out pairs. Nothing is sent before the confirmation.
        </p>
      ) : (
        <p>
          L'appariement propose l'affectation des cadres sans binôme aux mentors retenus qui
          maximise l'adéquation totale, en respectant la capacité des mentors, les formats, la ligne
          hiérarchique ({cohort.settings.allowSameManagementLine ? "autorisée" : "interdite"} dans
          cette vague) et les binômes écartés. Rien n'est envoyé avant la confirmation.
        </p>
      )}
      {props.job?.status === "running" ? (
        <JobProgressSection job={props.job} path={path} lang={lang} />
      ) : props.job?.status === "failed" && props.job.message ? (
        <p role="alert">{localiseMessage(lang, props.job.message)}</p>
      ) : null}
      <form method="post" action={action(path)}>
        <div class="actions">
          <button type="submit" class={proposal ? "secondary" : undefined}>
            {proposal
              ? say({ fr: "Relancer l'appariement", en: "Run the matching again" })
              : say({ fr: "Lancer l'appariement", en: "Run the matching" })}
          </button>
        </div>
      </form>
      {proposal ? (
        <>
          {lang === "en" ? (
            <h2>
              {draft ? "Proposal to review" : "Confirmed proposal"} — total fit{" "}
              {proposal.totalScore}
            </h2>
          ) : (
            <h2>
              Proposition {draft ? "à relire" : "confirmée"} — adéquation totale{" "}
              {proposal.totalScore}
            </h2>
          )}
          {lang === "en" ? (
            <p>
              {draft
                ? `Prepared on ${formatDateTime(proposal.updatedAt, lang)}.`
                : `Confirmed on ${formatDateTime(proposal.confirmedAt, lang)}.`}{" "}
              {`${grouped(proposal.pairs.length, lang)} ${agreed(lang, proposal.pairs.length, "pair", "pairs")}, ${grouped(proposal.unmatched.length, lang)} ${agreed(lang, proposal.unmatched.length, "manager", "managers")} without a mentor.`}
            </p>
          ) : (
            <p>
              {draft
                ? `Préparée le ${formatDateTime(proposal.updatedAt)}.`
                : `Confirmée le ${formatDateTime(proposal.confirmedAt)}.`}{" "}
              {`${grouped(proposal.pairs.length, lang)} ${agreed(lang, proposal.pairs.length, "binôme", "binômes")}, ${grouped(proposal.unmatched.length, lang)} ${agreed(lang, proposal.unmatched.length, "cadre", "cadres")} sans mentor.`}
            </p>
          )}
          {proposal.status === "confirmed" ? (
            <PairStartsSection
              starts={
                // Right after the confirmation the background run may not have reported yet.
                props.starts ?? {
                  total: proposal.pairs.length,
                  started: 0,
                  failedCount: 0,
                  failed: {},
                  running: true,
                }
              }
              name={name}
              retry={action(`${path}/relance`)}
              lang={lang}
            />
          ) : null}
          <div class="table-scroll">
            <table class="grid">
              <caption>
                {say({
                  fr: "Binômes proposés, avec leur score et ce qui le justifie",
                  en: "Proposed pairs, with their score and what justifies it",
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{say({ fr: "Cadre", en: "Manager" })}</th>
                  <th scope="col">Mentor</th>
                  <th scope="col">Score</th>
                  <th scope="col">{say({ fr: "Explication", en: "Explanation" })}</th>
                  {draft ? <th scope="col">Action</th> : null}
                </tr>
              </thead>
              <tbody>
                {proposal.pairs.map((pair) => (
                  <tr>
                    <th scope="row">{name(pair.menteeId)}</th>
                    <td>{name(pair.mentorId)}</td>
                    <td>{pair.score}</td>
                    <td>
                      {explainPair(lang, pair)}
                      {pair.forced
                        ? ` (${say({ fr: "choix de l'équipe", en: "the team's choice" })})`
                        : ""}
                    </td>
                    {draft ? (
                      <td>
                        <form method="post" action={action(`${path}/retrait`)}>
                          <input type="hidden" name="menteeId" value={pair.menteeId} />
                          <input type="hidden" name="version" value={version} />
                          <button type="submit" class="secondary">
                            {say({
                              fr: `Retirer le binôme ${de(name(pair.menteeId))}`,
                              en: `Remove the pair of ${name(pair.menteeId)}`,
                            })}
                          </button>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {proposal.unmatched.length > 0 ? (
            <div class="table-scroll">
              <table class="grid">
                <caption>
                  {say({
                    fr: "Cadres sans mentor, et pourquoi",
                    en: "Managers without a mentor, and why",
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{say({ fr: "Cadre", en: "Manager" })}</th>
                    <th scope="col">{say({ fr: "Raison", en: "Reason" })}</th>
                  </tr>
                </thead>
                <tbody>
                  {proposal.unmatched.map((item) => (
                    <tr>
                      <th scope="row">{name(item.menteeId)}</th>
                      <td>{localiseMessage(lang, item.reason)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {draft ? (
            <>
              <h2>{say({ fr: "Modifier la proposition", en: "Change the proposal" })}</h2>
              {paired.length >= 2 ? (
                <form method="post" action={action(`${path}/echange`)}>
                  <fieldset>
                    <legend>
                      {say({
                        fr: "Échanger les mentors de deux cadres",
                        en: "Swap the mentors of two managers",
                      })}
                    </legend>
                    <input type="hidden" name="version" value={version} />
                    <PersonSelect
                      id="echange-1"
                      name="first"
                      label={say({ fr: "Premier cadre", en: "First manager" })}
                      people={paired}
                    />
                    <PersonSelect
                      id="echange-2"
                      name="second"
                      label={say({ fr: "Second cadre", en: "Second manager" })}
                      people={paired}
                    />
                    <button type="submit" class="secondary">
                      {say({ fr: "Échanger", en: "Swap" })}
                    </button>
                  </fieldset>
                </form>
              ) : null}
              {props.mentees.length > 0 && props.mentors.length > 0 ? (
                <form method="post" action={action(`${path}/forcer`)}>
                  <fieldset>
                    <legend>
                      {say({
                        fr: "Imposer un binôme (les règles de la vague s'appliquent toujours)",
                        en: "Impose a pair (the cohort's rules still apply)",
                      })}
                    </legend>
                    <input type="hidden" name="version" value={version} />
                    <PersonSelect
                      id="forcer-cadre"
                      name="menteeId"
                      label={say({ fr: "Cadre", en: "Manager" })}
                      people={props.mentees}
                    />
                    <PersonSelect
                      id="forcer-mentor"
                      name="mentorId"
                      label="Mentor"
                      people={props.mentors}
                    />
                    <button type="submit" class="secondary">
                      {say({ fr: "Imposer ce binôme", en: "Impose this pair" })}
                    </button>
                  </fieldset>
                </form>
              ) : null}
              <form method="post" action={action(`${path}/confirmation`)}>
                <input type="hidden" name="version" value={version} />
                <p>
                  {say({
                    fr: "Confirmer crée les binômes et démarre leur parcours : chacun reçoit son courriel de présentation.",
                    en: "Confirming creates the pairs and starts their programme: each person receives their introduction email.",
                  })}
                </p>
                <div class="actions">
                  <button type="submit">{say(confirmLabel(proposal.pairs.length))}</button>
                </div>
              </form>
            </>
          ) : null}
        </>
      ) : (
        <p>
          {say({
            fr: "Aucune proposition pour cette vague pour l'instant.",
            en: "No proposal for this cohort yet.",
          })}
        </p>
      )}
      {props.mentees.length > 0 && props.mentors.length > 0 ? (
        <form method="post" action={action(`/admin/vagues/${cohort.id}/exclusions`)}>
          <fieldset>
            <legend>
              {say({
                fr: "Écarter un binôme de cette vague",
                en: "Rule out a pair in this cohort",
              })}
            </legend>
            <PersonSelect
              id="ecarter-cadre"
              name="menteeId"
              label={say({ fr: "Cadre", en: "Manager" })}
              people={props.mentees}
            />
            <PersonSelect
              id="ecarter-mentor"
              name="mentorId"
              label="Mentor"
              people={props.mentors}
            />
            <button type="submit" class="secondary">
              {say({ fr: "Écarter ce binôme", en: "Rule out this pair" })}
            </button>
          </fieldset>
        </form>
      ) : null}
    </AdminLayout>
  );
}
