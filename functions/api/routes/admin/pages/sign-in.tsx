import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { decideAccess, safeReturnPath, sameSecret, sessionValue } from "#core/admin/auth";
import { newPendingSignIn, type OidcSettings } from "#core/admin/oidc";
import { authorizationUrl, completeSignIn, oidcSettings } from "#core/admin/oidc-client";
import { env } from "#core/env";
import { errorForLog, logger } from "#core/observability";
import { t } from "#web/i18n";
import { Layout } from "#web/layout";
import { LoginPage } from "#web/pages/admin/login";
import { adminNavigation, inLanguage } from "#web/pages/admin/parts";
import type { LangEnv } from "../../../lang";
import { accessRequestOf, adminCookie } from "../access";
import { endSession, keepPendingSignIn, openSession, takePendingSignIn } from "../session";
import { form, keepLanguage, langOf, text } from "./shared";

/**
 * The programme team's sign-in in a browser, through the OpenID Connect provider (ProConnect or
 * any other): authorization code flow with PKCE, done by this app because a browser sends no
 * bearer token and API Gateway's JWT authorizer reads no cookie.
 *
 * The session is a cookie signed by this app (HMAC, 8 hours), issued once the ID token was
 * verified and the role found in it. Keeping the ID token itself and verifying it on every request
 * was the alternative; it was not chosen because providers give ID tokens short lives (minutes),
 * which would send the team back to the provider all day, and because the token carries personal
 * data (name, email) that the cookie then needs not hold.
 */

/** The local login form's cookie lasts a working day, like the provider's session. */
const localSessionHours = 8;

/** The login page: the local token form, or (with a provider) a button that starts the sign-in. */
export const loginPage = (
  c: Context,
  status: 200 | 401,
  error?: "wrong-token" | "missing-role",
  returnTo?: string,
) => {
  c.header("Cache-Control", "no-store");
  const local = accessRequestOf(c).via === "local-token";
  // After a failed attempt the form keeps the page asked for, not the form's own address.
  const asked =
    c.req.path === "/admin/connexion" ? "/admin" : `${c.req.path}${new URL(c.req.url).search}`;
  const next = returnTo ?? safeReturnPath(c.req.query("suite") ?? asked);
  return c.html(<LoginPage next={next} local={local} error={error} lang={langOf(c)} />, status);
};

/** Off to the provider: the state, nonce and PKCE verifier wait in a short-lived signed cookie. */
async function startSignIn(c: Context, settings: OidcSettings, next: string) {
  c.header("Cache-Control", "no-store");
  let url: string;
  const pending = newPendingSignIn(safeReturnPath(next));
  try {
    url = await authorizationUrl(settings, pending);
  } catch (error) {
    logger.error("Identity provider unreachable", { error: errorForLog(error) });
    return providerDown(c);
  }
  keepPendingSignIn(c, pending);
  return c.redirect(url, 302);
}

/** Back from the provider: check the state, exchange the code, verify the ID token and the role. */
async function finishSignIn(c: Context, settings: OidcSettings) {
  c.header("Cache-Control", "no-store");
  const pending = takePendingSignIn(c);
  const refuse = (reason: string, status: 401 | 403 = 401) => {
    logger.warn("Programme team sign-in refused", { reason });
    return signInProblem(c, status, reason === "missing-role" ? "missing-role" : "failed");
  };
  if (!pending) return refuse("no-pending-sign-in");
  if (!sameSecret(c.req.query("state") ?? "", pending.state)) return refuse("wrong-state");
  if (c.req.query("error")) return refuse("provider-error");
  if (!c.req.query("code")) return refuse("missing-code");

  let outcome: Awaited<ReturnType<typeof completeSignIn>>;
  try {
    outcome = await completeSignIn(settings, new URL(c.req.url).searchParams, pending);
  } catch (error) {
    logger.error("Identity provider unreachable", { error: errorForLog(error) });
    return providerDown(c);
  }
  if (!outcome.ok) return refuse(outcome.reason);
  const decision = decideAccess(
    { via: "jwt", claims: outcome.claims },
    { claim: env.adminRoleClaim, value: env.adminRoleValue },
  );
  if (!decision.allowed) return refuse(decision.reason, 403);

  await openSession(c, String(outcome.claims.sub));
  return c.redirect(pending.next, 303);
}

/** A signed-out visitor: a page opens the sign-in; a form post gets a page with a link instead. */
export function signedOut(c: Context) {
  c.header("Cache-Control", "no-store");
  const next = safeReturnPath(`${c.req.path}${new URL(c.req.url).search}`);
  const lang = langOf(c);
  const signIn = inLanguage(`/admin/connexion?suite=${encodeURIComponent(next)}`, lang);
  if (c.req.method === "GET") return c.redirect(signIn, 302);
  return page(
    c,
    401,
    t(lang, { fr: "Session expirée", en: "Session expired" }),
    <>
      <p>
        {t(lang, {
          fr: "Votre session a expiré : connectez-vous de nouveau, puis refaites votre dernière action.",
          en: "Your session has expired: sign in again, then repeat your last action.",
        })}
      </p>
      <p>
        <a href={signIn}>{t(lang, { fr: "Se connecter", en: "Sign in" })}</a>
      </p>
    </>,
  );
}

