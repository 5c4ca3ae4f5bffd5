import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  isUnavailability,
  retryAfterSeconds,
  withWriteJournal,
  writtenSoFar,
} from "#core/dependency";
import { checkHealth, tableCheck } from "#core/health";
import { errorForLog, logger } from "#core/observability";
import type { Localised } from "#core/programme";
import { NotFoundPage } from "#web/layout";
import { ProblemPage, problemMessages, unavailableMessage } from "#web/pages/problems";
import { requestLang } from "./lang";
import { describe, ok, openApiDocument } from "./openapi";
import { problem } from "./problem";
import { adminApi } from "./routes/admin/api";
import { adminPages } from "./routes/admin/pages";
import { barnumPages } from "./routes/barnum";
import { linkPages } from "./routes/links";
import { mentorSpacePages } from "./routes/mentor-space";
import { myDataPages } from "./routes/my-data";
import { ownPages } from "./routes/own-page";
import { publicPages } from "./routes/public";
import { submissions } from "./routes/submissions";
import { workshopPages } from "./routes/workshops";

/** Form and JSON bodies are small; anything larger is refused before it is read. */
const maxBodyBytes = 64 * 1024;

/** JSON routes accept JSON only, so a form post or a stray upload gets a clear 415. */
export const requireJson = createMiddleware(async (c, next) => {
  if (c.req.method !== "GET" && !c.req.header("content-type")?.startsWith("application/json")) {
    return problem(c, 415, "Le corps de la requête doit être en JSON (application/json).");
  }
  await next();
});

const httpErrorTitles: Record<number, string> = {
  400: problemMessages.unreadableJson.fr,
  403: "Requête refusée : le formulaire doit être envoyé depuis ce site.",
};

const isApi = (path: string) => path.startsWith("/api/");

/** An error told in the client's terms: problem+json on the API, a page in the site's frame. */
function answer(
  c: Context,
  status: ContentfulStatusCode,
  title: Localised,
  body: Localised,
  extra: Record<string, unknown> = {},
) {
  if (isApi(c.req.path)) return problem(c, status, body.fr, extra);
  return c.html(ProblemPage({ lang: requestLang(c), path: c.req.path, title, body }), status);
}

/**
 * Bodies are read as UTF-8 only: a body declared in another charset would be decoded wrongly
 * (« é » arriving as « Ã© »), so it is refused rather than stored garbled.
 */
const utf8Only = createMiddleware(async (c, next) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(c.req.header("content-type") ?? "")?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    return answer(c, 415, problemMessages.charsetTitle, problemMessages.charset);
  }
  await next();
});

/**
 * A form body that cannot be parsed (a broken multipart, a wrong boundary) is the sender's fault:
 * 400 with a page, never a 500. The parsed form is cached by Hono, so routes read it for free.
 */
const readableForm = createMiddleware(async (c, next) => {
  if (c.req.method === "POST" && !isApi(c.req.path)) {
    try {
      await c.req.parseBody({ all: true });
    } catch {
      return answer(c, 400, problemMessages.unreadableTitle, problemMessages.unreadableForm);
    }
  }
  await next();
});

/**
 * Ids in paths are short (UUIDs, cohort names, link tokens): a segment far longer, or one
 * carrying a control character, names nothing, so it is not found before any key is built
 * (a 10,000-character id would otherwise exceed DynamoDB's key size and fail as a 500).
 */
const maxSegmentLength = 200;
const plausiblePath = createMiddleware(async (c, next) => {
  const segments = c.req.path.split("/");
  const implausible = segments.some((segment) => {
    if (segment.length > maxSegmentLength * 3) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    return decoded.length > maxSegmentLength || /[\p{Cc}#]/u.test(decoded);
  });
  if (implausible) return c.notFound();
  await next();
});

/** Generated on the first request, from the app's own routes (see openapi.ts). */
let apiDocument: MiddlewareHandler | undefined;
const serveApiDocument: MiddlewareHandler = (c, next) => {
  apiDocument ??= openApiDocument(app);
  return apiDocument(c, next);
};

export const app = new Hono()
  // Each request journals its DynamoDB writes, so a 503 can say whether anything was stored.
  .use((_c, next) => withWriteJournal(next))
  .use(
    secureHeaders({
      // No page uses any of these: a script injected some day could not either.
      permissionsPolicy: {
        camera: [],
        microphone: [],
        geolocation: [],
        payment: [],
        usb: [],
        browsingTopics: [],
      },
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
        isApi(c.req.path)
          ? problem(c, 413, "Le corps de la requête est trop volumineux (64 Kio au plus).")
          : answer(c, 413, problemMessages.tooLargeTitle, problemMessages.tooLarge),
    }),
  )
  .use(plausiblePath)
  .use("/api/*", requireJson)
  .use(csrf())
  .use(utf8Only)
  .use(readableForm)
  .get("/health", (c) => healthAnswer(c, [tableCheck]))
  .get(
    "/api/openapi.json",
    describe("Obtenir la description OpenAPI 3.1 de l'API", ok("Ce document")),
    (c, next) => serveApiDocument(c, next),
  )
  .route("/api/admin", adminApi)
  .route("/admin", adminPages)
  .route("/api", submissions)
  .route("/lien", linkPages)
  .route("/mes-donnees", myDataPages)
  .route("/mon-binome", ownPages)
  .route("/barnum", barnumPages)
  .route("/espace-mentor", mentorSpacePages)
  .route("/atelier", workshopPages)
  .route("/", publicPages);

app.notFound((c) =>
  isApi(c.req.path)
    ? problem(c, 404, "Cette adresse n'existe pas.")
    : c.html(NotFoundPage({ lang: requestLang(c), path: c.req.path }), 404),
);

app.onError((error, c) => {
  if (error instanceof HTTPException && error.status < 500) {
    if (!isApi(c.req.path) && error.status === 400) {
      return answer(c, 400, problemMessages.unreadableTitle, problemMessages.unreadableForm);
    }
    if (!isApi(c.req.path) && error.status === 403) {
      return answer(c, 403, problemMessages.refusedTitle, problemMessages.refused);
    }
    return problem(
      c,
      error.status,
      httpErrorTitles[error.status] ?? "La requête n'a pas pu être traitée.",
    );
  }
  if (isUnavailability(error)) {
    // Logged once per outage where the client saw it (dependency.ts), not once per request.
    const written = writtenSoFar();
    c.header("Retry-After", String(retryAfterSeconds));
    const stored =
      c.req.method === "GET" || c.req.method === "HEAD"
        ? {}
        : { stored: written === "no" ? false : "unknown" };
    return answer(
      c,
      503,
      problemMessages.unavailableTitle,
      unavailableMessage(c.req.method, written),
      stored,
    );
  }
  logger.error("Unhandled error", {
    route: c.req.routePath,
    error: errorForLog(error),
  });
  if (isApi(c.req.path)) {
    return problem(
      c,
      500,
      "Une erreur inattendue s'est produite. Réessayez dans quelques instants.",
    );
  }
  return answer(c, 500, problemMessages.unexpectedTitle, problemMessages.unexpected);
});

/** 200 when every part answers, else 503 naming the parts that do not (and Retry-After). */
export async function healthAnswer(c: Context, checks: Parameters<typeof checkHealth>[0]) {
  const health = await checkHealth(checks);
  if (health.ok) return c.json({ status: "ok", parts: health.parts });
  c.header("Retry-After", String(retryAfterSeconds));
  c.header("Cache-Control", "no-store");
  return c.json({ status: "unavailable", parts: health.parts }, 503);
}
