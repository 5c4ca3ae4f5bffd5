import { Hono } from "hono";
import { problem } from "../../../problem";
import { programmeTeamOnly } from "../access";
import { cohortsApi } from "./cohorts";
import { eventsApi } from "./events";
import { figuresApi } from "./figures";
import { mailingsApi } from "./mailings";
import { matchingApi } from "./matching";
import { mentorsApi } from "./mentors";
import { pairsApi } from "./pairs";
import { questionnairesApi } from "./questionnaires";
import { workshopsApi } from "./workshops";

/**
 * The programme team's JSON API under /api/admin: one sub-app per resource, each in its own
 * file. Every route answers 401 problem+json, never data, without the team's role (../access.ts
 * decides, for the pages too).
 */
export const adminApi = new Hono()
  .use(
    "*",
    programmeTeamOnly("api", (c, refusal) => {
      c.header("WWW-Authenticate", 'Bearer realm="binome-equipe"');
      return problem(
        c,
        401,
        refusal === "missing-role"
          ? "Votre compte n'a pas le rôle « équipe d'animation » : demandez-le à l'administrateur du programme."
          : "Authentification requise : présentez le jeton de l'équipe d'animation.",
      );
    }),
  )
  .route("/cohorts", cohortsApi)
  .route("/cohorts", matchingApi)
  .route("/cohorts", mailingsApi)
  .route("/mentors", mentorsApi)
  .route("/questionnaires", questionnairesApi)
  .route("/pairs", pairsApi)
  .route("/workshops", workshopsApi)
  .route("/", figuresApi)
  .route("/", eventsApi);
