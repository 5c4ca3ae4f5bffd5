import { Config, type StackContext } from "sst/constructs";
import { stageSettings } from "./settings";

/**
 * The signing key of email links and the programme team's OIDC client secret are secrets: they
 * live in SSM Parameter Store (SecureString), one per stage, written by an operator with
 * `npx sst secrets set LINK_SIGNING_KEY <value> --stage <stage>` (and `OIDC_CLIENT_SECRET`); only
 * the functions bound to them may read them. The link key also signs the team's session cookies
 * (through a key derived from it for that purpose alone).
 *
 * The OIDC issuer and audience are not secret, and API Gateway's JWT authorizer needs them when
 * the stack is deployed (a `Config.Secret` is only readable at run time): they come from the stage
 * settings and are also handed to the Hono function as `Config.Parameter`s, so the code that reads
 * the team's claims and the authorizer trust the same provider. The browser sign-in's client id is
 * a parameter too; its secret is the `OIDC_CLIENT_SECRET` secret.
 */
export function Secrets({ stack }: StackContext) {
  const settings = stageSettings(stack.stage);
  const linkSigningKey = new Config.Secret(stack, "LINK_SIGNING_KEY");
  const oidcIssuer = new Config.Parameter(stack, "OIDC_ISSUER", { value: settings.oidcIssuer });
  const oidcAudience = new Config.Parameter(stack, "OIDC_AUDIENCE", {
    value: settings.oidcAudience,
  });
  const oidcClientId = new Config.Parameter(stack, "OIDC_CLIENT_ID", {
    value: settings.oidcClientId,
  });
  const oidcClientSecret = new Config.Secret(stack, "OIDC_CLIENT_SECRET");
  return { linkSigningKey, oidcIssuer, oidcAudience, oidcClientId, oidcClientSecret };
}
