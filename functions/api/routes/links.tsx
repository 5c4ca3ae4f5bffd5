import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context } from "hono";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { answerSchema, type LinkBinding, readLink } from "#core/links";
import { logger, metrics, withoutPersonalData } from "#core/observability";
import { answerByLink } from "#core/pair/answer";
import { linkState, type Recorded } from "#core/pair/link-state";
import type { FormValues } from "#web/form-kit";
import { LinkAnswerPage, type LinkForm } from "#web/pages/link-answer";
import { type LinkOutcome, LinkOutcomePage } from "#web/pages/link-outcome";
import { issuesByField } from "#web/validation";
import { type LangEnv, language } from "../lang";

/**
 * The pages behind the links of the workflow's emails, mounted at `/lien`. GET only shows the
 * choices (mail scanners and link previews open links on their own); POST validates the answer,
 * claims the link for its single use and hands the answer to the waiting step of the pair.
 */
type LinkContext = Context<LangEnv>;

type Refusal = "malformed" | "tampered" | "expired" | "unknown";

const refusalStatus: Record<Refusal, ContentfulStatusCode> = {
  malformed: 404,
  unknown: 404,
  tampered: 403,
  expired: 410,
};

const formOf = (link: LinkBinding): LinkForm => ({
  purpose: link.purpose,
  recipient: link.recipient,
  step: link.step,
});

function outcomePage(
  c: LinkContext,
  outcome: LinkOutcome,
  status: ContentfulStatusCode,
  link?: LinkBinding,
  recorded?: Recorded,
) {
  return c.html(
    <LinkOutcomePage
      lang={c.var.lang}
      path={c.req.path}
      outcome={outcome}
      purpose={link?.purpose}
      step={link?.step}
      recorded={recorded}
    />,
    status,
  );
}

/** A link that cannot act: the French page says why and that nothing changed. */
const refuse = (c: LinkContext, reason: Refusal) => {
  countLinkError(reason);
  return outcomePage(c, reason === "malformed" ? "unknown" : reason, refusalStatus[reason]);
};

/** Operators watch refused links (a wave of "tampered" is an attack, of "expired" a timing bug). */
function countLinkError(reason: Refusal | "unavailable") {
  metrics.addMetric("LinkErrors", MetricUnit.Count, 1);
  logger.warn("Link refused", { reason });
}

export const linkPages = new Hono<LangEnv>()
  .use(language)
  .use(async (c, next) => {
    await next();
    // A link page is personal: never cached, never indexed.
    c.header("Cache-Control", "no-store");
    c.header("X-Robots-Tag", "noindex");
  })
  .get("/:token", async (c) => {
    const reading = await readLink(c.req.param("token"));
    if (!reading.ok) return refuse(c, reading.reason);
    // A step that is done says so on GET, with what was recorded: no form that refuses on post.
    const state = await linkState(reading.link);
    if (state.kind === "recorded") {
      return outcomePage(c, "already-recorded", 200, reading.link, state.recorded);
    }
    if (state.kind === "over" || reading.link.usedAt) {
      return outcomePage(
        c,
        reading.link.usedAt ? "already-recorded" : "not-waiting",
        200,
        reading.link,
      );
    }
    const { kind: _open, ...context } = state;
    return c.html(
      <LinkAnswerPage
        lang={c.var.lang}
        path={c.req.path}
        form={{ ...formOf(reading.link), context }}
      />,
    );
  })
  .post("/:token", async (c) => {
    const values = (await c.req.parseBody({ all: true })) as FormValues;
    let answered: Awaited<ReturnType<typeof answerByLink>>;
    try {
      answered = await answerByLink(c.req.param("token"), values);
    } catch (error) {
      // Nothing was stored (the answer is one transaction): the person can try again.
      countLinkError("unavailable");
      logger.error("Link answer could not be recorded", {
        error: {
          name: (error as Error).name,
          message: withoutPersonalData((error as Error).message),
        },
      });
      return outcomePage(c, "unavailable", 503);
    }
    if (answered.kind === "refused") return refuse(c, answered.reason);
    const { link } = answered;
    if (answered.kind === "invalid") {
      const errors = issuesByField(answerSchema(link.purpose, link.recipient), answered.issues);
      return c.html(
        <LinkAnswerPage
          lang={c.var.lang}
          path={c.req.path}
          form={formOf(link)}
          values={values}
          errors={errors}
        />,
        422,
      );
    }
    const { outcome } = answered;
    logger.info("Link answered", {
      pairId: link.pairId,
      step: link.step,
      purpose: link.purpose,
      outcome,
    });
    return outcomePage(c, outcome, outcome === "recorded" ? 200 : 409, link);
  });
