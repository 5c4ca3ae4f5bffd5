import { describe, expect, it } from "vitest";
import {
  bearerToken,
  claimValues,
  decideAccess,
  safeReturnPath,
  sessionValue,
} from "#core/admin/auth";
import { newPendingSignIn, scopesWithOpenid, seal, unseal } from "#core/admin/oidc";

const rule = { claim: "groups", value: "binome-equipe" };

describe("programme-team access on AWS (claims verified by the JWT authorizer)", () => {
  it("allows a token whose role claim contains the programme team's value", () => {
    expect(
      decideAccess(
        { via: "jwt", claims: { sub: "agent-1", groups: ["autre", "binome-equipe"] } },
        rule,
      ),
    ).toEqual({ allowed: true });
  });

  it("reads the role from API Gateway's flattened array, a plain string or a comma list", () => {
    for (const groups of ["[autre binome-equipe]", "binome-equipe", "autre, binome-equipe"]) {
      expect(decideAccess({ via: "jwt", claims: { sub: "a", groups } }, rule).allowed).toBe(true);
    }
  });

  it("refuses an authenticated agent without the role", () => {
    expect(decideAccess({ via: "jwt", claims: { sub: "a", groups: "[autre]" } }, rule)).toEqual({
      allowed: false,
      reason: "missing-role",
    });
  });

  it("does not take a value that merely contains the role's name", () => {
    expect(
      decideAccess({ via: "jwt", claims: { sub: "a", groups: ["binome-equipe-lecture"] } }, rule)
        .allowed,
    ).toBe(false);
  });

  it("refuses a request that reached the function without verified claims", () => {
    expect(decideAccess({ via: "jwt", claims: undefined }, rule)).toEqual({
      allowed: false,
      reason: "unauthenticated",
    });
    expect(decideAccess({ via: "jwt", claims: { groups: "binome-equipe" } }, rule).allowed).toBe(
      false,
    );
  });

  it("uses the claim name and value from configuration", () => {
    const custom = { claim: "roles", value: "animation" };
    expect(
      decideAccess({ via: "jwt", claims: { sub: "a", roles: ["animation"] } }, custom).allowed,
    ).toBe(true);
    expect(
      decideAccess({ via: "jwt", claims: { sub: "a", groups: ["animation"] } }, custom).allowed,
    ).toBe(false);
  });
});

describe("programme-team access locally (token)", () => {
  const expectedToken = "jeton-local-secret";

  it("allows the bearer token and the login form's session cookie", () => {
    expect(
      decideAccess({ via: "local-token", bearer: expectedToken, expectedToken }, rule).allowed,
    ).toBe(true);
    expect(
      decideAccess(
        { via: "local-token", sessionCookie: sessionValue(expectedToken), expectedToken },
        rule,
      ).allowed,
    ).toBe(true);
  });

  it("refuses a wrong token, the raw token as a cookie, or nothing at all", () => {
    for (const request of [
      { bearer: "jeton-local-secreT" },
      { bearer: `${expectedToken}x` },
      { sessionCookie: expectedToken },
      {},
    ]) {
      expect(decideAccess({ via: "local-token", ...request, expectedToken }, rule)).toEqual({
        allowed: false,
        reason: "unauthenticated",
      });
    }
  });

  it("refuses everything when no token is configured", () => {
    expect(decideAccess({ via: "local-token", bearer: "", expectedToken: "" }, rule).allowed).toBe(
      false,
    );
  });

  it("refuses everyone outside Lambda when not running locally", () => {
    expect(decideAccess({ via: "none" }, rule).allowed).toBe(false);
  });
});

describe("request helpers", () => {
  it("reads a bearer token and nothing else from the Authorization header", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer abc ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it("splits claim values whatever their shape", () => {
    expect(claimValues(["a", "b"])).toEqual(["a", "b"]);
    expect(claimValues("[a b]")).toEqual(["a", "b"]);
    expect(claimValues(42)).toEqual([]);
  });

  it("sends the team back only to one of its own pages after logging in", () => {
    expect(safeReturnPath("/admin/binomes?vague=vague-1")).toBe("/admin/binomes?vague=vague-1");
    expect(safeReturnPath("https://evil.example/admin")).toBe("/admin");
    expect(safeReturnPath("//evil.example/admin")).toBe("/admin");
    expect(safeReturnPath("/admin//evil.example")).toBe("/admin");
    expect(safeReturnPath("/questionnaire")).toBe("/admin");
    expect(safeReturnPath(undefined)).toBe("/admin");
  });
});

describe("the browser sign-in's own rules (the code flow itself is openid-client's)", () => {
  it("always asks for openid, once, whatever the configured scopes", () => {
    expect(scopesWithOpenid("email groups")).toBe("openid email groups");
    expect(scopesWithOpenid("openid,email  openid")).toBe("openid email");
  });

  it("draws a fresh state, nonce and PKCE verifier for each sign-in", () => {
    const first = newPendingSignIn("/admin");
    const second = newPendingSignIn("/admin");
    const values = [first.state, first.nonce, first.verifier, second.state, second.nonce];
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) expect(value).toMatch(/^[\w-]{43}$/);
  });

  describe("signed cookies", () => {
    const key = "cle-de-test";
    const now = 1_800_000_000;

    it("opens what it sealed, until it expires", () => {
      const value = seal("session", { sub: "agent" }, key, now + 10);
      expect(unseal("session", value, key, now)).toEqual({ sub: "agent", exp: now + 10 });
      expect(unseal("session", value, key, now + 10)).toBeUndefined();
    });

    it("refuses a changed payload, another key, another purpose or a malformed value", () => {
      const value = seal("session", { sub: "agent" }, key, now + 10);
      const [, signature] = value.split(".");
      const forged = `${Buffer.from(JSON.stringify({ sub: "intrus", exp: now + 10 })).toString("base64url")}.${signature}`;
      expect(unseal("session", forged, key, now)).toBeUndefined();
      expect(unseal("session", value, "autre-cle", now)).toBeUndefined();
      expect(unseal("sign-in", value, key, now)).toBeUndefined();
      for (const malformed of [undefined, "", "abc", `${value}.x`]) {
        expect(unseal("session", malformed, key, now)).toBeUndefined();
      }
    });
  });
});
