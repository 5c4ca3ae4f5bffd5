import { randomBytes } from "node:crypto";

/**
 * Every environment variable the code reads goes through here, read once, failing loudly when a
 * required one is missing. Locally, `functions/local` sets them before anything else is imported.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value ? value : undefined;
}

export const env = {
  get tableName() {
    return required("TABLE_NAME");
  },
  get region() {
    return optional("AWS_REGION") ?? "eu-west-3";
  },
  /**
   * The AWS SDK's own variables: the clients never pass an endpoint, the SDK reads these itself.
   * Unset on AWS; the local runtime and the tests set them to the stand-ins. Read here only by
   * `npm start`, which uses a service already given this way instead of starting its own, and by
   * the local health check.
   */
  get dynamodbEndpoint() {
    return optional("AWS_ENDPOINT_URL_DYNAMODB");
  },
  get sesEndpoint() {
    return optional("AWS_ENDPOINT_URL_SESV2");
  },
  get senderAddress() {
    return required("SENDER_ADDRESS");
  },
  /** Public base URL of the site, used in the links of emails. */
  get appUrl() {
    return required("APP_URL");
  },
  /** The public base URL where it is known (not in every function): for the footer of emails. */
  get appUrlIfKnown() {
    return optional("APP_URL");
  },
  /** SES configuration set, when one exists (not locally). */
  get sesConfigurationSet() {
    return optional("SES_CONFIGURATION_SET");
  },
  get isLocal() {
    return optional("BINOME_LOCAL") === "1";
  },
  /**
   * On AWS, the queues the matching's work goes through (stacks/Matching.ts): the cohort jobs
   * (run the matching, queue a confirmed proposal's pairs) and the pair starts. Unset locally,
   * where the same work runs in process.
   */
  get cohortJobsQueueUrl() {
    return optional("COHORT_JOBS_QUEUE_URL");
  },
  get pairStartsQueueUrl() {
    return optional("PAIR_STARTS_QUEUE_URL");
  },
  /** The pair workflow's state machine (locally, the one the local Step Functions service runs). */
  get stateMachineArn() {
    return required("STATE_MACHINE_ARN");
  },
  /** The event workflow's state machine (collective workshops, BarNum'). */
  get eventStateMachineArn() {
    return required("EVENT_STATE_MACHINE_ARN");
  },
  /**
   * The secret that signs the links of emails (a `Config.Secret` on AWS). Locally, when none is
   * set, a random key is made once per process: links then stop working after a restart, which is
   * acceptable on a development machine and never happens where the variable is set.
   */
  get linkSigningKey() {
    const key = optional("LINK_SIGNING_KEY");
    if (key) return key;
    if (!this.isLocal) return required("LINK_SIGNING_KEY");
    process.env.LINK_SIGNING_KEY = randomBytes(32).toString("base64url");
    return process.env.LINK_SIGNING_KEY;
  },
  /**
   * The programme team's token for local use (`Authorization: Bearer …` or the login form). Only
   * read when running locally; when unset, one is made per process and `npm start` prints it.
   */
  get adminToken() {
    const token = optional("ADMIN_TOKEN");
    if (token) return token;
    if (!this.isLocal) return required("ADMIN_TOKEN");
    process.env.ADMIN_TOKEN = randomBytes(24).toString("base64url");
    return process.env.ADMIN_TOKEN;
  },
  /** The JWT claim that carries the programme-team role on AWS, and the value it must contain. */
  get adminRoleClaim() {
    return optional("ADMIN_ROLE_CLAIM") ?? "groups";
  },
  get adminRoleValue() {
    return optional("ADMIN_ROLE_VALUE") ?? "binome-equipe";
  },
  /**
   * The state machine's ARN when one is deployed or served locally: the programme team's pages
   * link to its executions (in the AWS console, or on the local service) only when it is set.
   */
  get stateMachineArnIfDeployed() {
    return optional("STATE_MACHINE_ARN");
  },
  /**
   * Locally, where the Step Functions service runs (the SDK's own variable); its ops pages stand
   * in for the console.
   */
  get localStepFunctionsEndpoint() {
    return this.isLocal ? optional("AWS_ENDPOINT_URL_SFN") : undefined;
  },
  /**
   * The OpenID Connect provider whose tokens API Gateway's JWT authorizer accepts on the programme
   * team's routes, and their audience (on AWS only: `Config.Parameter`s, see stacks/Secrets.ts).
   */
  get oidcIssuer() {
    return optional("OIDC_ISSUER");
  },
  get oidcAudience() {
    return optional("OIDC_AUDIENCE");
  },
  /**
   * The client registered with that provider for the programme team's browser sign-in (its ID
   * tokens have this audience); by default the audience above. With an issuer and a client id,
   * the /admin pages sign in through the provider instead of the local token form.
   */
  get oidcClientId() {
    return optional("OIDC_CLIENT_ID") ?? optional("OIDC_AUDIENCE");
  },
  /** The client's secret (a `Config.Secret` on AWS); absent for a public client using PKCE only. */
  get oidcClientSecret() {
    return optional("OIDC_CLIENT_SECRET");
  },
  /** The scopes asked at sign-in: whatever makes the provider put the role claim in the ID token. */
  get oidcScopes() {
    return optional("OIDC_SCOPES") ?? "openid email";
  },
};
