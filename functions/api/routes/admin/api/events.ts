import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { changeBarnum, startBarnum } from "#core/barnum/event-steps";
import { BarnumFormSchema, BarnumMoveSchema, canChange } from "#core/barnum/model";
import type { ChangeOutcome } from "#core/barnum/store";
import * as barnums from "#core/barnum/store";
import { clock } from "#core/clock";
import { hasBegun } from "#core/event-dates";
import {
  barnumRows,
  barnumVisitsCsv,
  meetingRows,
  mentorHours,
  mentorHoursCsv,
  networkAttendanceCsv,
  PeriodSchema,
} from "#core/event-figures";
import { changeMeeting, recordMeetingAttendance, startMeeting } from "#core/network/event-steps";
import { currentReply, MeetingFormSchema, MeetingMoveSchema } from "#core/network/model";
import * as network from "#core/network/store";
import { programme } from "#core/programme";
import * as recognition from "#core/recognition";
import * as resources from "#core/resources";
import { AttendanceSchema, StaffingSchema, unknownIds } from "#web/admin-event-forms";
import {
  conflict,
  csvFile,
  describeForTeam,
  invalidBody,
  invalidQuery,
  jsonBody,
  notFound as notFoundDoc,
  object,
  ok,
  query,
} from "../../../openapi";
import { problem } from "../../../problem";
import { csv, invalidFields, notFound } from "./shared";

/**
 * BarNum', the mentor network, resources, attestations and their figures, for the programme
 * team's JSON API (/api/admin/…). The bodies are checked by the schemas of the team's forms.
 */

// What the answers hold, for the OpenAPI document: counts are JSON integers, instants ISO 8601
// strings in UTC (for machines; the pages say them in French).
const integer = { type: "integer", minimum: 0 };
const instant = { type: "string", format: "date-time" };
const text = { type: "string" };
const slotSchema = object({ id: text, startsAt: instant, endsAt: instant });
const barnumSchema = object(
  {
    id: text,
    event: text,
    place: text,
    startsAt: instant,
    endsAt: instant,
    slotMinutes: integer,
    placesPerSlot: integer,
    slots: { type: "array", items: slotSchema },
    taken: { type: "object", additionalProperties: integer },
    status: { type: "string", enum: ["published", "cancelled"] },
    sequence: integer,
    createdAt: instant,
    cancelledAt: instant,
    closedAt: instant,
    tookPlace: { type: "boolean" },
  },
  [
    "id",
    "event",
    "place",
    "startsAt",
    "endsAt",
    "slotMinutes",
    "placesPerSlot",
    "slots",
    "taken",
    "status",
  ],
);
const figuresSchema = object({
  visits: integer,
  resolved: integer,
  byTheme: {
    type: "array",
    items: object({ theme: text, visits: integer, resolved: integer }),
  },
});
const meetingSchema = object(
  {
    id: text,
    kind: { type: "string", enum: ["network", "preparation"] },
    startsAt: instant,
    durationMinutes: integer,
    place: text,
    agenda: text,
    status: { type: "string", enum: ["scheduled", "cancelled"] },
    sequence: integer,
    createdAt: instant,
    cancelledAt: instant,
    attendanceRecorded: { type: "boolean" },
  },
  ["id", "kind", "startsAt", "durationMinutes", "place", "agenda"],
);
const created = (what: string) =>
  object({
    status: { type: "string", enum: ["created", "exists"] },
    [what]: what === "barnum" ? barnumSchema : meetingSchema,
  });
const changed = object({
  status: { type: "string", enum: ["changed", "unchanged"] },
});
const tooLate = conflict("Il a déjà commencé ou il est annulé : il ne change plus");

const period = query(PeriodSchema);

function changeAnswer(c: Context, outcome: ChangeOutcome, what: string) {
  if (outcome === "not-found") return notFound(c, what);
  if (outcome === "too-late") {
    return problem(c, 409, "Il a déjà commencé ou il est annulé : il ne change plus.");
  }
  return c.json({ status: outcome });
}
const cohortQuery = query(v.object({ cohort: v.optional(v.pipe(v.string(), v.maxLength(40))) }));

