/**
 * What changes from one stage to another, decided when the stacks are synthesised (`sst deploy`).
 * Values come from `BINOME_*` variables in the shell or in `.env.<stage>` (SST loads that file);
 * a development stage gets example values, the `production` stage refuses to build without them,
 * so a production deploy never sends mail from an example domain.
 *
 * These are not secrets: the signing key and the OIDC client credentials are `Config.Secret`s
 * (stacks/Secrets.ts), set with `npx sst secrets set`.
 */
export type StageSettings = {
  stage: string;
  isProduction: boolean;
  /** The domain SES sends from (verified with DKIM records in its DNS). */
  emailDomain: string;
  /** The From address of every email, on `emailDomain`. */
  senderAddress: string;
  /** The programme team's address: shown on pages, receives escalations and delivery alerts. */
  programmeContact: string;
  /** Public base URL of the site (links in emails). Empty: the API's own URL is used. */
  appUrl?: string;
  /** Where the alarms are sent (an SNS email subscription, to confirm once). */
  alarmEmail: string;
  /** The OpenID Connect provider that signs the programme team's tokens (JWT authorizer). */
  oidcIssuer: string;
  /** The audience of those tokens: the client id registered with the provider. */
  oidcAudience: string;
  /**
   * The client the programme team's browsers sign in with (authorization code + PKCE, redirect URI
   * `<site>/admin/callback`); by default the audience. Its secret is `OIDC_CLIENT_SECRET`.
   */
  oidcClientId: string;
  /** The scopes asked at sign-in: those that put the role claim in the ID token. */
  oidcScopes: string;
  /** The claim and value a programme-team member's token carries (the code has defaults). */
  adminRole?: { claim: string; value: string };
  /** Requests per second the API accepts in steady state, and in a burst. */
  throttle: { rate: number; burst: number };
};

export const productionStage = "production";

/** ProConnect (the French State's identity federation) is the documented example provider. */
const exampleOidcIssuer = "https://auth.proconnect.gouv.fr/api/v2";

export function stageSettings(stage: string, source: NodeJS.ProcessEnv = process.env) {
  const isProduction = stage === productionStage;
  const read = (name: string, example: string) => {
    const value = source[name];
    if (value) return value;
    if (isProduction) {
      throw new Error(`${name} must be set to deploy the ${productionStage} stage (see README)`);
    }
    return example;
  };
  const emailDomain = read("BINOME_EMAIL_DOMAIN", "binome.example.gouv.fr");
  const settings: StageSettings = {
    stage,
    isProduction,
    emailDomain,
    senderAddress: read("BINOME_SENDER_ADDRESS", `mentorat-inverse@${emailDomain}`),
    programmeContact: read("BINOME_PROGRAMME_CONTACT", `mentorat-inverse@${emailDomain}`),
    appUrl: source.BINOME_APP_URL || undefined,
    alarmEmail: read("BINOME_ALARM_EMAIL", "exploitation@example.gouv.fr"),
    oidcIssuer: read("BINOME_OIDC_ISSUER", exampleOidcIssuer),
    oidcAudience: read("BINOME_OIDC_AUDIENCE", "binome-dev"),
    oidcClientId: source.BINOME_OIDC_CLIENT_ID || read("BINOME_OIDC_AUDIENCE", "binome-dev"),
    oidcScopes: source.BINOME_OIDC_SCOPES || "openid email",
    adminRole:
      source.BINOME_ADMIN_ROLE_CLAIM && source.BINOME_ADMIN_ROLE_VALUE
        ? { claim: source.BINOME_ADMIN_ROLE_CLAIM, value: source.BINOME_ADMIN_ROLE_VALUE }
        : undefined,
    throttle: {
      rate: Number(source.BINOME_API_RATE ?? 50),
      burst: Number(source.BINOME_API_BURST ?? 100),
    },
  };
  if (!settings.senderAddress.endsWith(`@${emailDomain}`)) {
    throw new Error("BINOME_SENDER_ADDRESS must be an address on BINOME_EMAIL_DOMAIN");
  }
  return settings;
}
