import { Hono } from "hono";
import * as v from "valibot";
import { email, optionalText } from "#core/fields";
import {
  askTheTeam,
  ownPageLink,
  ownPageView,
  pairsOfAddress,
  readOwnPage,
  readOwnPageAccess,
  requestKinds,
  sendOwnPageAccess,
} from "#core/pair/own-page";
import type { FormValues } from "#web/form-kit";
import {
  OwnPage,
  OwnPageAskPage,
  OwnPageInvalidLinkPage,
  OwnPageLinkSentPage,
  OwnPageRequestSentPage,
  OwnPagesChoicePage,
} from "#web/pages/own-page";
import { type LangEnv, language } from "../lang";

/**
 * /mon-binome: a participant's own page, from the signed link every email of their pair carries.
 * GET only shows (a mail scanner that opens it changes nothing about the pair); asking the team
 * is a POST. A lost link is sent again to the registered address, as /mes-donnees does.
 */

// A field left out of the post reads as empty, so that its own French message is the one shown.
const AskSchema = v.object({
  email: v.optional(email("Indiquez votre adresse électronique."), ""),
});
const RequestSchema = v.object({
  kind: v.pipe(
    v.optional(v.string(), ""),
    v.picklist(requestKinds, "Choisissez ce que vous demandez à l'équipe d'animation."),
  ),
  message: optionalText(2000),
});

const firstErrors = (issues: v.BaseIssue<unknown>[]) =>
  Object.fromEntries(
    issues.map((issue) => [v.getDotPath(issue) ?? "form", issue.message] as const).reverse(),
  );

const formOf = async (request: { parseBody: () => Promise<unknown> }) =>
  (await request.parseBody()) as FormValues;

export const ownPages = new Hono<LangEnv>()
  .use(language)
  .use(async (c, next) => {
    await next();
    // A participant's page is personal: never cached, never indexed.
    c.header("Cache-Control", "no-store");
    c.header("X-Robots-Tag", "noindex");
  })
  .get("/", (c) => c.html(<OwnPageAskPage lang={c.var.lang} />))
  .post("/", async (c) => {
    const values = await formOf(c.req);
    const parsed = v.safeParse(AskSchema, values);
    if (!parsed.success) {
      return c.html(
        <OwnPageAskPage lang={c.var.lang} values={values} errors={firstErrors(parsed.issues)} />,
        422,
      );
    }
    await sendOwnPageAccess(parsed.output.email, c.var.lang);
    return c.html(<OwnPageLinkSentPage lang={c.var.lang} />);
  })
  .get("/acces/:token", async (c) => {
    const access = await readOwnPageAccess(c.req.param("token"));
    if (!access.ok) return c.html(<OwnPageInvalidLinkPage lang={c.var.lang} />, 404);
    const pairs = (await pairsOfAddress(access.email)).map((pair) => ({
      ...pair,
      url: ownPageLink({ id: pair.pairId, mentorId: pair.mentorId }, pair.role)[c.var.lang],
    }));
    if (pairs.length === 1 && pairs[0]) return c.redirect(pairs[0].url, 303);
    return c.html(<OwnPagesChoicePage lang={c.var.lang} path="/mon-binome" pairs={pairs} />);
  })
  .get("/:token", async (c) => {
    const token = c.req.param("token");
    const reading = await readOwnPage(token);
    if (!reading.ok) return c.html(<OwnPageInvalidLinkPage lang={c.var.lang} />, 404);
    const view = await ownPageView(reading.pair, reading.role);
    return c.html(<OwnPage lang={c.var.lang} token={token} view={view} />);
  })
  .post("/:token/demande", async (c) => {
    const token = c.req.param("token");
    const reading = await readOwnPage(token);
    if (!reading.ok) return c.html(<OwnPageInvalidLinkPage lang={c.var.lang} />, 404);
    const values = await formOf(c.req);
    const parsed = v.safeParse(RequestSchema, values);
    if (!parsed.success) {
      const view = await ownPageView(reading.pair, reading.role);
      return c.html(
        <OwnPage
          lang={c.var.lang}
          token={token}
          view={view}
          values={values}
          errors={firstErrors(parsed.issues)}
        />,
        422,
      );
    }
    await askTheTeam({
      pair: reading.pair,
      role: reading.role,
      kind: parsed.output.kind,
      message: parsed.output.message,
    });
    return c.html(<OwnPageRequestSentPage lang={c.var.lang} token={token} />);
  });
