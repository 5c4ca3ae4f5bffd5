import { theStep } from "#core/email/pair-messages";
import type { PersonWait } from "#core/pair/reminders";
import { type FieldErrors, type FormValues, TextField } from "../../form-kit";
import { type Lang, localiseMessage, t } from "../../i18n";
import { inLanguage } from "./parts";

type Text = { fr: string; en: string };

/** What the pair waits for, in a sentence: "Le binôme attend qu'une date soit proposée pour …". */
function waitingFor(wait: PersonWait): Text {
  const step = theStep(wait.step);
  switch (wait.purpose) {
    case "schedule":
    case "reschedule":
      return {
        fr: `Le binôme attend qu'une date soit proposée pour ${step.fr}.`,
        en: `The pair is waiting for a date to be proposed for ${step.en}.`,
      };
    case "confirm":
      return {
        fr: `Le binôme attend de savoir si ${step.fr} a eu lieu.`,
        en: `The pair is waiting to hear whether ${step.en} took place.`,
      };
    case "objectives":
      return {
        fr: "Le binôme attend les objectifs convenus au rendez-vous de préparation.",
        en: "The pair is waiting for the objectives agreed at the preparation call.",
      };
    case "self-evaluation":
      return {
        fr: "Le binôme attend les auto-évaluations de clôture.",
        en: "The pair is waiting for the closing self-evaluations.",
      };
    default:
      return {
        fr: `Le binôme attend une réponse (${step.fr}).`,
        en: `The pair is waiting for an answer (${step.en}).`,
      };
  }
}

/**
 * Reminding the pair by hand: the link it waits on sent again to whoever it waits on, or a
 * reminder the team writes to one participant (with their waiting link, if any). Each form
 * carries its own key: posted twice, it sends once.
 */
export function PairReminders(props: {
  pairId: string;
  wait: PersonWait | undefined;
  names: { mentee: string; mentor: string };
  keys: { resend: string; reminder: string };
  values: FormValues;
  errors: FieldErrors;
  lang: Lang;
}) {
  const { wait, names, lang } = props;
  const say = (text: Text) => t(lang, text);
  const path = `/admin/binomes/${props.pairId}`;
  const who = (role: string) =>
    role === "mentee"
      ? say({ fr: `le cadre, ${names.mentee}`, en: `the manager, ${names.mentee}` })
      : say({ fr: `le mentor, ${names.mentor}`, en: `the mentor, ${names.mentor}` });
  const fromWhom = (role: string) =>
    role === "mentee"
      ? say({ fr: `du cadre, ${names.mentee}`, en: `the manager, ${names.mentee}` })
      : say({ fr: `du mentor, ${names.mentor}`, en: `the mentor, ${names.mentor}` });
  const chosen =
    typeof props.values.role === "string" ? props.values.role : (wait?.roles[0] ?? "mentor");
  const roleError = props.errors.role;
  return (
    <section aria-labelledby="relancer-titre">
      <h2 id="relancer-titre">{say({ fr: "Relancer", en: "Remind" })}</h2>
      {wait ? (
        <form method="post" action={inLanguage(`${path}/lien-renvoye`, lang)}>
          <p>
            {say(waitingFor(wait))}{" "}
            {say({
              fr: `Réponse attendue ${wait.roles.map(fromWhom).join(" et ")}.`,
              en: `Answer expected from ${wait.roles.map(fromWhom).join(" and ")}.`,
            })}
          </p>
          <input type="hidden" name="requestKey" value={props.keys.resend} />
          <div class="actions">
            <button type="submit" class="secondary">
              {wait.roles.length > 1
                ? say({ fr: "Leur renvoyer le lien", en: "Send them the link again" })
                : say({ fr: "Lui renvoyer le lien", en: "Send the link again" })}
            </button>
          </div>
        </form>
      ) : (
        <p>
          {say({
            fr: "Le binôme n'attend la réponse de personne pour l'instant : aucun lien à renvoyer.",
            en: "The pair is not waiting for anyone's answer right now: no link to send again.",
          })}
        </p>
      )}
      <form method="post" action={inLanguage(`${path}/relance`, lang)} novalidate>
        <fieldset>
          <legend>{say({ fr: "Écrire une relance", en: "Write a reminder" })}</legend>
          <input type="hidden" name="requestKey" value={props.keys.reminder} />
          <fieldset
            id="champ-role"
            class={roleError ? "invalid" : undefined}
            aria-invalid={roleError ? "true" : undefined}
            tabindex={-1}
          >
            <legend>{say({ fr: "Destinataire *", en: "Recipient *" })}</legend>
            {roleError ? <p class="error">{localiseMessage(lang, roleError)}</p> : null}
            <div class="choices">
              {(["mentor", "mentee"] as const).map((role) => (
                <div class="choice">
                  <input
                    type="radio"
                    id={`champ-role-${role}`}
                    name="role"
                    value={role}
                    checked={chosen === role}
                  />
                  <label for={`champ-role-${role}`}>{who(role)}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <TextField
            name="message"
            label={say({ fr: "Votre message", en: "Your message" })}
            hint={say({
              fr: "Envoyé tel quel, après « Bonjour » et le prénom ; le lien en attente est ajouté s'il y en a un. Une ligne vide sépare deux paragraphes.",
              en: "Sent as written (in French), after a greeting; the waiting link is added if there is one. A blank line separates paragraphs.",
            })}
            multiline
            required
            values={props.values}
            errors={props.errors}
            lang={lang}
          />
          <button type="submit" class="secondary">
            {say({ fr: "Envoyer la relance", en: "Send the reminder" })}
          </button>
        </fieldset>
      </form>
    </section>
  );
}