function signInProblem(c: Context, status: 401 | 403, kind: "failed" | "missing-role") {
  const lang = langOf(c);
  return page(
    c,
    status,
    kind === "missing-role"
      ? t(lang, { fr: "Accès refusé", en: "Access refused" })
      : t(lang, { fr: "Connexion impossible", en: "Sign-in failed" }),
    kind === "missing-role" ? (
      <p>
        {t(lang, {
          fr: "Votre compte n'a pas le rôle « équipe d'animation ». Demandez-le à l'administrateur du programme, puis reconnectez-vous.",
          en: "Your account does not have the “programme team” role. Ask the programme's administrator for it, then sign in again.",
        })}
      </p>
    ) : (
      <>
        <p>
          {t(lang, {
            fr: "La connexion n'a pas abouti (elle a peut-être expiré, ou a été commencée dans un autre onglet). Réessayez.",
            en: "The sign-in did not complete (it may have expired, or been started in another tab). Try again.",
          })}
        </p>
        <p>
          <a href={inLanguage("/admin/connexion", lang)}>
            {t(lang, { fr: "Se connecter", en: "Sign in" })}
          </a>
        </p>
      </>
    ),
  );
}

const providerDown = (c: Context) =>
  page(
    c,
    503,
    t(langOf(c), { fr: "Connexion indisponible", en: "Sign-in unavailable" }),
    <p>
      {t(langOf(c), {
        fr: "Le service d'identification ne répond pas pour le moment. Réessayez dans quelques minutes.",
        en: "The identity service is not answering at the moment. Try again in a few minutes.",
      })}
    </p>,
  );

const signedOutPage = (c: Context) => {
  const lang = langOf(c);
  return page(
    c,
    200,
    t(lang, { fr: "Vous êtes déconnecté", en: "You are signed out" }),
    <>
      <p>
        {t(lang, { fr: "Vous êtes déconnecté de Binôme.", en: "You are signed out of Binôme." })}
      </p>
      <p>
        {t(lang, {
          fr: "Votre session chez le fournisseur d'identité (par exemple ProConnect) peut rester ouverte : sur un poste partagé, fermez aussi le navigateur.",
          en: "Your session with the identity provider (ProConnect, for example) may stay open: on a shared computer, close the browser too.",
        })}
      </p>
      <p>
        <a href={inLanguage("/admin/connexion", lang)}>
          {t(lang, { fr: "Se reconnecter", en: "Sign in again" })}
        </a>
      </p>
    </>,
  );
};

function page(c: Context, status: ContentfulStatusCode, title: string, content: Child) {
  c.header("Cache-Control", "no-store");
  const lang = langOf(c);
  return c.html(
    <Layout lang={lang} title={title} path="/admin/connexion" navigation={adminNavigation(lang)}>
      <div class="narrow">
        <h1>{title}</h1>
        {content}
      </div>
    </Layout>,
    status,
  );
}

/**
 * Signing in and out, the only routes of the programme team's area open to everyone. With a
 * provider configured (always on AWS) the browser signs in there; otherwise (locally) with the
 * token printed by `npm start`, through the login form.
 */
export const signInPages = new Hono<LangEnv>()
  .get("/connexion", (c) => {
    const settings = oidcSettings();
    return settings
      ? startSignIn(c, settings, c.req.query("suite") ?? "/admin")
      : loginPage(c, 200);
  })
  .get("/callback", (c) => {
    const settings = oidcSettings();
    return settings
      ? finishSignIn(c, settings)
      : c.redirect(keepLanguage(c, "/admin/connexion"), 303);
  })
  .post("/connexion", async (c) => {
    // With a provider, the token form does not exist: signing in starts at the provider.
    if (oidcSettings()) return c.redirect(keepLanguage(c, "/admin/connexion"), 303);
    const values = await form(c);
    const next = safeReturnPath(text(values, "next"));
    const request = accessRequestOf(c);
    if (request.via !== "local-token" || !sameSecret(text(values, "token"), env.adminToken)) {
      return loginPage(c, 401, "wrong-token", next);
    }
    setCookie(c, adminCookie, sessionValue(env.adminToken), {
      path: "/",
      httpOnly: true,
      sameSite: "Strict",
      secure: new URL(c.req.url).protocol === "https:",
      maxAge: localSessionHours * 3600,
    });
    return c.redirect(keepLanguage(c, next), 303);
  })
  .post("/deconnexion", async (c) => {
    if (oidcSettings()) {
      await endSession(c);
      return c.redirect(keepLanguage(c, "/admin/deconnexion"), 303);
    }
    deleteCookie(c, adminCookie, { path: "/" });
    return c.redirect(keepLanguage(c, "/admin/connexion"), 303);
  })
  .get("/deconnexion", (c) =>
    oidcSettings() ? signedOutPage(c) : c.redirect(keepLanguage(c, "/admin/connexion"), 303),
  );
