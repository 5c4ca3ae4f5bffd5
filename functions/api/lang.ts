import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Lang } from "#web/i18n";

export type LangEnv = { Variables: { lang: Lang } };

/** The language asked for by `?lang=`, if any. */
const askedLang = (c: Context): Lang | undefined => {
  const asked = c.req.query("lang");
  return asked === "fr" || asked === "en" ? asked : undefined;
};

/** The page's language: as asked (`?lang=`, which the English forms post to), else remembered. */
export const requestLang = (c: Context): Lang =>
  askedLang(c) ?? (getCookie(c, "lang") === "en" ? "en" : "fr");

/** French unless the visitor asked for English (`?lang=en`), remembered in a cookie. */
export const language = createMiddleware<LangEnv>(async (c, next) => {
  const asked = askedLang(c);
  if (asked) {
    setCookie(c, "lang", asked, { path: "/", sameSite: "Lax", httpOnly: true, maxAge: 31536000 });
  }
  c.set("lang", requestLang(c));
  await next();
});
