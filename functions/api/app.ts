import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { logger, withoutPersonalData } from "#core/observability";
import { NotFoundPage } from "#web/layout";
import { openApiDocument } from "./openapi";
import { problem } from "./problem";
import { adminApi } from "./routes/admin/api";
import { adminPages } from "./routes/admin/pages";
import { linkPages } from "./routes/links";
import { publicPages } from "./routes/public";
import { submissions } from "./routes/submissions";

/** Form and JSON bodies are small; anything larger is refused before it is read. */
const maxBodyBytes = 64 * 1024;

/** JSON routes accept JSON only, so a form post or a stray upload gets a clear 415. */
const requireJson = createMiddleware(async (c, next) => {
  if (c.req.method !== "GET" && !c.req.header("content-type")?.startsWith("application/json")) {
    return problem(c, 415, "Le corps de la requête doit être en JSON (application/json).");
  }
  await next();
});

const httpErrorTitles: Record<number, string> = {
  400: "La requête est illisible : vérifiez qu'il s'agit d'un JSON valide.",
  403: "Requête refusée : le formulaire doit être envoyé depuis ce site.",
};

let openApi: ReturnType<typeof openApiDocument> | undefined;

export const app = new Hono()
  .use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    }),
  )
  .use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        problem(c, 413, "Le corps de la requête est trop volumineux (64 Kio au plus)."),
    }),
  )
  .use("/api/*", requireJson)
  .use(csrf())
  .get("/health", (c) => c.json({ status: "ok" }))
  .get("/api/openapi.json", (c) => {
    // The routes are fixed once the app is built: generate the document once per cold start.
    openApi ??= openApiDocument();
    return c.json(openApi);
  })
  .route("/api/admin", adminApi)
  .route("/admin", adminPages)
  .route("/api", submissions)
  .route("/lien", linkPages)
  .route("/", publicPages);

app.notFound((c) =>
  c.req.path.startsWith("/api/")
    ? problem(c, 404, "Cette adresse n'existe pas.")
    : c.html(
        NotFoundPage({ lang: getCookie(c, "lang") === "en" ? "en" : "fr", path: c.req.path }),
        404,
      ),
);

app.onError((error, c) => {
  if (error instanceof HTTPException && error.status < 500) {
    return problem(
      c,
      error.status,
      httpErrorTitles[error.status] ?? "La requête n'a pas pu être traitée.",
    );
  }
  logger.error("Unhandled error", {
    route: c.req.routePath,
    error: { name: error.name, message: withoutPersonalData(error.message) },
  });
  return problem(c, 500, "Une erreur inattendue s'est produite. Réessayez dans quelques instants.");
});
