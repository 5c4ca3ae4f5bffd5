import { describe, expect, it } from "vitest";
import {
  bearerToken,
  claimValues,
  decideAccess,
  safeReturnPath,
  sessionValue,
} from "#core/admin/auth";

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
