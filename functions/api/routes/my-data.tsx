import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { clock } from "#core/clock";
import { email } from "#core/fields";
import * as privacy from "#core/privacy";
import type { FormValues } from "#web/form-kit";
import {
  MyDataInvalidLinkPage,
  MyDataPage,
  MyDataRequestPage,
  MyDataRequestRecordedPage,
  MyDataSentPage,
} from "#web/pages/my-data";
import { type LangEnv, language } from "../lang";

/**
 * /mes-donnees: a person exercises their data rights with a link sent to their address. GET only
 * shows (a mail scanner that opens the link changes nothing); asking for a correction or an
 * erasure is a POST, recorded as a request the programme team answers within a month.
 */

// A field left out of the post reads as empty, so that its own French message is the one shown.
const AskSchema = v.object({
  email: v.optional(email("Indiquez votre adresse électronique."), ""),
});
const CorrectionSchema = v.object({
  detail: v.optional(
    v.pipe(
      v.string("Décrivez la correction à faire."),
      v.trim(),
      v.nonEmpty("Décrivez la correction à faire."),
      v.maxLength(2000, "2000 caractères au plus."),
    ),
    "",
  ),
});
const ErasureSchema = v.object({
  confirm: v.pipe(
    v.optional(v.string(), ""),
    v.check((value) => value === "oui", "Cochez la case pour confirmer la demande d'effacement."),
  ),
});

const firstErrors = (issues: v.BaseIssue<unknown>[]) =>
  Object.fromEntries(
    issues.map((issue) => [v.getDotPath(issue) ?? "form", issue.message] as const).reverse(),
  );

const formOf = async (request: { parseBody: () => Promise<unknown> }) =>
  (await request.parseBody()) as FormValues;

/**
 * A request posted from a person's link: the link is checked, the form validated (back with its
 * errors, in French, otherwise), then the request is recorded once for that link and that form.
 */
async function recordFromLink<T extends v.GenericSchema>(
  c: Context<LangEnv>,
  schema: T,
  request: (
    output: v.InferOutput<T>,
    linkId: string,
  ) => { type: "rectification" | "erasure"; detail?: string; onceKey: string },
) {
  const token = c.req.param("token") ?? "";
  const link = await privacy.readAccessLink(token);
  if (!link.ok) return c.html(<MyDataInvalidLinkPage lang={c.var.lang} />, 404);
  const values = await formOf(c.req);
  const parsed = v.safeParse(schema, values);
  if (!parsed.success) {
    const holdings = await privacy.exportPerson(link.email, { log: false });
    return c.html(
      <MyDataPage
        lang={c.var.lang}
        token={token}
        holdings={holdings}
        values={values}
        errors={firstErrors(parsed.issues)}
      />,
      422,
    );
  }
  await privacy.recordRequest({
    origin: "person",
    email: link.email,
    lang: c.var.lang,
    ...request(parsed.output, link.linkId),
  });
  return c.html(<MyDataRequestRecordedPage lang={c.var.lang} token={token} />);
}

export const myDataPages = new Hono<LangEnv>()
  .use(language)
  .get("/", (c) => c.html(<MyDataRequestPage lang={c.var.lang} />))
  .post("/", async (c) => {
    const values = await formOf(c.req);
    const parsed = v.safeParse(AskSchema, values);
    if (!parsed.success) {
      return c.html(
        <MyDataRequestPage lang={c.var.lang} values={values} errors={firstErrors(parsed.issues)} />,
        422,
      );
    }
    await privacy.sendAccessLink(parsed.output.email, c.var.lang);
    return c.html(<MyDataSentPage lang={c.var.lang} />);
  })
  .get("/:token", async (c) => {
    const link = await privacy.readAccessLink(c.req.param("token"));
    if (!link.ok) return c.html(<MyDataInvalidLinkPage lang={c.var.lang} />, 404);
    const holdings = await privacy.exportPerson(link.email, { log: false });
    return c.html(
      <MyDataPage lang={c.var.lang} token={c.req.param("token")} holdings={holdings} />,
    );
  })
  .get("/:token/donnees.json", async (c) => {
    const link = await privacy.readAccessLink(c.req.param("token"));
    if (!link.ok) return c.html(<MyDataInvalidLinkPage lang={c.var.lang} />, 404);
    const request = await privacy.recordRequest({
      type: "access",
      origin: "person",
      email: link.email,
      onceKey: `access#${link.linkId}`,
    });
    const holdings = await privacy.exportPerson(link.email, { requestId: request.id });
    await privacy.logOnRequest(request.id, "downloaded", { done: true });
    return c.body(
      JSON.stringify({ exportedAt: clock.now().toISOString(), ...holdings }, null, 2),
      200,
      {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": 'attachment; filename="mes-donnees.json"',
        "Cache-Control": "no-store",
      },
    );
  })
  .post("/:token/correction", (c) =>
    recordFromLink(c, CorrectionSchema, (output, linkId) => ({
      type: "rectification",
      detail: output.detail,
      onceKey: `rectification#${linkId}#${output.detail}`,
    })),
  )
  .post("/:token/effacement", (c) =>
    recordFromLink(c, ErasureSchema, (_, linkId) => ({
      type: "erasure",
      onceKey: `erasure#${linkId}`,
    })),
  );
