import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { emailsTo, uniqueEmail } from "../support/inbox";
import { startProxy } from "./proxy";

/**
 * DynamoDB cut while a head of service asks for a workshop (/atelier) and while a manager
 * registers through the link they forwarded (/atelier/inscription/<token)), through a TCP proxy
 * in front of the real DynamoDB Local (as tests/faults/dynamodb.test.ts does for the
 * questionnaire): 503 with Retry-After, the form back filled in under the French notice saying
 * whether it was stored, and a retry that stores once and answers as the first post would.
 */
const proxy = await startProxy(process.env.AWS_ENDPOINT_URL_DYNAMODB as string);
process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.endpoint;
// Imported only now: the app's client must take the proxy's endpoint.
const { app } = await import("../../functions/api/app");
const { documents } = await import("#core/clients/dynamodb");
const { clock } = await import("#core/clock");
const { issueEventLink } = await import("#core/events/links");
const workshops = await import("#core/events/workshop");

/**
 * When set, the proxy loses every answer from the moment a participant is written (the write
 * lands, its answer does not). Keyed on that write: the outbox's sender writes too, meanwhile.
 */
let loseAnswersFromParticipantWrite = false;
documents.middlewareStack.add(
  (next, context) => async (args) => {
    const item = (args.input as { Item?: { kind?: string } }).Item;
    if (
      loseAnswersFromParticipantWrite &&
      context.commandName?.startsWith("Put") &&
      item?.kind === "workshop-participant"
    ) {
      loseAnswersFromParticipantWrite = false;
      await proxy.cut("lose-answers");
    }
    return next(args);
  },
  { step: "initialize", name: "loseAnswersFromParticipantWrite" },
);

const origin = "http://localhost";
afterAll(() => proxy.close());
beforeEach(() => proxy.restore());

const post = (path: string, form: [string, string][]) =>
  app.request(`${origin}${path}`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });

const text = async (response: Response) =>
  (await response.text()).replaceAll("&#39;", "'").replaceAll("&quot;", '"');

const requestForm = (email: string, service: string): [string, string][] => [
  ["firstName", "Hélène"],
  ["lastName", "Durand"],
  ["email", email],
  ["service", service],
  ["managers", "8"],
  ["theme", "collaborative-tools"],
  ["goal", "Animer nos réunions « hybrides » sans perdre personne"],
  ["slots", "morning"],
  ["dates", "En février, sauf le 13"],
  ["consent", "on"],
];

const requestsOf = async (service: string) =>
  (await workshops.listWorkshops()).filter((workshop) => workshop.request.service === service);

/** A workshop request stored before the cut, and the path of its registration link. */
async function registrationPath() {
  const service = `Service ${Math.random().toString(36).slice(2, 8)}`;
  const head = Object.fromEntries(requestForm(uniqueEmail("chef"), service));
  const { id } = await workshops.requestWorkshop({
    ...head,
    managers: 8,
    slots: ["morning"],
    consent: true,
  } as Parameters<typeof workshops.requestWorkshop>[0]);
  const token = await issueEventLink({
    kind: "workshop",
    eventId: id,
    purpose: "register",
    recipient: "",
    expiresAt: new Date(clock.now().getTime() + 30 * 24 * 3600_000),
  });
  return { id, path: `/atelier/inscription/${token}` };
}

const registration = (email: string): [string, string][] => [
  ["firstName", "Marc"],
  ["lastName", "Petit-Lefèvre"],
  ["email", email],
  ["consent", "on"],
];

