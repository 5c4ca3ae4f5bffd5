import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { clock } from "#core/clock";
import { email } from "#core/fields";
import * as privacy from "#core/privacy";
import { PrivacyPersonPage, PrivacyRequestsPage } from "#web/pages/admin/privacy";
import type { LangEnv } from "../../../lang";
import { form, langOf, notFoundPage, redirectDone, text } from "./shared";

/**
 * Data rights, for the programme team (/admin/donnees): the requests and their deadlines, and for
 * an address, what is held, an export, a correction or the erasure.
 */

const AddressSchema = email("Indiquez l'adresse de la personne.");

const addressOf = (raw: string | undefined) => {
  const parsed = v.safeParse(AddressSchema, raw ?? "");
  return parsed.success ? parsed.output : undefined;
};

const requestOf = async (id: string | undefined) =>
  id && /^[A-Za-z0-9-]{1,64}$/.test(id) ? privacy.getRequest(id) : undefined;

const unknownAddress = { fr: "Indiquez une adresse valide.", en: "Give a valid address." };

async function personPage(
  c: Context,
  address: string,
  extra: {
    problem?: string;
    values?: Record<string, string>;
    errors?: Record<string, string>;
  } = {},
  status: 200 | 409 | 422 = 200,
) {
  const request = await requestOf(c.req.query("demande"));
  const holdings = await privacy.exportPerson(address, { log: false });
  return c.html(
    <PrivacyPersonPage
      email={address}
      holdings={holdings}
      request={request}
      lang={langOf(c)}
      done={c.req.query("fait")}
      {...extra}
    />,
    status,
  );
}

const personPath = (address: string, requestId?: string) =>
  `/admin/donnees/personne?adresse=${encodeURIComponent(address)}${requestId ? `&demande=${requestId}` : ""}`;

export const privacyPages = new Hono<LangEnv>()
  .get("/", async (c) =>
    c.html(
      <PrivacyRequestsPage
        requests={await privacy.listRequests()}
        now={clock.now()}
        lang={langOf(c)}
        done={c.req.query("fait")}
      />,
    ),
  )
  .get("/personne", async (c) => {
    const address = addressOf(c.req.query("adresse"));
    if (!address) return notFoundPage(c, unknownAddress);
    return personPage(c, address);
  })
  .get("/personne/export.json", async (c) => {
    const address = addressOf(c.req.query("adresse"));
    if (!address) return notFoundPage(c, unknownAddress);
    const request = await requestOf(c.req.query("demande"));
    const holdings = await privacy.exportPerson(address, { requestId: request?.id });
    return c.body(
      JSON.stringify({ exportedAt: clock.now().toISOString(), ...holdings }, null, 2),
      200,
      {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": 'attachment; filename="donnees-personne.json"',
        "Cache-Control": "no-store",
      },
    );
  })
  .post("/personne/corriger", async (c) => {
    const values = await form(c);
    const address = addressOf(text(values, "adresse"));
    if (!address) return notFoundPage(c, unknownAddress);
    const [kind, formId] = text(values, "formulaire").split(":");
    const request = await requestOf(text(values, "demande"));
    if ((kind !== "questionnaire" && kind !== "mentor") || !formId) {
      return personPage(
        c,
        address,
        { errors: { formulaire: "Choisissez le formulaire à corriger." } },
        422,
      );
    }
    const outcome = await privacy.correctField(
      address,
      { kind, formId, field: text(values, "champ"), value: text(values, "valeur") },
      { requestId: request?.id },
    );
    if (outcome.status === "invalid") {
      return personPage(
        c,
        address,
        { values: values as Record<string, string>, errors: { valeur: outcome.message } },
        422,
      );
    }
    if (outcome.status === "address-taken") {
      return personPage(
        c,
        address,
        { problem: "Cette nouvelle adresse a déjà un formulaire dans la même vague." },
        409,
      );
    }
    if (outcome.status === "not-found") return notFoundPage(c, unknownAddress);
    const now =
      text(values, "champ") === "email" ? text(values, "valeur").trim().toLowerCase() : address;
    return redirectDone(c, personPath(now, request?.id), "donnees-corrigees");
  })
  .post("/personne/effacer", async (c) => {
    const values = await form(c);
    const address = addressOf(text(values, "adresse"));
    if (!address) return notFoundPage(c, unknownAddress);
    if (text(values, "confirmer") !== "oui") {
      return personPage(
        c,
        address,
        { problem: "Cochez la case pour confirmer l'effacement." },
        422,
      );
    }
    const request =
      (await requestOf(text(values, "demande"))) ??
      (await privacy.recordRequest({ type: "erasure", origin: "team", email: address }));
    await privacy.erasePerson(address, { requestId: request.id });
    return redirectDone(c, "/admin/donnees", "donnees-effacees");
  });
