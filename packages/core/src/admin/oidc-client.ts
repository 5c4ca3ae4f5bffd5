import { createHmac } from "node:crypto";
import type * as OpenidClient from "openid-client";
import { env } from "../env";
import { type OidcSettings, type PendingSignIn, scopesWithOpenid } from "./oidc";

/**
 * The programme team's identity provider, through openid-client: discovery (once per Lambda
 * instance), the authorization URL with PKCE S256, the code exchange and the ID token's checks
 * (signature against the provider's keys, issuer, audience, expiry, nonce…). The keys are
 * cached by the library and fetched again for an unknown key id at most once a minute, so a
 * forged token cannot make us hammer the provider.
 *
 * openid-client (and its oauth4webapi) is loaded on the first sign-in, not at the cold start of
 * every page: the settings and the cookie key below need none of it.
 */
const openidClient = () => import("openid-client");

/** The provider's settings, or undefined when the pages use the local token instead. */
export function oidcSettings(): OidcSettings | undefined {
  const issuer = env.oidcIssuer;
  const clientId = env.oidcClientId;
  if (!issuer || !clientId) return undefined;
  return {
    issuer,
    clientId,
    clientSecret: env.oidcClientSecret,
    scopes: env.oidcScopes,
    redirectUri: new URL("/admin/callback", env.appUrl).toString(),
  };
}

/**
 * The key of the sign-in and session cookies, derived from the link-signing secret with a label
 * of its own: one secret to manage per stage, and a link signature can never pass for a cookie's.
 */
export const cookieKey = () =>
  createHmac("sha256", env.linkSigningKey).update("binome-admin-cookies-v1").digest("base64url");

const timeoutSeconds = 5;

/**
 * Plain http is refused by openid-client; it is allowed only for a provider on this machine when
 * running locally (development, tests) — never on AWS.
 */
const localProvider = (issuer: string) => {
  const url = new URL(issuer);
  return (
    env.isLocal &&
    url.protocol === "http:" &&
    ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)
  );
};

/** HTTP Basic, the default of OAuth 2.0, unless the provider offers only the form. */
function clientAuthentication(
  client: typeof OpenidClient,
  settings: OidcSettings,
  methods: string[] | undefined,
) {
  if (settings.clientSecret === undefined) return client.None();
  return methods &&
    !methods.includes("client_secret_basic") &&
    methods.includes("client_secret_post")
    ? client.ClientSecretPost(settings.clientSecret)
    : client.ClientSecretBasic(settings.clientSecret);
}

async function configure(settings: OidcSettings) {
  const client = await openidClient();
  const insecure = localProvider(settings.issuer);
  const discovered = await client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    undefined,
    undefined,
    { timeout: timeoutSeconds, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
  );
  const metadata = discovered.serverMetadata();
  const config = new client.Configuration(
    metadata,
    settings.clientId,
    settings.clientSecret,
    clientAuthentication(client, settings, metadata.token_endpoint_auth_methods_supported),
  );
  config.timeout = timeoutSeconds;
  // The ID token's signature is checked against the provider's keys too, not only its claims
  // (openid-client leaves it out by default for a token received straight over TLS): a token
  // endpoint answered by anyone else than the provider could otherwise name any agent.
  client.enableNonRepudiationChecks(config);
  if (insecure) client.allowInsecureRequests(config);
  return config;
}

const configurations = new Map<string, Promise<OpenidClient.Configuration>>();

/** Read once per cold start; a failed read is forgotten so the next request tries again. */
function configuration(settings: OidcSettings): Promise<OpenidClient.Configuration> {
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
  let found = configurations.get(key);
  if (!found) {
    found = configure(settings);
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

/** Where to send the browser: the provider's authorization endpoint, with state, nonce and PKCE. */
export async function authorizationUrl(settings: OidcSettings, pending: PendingSignIn) {
  const config = await configuration(settings);
  const client = await openidClient();
  return client
    .buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: scopesWithOpenid(settings.scopes),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: "S256",
    })
    .toString();
}

export type SignInOutcome =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: string };

/**
 * Exchanges the code (with the PKCE verifier and the client's credentials) and verifies the ID
 * token. A refusal by the provider or a token that fails a check is an outcome; a provider that
 * cannot be reached throws (the page says the sign-in is unavailable).
 */
export async function completeSignIn(
  settings: OidcSettings,
  callback: URLSearchParams,
  pending: PendingSignIn,
): Promise<SignInOutcome> {
  const config = await configuration(settings);
  const client = await openidClient();
  // The redirect URI sent back is the registered one, whatever address the request came through.
  const currentUrl = new URL(settings.redirectUri);
  for (const [name, value] of callback) currentUrl.searchParams.append(name, value);
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return { ok: false, reason: "no-id-token" };
    return { ok: true, claims };
  } catch (error) {
    if (
      error instanceof client.ClientError ||
      error instanceof client.ResponseBodyError ||
      error instanceof client.AuthorizationResponseError
    ) {
      return { ok: false, reason: ("code" in error && String(error.code)) || error.name };
    }
    throw error;
  }
}
