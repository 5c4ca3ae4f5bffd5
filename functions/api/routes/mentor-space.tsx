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
import type { Localised } from "#core/programme";
import * as recognition from "#core/recognition";
import { listResources } from "#core/resources";
import { formatWhen } from "#core/words";
import type { FormValues } from "#web/form-kit";
import { MessagePage } from "#web/layout";
import {
  AnswerAgainPage,
  type AnswerQuestion,
  answerButtons,
  barnumField,
  ConsentAgainPage,
  MentorAccessAskPage,
  MentorAccessSentPage,
  MentorSpacePage,
  meetingField,
  VisitPage,
} from "#web/pages/mentor-space";
import { say } from "#web/say";
import { issuesByField } from "#web/validation";
import { type LangEnv, language } from "../lang";
import { storeOrShowAgain } from "../store-or-show-again";

/**
 * /espace-mentor/<token>: a mentor's own page, from the signed link of their emails. GET only
 * shows; every change (an answer, a visit, a consent) is a POST.
 */
type MentorContext = Context<LangEnv>;

// A field left out of the post reads as empty, so that its own French message is the one shown.
const AccessSchema = v.object({
  email: v.optional(emailField("Indiquez votre adresse électronique."), ""),
});

/** The answers given with a button on the mentor's page: a post without one is told so. */
const StaffingAnswerSchema = v.object({
  answer: v.picklist(["yes", "no"], "Dites si vous pourrez tenir ce BarNum'."),
});
const TookPlaceSchema = v.object({
  tookPlace: v.picklist(["yes", "no"], "Dites si le BarNum' a eu lieu."),
});
const MeetingReplySchema = v.object({
  reply: v.picklist(["yes", "no"], "Dites si vous venez à cette rencontre."),
});

/**
 * A page carries one such answer per BarNum' and per meeting: each error is named after its own
 * event, so the summary links to the right card.
 */
const scoped = (
  field: (name: string) => string,
  schema: v.GenericSchema,
  issues: readonly v.BaseIssue<unknown>[],
) =>
  Object.fromEntries(
    Object.entries(issuesByField(schema, issues)).map(([name, message]) => [field(name), message]),
  );

/** An answer this mentor cannot give (yet): said, never silently ignored. */
const notYours = (c: MentorContext, body: Localised) =>
  c.html(
    <MessagePage
      lang={c.var.lang}
      path={c.req.path}
      title="BarNum'"
      body={say(c.var.lang, body)}
    />,
    403,
  );

/** A BarNum' or a meeting the mentor was not asked to (or that does not exist). */
const notOnPage = (c: MentorContext) =>
  c.html(
    <MessagePage
      lang={c.var.lang}
      path={c.req.path}
      title={say(c.var.lang, { fr: "Rien à répondre ici", en: "Nothing to answer here" })}
      body={say(c.var.lang, {
        fr: "Cet événement ne vous est pas proposé : revenez à votre page de mentor par le lien de votre dernier courriel.",
        en: "This event is not proposed to you: go back to your mentor page through the link of your last email.",
      })}
    />,
    404,
  );

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

/**
 * An answer given with a button of the mentor's page, stored or, when a service is away, shown
 * again with the answer kept (the page itself cannot be read then). Every read is inside `store`:
 * an outage from the link's reading on gives the answer back. `about` names the BarNum' or the
 * meeting once it was read, for the page shown again.
 */
async function answerOrShowAgain(
  c: MentorContext,
  question: AnswerQuestion,
  store: (values: FormValues, about: { name?: string }) => Promise<Response>,
) {
  const values = (await c.req.parseBody()) as FormValues;
  const about: { name?: string } = {};
  return storeOrShowAgain(
    c,
    () => store(values, about),
    (unavailable) => (
      <AnswerAgainPage
        lang={c.var.lang}
        token={c.req.param("token") ?? ""}
        action={withLang(c, c.req.path)}
        question={question}
        about={about.name}
        choice={values[answerButtons[question].name]}
        unavailable={unavailable}
      />
    ),
  );
}

