import { randomUUID } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { confirmBarnum } from "#core/barnum/event-steps";
import { canRecordVisits, VisitSchema } from "#core/barnum/model";
import * as barnums from "#core/barnum/store";
import { documents } from "#core/clients/dynamodb";
import { clock } from "#core/clock";
import { env } from "#core/env";
import { email as emailField } from "#core/fields";
import { mentorLink, readMentorAccess, readMentorLink, sendMentorAccess } from "#core/mentor-space";
import { currentReply, isAhead, meetingKindLabel } from "#core/network/model";
import {
  getMeeting,
  hasEnded,
  meetingsOfMentor,
  mentorOfAddress,
  replyToMeeting,
} from "#core/network/store";
import * as recognition from "#core/recognition";
import { listResources } from "#core/resources";
import { formatWhen } from "#core/words";
import type { FormValues } from "#web/form-kit";
import { MessagePage } from "#web/layout";
import {
  MentorAccessAskPage,
  MentorAccessSentPage,
  MentorSpacePage,
  VisitPage,
} from "#web/pages/mentor-space";
import { say } from "#web/say";
import { issuesByField } from "#web/validation";
import { type LangEnv, language } from "../lang";

/**
 * /espace-mentor/<token>: a mentor's own page, from the signed link of their emails. GET only
 * shows; every change (an answer, a visit, a consent) is a POST.
 */
type MentorContext = Context<LangEnv>;

// A field left out of the post reads as empty, so that its own French message is the one shown.
const AccessSchema = v.object({
  email: v.optional(emailField("Indiquez votre adresse électronique."), ""),
});

const invalidLink = (c: MentorContext) =>
  c.html(
    <MessagePage
      lang={c.var.lang}
      path={c.req.path}
      title={say(c.var.lang, { fr: "Lien inutilisable", en: "Link not usable" })}
      body={say(c.var.lang, {
        fr: "Ce lien n'est plus valable. Demandez-en un nouveau à la page « Retrouver ma page de mentor » (/espace-mentor) : il vous arrivera par courriel.",
        en: "This link is no longer valid. Ask for a new one on the page “Find my mentor page again” (/espace-mentor): it will reach you by email.",
      })}
    />,
    404,
  );

const withLang = (c: MentorContext, path: string) =>
  c.var.lang === "en" ? `${path}${path.includes("?") ? "&" : "?"}lang=en` : path;
const back = (c: MentorContext, token: string, done: string) =>
  c.redirect(withLang(c, `/espace-mentor/${token}?fait=${done}`), 303);

async function spacePage(
  c: MentorContext,
  token: string,
  mentor: Extract<Awaited<ReturnType<typeof readMentorLink>>, { ok: true }>["mentor"],
  extra: { values?: FormValues; errors?: Record<string, string> } = {},
) {
  const now = clock.now();
  const [asked, meetings, record, consent, resources] = await Promise.all([
    barnums.barnumsOfMentor(mentor.id),
    meetingsOfMentor(mentor.id),
    recognition.loadRecordOfWork(mentor.id),
    recognition.getConsent(mentor.id),
    listResources(),
  ]);
  if (!record) return invalidLink(c);
  return c.html(
    <MentorSpacePage
      lang={c.var.lang}
      token={token}
      mentor={mentor}
      barnums={asked}
      meetings={meetings.map(({ meeting, invitation }) => ({
        meetingId: meeting.id,
        title:
          c.var.lang === "fr"
            ? meetingKindLabel[meeting.kind].fr
            : meetingKindLabel[meeting.kind].en,
        when: formatWhen(new Date(meeting.startsAt)),
        place: meeting.place,
        attended: invitation.attended,
        upcoming: !hasEnded(meeting, now),
        cancelled: meeting.status === "cancelled",
        reply: isAhead(meeting, now) ? currentReply(meeting, invitation) : undefined,
      }))}
      record={record}
      consent={consent}
      modules={resources}
      done={c.req.query("fait")}
      now={now}
      {...extra}
    />,
    extra.errors ? 422 : 200,
  );
}

