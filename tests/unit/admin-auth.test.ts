import { describe, expect, it } from "vitest";
import {
  bearerToken,
  claimValues,
  decideAccess,
  safeReturnPath,
  sessionValue,
} from "#core/admin/auth";
import {
  authorizationUrl,
  idTokenProblem,
  newPendingSignIn,
  parseDiscovery,
  pkceChallenge,
  seal,
  tokenRequest,
  unseal,
} from "#core/admin/oidc";

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

describe("the browser sign-in's pure rules (OpenID Connect code flow with PKCE)", () => {
  const issuer = "https://auth.example.gouv.fr/api/v2";
  const document = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
  };
  const settings = {
    issuer,
    clientId: "client-binome",
    clientSecret: "s3cret:+",
    scopes: "email groups",
    redirectUri: "https://binome.example.gouv.fr/admin/callback",
  };

  it("computes the PKCE S256 challenge of RFC 7636's example", () => {
    expect(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("trusts a discovery document only for the configured issuer, with https endpoints", () => {
    expect(parseDiscovery(document, issuer)).toMatchObject({
      tokenEndpoint: `${issuer}/token`,
      tokenAuthMethod: "client_secret_basic",
      signingAlgorithms: ["RS256"],
    });
    expect(() => parseDiscovery({ ...document, issuer: "https://evil.example" }, issuer)).toThrow(
      /another issuer/,
    );
    expect(() =>
      parseDiscovery({ ...document, token_endpoint: "http://auth.example.gouv.fr/token" }, issuer),
    ).toThrow(/token_endpoint/);
    const local = "http://127.0.0.1:4000";
    expect(() =>
      parseDiscovery({ ...document, issuer: local, token_endpoint: `${local}/token` }, local),
    ).not.toThrow();
  });

  it("never accepts a symmetric or unsigned ID token algorithm, and posts the secret only when Basic is not offered", () => {
    const parsed = parseDiscovery(
      {
        ...document,
        id_token_signing_alg_values_supported: ["HS256", "none", "ES256", "RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
      },
      issuer,
    );
    expect(parsed.signingAlgorithms).toEqual(["RS256", "ES256"]);
    expect(parsed.tokenAuthMethod).toBe("client_secret_post");
    expect(() =>
      parseDiscovery({ ...document, id_token_signing_alg_values_supported: ["HS256"] }, issuer),
    ).toThrow(/asymmetric/);
  });

  it("asks for a code with the state, nonce, PKCE challenge and openid among the scopes", () => {
    const discovery = parseDiscovery(document, issuer);
    const pending = newPendingSignIn("/admin/chiffres");
    const url = new URL(authorizationUrl(discovery, settings, pending));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "client-binome",
      redirect_uri: settings.redirectUri,
      scope: "openid email groups",
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: pkceChallenge(pending.verifier),
      code_challenge_method: "S256",
    });
    expect(new Set([pending.state, pending.nonce, pending.verifier]).size).toBe(3);
  });

  it("sends the client secret with HTTP Basic (form-encoded parts) or in the form, as the provider asks", () => {
    const discovery = parseDiscovery(document, issuer);
    const basic = tokenRequest(discovery, settings, "code-1", "verifier-1");
    expect(basic.headers.Authorization).toBe(
      `Basic ${Buffer.from("client-binome:s3cret%3A%2B").toString("base64")}`,
    );
    expect(Object.fromEntries(new URLSearchParams(basic.body))).toEqual({
      grant_type: "authorization_code",
      code: "code-1",
      redirect_uri: settings.redirectUri,
      code_verifier: "verifier-1",
      client_id: "client-binome",
    });
    const post = tokenRequest(
      { ...discovery, tokenAuthMethod: "client_secret_post" },
      settings,
      "code-1",
      "verifier-1",
    );
    expect(post.headers.Authorization).toBeUndefined();
    expect(new URLSearchParams(post.body).get("client_secret")).toBe("s3cret:+");
  });

  describe("ID token claims beyond the signature", () => {
    const now = 1_800_000_000;
    const expected = { nonce: "nonce-1", clientId: "client-binome", nowSeconds: now };
    const claims = {
      sub: "agent",
      exp: now + 60,
      iat: now,
      nonce: "nonce-1",
      aud: "client-binome",
    };

    it("accepts a token of this sign-in, even issued a few seconds ahead of our clock", () => {
      expect(idTokenProblem(claims, expected)).toBeUndefined();
      expect(idTokenProblem({ ...claims, iat: now + 30 }, expected)).toBeUndefined();
    });

    it("refuses another sign-in's nonce, no subject, no expiry, a future iat or nbf, or a foreign authorized party", () => {
      expect(idTokenProblem({ ...claims, nonce: "nonce-2" }, expected)).toBe("wrong-nonce");
      expect(idTokenProblem({ ...claims, nonce: undefined }, expected)).toBe("wrong-nonce");
      expect(idTokenProblem({ ...claims, sub: "" }, expected)).toBe("missing-subject");
      expect(idTokenProblem({ ...claims, exp: undefined }, expected)).toBe("missing-expiry");
      expect(idTokenProblem({ ...claims, iat: now + 3600 }, expected)).toBe("issued-in-future");
      expect(idTokenProblem({ ...claims, nbf: now + 3600 }, expected)).toBe("not-yet-valid");
      expect(
        idTokenProblem({ ...claims, aud: ["client-binome", "autre"], azp: "autre" }, expected),
      ).toBe("wrong-authorized-party");
    });
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
