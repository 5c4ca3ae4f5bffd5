import { Config, type StackContext } from "sst/constructs";
import { stageSettings } from "./settings";

/**
 * The signing key of email links is a secret: it lives in SSM Parameter Store (SecureString), one
 * per stage, written by an operator with `npx sst secrets set LINK_SIGNING_KEY <value> --stage
 * <stage>`; only the functions bound to it may read it.
 *
 * The OIDC issuer and audience are not secret, and API Gateway's JWT authorizer needs them when
 * the stack is deployed (a `Config.Secret` is only readable at run time): they come from the stage
 * settings and are also handed to the Hono function as `Config.Parameter`s, so the code that reads
 * the team's claims and the authorizer trust the same provider.
 */
export function Secrets({ stack }: StackContext) {
  const settings = stageSettings(stack.stage);
  const linkSigningKey = new Config.Secret(stack, "LINK_SIGNING_KEY");
  const oidcIssuer = new Config.Parameter(stack, "OIDC_ISSUER", { value: settings.oidcIssuer });
  const oidcAudience = new Config.Parameter(stack, "OIDC_AUDIENCE", {
    value: settings.oidcAudience,
  });
  return { linkSigningKey, oidcIssuer, oidcAudience };
}
