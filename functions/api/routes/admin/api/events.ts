import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { startBarnum } from "#core/barnum/event-steps";
import { BarnumFormSchema } from "#core/barnum/model";
import * as barnums from "#core/barnum/store";
import {
  barnumRows,
  barnumVisitsCsv,
  meetingRows,
  mentorHours,
  mentorHoursCsv,
  networkAttendanceCsv,
  PeriodSchema,
} from "#core/event-figures";
import { startMeeting } from "#core/network/event-steps";
import { MeetingFormSchema } from "#core/network/model";
import * as network from "#core/network/store";
import { programme } from "#core/programme";
import * as recognition from "#core/recognition";
import * as resources from "#core/resources";
import { jsonIssuesByField } from "#web/validation";
import {
  conflict,
  csvFile,
  describeForTeam,
  invalidBody,
  invalidQuery,
  notFound as notFoundDoc,
  ok,
  query,
} from "../../../openapi";
import { fieldProblems, problem } from "../../../problem";
import { csv, notFound } from "./shared";

/**
 * BarNum', the mentor network, resources, attestations and their figures, for the programme
 * team's JSON API (/api/admin/…). The bodies are checked by the schemas of the team's forms.
 */

/** A JSON body checked by a form's schema (which reads numbers as the form sends them: text). */
async function bodyOf<S extends v.GenericSchema>(c: Context, schema: S) {
  const body: unknown = await c.req.json();
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return { ok: true as const, value: parsed.output as v.InferOutput<S> };
  return {
    ok: false as const,
    response: problem(c, 422, "Certaines réponses ne sont pas valides.", {
      errors: fieldProblems(jsonIssuesByField(schema, parsed.issues, body)),
    }),
  };
}

const period = query(PeriodSchema);
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
      "Publier un BarNum' (événement, lieu, date, créneaux) et lancer son exécution",
      {
        ...ok("Le BarNum' publié (ou déjà publié : le même)", undefined, 201),
        ...invalidBody(),
      },
    ),
    async (c) => {
      const body = await bodyOf(c, BarnumFormSchema);
      if (!body.ok) return body.response;
      const { status, barnum } = await barnums.publishBarnum(body.value);
      await startBarnum(barnum.id);
      return c.json({ status, barnum }, 201);
    },
  )
  .get(
    "/barnum/:id",
    describeForTeam("Consulter un BarNum' : créneaux, mentors, inscriptions, visites", {
      ...ok("Le BarNum'"),
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
      return c.json({ barnum, staff, registrations: registrations.length, figures });
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
      ...ok("La rencontre programmée (ou déjà programmée : la même)", undefined, 201),
      ...invalidBody(),
    }),
    async (c) => {
      const body = await bodyOf(c, MeetingFormSchema);
      if (!body.ok) return body.response;
      const { status, meeting } = await network.scheduleMeeting(body.value);
      await startMeeting(meeting.id);
      return c.json({ status, meeting }, 201);
    },
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
    async (c) => {
      const body = await bodyOf(c, resources.ResourceSchema);
      if (!body.ok) return body.response;
      return c.json(await resources.addResource(body.value), 201);
    },
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
