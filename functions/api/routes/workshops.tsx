import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { readEventLink } from "#core/events/links";
import * as workshops from "#core/events/workshop";
import { themeLabel } from "#core/events/workshop/messages";
import { participantsOf } from "#core/events/workshop/people";
import { getParticipant } from "#core/events/workshop/store";
import { formatWhen, frenchSpacing } from "#core/words";
import {
  workshopConfirmationFromForm,
  workshopFeedbackFromForm,
  workshopRegistrationFromForm,
  workshopRequestFromForm,
} from "#web/form-data";
import type { FormValues } from "#web/form-kit";
import { type Lang, t } from "#web/i18n";
import { MessagePage } from "#web/layout";
import {
  WorkshopLinkDone,
  WorkshopLinkPage,
  WorkshopRegistered,
  WorkshopRegistrationPage,
  WorkshopRequestPage,
  WorkshopRequestSent,
} from "#web/pages/workshop";
import { issuesByField } from "#web/validation";
import { type LangEnv, language } from "../lang";
import { storeOrShowAgain } from "../store-or-show-again";

/**
 * `/atelier`: a head of service asks for a collective workshop; `/atelier/inscription/<token>`: a
 * manager registers through the link the head of service forwarded; `/atelier/lien/<token>`: a
 * mentor says it took place, a participant gives their feedback. GET shows, POST acts.
 */

const refusals = {
  expired: {
    fr: "Ce lien a expiré. Écrivez à l'équipe d'animation si besoin.",
    en: "This link has expired. Write to the programme team if needed.",
  },
  unknown: {
    fr: "Ce lien n'est pas valable : vérifiez qu'il a été copié en entier.",
    en: "This link is not valid: check that it was copied whole.",
  },
};

function refused(c: Context<LangEnv>, reason: string) {
  const lang = c.var.lang;
  const expired = reason === "expired";
  return c.html(
    <MessagePage
      lang={lang}
      path={c.req.path}
      title={t(lang, { fr: "Lien non valable", en: "Link not valid" })}
      body={t(lang, expired ? refusals.expired : refusals.unknown)}
    />,
    expired ? 410 : 404,
  );
}

/** What the workshop is, in a sentence: its theme and date, never an id. */
async function describe(id: string, lang: Lang) {
  const workshop = await workshops.getWorkshop(id);
  if (!workshop) return "";
  const theme = t(lang, themeLabel(workshop.request.theme));
  const when = workshop.schedule ? t(lang, formatWhen(new Date(workshop.schedule.start))) : "";
  return lang === "fr"
    ? frenchSpacing(
        `Atelier « ${theme} »${when ? `, ${when}` : ""}, pour ${workshop.request.service}.`,
      )
    : `Workshop “${theme}”${when ? `, ${when}` : ""}, for ${workshop.request.service}.`;
}

/** Those invited by email, for the mentor to tick who came: their ref and how they are named. */
const invitedOf = async (id: string) =>
  (await participantsOf({ id })).map((person) => ({
    value: person.ref,
    label: [person.firstName, person.lastName].filter(Boolean).join(" ") || person.email,
  }));

/**
 * Whether the person registered themselves with these very names (a double click, a retry after
 * an outage): then they are told what the first time told them. Added by the head of service, or
 * registered under other names, they are told they were registered already.
 */
async function registeredAs(
  eventId: string,
  person: { email: string; firstName: string; lastName: string },
) {
  const stored = await getParticipant(eventId, workshops.participantKey(person.email));
  return (
    stored?.source === "registration" &&
    stored.firstName === person.firstName &&
    stored.lastName === person.lastName
  );
}

const posted = async (c: Context) => (await c.req.parseBody({ all: true })) as FormValues;

