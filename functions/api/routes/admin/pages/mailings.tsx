import { Hono } from "hono";
import * as v from "valibot";
import { newRequestKey } from "#core/admin/request-key";
import * as cohort from "#core/cohort";
import * as mailings from "#core/cohort-mailing";
import { MailingPage, MailingProgressPage } from "#web/pages/admin/mailing";
import { issuesByField } from "#web/validation";
import type { LangEnv } from "../../../lang";
import { form, langOf, notFoundPage, redirectDone, text } from "./shared";

/**
 * Writing to a cohort, under /admin/vagues/:id: the form, its preview (how many people), then the
 * mailing's progress page. A form shown carries a new key; the preview and the send keep it.
 */
export const mailingPages = new Hono<LangEnv>()
  .get("/:id/courriel", async (c) =>
    c.html(
      <MailingPage
        cohort={await cohort.getCohortOrDefaults(c.req.param("id"))}
        requestKey={newRequestKey()}
        values={{ audience: "all" }}
        errors={{}}
        lang={langOf(c)}
      />,
    ),
  )
  .post("/:id/courriel", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    const found = await cohort.getCohortOrDefaults(id);
    const parsed = v.safeParse(mailings.MailingSchema, {
      audience: text(values, "audience") || undefined,
      subject: text(values, "subject"),
      text: text(values, "text"),
      requestKey: text(values, "requestKey"),
    });
    const key = text(values, "requestKey") || newRequestKey();
    if (!parsed.success) {
      const { requestKey: expired, ...errors } = issuesByField(
        mailings.MailingSchema,
        parsed.issues,
      );
      return c.html(
        <MailingPage
          cohort={found}
          requestKey={expired ? newRequestKey() : key}
          values={values}
          errors={errors}
          problem={expired}
          lang={langOf(c)}
        />,
        422,
      );
    }
    if (text(values, "etape") !== "envoi") {
      const recipients = await mailings.loadRecipients(id, parsed.output.audience);
      return c.html(
        <MailingPage
          cohort={found}
          requestKey={key}
          values={values}
          errors={{}}
          preview={{ count: recipients.length }}
          lang={langOf(c)}
        />,
      );
    }
    await mailings.sendMailing(id, parsed.output);
    return redirectDone(
      c,
      `/admin/vagues/${id}/courriels/${parsed.output.requestKey}`,
      "courriel-vague",
    );
  })
  .get("/:id/courriels/:key", async (c) => {
    const id = c.req.param("id");
    const mailing = await mailings.getMailing(id, c.req.param("key"));
    if (!mailing) {
      return notFoundPage(c, { fr: "Ce courriel n'existe pas.", en: "This email does not exist." });
    }
    return c.html(
      <MailingProgressPage
        cohort={await cohort.getCohortOrDefaults(id)}
        mailing={mailing}
        stalled={mailings.isStalled(mailing)}
        done={c.req.query("fait")}
        lang={langOf(c)}
      />,
    );
  })
  .post("/:id/courriels/:key/reprise", async (c) => {
    const id = c.req.param("id");
    const key = c.req.param("key");
    await mailings.resumeMailing(id, key);
    return redirectDone(c, `/admin/vagues/${id}/courriels/${key}`, "courriel-repris");
  });
