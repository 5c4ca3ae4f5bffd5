import { pairStatusLabel, phaseLabel } from "#core/admin/follow-up";
import type { PairDetails } from "#core/admin/pairs";
import { fullName } from "#core/admin/records";
import { meetingLabel } from "#core/pair/rules";
import { type FieldErrors, type FormValues, TextField } from "../../form-kit";
import { describeHistoryEvent } from "./history-events";
import type { Person } from "./matching";
import { AdminLayout, formatDateTime, yesNo } from "./parts";

const actors: Record<string, string> = {
  mentee: "Cadre",
  mentor: "Mentor",
  team: "Équipe d'animation",
  system: "Parcours automatique",
};

const recipients: Record<string, string> = {
  mentee: "cadre",
  mentor: "mentor",
  assistant: "assistant(e)",
  team: "équipe",
};

const purposes: Record<string, string> = {
  schedule: "une date proposée",
  confirm: "la confirmation du rendez-vous",
  objectives: "les objectifs convenus",
  "self-evaluation": "l'auto-évaluation",
  "session-time": "l'heure du rendez-vous",
};

const detailText = (detail: Record<string, string | number | boolean> | undefined) =>
  detail
    ? Object.entries(detail)
        .map(([key, value]) => `${key} : ${value}`)
        .join(", ")
    : "";

export function PairPage(props: {
  details: PairDetails;
  names: Map<string, string>;
  /** Selected mentors of the cohort with a place left, for a reassignment. */
  mentors: Person[];
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
  problem?: string;
}) {
  const { pair, history, emails, mentee, mentor, executionUrl } = props.details;
  const errors = props.errors ?? {};
  const path = `/admin/binomes/${pair.id}`;
  const over = pair.status === "cancelled" || pair.status === "closed";
  const menteeName = mentee ? fullName(mentee.answers) : pair.menteeId;
  const mentorName = mentor ? fullName(mentor.answers) : pair.mentorId;
  return (
    <AdminLayout
      title={`Binôme de ${menteeName}`}
      path={path}
      done={props.done}
      problem={props.problem}
    >
      <h1>
        Binôme de {menteeName} avec {mentorName}
      </h1>
      <dl class="facts">
        <dt>Vague</dt>
        <dd>
          <a href={`/admin/vagues/${pair.cohortId}`}>{pair.cohortId}</a>
        </dd>
        <dt>Phase</dt>
        <dd>{phaseLabel(pair.phase).fr}</dd>
        <dt>Statut</dt>
        <dd>
          {pairStatusLabel(pair.status).fr}
          {pair.cancelReason ? ` — motif : ${pair.cancelReason}` : ""}
        </dd>
        <dt>Séances</dt>
        <dd>
          {pair.sessionsDone} faite{pair.sessionsDone > 1 ? "s" : ""} sur {pair.sessionsPlanned}
        </dd>
        <dt>À surveiller</dt>
        <dd>{yesNo(pair.needsAttention)}</dd>
        <dt>En attente de</dt>
        <dd>
          {pair.waitingOn
            ? `${meetingLabel(pair.waitingOn.step).fr} : ${purposes[pair.waitingOn.purpose] ?? pair.waitingOn.purpose}, depuis le ${formatDateTime(pair.waitingOn.since)}`
            : "Rien pour l'instant"}
        </dd>
        <dt>Objectifs</dt>
        <dd>{pair.objectives ?? "Pas encore convenus"}</dd>
        <dt>Exécution</dt>
        <dd>
          {executionUrl ? (
            <a href={executionUrl}>Voir l'exécution {pair.executionName} dans la console AWS</a>
          ) : (
            `Exécution locale (${pair.executionName}) : pas de console AWS sur ce poste.`
          )}
        </dd>
      </dl>
      <h2>Historique</h2>
      <div class="table-scroll">
        <table class="grid">
          <caption>Historique du binôme, du plus ancien au plus récent</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Par</th>
              <th scope="col">Événement</th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => (
              <tr>
                <th scope="row">{formatDateTime(entry.at)}</th>
                <td>{actors[entry.actor] ?? entry.actor}</td>
                <td>{describeHistoryEvent(entry.event)}</td>
                <td>{detailText(entry.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Courriels envoyés</h2>
      {emails.length === 0 ? (
        <p>Aucun courriel envoyé pour l'instant.</p>
      ) : (
        <div class="table-scroll">
          <table class="grid">
            <caption>Courriels envoyés au sujet de ce binôme</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Objet</th>
                <th scope="col">Destinataires</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr>
                  <th scope="row">{formatDateTime(email.at)}</th>
                  <td>{email.subject}</td>
                  <td>{email.to.map((role) => recipients[role] ?? role).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {over ? null : (
        <>
          <h2>Agir sur le binôme</h2>
          {pair.status === "paused" ? (
            <form method="post" action={`${path}/reprise`}>
              <div class="actions">
                <button type="submit">Reprendre le binôme</button>
              </div>
            </form>
          ) : (
            <form method="post" action={`${path}/pause`}>
              <p>Pendant la pause, aucune relance n'est envoyée.</p>
              <div class="actions">
                <button type="submit" class="secondary">
                  Mettre le binôme en pause
                </button>
              </div>
            </form>
          )}
          {props.mentors.length > 0 ? (
            <form method="post" action={`${path}/reaffectation`}>
              <fieldset>
                <legend>Changer de mentor</legend>
                <div class="field">
                  <label for="champ-mentorId">Nouveau mentor *</label>
                  <select id="champ-mentorId" name="mentorId" required>
                    {props.mentors.map((person) => (
                      <option value={person.id}>{person.name}</option>
                    ))}
                  </select>
                </div>
                <button type="submit" class="secondary">
                  Confier le binôme à ce mentor
                </button>
              </fieldset>
            </form>
          ) : null}
          <form method="post" action={`${path}/annulation`} novalidate>
            <fieldset>
              <legend>Annuler le binôme</legend>
              <TextField
                name="reason"
                label="Motif de l'annulation"
                hint="Il est communiqué aux deux personnes."
                multiline
                required
                values={props.values ?? {}}
                errors={errors}
                lang="fr"
              />
              <button type="submit" class="secondary">
                Annuler le binôme
              </button>
            </fieldset>
          </form>
        </>
      )}
    </AdminLayout>
  );
}