/** A posted visit id kept through an outage, so that the visit sent again is stored once. */
const keptVisitId = (values: FormValues) =>
  typeof values.visitId === "string" && v.is(VisitSchema.entries.visitId, values.visitId)
    ? values.visitId
    : randomUUID();

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
    // Known or not, an address makes the same writes: the outage's answer cannot tell them apart.
    return storeOrShowAgain(
      c,
      async () => {
        await sendMentorAccess(parsed.output.email, c.var.lang);
        return c.html(<MentorAccessSentPage lang={c.var.lang} />);
      },
      (unavailable) => (
        <MentorAccessAskPage lang={c.var.lang} values={values} unavailable={unavailable} />
      ),
    );
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
    const values = (await c.req.parseBody({ all: true })) as FormValues;
    // Every read is inside: an outage from the link's reading on gives the form back, filled in.
    return storeOrShowAgain(
      c,
      async () => {
        const reading = await readMentorLink(token);
        if (!reading.ok) return invalidLink(c);
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
        // A plain put of the same consent: sent again after an outage, it is stored once.
        await recognition.recordConsent(reading.mentor.id, parsed.output.managerEmail);
        return back(c, token, "consentement");
      },
      (unavailable) => (
        <ConsentAgainPage
          lang={c.var.lang}
          token={token}
          values={values}
          unavailable={unavailable}
        />
      ),
    );
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
  .post("/:token/barnum/:id", (c) =>
    answerOrShowAgain(c, "staffing", async (values, about) => {
      const token = c.req.param("token");
      const reading = await readMentorLink(token);
      if (!reading.ok) return invalidLink(c);
      const barnum = await barnums.getBarnum(c.req.param("id"));
      const asked = barnum
        ? (await barnums.listStaff(barnum.id)).some((m) => m.mentorId === reading.mentor.id)
        : false;
      if (!barnum || !asked) return notOnPage(c);
      about.name = barnum.event;
      // Over or cancelled, its card has no buttons any more: whatever the answer, it is too late.
      if (barnum.status !== "published" || Date.parse(barnum.endsAt) <= clock.now().getTime()) {
        return back(c, token, "barnum-trop-tard");
      }
      const parsed = v.safeParse(StaffingAnswerSchema, values);
      if (!parsed.success) {
        return spacePage(c, token, reading.mentor, {
          errors: scoped(
            (name) => barnumField(barnum.id, name),
            StaffingAnswerSchema,
            parsed.issues,
          ),
        });
      }
      const { answer } = parsed.output;
      const pageLink = `${env.appUrl}/espace-mentor/${token}`;
      const outcome = await barnums.answerStaffing(barnum, reading.mentor.id, answer, pageLink);
      if (outcome === "not-asked") return notOnPage(c);
      if (outcome === "closed") return back(c, token, "barnum-trop-tard");
      // Recorded or, posted again (a retry after an outage too), unchanged: the same answer.
      return back(c, token, answer === "yes" ? "barnum-oui" : "barnum-non");
    }),
  )
  .post("/:token/rencontre/:id", (c) =>
    answerOrShowAgain(c, "meetingReply", async (values, about) => {
      const token = c.req.param("token");
      const reading = await readMentorLink(token);
      if (!reading.ok) return invalidLink(c);
      const meeting = await getMeeting(c.req.param("id"));
      if (!meeting) return notOnPage(c);
      about.name = `${say(c.var.lang, meetingKindLabel[meeting.kind])}, ${say(c.var.lang, formatWhen(new Date(meeting.startsAt)))}`;
      if (!isAhead(meeting, clock.now())) return back(c, token, "trop-tard");
      const parsed = v.safeParse(MeetingReplySchema, values);
      if (!parsed.success) {
        const invited = (await meetingsOfMentor(reading.mentor.id)).some(
          (entry) => entry.meeting.id === meeting.id,
        );
        if (!invited) return notOnPage(c);
        return spacePage(c, token, reading.mentor, {
          errors: scoped(
            (name) => meetingField(meeting.id, name),
            MeetingReplySchema,
            parsed.issues,
          ),
        });
      }
      const { reply } = parsed.output;
      // The same reply again (a retry after an outage) rewrites it: the same answer.
      const outcome = await replyToMeeting(meeting, reading.mentor.id, reply);
      if (outcome === "not-invited") return notOnPage(c);
      return back(
        c,
        token,
        outcome === "too-late" ? "trop-tard" : `rencontre-${reply === "yes" ? "oui" : "non"}`,
      );
    }),
  )
  .post("/:token/barnum/:id/bilan", (c) =>
    answerOrShowAgain(c, "tookPlace", async (values, about) => {
      const token = c.req.param("token");
      const reading = await readMentorLink(token);
      if (!reading.ok) return invalidLink(c);
      const barnum = await barnums.getBarnum(c.req.param("id"));
      const staff = barnum
        ? (await barnums.listStaff(barnum.id)).find((m) => m.mentorId === reading.mentor.id)
        : undefined;
      if (!barnum || !staff) return notOnPage(c);
      if (staff.status !== "confirmed" || Date.parse(barnum.endsAt) > clock.now().getTime()) {
        return notYours(c, {
          fr: "Seuls les mentors qui tiennent ce BarNum' disent, après sa fin, s'il a eu lieu.",
          en: "Only the mentors who staff this BarNum' say, after its end, whether it took place.",
        });
      }
      about.name = barnum.event;
      const parsed = v.safeParse(TookPlaceSchema, values);
      // Closed by its workflow (the question is no longer on the page): what was recorded
      // stands, and the same answer again is told the same.
      if (barnum.closedAt) {
        const same = parsed.success && barnum.tookPlace === (parsed.output.tookPlace === "yes");
        return back(c, token, same ? "bilan" : "bilan-deja");
      }
      if (!parsed.success) {
        return spacePage(c, token, reading.mentor, {
          errors: scoped((name) => barnumField(barnum.id, name), TookPlaceSchema, parsed.issues),
        });
      }
      const tookPlace = parsed.output.tookPlace === "yes";
      // The same answer again (a retry after an outage) is "unchanged": told as the first.
      const outcome = await confirmBarnum(barnum, tookPlace);
      return back(c, token, outcome === "already-recorded" ? "bilan-deja" : "bilan");
    }),
  )
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
        barnumId={barnum.id}
        seen={{ event: barnum.event, count }}
        visitId={randomUUID()}
        recorded={c.req.query("fait") === "visite"}
      />,
    );
  })
  .post("/:token/barnum/:id/visites", async (c) => {
    const token = c.req.param("token");
    const values = (await c.req.parseBody()) as FormValues;
    // A visit id that is not one (a page from elsewhere) is replaced: sending again works.
    const visitId = keptVisitId(values);
    return storeOrShowAgain(
      c,
      async () => {
        const visitPage = await visitContext(c, token);
        if (visitPage instanceof Response) return visitPage;
        const { barnum, mentorId } = visitPage;
        const parsed = v.safeParse(VisitSchema, values);
        if (!parsed.success) {
          const count = (await barnums.listVisits(barnum.id)).length;
          return c.html(
            <VisitPage
              lang={c.var.lang}
              token={token}
              barnumId={barnum.id}
              seen={{ event: barnum.event, count }}
              visitId={visitId}
              values={values}
              errors={issuesByField(VisitSchema, parsed.issues)}
            />,
            422,
          );
        }
        // Stored under its visit id: the same visit again (a retry) is "already-recorded".
        await barnums.recordVisit(barnum, mentorId, parsed.output);
        return c.redirect(
          withLang(c, `/espace-mentor/${token}/barnum/${barnum.id}/visites?fait=visite`),
          303,
        );
      },
      (unavailable) => (
        <VisitPage
          lang={c.var.lang}
          token={token}
          barnumId={c.req.param("id")}
          visitId={visitId}
          values={values}
          unavailable={unavailable}
        />
      ),
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
    return notYours(c, {
      fr: "Les visites se notent le jour du BarNum', par les mentors qui le tiennent.",
      en: "Visits are recorded on the day of the BarNum', by the mentors who staff it.",
    });
  }
  return { barnum, mentorId: reading.mentor.id };
}
