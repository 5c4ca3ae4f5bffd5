import { Hono } from "hono";
import { type LangEnv, language } from "../../../lang";
import { programmeTeamOnly } from "../access";
import { barnumAdminPages } from "./barnum";
import { cohortPages, cohortsHome } from "./cohorts";
import { feedbackPages } from "./feedback";
import { figurePages } from "./figures";
import { mailingPages } from "./mailings";
import { matchingPages } from "./matching";
import { mentorPages } from "./mentors";
import { networkPages } from "./network";
import { pairPages } from "./pairs";
import { privacyPages } from "./privacy";
import { questionnairePages } from "./questionnaires";
import { resourcePages } from "./resources";
import { loginPage, signedOut, signInPages } from "./sign-in";
import { workshopPages } from "./workshops";

/**
 * The programme team's pages under /admin: server-rendered, working without JavaScript. A form
 * posts, then redirects to the page with `?fait=…` (post/redirect/get), or comes back filled in
 * with its errors (422). Without the team's role every page is the login page, with a 401.
 *
 * One sub-app per resource, each in its own file; signing in is the only part open to everyone
 * (sign-in.tsx), and who may see the rest is decided in one place (../access.ts).
 *
 * French first, like every page: `?lang=en` switches to English (the `language` middleware), and
 * forms and redirects keep it.
 */
export const adminPages = new Hono<LangEnv>()
  .use(language)
  .route("/", signInPages)
  .use(
    "*",
    programmeTeamOnly("pages", (c, refusal) =>
      refusal === "signed-out"
        ? signedOut(c)
        : loginPage(c, 401, refusal === "missing-role" ? "missing-role" : undefined),
    ),
  )
  .get("/", cohortsHome)
  .route("/vagues", cohortPages)
  .route("/vagues", matchingPages)
  .route("/vagues", mailingPages)
  .route("/questionnaires", questionnairePages)
  .route("/mentors", mentorPages)
  .route("/binomes", pairPages)
  .route("/chiffres", figurePages)
  .route("/retours", feedbackPages)
  .route("/donnees", privacyPages)
  .route("/ressources", resourcePages)
  .route("/barnum", barnumAdminPages)
  .route("/reseau", networkPages)

  .route("/ateliers", workshopPages);
