import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { issueLink, readLink } from "#core/links";
import { app } from "../../functions/api/app";
import { localApp } from "../../functions/local/app";

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
