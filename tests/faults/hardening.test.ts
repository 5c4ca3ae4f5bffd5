import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { describe, expect, it } from "vitest";
import { calendarInvitation } from "#core/calendar";
import { ses } from "#core/clients/ses";
import { clock } from "#core/clock";
import { issueLink, readLink } from "#core/links";
import { app } from "../../functions/api/app";
import { localApp } from "../../functions/local/app";
import { mentorAnswers, questionnaireAnswers } from "../support/fixtures";
import { emailsTo, uniqueEmail } from "../support/inbox";

/** Weak spots found while trying the app as an attacker would: each one closed, and kept closed. */

const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("signed links", () => {
  it("refuses a signature that differs only in the unused bits of its last character", async () => {
    const url = await issueLink({
      pairId: "pair-bits",
      step: "session-1",
      purpose: "schedule",
      recipient: "mentor",
      expiresAt: new Date(clock.now().getTime() + 86_400_000),
    });
    const token = url.slice(url.lastIndexOf("/") + 1);
    expect((await readLink(token)).ok).toBe(true);
    // 43 characters carry 258 bits for a 256-bit signature: the last character's two low bits
    // decode to nothing, so flipping one gives the same bytes under another spelling.
    const last = base64url.indexOf(token.at(-1) as string);
    const twin = `${token.slice(0, -1)}${base64url[last ^ 1]}`;
    expect(Buffer.from(twin.split(".")[1] as string, "base64url")).toEqual(
      Buffer.from(token.split(".")[1] as string, "base64url"),
    );
    expect(await readLink(twin)).toEqual({ ok: false, reason: "tampered" });
  });
});

describe("response headers", () => {
  it("sends a Permissions-Policy that turns off camera, microphone and location", async () => {
    const policy = (await app.request("/")).headers.get("permissions-policy") ?? "";
    expect(policy).toContain("camera=()");
    expect(policy).toContain("microphone=()");
    expect(policy).toContain("geolocation=()");
  });
});

describe("the local clock", () => {
  const now = () => clock.now().getTime();

  it("cannot be moved by a form on another site (text/plain carrying JSON)", async () => {
    const start = now();
    const response = await localApp.request("http://localhost/api/dev/clock", {
      method: "POST",
      headers: { "Content-Type": "text/plain", Origin: "http://evil.example" },
      body: JSON.stringify({ advance: "P30D" }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(now() - start).toBeLessThan(60_000);
  });

  it("cannot be moved by a urlencoded form from another origin", async () => {
    const start = now();
    const response = await localApp.request("http://localhost/api/dev/clock", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "http://evil.example",
      },
      body: "advance=P30D",
    });
    expect([403, 415]).toContain(response.status);
    expect(now() - start).toBeLessThan(60_000);
  });
});

const postJson = (path: string, body: unknown) =>
  app.request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

const fieldErrors = async (response: Response) =>
  Object.fromEntries(
    ((await response.json()).errors as { field: string; detail: string }[]).map((error) => [
      error.field,
      error.detail,
    ]),
  );

describe("addresses", () => {
  it("refuses markup as an assistant's address", async () => {
    const response = await postJson(
      "/api/questionnaires",
      questionnaireAnswers({ assistantEmail: "<script>alert(1)</script>@x.fr" }),
    );
    expect(response.status).toBe(422);
    expect((await fieldErrors(response)).assistantEmail).toContain("adresse électronique valide");
  });

  it("refuses markup as a manager's address", async () => {
    const response = await postJson(
      "/api/mentor-applications",
      mentorAnswers({ managerEmail: '"><img src=x>@x.fr' }),
    );
    expect(response.status).toBe(422);
    expect(Object.keys(await fieldErrors(response))).toEqual(["managerEmail"]);
  });
});

describe("invisible characters", () => {
  const invisible = {
    NUL: "\u0000",
    BEL: "\u0007",
    ESC: "\u001b",
    "a right-to-left override": "\u202e",
    "a bidi isolate": "\u2067",
    "a lone surrogate": "\ud800",
  };
  for (const [name, character] of Object.entries(invisible)) {
    it(`refuses ${name} in a name and in free text, in French`, async () => {
      const response = await postJson(
        "/api/questionnaires",
        questionnaireAnswers({ lastName: `Mar${character}tin`, goal: `Mon ${character}objectif` }),
      );
      expect(response.status).toBe(422);
      const errors = await fieldErrors(response);
      expect(errors.lastName).toContain("caractère invisible non autorisé");
      expect(errors.goal).toContain("caractère invisible non autorisé");
    });
  }

  it("refuses a line break in a name but keeps one in free text", async () => {
    const response = await postJson(
      "/api/mentor-applications",
      mentorAnswers({
        firstName: "Yanis\r\nBcc: tous@exemple.fr",
        motivation: "Transmettre.\nEt apprendre.",
      }),
    );
    expect(response.status).toBe(422);
    expect(Object.keys(await fieldErrors(response))).toEqual(["firstName"]);
  });

  it("accepts accents, apostrophes and an emoji pair of surrogates", async () => {
    const response = await postJson(
      "/api/questionnaires",
      questionnaireAnswers({ lastName: "N'Guessan-Lefèvre", goal: "Publier sur LinkedIn 🚀" }),
    );
    expect(response.status).toBe(201);
  });
});

describe("email headers", () => {
  it("never lets a line break of a subject reach the message's headers", async () => {
    const to = uniqueEmail("entete");
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: "mentorat-inverse@example.gouv.fr",
        Destination: { ToAddresses: [to] },
        Content: {
          Simple: {
            Subject: { Data: "Séance avec Claire\r\nBcc: espion@exemple.fr" },
            Body: { Text: { Data: "Bonjour" } },
          },
        },
      }),
    );
    const [email] = await emailsTo(to);
    expect(email?.subject).toBe("Séance avec Claire Bcc: espion@exemple.fr");
    expect(email?.destination.bcc).toEqual([]);
  });
});

describe("calendar invitations", () => {
  it('spells a quote in a name as RFC 6868 says, never as \\" inside a CN', async () => {
    const ics = await calendarInvitation({
      uid: "pair-1-session-1",
      sequence: 0,
      method: "REQUEST",
      start: new Date("2026-03-17T13:30:00Z"),
      durationMinutes: 60,
      title: "Séance 1",
      description: "Première séance",
      organizer: { name: 'Équipe "Binôme"', email: "mentorat-inverse@example.gouv.fr" },
      attendees: [{ name: 'Claire "Cla" Martin', email: "claire@example.gouv.fr" }],
    });
    const unfolded = ics.replace(/\r?\n[ \t]/g, "");
    expect(unfolded).not.toContain('\\"');
    expect(unfolded).toContain(`CN="Équipe ^'Binôme^'"`);
    expect(unfolded).toContain(`CN="Claire ^'Cla^' Martin"`);
  });
});