export const workshopPages = new Hono<LangEnv>()
  .use(language)
  .get("/", (c) => c.html(<WorkshopRequestPage lang={c.var.lang} />))
  .post("/", async (c) => {
    const values = await posted(c);
    const parsed = v.safeParse(workshops.WorkshopRequestSchema, workshopRequestFromForm(values));
    if (!parsed.success) {
      const errors = issuesByField(workshops.WorkshopRequestSchema, parsed.issues);
      return c.html(<WorkshopRequestPage lang={c.var.lang} values={values} errors={errors} />, 422);
    }
    return storeOrShowAgain(
      c,
      async () => {
        // Stored once, under the answers' fingerprint: the same request again is told the same.
        await workshops.requestWorkshop(parsed.output);
        return c.html(<WorkshopRequestSent lang={c.var.lang} />);
      },
      (unavailable) => (
        <WorkshopRequestPage lang={c.var.lang} values={values} unavailable={unavailable} />
      ),
    );
  })
  .get("/inscription/:token", async (c) => {
    const reading = await readEventLink(c.req.param("token"));
    if (!reading.ok || reading.link.purpose !== "register") {
      return refused(c, reading.ok ? "unknown" : reading.reason);
    }
    return c.html(
      <WorkshopRegistrationPage
        lang={c.var.lang}
        action={c.req.path}
        description={await describe(reading.link.eventId, c.var.lang)}
      />,
    );
  })
  .post("/inscription/:token", async (c) => {
    const values = await posted(c);
    // The link is read from the table too: an outage from the first read on gives the form back.
    return storeOrShowAgain(
      c,
      async () => {
        const reading = await readEventLink(c.req.param("token"));
        if (!reading.ok || reading.link.purpose !== "register") {
          return refused(c, reading.ok ? "unknown" : reading.reason);
        }
        const { link } = reading;
        const parsed = v.safeParse(
          workshops.RegistrationSchema,
          workshopRegistrationFromForm(values),
        );
        if (!parsed.success) {
          return c.html(
            <WorkshopRegistrationPage
              lang={c.var.lang}
              action={c.req.path}
              description={await describe(link.eventId, c.var.lang)}
              values={values}
              errors={issuesByField(workshops.RegistrationSchema, parsed.issues)}
            />,
            422,
          );
        }
        const outcome = await workshops.register(link, parsed.output);
        if ("ok" in outcome) return refused(c, "expired");
        const already =
          outcome.status === "already" && !(await registeredAs(link.eventId, parsed.output));
        return c.html(<WorkshopRegistered lang={c.var.lang} path={c.req.path} already={already} />);
      },
      (unavailable) => (
        <WorkshopRegistrationPage
          lang={c.var.lang}
          action={c.req.path}
          description=""
          values={values}
          unavailable={unavailable}
        />
      ),
    );
  })
  .get("/lien/:token", async (c) => {
    const reading = await readEventLink(c.req.param("token"));
    if (!reading.ok || reading.link.kind !== "workshop" || reading.link.purpose === "register") {
      return refused(c, reading.ok ? "unknown" : reading.reason);
    }
    const { link } = reading;
    const purpose = link.purpose as "confirm" | "feedback";
    if (link.usedAt) {
      return c.html(
        <WorkshopLinkDone
          lang={c.var.lang}
          path={c.req.path}
          outcome={purpose === "confirm" ? "already-confirmed" : "feedback-already"}
        />,
      );
    }
    return c.html(
      <WorkshopLinkPage
        lang={c.var.lang}
        purpose={purpose}
        action={c.req.path}
        description={await describe(link.eventId, c.var.lang)}
        participants={purpose === "confirm" ? await invitedOf(link.eventId) : undefined}
      />,
    );
  })
  .post("/lien/:token", async (c) => {
    const reading = await readEventLink(c.req.param("token"));
    if (!reading.ok || reading.link.kind !== "workshop" || reading.link.purpose === "register") {
      return refused(c, reading.ok ? "unknown" : reading.reason);
    }
    const { link } = reading;
    const lang = c.var.lang;
    const values = await posted(c);
    if (link.purpose === "confirm") {
      const confirmation = workshopConfirmationFromForm(values);
      const present = ([] as string[]).concat(values.present ?? []).map(String);
      const parsed = v.safeParse(
        workshops.ConfirmationSchema,
        confirmation.tookPlace && present.length ? { ...confirmation, present } : confirmation,
      );
      if (!parsed.success) {
        return c.html(
          <WorkshopLinkPage
            lang={lang}
            purpose="confirm"
            action={c.req.path}
            description={await describe(link.eventId, lang)}
            participants={await invitedOf(link.eventId)}
            values={values}
            errors={confirmationErrors(parsed.issues)}
          />,
          422,
        );
      }
      const outcome = await workshops.confirmByLink(link, parsed.output);
      return c.html(
        <WorkshopLinkDone
          lang={lang}
          path={c.req.path}
          outcome={
            outcome === "already"
              ? "already-confirmed"
              : parsed.output.tookPlace
                ? "confirmed"
                : "not-held"
          }
        />,
      );
    }
    const parsed = v.safeParse(workshops.FeedbackSchema, workshopFeedbackFromForm(values));
    if (!parsed.success) {
      return c.html(
        <WorkshopLinkPage
          lang={lang}
          purpose="feedback"
          action={c.req.path}
          description={await describe(link.eventId, lang)}
          values={values}
          errors={issuesByField(workshops.FeedbackSchema, parsed.issues)}
        />,
        422,
      );
    }
    const outcome = await workshops.feedbackByLink(link, parsed.output);
    return c.html(
      <WorkshopLinkDone
        lang={lang}
        path={c.req.path}
        outcome={outcome === "already" ? "feedback-already" : "feedback"}
      />,
    );
  });

/** A union's issues name no field: "took place" unanswered, or a bad count, said where it belongs. */
function confirmationErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const attendees = issues
    .flatMap((issue) => [issue, ...((issue.issues as v.BaseIssue<unknown>[] | undefined) ?? [])])
    .find((issue) => v.getDotPath(issue) === "attendees");
  if (attendees) return { attendees: attendees.message };
  return { tookPlace: "Dites si l'atelier a eu lieu." };
}
