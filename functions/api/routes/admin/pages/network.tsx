import { Hono } from "hono";
import * as v from "valibot";
import { clock } from "#core/clock";
import { hasBegun } from "#core/event-dates";
import { changeMeeting, recordMeetingAttendance, startMeeting } from "#core/network/event-steps";
import {
  isAhead,
  MeetingFormSchema,
  MeetingMoveSchema,
  type NetworkMeeting,
  proposedNextDate,
} from "#core/network/model";
import * as network from "#core/network/store";
import {
  AttendanceSchema,
  atTheGroup,
  attendanceFromForm,
  unknownIds,
} from "#web/admin-event-forms";
import type { FieldErrors, FormValues } from "#web/form-kit";
import { changeDone } from "#web/pages/admin/event-parts";
import { MeetingPage, NetworkPage } from "#web/pages/admin/network";
import { issuesByField } from "#web/validation";
import type { LangEnv } from "../../../lang";
import { form, langOf, notFoundPage, redirectDone, text } from "./shared";

/** /admin/reseau: schedule network meetings and preparation sessions, invite, record attendance. */

const noSuchMeeting = { fr: "Cette rencontre n'existe pas.", en: "This meeting does not exist." };

async function overview() {
  const meetings = await network.listMeetings();
  const [rows, unprepared] = await Promise.all([
    Promise.all(
      meetings.map(async (meeting) => {
        const invitations = await network.listInvitations(meeting.id);
        return {
          meeting,
          invited: invitations.length,
          attended: invitations.filter((invitation) => invitation.attended).length,
        };
      }),
    ),
    network.unpreparedMentors(),
  ]);
  return { rows, unprepared, proposedDate: proposedNextDate(meetings, clock.now()) };
}

async function meetingPage(
  meeting: NetworkMeeting,
  view: { lang: "fr" | "en"; done?: string; values?: FormValues; errors?: FieldErrors },
) {
  return (
    <MeetingPage
      {...view}
      meeting={meeting}
      invitations={await network.listInvitations(meeting.id)}
      changeable={isAhead(meeting, clock.now())}
      begun={hasBegun(meeting.startsAt, clock.now())}
    />
  );
}

export const networkPages = new Hono<LangEnv>()
  .get("/", async (c) => {
    const { rows, unprepared, proposedDate } = await overview();
    return c.html(
      <NetworkPage
        lang={langOf(c)}
        meetings={rows}
        unprepared={unprepared}
        proposedDate={proposedDate}
        done={c.req.query("fait")}
      />,
    );
  })
  .post("/", async (c) => {
    const values = await form(c);
    const parsed = v.safeParse(MeetingFormSchema, {
      kind: text(values, "kind"),
      date: text(values, "date"),
      time: text(values, "time"),
      durationMinutes: text(values, "durationMinutes"),
      place: text(values, "place"),
      agenda: text(values, "agenda"),
    });
    if (!parsed.success) {
      const { rows, unprepared, proposedDate } = await overview();
      return c.html(
        <NetworkPage
          lang={langOf(c)}
          meetings={rows}
          unprepared={unprepared}
          proposedDate={proposedDate}
          values={values}
          errors={issuesByField(MeetingFormSchema, parsed.issues)}
        />,
        422,
      );
    }
    const { meeting } = await network.scheduleMeeting(parsed.output);
    // The execution invites every mentor concerned; scheduled again, it is found running.
    await startMeeting(meeting.id);
    return redirectDone(c, `/admin/reseau/${meeting.id}`, "rencontre-programmee");
  })
  .get("/:id", async (c) => {
    const meeting = await network.getMeeting(c.req.param("id"));
    if (!meeting) return notFoundPage(c, noSuchMeeting);
    return c.html(await meetingPage(meeting, { lang: langOf(c), done: c.req.query("fait") }));
  })
  .post("/:id/deplacer", async (c) => {
    const meeting = await network.getMeeting(c.req.param("id"));
    if (!meeting) return notFoundPage(c, noSuchMeeting);
    const values = await form(c);
    const parsed = v.safeParse(MeetingMoveSchema, {
      date: text(values, "date"),
      time: text(values, "time"),
      place: text(values, "place"),
    });
    if (!parsed.success) {
      const errors = issuesByField(MeetingMoveSchema, parsed.issues);
      return c.html(await meetingPage(meeting, { lang: langOf(c), values, errors }), 422);
    }
    const outcome = await changeMeeting(meeting.id, { move: parsed.output });
    return redirectDone(c, `/admin/reseau/${meeting.id}`, changeDone(outcome, "deplace"));
  })
  .post("/:id/annuler", async (c) => {
    const meeting = await network.getMeeting(c.req.param("id"));
    if (!meeting) return notFoundPage(c, noSuchMeeting);
    const outcome = await changeMeeting(meeting.id, "cancel");
    return redirectDone(c, `/admin/reseau/${meeting.id}`, changeDone(outcome, "annule"));
  })
  .post("/:id/inviter", async (c) => {
    const meeting = await network.getMeeting(c.req.param("id"));
    if (!meeting) return notFoundPage(c, noSuchMeeting);
    if (meeting.status !== "cancelled") await network.inviteMentors(meeting);
    return redirectDone(c, `/admin/reseau/${meeting.id}`, "invitations");
  })
  .post("/:id/presences", async (c) => {
    const meeting = await network.getMeeting(c.req.param("id"));
    if (!meeting) return notFoundPage(c, noSuchMeeting);
    if (meeting.status === "cancelled") {
      return redirectDone(c, `/admin/reseau/${meeting.id}`, "trop-tard");
    }
    // Recorded before it took place, it would count hours nobody spent.
    if (!hasBegun(meeting.startsAt, clock.now())) {
      return redirectDone(c, `/admin/reseau/${meeting.id}`, "presences-trop-tot");
    }
    const values = await form(c);
    const { present, error } = attendanceFromForm(values);
    const parsed = v.safeParse(AttendanceSchema, { present });
    const invited = new Set(
      (await network.listInvitations(meeting.id)).map((invitation) => invitation.mentorId),
    );
    const errors = error
      ? { present: error }
      : atTheGroup(
          "present",
          parsed.success
            ? unknownIds("present", present, invited, "not-invited")
            : issuesByField(AttendanceSchema, parsed.issues),
        );
    if (Object.keys(errors).length > 0) {
      return c.html(await meetingPage(meeting, { lang: langOf(c), values, errors }), 422);
    }
    // The same list twice records the same thing: nothing changes the second time.
    await recordMeetingAttendance(meeting, [...new Set(present)]);
    return redirectDone(c, `/admin/reseau/${meeting.id}`, "presences");
  });