describe("a workshop request while DynamoDB is away", () => {
  it("shows the request again, filled in, under a French notice that it was not stored", async () => {
    const head = uniqueEmail("chef");
    const service = `Bureau ${Math.random().toString(36).slice(2, 8)}`;
    await proxy.cut("refuse");
    const response = await post("/atelier", requestForm(head, service));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await text(response);
    expect(html).toContain("<title>Service momentanément indisponible — Demander un atelier");
    expect(html).toContain("votre envoi n'a pas été enregistré");
    expect(html).toContain(
      "Vos réponses sont conservées ci-dessous\u00a0: renvoyez-le dans quelques instants",
    );
    // The form itself, filled in: sending it again is one click.
    expect(html).toContain('<form method="post" action="/atelier"');
    expect(html).toContain(`value="${head}"`);
    expect(html).toContain(`value="${service}"`);
    expect(html).toContain('value="8"');
    expect(html).toMatch(/value="collaborative-tools" selected/);
    expect(html).toMatch(/value="morning" checked/);
    expect(html).toContain("Animer nos réunions « hybrides » sans perdre personne");
    expect(html).toContain("En février, sauf le 13");
    expect(html).not.toContain('class="error"');

    const english = await text(await post("/atelier?lang=en", requestForm(head, service)));
    expect(english).toContain("Service temporarily unavailable");
    expect(english).toContain("Your answers are kept below");

    await proxy.restore();
    expect(await requestsOf(service)).toEqual([]);
    expect(await emailsTo(head)).toHaveLength(0);
  });

  it("says a request whose answer was lost is unconfirmed; sent again, it is stored once and answered as the first time", async () => {
    const head = uniqueEmail("chef");
    const service = `Bureau ${Math.random().toString(36).slice(2, 8)}`;
    await proxy.cut("lose-answers");
    const lost = await post("/atelier", requestForm(head, service));
    expect(lost.status).toBe(503);
    expect(lost.headers.get("retry-after")).toBe("5");
    const html = await text(lost);
    expect(html).toContain("nous n'avons pas pu confirmer l'enregistrement de votre envoi");
    expect(html).toContain("s'il avait été enregistré, il ne le sera pas une seconde fois");
    expect(html).toContain(`value="${service}"`);

    await proxy.restore();
    // The write did reach the table: the retry finds it and says what a first post says.
    const retry = await post("/atelier", requestForm(head, service));
    expect(retry.status).toBe(200);
    const answer = await text(retry);
    expect(answer).toContain("Un courriel vous confirme la demande.");
    const again = await post("/atelier", requestForm(head, service));
    expect(again.status).toBe(200);
    expect(await text(again)).toBe(answer);
    expect(await requestsOf(service)).toHaveLength(1);
    expect(await emailsTo(head)).toHaveLength(1);
  });
});

describe("a registration through the forwarded link while DynamoDB is away", () => {
  it("shows the registration again, filled in, under a French notice that it was not stored", async () => {
    const { id, path } = await registrationPath();
    const manager = uniqueEmail("cadre");
    await proxy.cut("refuse");
    const response = await post(path, registration(manager));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const html = await text(response);
    expect(html).toContain("<title>Service momentanément indisponible — S'inscrire à l'atelier");
    expect(html).toContain("votre envoi n'a pas été enregistré");
    expect(html).toContain(`<form method="post" action="${path}"`);
    expect(html).toContain('value="Marc"');
    expect(html).toContain('value="Petit-Lefèvre"');
    expect(html).toContain(`value="${manager}"`);
    expect(html).toMatch(/name="consent"[^>]*checked/);

    await proxy.restore();
    expect(await workshops.listParticipants(id)).toEqual([]);
  });

  it("says a registration whose answer was lost is unconfirmed; sent again, it is stored once and answered as the first time", async () => {
    const { id, path } = await registrationPath();
    const manager = uniqueEmail("cadre");
    // The link and the workshop are read; the registration's write lands, its answer is lost.
    loseAnswersFromParticipantWrite = true;
    const lost = await post(path, registration(manager));
    expect(lost.status).toBe(503);
    const html = await text(lost);
    expect(html).toContain("nous n'avons pas pu confirmer l'enregistrement de votre envoi");
    expect(html).toContain(`value="${manager}"`);

    await proxy.restore();
    const retry = await post(path, registration(manager));
    expect(retry.status).toBe(200);
    const answer = await text(retry);
    expect(answer).toContain("Inscription enregistrée");
    expect(answer).toContain("Merci\u00a0: l'invitation");
    const again = await post(path, registration(manager));
    expect(await text(again)).toBe(answer);
    const participants = await workshops.listParticipants(id);
    expect(participants.map((person) => person.email)).toEqual([manager]);

    // Under other names, the same address is told it was registered already.
    const renamed = await post(path, [
      ["firstName", "Marcel"],
      ["lastName", "Petit"],
      ["email", manager],
      ["consent", "on"],
    ]);
    expect(await text(renamed)).toContain("Vous êtes déjà inscrit ou inscrite");
    expect(await workshops.listParticipants(id)).toHaveLength(1);
  });
});
