import type { Cohort } from "#core/cohort";
import type { Proposal } from "#core/pairing";
import { AdminLayout, formatDateTime } from "./parts";

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

/**
 * The cohort's matching: run it, read each pair's score and explanation and each unmatched
 * mentee's reason, change the proposal (swap, remove, force, exclude), then confirm it.
 */
export function ProposalPage(props: {
  cohort: Cohort;
  proposal?: Proposal;
  names: Map<string, string>;
  /** Mentees without a pair yet, and selected mentors with a place left (for forcing). */
  mentees: Person[];
  mentors: Person[];
  done?: string;
  problem?: string;
}) {
  const { cohort, proposal } = props;
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
      title={`Appariement — ${cohort.name}`}
      path={path}
      done={props.done}
      problem={props.problem}
    >
      <h1>Appariement de la vague {cohort.name}</h1>
      <p>
        L'appariement propose l'affectation des cadres sans binôme aux mentors retenus qui maximise
        l'adéquation totale, en respectant la capacité des mentors, les formats, la ligne
        hiérarchique ({cohort.settings.allowSameManagementLine ? "autorisée" : "interdite"} dans
        cette vague) et les binômes écartés. Rien n'est envoyé avant la confirmation.
      </p>
      <form method="post" action={path}>
        <div class="actions">
          <button type="submit" class={proposal ? "secondary" : undefined}>
            {proposal ? "Relancer l'appariement" : "Lancer l'appariement"}
          </button>
        </div>
      </form>
      {proposal ? (
        <>
          <h2>
            Proposition {draft ? "à relire" : "confirmée"} — adéquation totale {proposal.totalScore}
          </h2>
          <p>
            {draft
              ? `Préparée le ${formatDateTime(proposal.updatedAt)}.`
              : `Confirmée le ${formatDateTime(proposal.confirmedAt)}.`}{" "}
            {proposal.pairs.length} binôme{proposal.pairs.length > 1 ? "s" : ""},{" "}
            {proposal.unmatched.length} cadre{proposal.unmatched.length > 1 ? "s" : ""} sans mentor.
          </p>
          <div class="table-scroll">
            <table class="grid">
              <caption>Binômes proposés, avec leur score et ce qui le justifie</caption>
              <thead>
                <tr>
                  <th scope="col">Cadre</th>
                  <th scope="col">Mentor</th>
                  <th scope="col">Score</th>
                  <th scope="col">Explication</th>
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
                      {pair.explanation}
                      {pair.forced ? " (choix de l'équipe)" : ""}
                    </td>
                    {draft ? (
                      <td>
                        <form method="post" action={`${path}/retrait`}>
                          <input type="hidden" name="menteeId" value={pair.menteeId} />
                          <input type="hidden" name="version" value={version} />
                          <button type="submit" class="secondary">
                            Retirer le binôme de {name(pair.menteeId)}
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
                <caption>Cadres sans mentor, et pourquoi</caption>
                <thead>
                  <tr>
                    <th scope="col">Cadre</th>
                    <th scope="col">Raison</th>
                  </tr>
                </thead>
                <tbody>
                  {proposal.unmatched.map((item) => (
                    <tr>
                      <th scope="row">{name(item.menteeId)}</th>
                      <td>{item.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {draft ? (
            <>
              <h2>Modifier la proposition</h2>
              {paired.length >= 2 ? (
                <form method="post" action={`${path}/echange`}>
                  <fieldset>
                    <legend>Échanger les mentors de deux cadres</legend>
                    <input type="hidden" name="version" value={version} />
                    <PersonSelect
                      id="echange-1"
                      name="first"
                      label="Premier cadre"
                      people={paired}
                    />
                    <PersonSelect
                      id="echange-2"
                      name="second"
                      label="Second cadre"
                      people={paired}
                    />
                    <button type="submit" class="secondary">
                      Échanger
                    </button>
                  </fieldset>
                </form>
              ) : null}
              {props.mentees.length > 0 && props.mentors.length > 0 ? (
                <form method="post" action={`${path}/forcer`}>
                  <fieldset>
                    <legend>
                      Imposer un binôme (les règles de la vague s'appliquent toujours)
                    </legend>
                    <input type="hidden" name="version" value={version} />
                    <PersonSelect
                      id="forcer-cadre"
                      name="menteeId"
                      label="Cadre"
                      people={props.mentees}
                    />
                    <PersonSelect
                      id="forcer-mentor"
                      name="mentorId"
                      label="Mentor"
                      people={props.mentors}
                    />
                    <button type="submit" class="secondary">
                      Imposer ce binôme
                    </button>
                  </fieldset>
                </form>
              ) : null}
              <form method="post" action={`${path}/confirmation`}>
                <input type="hidden" name="version" value={version} />
                <p>
                  Confirmer crée les binômes et démarre leur parcours : chacun reçoit son courriel
                  de présentation.
                </p>
                <div class="actions">
                  <button type="submit">Confirmer les {proposal.pairs.length} binômes</button>
                </div>
              </form>
            </>
          ) : null}
        </>
      ) : (
        <p>Aucune proposition pour cette vague pour l'instant.</p>
      )}
      {props.mentees.length > 0 && props.mentors.length > 0 ? (
        <form method="post" action={`/admin/vagues/${cohort.id}/exclusions`}>
          <fieldset>
            <legend>Écarter un binôme de cette vague</legend>
            <PersonSelect id="ecarter-cadre" name="menteeId" label="Cadre" people={props.mentees} />
            <PersonSelect
              id="ecarter-mentor"
              name="mentorId"
              label="Mentor"
              people={props.mentors}
            />
            <button type="submit" class="secondary">
              Écarter ce binôme
            </button>
          </fieldset>
        </form>
      ) : null}
    </AdminLayout>
  );
}