export const eventsApi = new Hono()
  .get(
    "/barnum",
    describeForTeam("Lister les BarNum' d'une période, avec leurs visites par thème", {
      ...ok("Les BarNum' et leurs chiffres"),
      ...invalidQuery,
    }),
    period,
    async (c) => c.json({ barnums: await barnumRows(c.req.valid("query")) }),
  )
  .post(
    "/barnum",
    describeForTeam(
      "Publier un BarNum' (événement, lieu, date, créneaux) et lancer son exécution (une seule fois par requestKey)",
      {
        ...ok(
          "Le BarNum' publié (exists : déjà publié pour cette requestKey, le même, même déplacé ou annulé depuis)",
          created("barnum"),
          201,
        ),
        ...invalidBody(),
      },
    ),
    jsonBody(BarnumFormSchema),
    async (c) => {
      const { status, barnum } = await barnums.publishBarnum(c.req.valid("json"));
      await startBarnum(barnum.id);
      return c.json({ status, barnum }, 201);
    },
  )
  .post(
    "/barnum/:id/move",
    describeForTeam(
      "Déplacer un BarNum' (date, heure de début, lieu) : chacun est prévenu, son agenda mis à jour",
      {
        ...ok("Déplacé (ou déjà à cette date)", changed),
        ...invalidBody(),
        ...notFoundDoc("Ce BarNum' n'existe pas"),
        ...tooLate,
      },
    ),
    jsonBody(BarnumMoveSchema),
    async (c) =>
      changeAnswer(
        c,
        await changeBarnum(c.req.param("id"), { move: c.req.valid("json") }),
        "Ce BarNum'",
      ),
  )
  .post(
    "/barnum/:id/cancel",
    describeForTeam("Annuler un BarNum' : chacun est prévenu, l'événement retiré de son agenda", {
      ...ok("Annulé (ou déjà annulé)", changed),
      ...notFoundDoc("Ce BarNum' n'existe pas"),
      ...tooLate,
    }),
    async (c) => changeAnswer(c, await changeBarnum(c.req.param("id"), "cancel"), "Ce BarNum'"),
  )
  .post(
    "/barnum/:id/mentors",
    describeForTeam(
      "Solliciter des mentors pour tenir un BarNum' (chacun répond depuis sa page ; sollicité deux fois, un mentor ne l'est qu'une)",
      {
        ...ok(
          "Combien ont été sollicités, combien l'étaient déjà",
          object({ asked: integer, already: integer }),
        ),
        ...invalidBody("dont un mentor qui n'est pas parmi les mentors retenus"),
        ...notFoundDoc("Ce BarNum' n'existe pas"),
        ...conflict("Il a déjà commencé ou il est annulé"),
      },
    ),
    jsonBody(StaffingSchema),
    async (c) => {
      const barnum = await barnums.getBarnum(c.req.param("id"));
      if (!barnum) return notFound(c, "Ce BarNum'");
      if (!canChange(barnum, clock.now())) {
        return problem(
          c,
          409,
          "Ce BarNum' a déjà commencé ou il est annulé : aucun mentor n'est sollicité.",
        );
      }
      const { mentorIds } = c.req.valid("json");
      const selected = new Set((await network.activeMentors()).map((mentor) => mentor.id));
      const errors = unknownIds("mentorIds", mentorIds, selected, "not-selected");
      if (Object.keys(errors).length > 0) return invalidFields(c, errors);
      return c.json(await barnums.askMentors(barnum, mentorIds));
    },
  )
  .get(
    "/barnum/:id",
    describeForTeam("Consulter un BarNum' : créneaux, mentors, inscriptions, visites", {
      ...ok(
        "Le BarNum'",
        object({
          barnum: barnumSchema,
          staff: {
            type: "array",
            items: object(
              {
                mentorId: text,
                name: text,
                status: { type: "string", enum: ["asked", "confirmed", "declined"] },
                askedAt: instant,
                answeredAt: instant,
              },
              ["mentorId", "name", "status", "askedAt"],
            ),
          },
          registrations: integer,
          figures: figuresSchema,
        }),
      ),
      ...notFoundDoc("Ce BarNum' n'existe pas"),
    }),
    async (c) => {
      const barnum = await barnums.getBarnum(c.req.param("id"));
      if (!barnum) return notFound(c, "Ce BarNum'");
      const [staff, registrations, figures] = await Promise.all([
        barnums.listStaff(barnum.id),
        barnums.listRegistrations(barnum.id),
        barnums.figuresOf(barnum.id),
      ]);
      return c.json({
        barnum,
        staff: staff.map(({ mentorId, name, status, askedAt, answeredAt }) => ({
          mentorId,
          name,
          status,
          askedAt,
          ...(answeredAt ? { answeredAt } : {}),
        })),
        registrations: registrations.length,
        figures,
      });
    },
  )
  .get(
    "/network",
    describeForTeam(
      "Lister les rencontres du réseau d'une période et les mentors pas encore préparés",
      {
        ...ok("Les rencontres, leurs présences, et les mentors à préparer"),
        ...invalidQuery,
      },
    ),
    period,
    async (c) => {
      const [meetings, unprepared] = await Promise.all([
        meetingRows(c.req.valid("query")),
        network.unpreparedMentors(),
      ]);
      return c.json({
        meetings,
        unprepared: unprepared.map((row) => ({
          mentorId: row.mentor.id,
          name: `${row.mentor.answers.firstName} ${row.mentor.answers.lastName}`,
          hasPair: row.hasPair,
          invited: row.invited,
        })),
      });
    },
  )
  .post(
    "/network",
    describeForTeam("Programmer une rencontre du réseau ou une séance de préparation, et inviter", {
      ...ok("La rencontre programmée (ou déjà programmée : la même)", created("meeting"), 201),
      ...invalidBody(),
    }),
    jsonBody(MeetingFormSchema),
    async (c) => {
      const { status, meeting } = await network.scheduleMeeting(c.req.valid("json"));
      await startMeeting(meeting.id);
      return c.json({ status, meeting }, 201);
    },
  )
  .get(
    "/network/:id",
    describeForTeam("Consulter une rencontre : les mentors invités, leur réponse, leur présence", {
      ...ok(
        "La rencontre",
        object({
          meeting: meetingSchema,
          invitations: {
            type: "array",
            items: object(
              {
                mentorId: text,
                name: text,
                invitedAt: instant,
                reply: { type: ["string", "null"], enum: ["yes", "no", null] },
                attended: { type: ["boolean", "null"] },
              },
              ["mentorId", "name", "invitedAt", "reply", "attended"],
            ),
          },
        }),
      ),
      ...notFoundDoc("Cette rencontre n'existe pas"),
    }),
    async (c) => {
      const meeting = await network.getMeeting(c.req.param("id"));
      if (!meeting) return notFound(c, "Cette rencontre");
      const invitations = await network.listInvitations(meeting.id);
      return c.json({
        meeting,
        invitations: invitations.map((invitation) => ({
          mentorId: invitation.mentorId,
          name: invitation.name,
          invitedAt: invitation.invitedAt,
          // The answer for the meeting's current date: a move asks again.
          reply: currentReply(meeting, invitation) ?? null,
          attended: meeting.attendanceRecorded ? (invitation.attended ?? false) : null,
        })),
      });
    },
  )
  .post(
    "/network/:id/move",
    describeForTeam(
      "Déplacer une rencontre (date, heure, lieu) : chaque mentor invité est prévenu et peut répondre à nouveau",
      {
        ...ok("Déplacée (ou déjà à cette date)", changed),
        ...invalidBody(),
        ...notFoundDoc("Cette rencontre n'existe pas"),
        ...tooLate,
      },
    ),
    jsonBody(MeetingMoveSchema),
    async (c) =>
      changeAnswer(
        c,
        await changeMeeting(c.req.param("id"), { move: c.req.valid("json") }),
        "Cette rencontre",
      ),
  )
  .put(
    "/network/:id/attendance",
    describeForTeam(
      "Enregistrer qui était présent à une rencontre (une liste vide : personne n'est venu ; la même deux fois ne change rien)",
      {
        ...ok("Les présences enregistrées", object({ present: integer })),
        ...invalidBody("dont un mentor qui n'est pas invité"),
        ...notFoundDoc("Cette rencontre n'existe pas"),
        ...conflict("La rencontre est annulée, ou n'a pas encore commencé"),
      },
    ),
    jsonBody(AttendanceSchema),
    async (c) => {
      const meeting = await network.getMeeting(c.req.param("id"));
      if (!meeting) return notFound(c, "Cette rencontre");
      if (meeting.status === "cancelled") {
        return problem(
          c,
          409,
          "Cette rencontre est annulée : les présences ne s'enregistrent pas.",
        );
      }
      if (!hasBegun(meeting.startsAt, clock.now())) {
        return problem(
          c,
          409,
          "La rencontre n'a pas encore commencé : les présences s'enregistrent une fois qu'elle a eu lieu.",
        );
      }
      const { present } = c.req.valid("json");
      const invited = new Set(
        (await network.listInvitations(meeting.id)).map((invitation) => invitation.mentorId),
      );
      const errors = unknownIds("present", present, invited, "not-invited");
      if (Object.keys(errors).length > 0) return invalidFields(c, errors);
      await recordMeetingAttendance(meeting, [...new Set(present)]);
      return c.json({ present: new Set(present).size });
    },
  )
  .post(
    "/network/:id/cancel",
    describeForTeam("Annuler une rencontre : chaque mentor invité est prévenu", {
      ...ok("Annulée (ou déjà annulée)", changed),
      ...notFoundDoc("Cette rencontre n'existe pas"),
      ...tooLate,
    }),
    async (c) =>
      changeAnswer(c, await changeMeeting(c.req.param("id"), "cancel"), "Cette rencontre"),
  )
  .get(
    "/resources",
    describeForTeam("Lister les ressources par thème", { ...ok("Les ressources") }),
    async (c) => c.json({ resources: await resources.listResources() }),
  )
  .post(
    "/resources",
    describeForTeam("Ajouter une ressource (titre, adresse, description, durée, public)", {
      ...ok("La ressource ajoutée", undefined, 201),
      ...invalidBody(),
    }),
    jsonBody(resources.ResourceSchema),
    async (c) => c.json(await resources.addResource(c.req.valid("json")), 201),
  )
  .delete(
    "/resources/:id",
    describeForTeam("Retirer une ressource", { 204: { description: "Retirée" } }),
    async (c) => {
      await resources.removeResource(c.req.param("id"));
      return c.body(null, 204);
    },
  )
  .get(
    "/mentors/:id/record",
    describeForTeam(
      "Consulter le bilan d'un mentor : binômes, séances, ateliers, BarNum', réseau, heures",
      {
        ...ok("Le bilan du mentor"),
        ...notFoundDoc("Ce mentor n'existe pas"),
      },
    ),
    async (c) => {
      const record = await recognition.loadRecordOfWork(c.req.param("id"));
      if (!record) return notFound(c, "Ce mentor");
      const consent = await recognition.getConsent(record.mentorId);
      return c.json({ ...record, managerConsent: consent ?? null });
    },
  )
  .get(
    "/mentors/:id/attestation.pdf",
    describeForTeam("Télécharger l'attestation d'un mentor (PDF daté, au nom du programme)", {
      200: {
        description: "L'attestation",
        content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
      },
      ...notFoundDoc("Ce mentor n'existe pas"),
    }),
    async (c) => {
      const record = await recognition.loadRecordOfWork(c.req.param("id"));
      if (!record) return notFound(c, "Ce mentor");
      const pdf = await recognition.attestationPdf(record);
      return c.body(pdf.slice().buffer as ArrayBuffer, 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": 'attachment; filename="attestation-mentorat.pdf"',
      });
    },
  )
  .post(
    "/mentors/:id/attestation/send",
    describeForTeam("Envoyer l'attestation au responsable du mentor (avec son accord enregistré)", {
      ...ok("Mise en file d'envoi (ou déjà envoyée aujourd'hui)"),
      ...notFoundDoc("Ce mentor n'existe pas"),
      ...conflict("Le mentor n'a pas donné son accord"),
    }),
    async (c) => {
      const outcome = await recognition.sendAttestationToManager(c.req.param("id"));
      if (outcome === "not-found") return notFound(c, "Ce mentor");
      if (outcome === "no-consent") {
        return problem(
          c,
          409,
          "Le mentor n'a pas donné son accord : l'attestation n'est pas envoyée.",
        );
      }
      return c.json({ status: outcome });
    },
  )
  .get(
    "/exports/barnum-visits.csv",
    describeForTeam("Exporter les visites des BarNum' par thème, sur une période (CSV)", {
      ...csvFile("Les visites (CSV, UTF-8)"),
      ...invalidQuery,
    }),
    period,
    async (c) =>
      csv(c, barnumVisitsCsv(await barnumRows(c.req.valid("query"))), "barnum-visites.csv"),
  )
  .get(
    "/exports/network-attendance.csv",
    describeForTeam("Exporter les présences aux rencontres du réseau, sur une période (CSV)", {
      ...csvFile("Les présences (CSV, UTF-8)"),
      ...invalidQuery,
    }),
    period,
    async (c) =>
      csv(c, networkAttendanceCsv(await meetingRows(c.req.valid("query"))), "reseau-presences.csv"),
  )
  .get(
    "/exports/mentor-hours.csv",
    describeForTeam("Exporter les heures des mentors d'une vague, par activité (CSV)", {
      ...csvFile("Les heures (CSV, UTF-8)"),
      ...invalidQuery,
    }),
    cohortQuery,
    async (c) => {
      const cohortId = c.req.valid("query").cohort ?? programme.openCohortId;
      return csv(c, mentorHoursCsv(await mentorHours(cohortId)), `heures-mentors-${cohortId}.csv`);
    },
  );
