import { Hono } from "hono";
import * as v from "valibot";
import * as mentor from "#core/mentor";
import * as questionnaire from "#core/questionnaire";
import { mentorFromForm, questionnaireFromForm } from "#web/form-data";
import type { FormValues } from "#web/form-kit";
import { AccessibilityPage } from "#web/pages/accessibility";
import { ConfirmationPage } from "#web/pages/confirmation";
import { HomePage } from "#web/pages/home";
import { MentorApplicationPage } from "#web/pages/mentor-application";
import { PrivacyPage } from "#web/pages/privacy";
import { QuestionnairePage } from "#web/pages/questionnaire";
import { favicon, stylesheet } from "#web/styles";
import { issuesByField } from "#web/validation";
import { type LangEnv, language } from "../lang";
import { storeOrShowAgain } from "../store-or-show-again";

/** The public pages: they work without JavaScript; a form with errors comes back filled in. */
export const publicPages = new Hono<LangEnv>()
  .use(language)
  .get("/assets/site.css", (c) =>
    c.body(stylesheet, 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    }),
  )
  .get("/favicon.svg", (c) =>
    c.body(favicon, 200, {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=86400",
    }),
  )
  .get("/", (c) => c.html(<HomePage lang={c.var.lang} />))
  .get("/confidentialite", (c) => c.html(<PrivacyPage lang={c.var.lang} />))
  .get("/accessibilite", (c) => c.html(<AccessibilityPage lang={c.var.lang} />))
  .get("/questionnaire", (c) => c.html(<QuestionnairePage lang={c.var.lang} />))
  .post("/questionnaire", async (c) => {
    const values = (await c.req.parseBody({ all: true })) as FormValues;
    const parsed = v.safeParse(questionnaire.QuestionnaireSchema, questionnaireFromForm(values));
    if (!parsed.success) {
      const errors = issuesByField(questionnaire.QuestionnaireSchema, parsed.issues);
      return c.html(<QuestionnairePage lang={c.var.lang} values={values} errors={errors} />, 422);
    }
    return storeOrShowAgain(
      c,
      async () => {
        const outcome = await questionnaire.submit(parsed.output);
        return c.html(
          <ConfirmationPage
            lang={c.var.lang}
            kind="questionnaire"
            status={outcome.status}
            path="/questionnaire"
          />,
        );
      },
      (unavailable) => (
        <QuestionnairePage lang={c.var.lang} values={values} unavailable={unavailable} />
      ),
    );
  })
  .get("/candidature", (c) => c.html(<MentorApplicationPage lang={c.var.lang} />))
  .post("/candidature", async (c) => {
    const values = (await c.req.parseBody({ all: true })) as FormValues;
    const parsed = v.safeParse(mentor.MentorApplicationSchema, mentorFromForm(values));
    if (!parsed.success) {
      const errors = issuesByField(mentor.MentorApplicationSchema, parsed.issues);
      return c.html(
        <MentorApplicationPage lang={c.var.lang} values={values} errors={errors} />,
        422,
      );
    }
    return storeOrShowAgain(
      c,
      async () => {
        const outcome = await mentor.apply(parsed.output);
        return c.html(
          <ConfirmationPage
            lang={c.var.lang}
            kind="mentor"
            status={outcome.status}
            path="/candidature"
          />,
        );
      },
      (unavailable) => (
        <MentorApplicationPage lang={c.var.lang} values={values} unavailable={unavailable} />
      ),
    );
  });