export const mentorSpacePages = new Hono<LangEnv>()
  .use(language)
  .use(async (c, next) => {
    await next();
    // A personal page: never cached, never indexed.
    c.header("Cache-Control", "no-store");
    c.header("X-Robots-Tag", "noindex");
  })
  .get("/", (c) => c.html(<MentorAccessAskPage lang={c.var.lang} />))
  .post("/", async (c) => {
    const values = (await c.req.parseBody()) as FormValues;
    const parsed = v.safeParse(AccessSchema, values);
    if (!parsed.success) {
      const errors = issuesByField(AccessSchema, parsed.issues);
      return c.html(<MentorAccessAskPage lang={c.var.lang} values={values} errors={errors} />, 422);
    }
    await sendMentorAccess(parsed.output.email, c.var.lang);
    return c.html(<MentorAccessSentPage lang={c.var.lang} />);
  })
  .get("/acces/:token", async (c) => {
    const access = await readMentorAccess(c.req.param("token"));
    const mentor = access.ok ? await mentorOfAddress(access.email) : undefined;
    if (!mentor) return invalidLink(c);
    // A fresh link to their page, stored before it is followed.
    const link = mentorLink(mentor.id);
    await documents.send(new PutCommand(link.put));
    return c.redirect(withLang(c, new URL(link.url).pathname), 303);
  })
  .get("/:token", async (c) => {
    const reading = await readMentorLink(c.req.param("token"));
    if (!reading.ok) return invalidLink(c);
    return spacePage(c, c.req.param("token"), reading.mentor);
  })
  .get("/:token/attestation.pdf", async (c) => {
    const reading = await readMentorLink(c.req.param("token"));
    if (!reading.ok) return invalidLink(c);
    const record = await recognition.loadRecordOfWork(reading.mentor.id);
    if (!record) return invalidLink(c);
    const pdf = await recognition.attestationPdf(record);
    return c.body(pdf.slice().buffer as ArrayBuffer, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": 'attachment; filename="attestation-mentorat.pdf"',
    });
  })
  .post("/:token/consentement", async (c) => {
    const token = c.req.param("token");
    const reading = await readMentorLink(token);
    if (!reading.ok) return invalidLink(c);
    const values = (await c.req.parseBody({ all: true })) as FormValues;
    const parsed = v.safeParse(recognition.ConsentSchema, {
      managerEmail: typeof values.managerEmail === "string" ? values.managerEmail : "",
      agree: values.agree === "on",
    });
    if (!parsed.success) {
      return spacePage(c, token, reading.mentor, {
        values,
        errors: issuesByField(recognition.ConsentSchema, parsed.issues),
      });
    }
    await recognition.recordConsent(reading.mentor.id, parsed.output.managerEmail);
    return back(c, token, "consentement");
  })
  .post("/:token/consentement/retirer", async (c) => {
    const token = c.req.param("token");
    const reading = await readMentorLink(token);
    if (!reading.ok) return invalidLink(c);
    await recognition.withdrawConsent(reading.mentor.id);
    return back(c, token, "consentement-retire");
  })
  .post("/:token/attestation/envoyer", async (c) => {
    const token = c.req.param("token");
    const reading = await readMentorLink(token);
    if (!reading.ok) return invalidLink(c);
    const outcome = await recognition.sendAttestationToManager(reading.mentor.id);
    return back(c, token, outcome === "no-consent" ? "consentement-retire" : "attestation-envoyee");
  })
  .post("/:token/barnum/:id", async (c) => {
    const token = c.req.param("token");
    const reading = await readMentorLink(token);
    if (!reading.ok) return invalidLink(c);
    const barnum = await barnums.getBarnum(c.req.param("id"));
    const values = (await c.req.parseBody()) as FormValues;
    const answer = values.answer === "yes" ? "yes" : values.answer === "no" ? "no" : undefined;
    if (!barnum || !answer) return spacePage(c, token, reading.mentor);
    const pageLink = `${env.appUrl}/espace-mentor/${token}`;
    await barnums.answerStaffing(barnum, reading.mentor.id, answer, pageLink);
    return back(c, token, answer === "yes" ? "barnum-oui" : "barnum-non");
  })
  .post("/:token/rencontre/:id", async (c) => {
    const token = c.req.param("token");
    const reading = await readMentorLink(token);
    if (!reading.ok) return invalidLink(c);
    const meeting = await getMeeting(c.req.param("id"));
    const values = (await c.req.parseBody()) as FormValues;
    const reply = values.reply === "yes" ? "yes" : values.reply === "no" ? "no" : undefined;
    if (!meeting || !reply) return spacePage(c, token, reading.mentor);
    const outcome = await replyToMeeting(meeting, reading.mentor.id, reply);
    if (outcome === "not-invited") return spacePage(c, token, reading.mentor);
    return back(
      c,
      token,
      outcome === "too-late" ? "trop-tard" : `rencontre-${reply === "yes" ? "oui" : "non"}`,
    );
  })
  .post("/:token/barnum/:id/bilan", async (c) => {
    const token = c.req.param("token");
    const reading = await readMentorLink(token);
    if (!reading.ok) return invalidLink(c);
    const barnum = await barnums.getBarnum(c.req.param("id"));
    const staff = barnum ? await barnums.listStaff(barnum.id) : [];
    const values = (await c.req.parseBody()) as FormValues;
    const confirmed = staff.some(
      (member) => member.mentorId === reading.mentor.id && member.status === "confirmed",
    );
    if (!barnum || !confirmed || (values.tookPlace !== "yes" && values.tookPlace !== "no")) {
      return spacePage(c, token, reading.mentor);
    }
    const outcome = await confirmBarnum(barnum, values.tookPlace === "yes");
    return back(c, token, outcome === "recorded" ? "bilan" : "bilan-deja");
  })
  .get("/:token/barnum/:id/visites", async (c) => {
    const token = c.req.param("token");
    const visitPage = await visitContext(c, token);
    if (visitPage instanceof Response) return visitPage;
    const { barnum } = visitPage;
    const count = (await barnums.listVisits(barnum.id)).length;
    return c.html(
      <VisitPage
        lang={c.var.lang}
        token={token}
        barnum={barnum}
        visitId={randomUUID()}
        count={count}
        recorded={c.req.query("fait") === "visite"}
      />,
    );
  })
  .post("/:token/barnum/:id/visites", async (c) => {
    const token = c.req.param("token");
    const visitPage = await visitContext(c, token);
    if (visitPage instanceof Response) return visitPage;
    const { barnum, mentorId } = visitPage;
    const values = (await c.req.parseBody()) as FormValues;
    const parsed = v.safeParse(VisitSchema, values);
    if (!parsed.success) {
      const count = (await barnums.listVisits(barnum.id)).length;
      return c.html(
        <VisitPage
          lang={c.var.lang}
          token={token}
          barnum={barnum}
          visitId={
            typeof values.visitId === "string" && values.visitId ? values.visitId : randomUUID()
          }
          count={count}
          errors={issuesByField(VisitSchema, parsed.issues)}
        />,
        422,
      );
    }
    await barnums.recordVisit(barnum, mentorId, parsed.output);
    return c.redirect(
      withLang(c, `/espace-mentor/${token}/barnum/${barnum.id}/visites?fait=visite`),
      303,
    );
  });

/** Only a mentor who staffs this BarNum' records its visits, and only around its day. */
async function visitContext(c: MentorContext, token: string) {
  const reading = await readMentorLink(token);
  if (!reading.ok) return invalidLink(c);
  const barnum = await barnums.getBarnum(c.req.param("id") ?? "");
  const staff = barnum
    ? (await barnums.listStaff(barnum.id)).find((member) => member.mentorId === reading.mentor.id)
    : undefined;
  if (!barnum || staff?.status !== "confirmed" || !canRecordVisits(barnum, clock.now())) {
    return c.html(
      <MessagePage
        lang={c.var.lang}
        path={c.req.path}
        title="BarNum'"
        body={say(c.var.lang, {
          fr: "Les visites se notent le jour du BarNum', par les mentors qui le tiennent.",
          en: "Visits are recorded on the day of the BarNum', by the mentors who staff it.",
        })}
      />,
      403,
    );
  }
  return { barnum, mentorId: reading.mentor.id };
}
