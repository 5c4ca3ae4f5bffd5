import { Hono } from "hono";
import * as mailings from "#core/cohort-mailing";
import {
  describeForTeam,
  invalidBody,
  jsonBody,
  notFound as notFoundDoc,
  object,
  ok,
} from "../../../openapi";
import { notFound } from "./shared";

/** The programme team's emails to a cohort: /api/admin/cohorts/{id}/mailings. */

const mailingSchema = object(
  {
    audience: { enum: [...mailings.audiences] },
    subject: { type: "string" },
    total: { type: "integer" },
    queued: { type: "integer" },
    status: { enum: ["queueing", "queued"] },
  },
  ["audience", "subject", "total", "queued", "status"],
);

const withoutRun = ({ runningSince: _run, recordedAtMs: _at, ...mailing }: mailings.Mailing) =>
  mailing;

export const mailingsApi = new Hono()
  .post(
    "/:id/mailings/preview",
    describeForTeam("Compter les destinataires d'un courriel à la vague", {
      ...ok(
        "Le nombre de personnes que le courriel atteindrait",
        object({ recipients: { type: "integer" } }),
      ),
      ...invalidBody(),
    }),
    jsonBody(mailings.PreviewSchema),
    async (c) => {
      const recipients = await mailings.loadRecipients(
        c.req.param("id"),
        c.req.valid("json").audience,
      );
      return c.json({ recipients: recipients.length });
    },
  )
  .post(
    "/:id/mailings",
    describeForTeam(
      "Écrire à une vague : un courriel par destinataire, par la file d'envoi (une seule fois par requestKey)",
      {
        ...ok(
          "Le courriel est enregistré ; ses exemplaires sont en file, ou s'y mettent pour une grande vague",
          object({ created: { type: "boolean" }, mailing: mailingSchema }),
          202,
        ),
        ...invalidBody(),
      },
    ),
    jsonBody(mailings.MailingSchema),
    async (c) => {
      const { mailing, created } = await mailings.sendMailing(
        c.req.param("id"),
        c.req.valid("json"),
      );
      return c.json({ created, mailing: withoutRun(mailing) }, 202);
    },
  )
  .get(
    "/:id/mailings/:key",
    describeForTeam("Suivre la mise en file d'un courriel à la vague", {
      ...ok("Le courriel et sa progression", mailingSchema),
      ...notFoundDoc("Ce courriel n'existe pas"),
    }),
    async (c) => {
      const mailing = await mailings.getMailing(c.req.param("id"), c.req.param("key"));
      if (!mailing) return notFound(c, "Ce courriel");
      return c.json(withoutRun(mailing));
    },
  );
