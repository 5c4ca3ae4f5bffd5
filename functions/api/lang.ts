import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Lang } from "#web/i18n";

export type LangEnv = { Variables: { lang: Lang } };

/** French unless the visitor asked for English (`?lang=en`), remembered in a cookie. */
export const language = createMiddleware<LangEnv>(async (c, next) => {
  const asked = c.req.query("lang");
  if (asked === "fr" || asked === "en") {
    setCookie(c, "lang", asked, { path: "/", sameSite: "Lax", httpOnly: true, maxAge: 31536000 });
    c.set("lang", asked);
  } else {
    c.set("lang", getCookie(c, "lang") === "en" ? "en" : "fr");
  }
  await next();
});
