import { CfnRoute } from "aws-cdk-lib/aws-apigatewayv2";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { NagSuppressions } from "cdk-nag";
import { Api as HttpApi, type StackContext, use } from "sst/constructs";
import { Email } from "./Email";
import { binomeFunction } from "./functions";
import { Matching } from "./Matching";
import { suppressTableIndex } from "./nag";
import { eventExecutionsArn, eventWorkflowArn, pairExecutionsArn, pairWorkflowArn } from "./names";
import { Secrets } from "./Secrets";
import { Storage } from "./Storage";
import { stageSettings } from "./settings";

/**
 * The programme team's JSON routes: API clients send a bearer token, which API Gateway's JWT
 * authorizer checks (signature, issuer, audience, expiry) before the function runs; the function
 * then checks the team's role claim.
 */
export const adminApiRoutes = ["ANY /api/admin", "ANY /api/admin/{proxy+}"] as const;

/**
 * The programme team's pages. A browser sends no bearer token and the JWT authorizer reads no
 * cookie, so these routes have no authorizer: the function signs the team in through the OIDC
 * provider itself (code flow with PKCE, ID token verified against the provider's keys) and every
 * page checks its signed session cookie and the role (functions/api/routes/admin-sign-in.tsx).
 */
export const adminPageRoutes = ["ANY /admin", "ANY /admin/{proxy+}"] as const;

/** The HTTP API: one Hono function serves every page and JSON route. */
/**
 * The API's access log, one JSON line per request: SST's default fields less the path, which
 * carries the links' tokens (`/lien/<token>`, `/mon-binome/<token>`…); the route and the status
 * say enough to follow a request, and the request id joins it to the function's logs.
 */
const accessLogFormat = JSON.stringify({
  requestTime: "$context.requestTime",
  requestId: "$context.requestId",
  httpMethod: "$context.httpMethod",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLatency: "$context.responseLatency",
  integrationRequestId: "$context.integration.requestId",
  integrationStatus: "$context.integration.status",
  integrationLatency: "$context.integration.latency",
  integrationServiceStatus: "$context.integration.integrationStatus",
  ip: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
});

export function Api({ stack }: StackContext) {
  const settings = stageSettings(stack.stage);
  const { table } = use(Storage);
  const email = use(Email);
  const secrets = use(Secrets);
  const matching = use(Matching);

  const web = binomeFunction(stack, "Web", {
    handler: "functions/bootstrap/web.handler",
    description: "Binôme pages and JSON API (Hono)",
    splitting: true,
    bind: [
      secrets.linkSigningKey,
      secrets.oidcIssuer,
      secrets.oidcAudience,
      secrets.oidcClientId,
      secrets.oidcClientSecret,
    ],
    environment: {
      OIDC_SCOPES: settings.oidcScopes,
      TABLE_NAME: table.tableName,
      STATE_MACHINE_ARN: pairWorkflowArn(stack),
      EVENT_STATE_MACHINE_ARN: eventWorkflowArn(stack),
      // Running a matching or confirming one sends a job to the matching function.
      COHORT_JOBS_QUEUE_URL: matching.jobsQueue.queueUrl,
      ...email.emailEnvironment,
      ...(settings.adminRole
        ? { ADMIN_ROLE_CLAIM: settings.adminRole.claim, ADMIN_ROLE_VALUE: settings.adminRole.value }
        : {}),
    },
  });
  table.cdk.table.grantReadWriteData(web);
  suppressTableIndex(web);
  web.addToRolePolicy(
    new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [matching.jobsQueue.queueArn] }),
  );
  // Starts a pair's (an event's) execution, delivers a person's answer (a move, a cancellation)
  // to the waiting step, stops a cancelled pair.
  web.addToRolePolicy(
    new PolicyStatement({
      actions: ["states:StartExecution", "states:SendTaskSuccess", "states:SendTaskFailure"],
      resources: [pairWorkflowArn(stack), eventWorkflowArn(stack)],
    }),
  );
  // DescribeExecution: whether a start is a repeat (StartExecution answers a repeat as a start).
  web.addToRolePolicy(
    new PolicyStatement({
      actions: ["states:StopExecution", "states:DescribeExecution"],
      resources: [pairExecutionsArn(stack), eventExecutionsArn(stack)],
    }),
  );
  NagSuppressions.addResourceSuppressions(
    web,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "StopExecution and DescribeExecution act on an execution, whose ARN is <machine ARN with 'execution'>:<name>; the pair's execution name is only known at run time, so the grant covers this machine's executions only.",
        appliesTo: [
          {
            regex:
              "/^Resource::arn:<AWS::Partition>:states:.*:execution:.*-(pair|event)-workflow:\\*$/g",
          },
        ],
      },
    ],
    true,
  );

  const adminApi = { function: web, authorizer: "programmeTeam" } as const;
  const adminPages = { function: web, authorizer: "none" } as const;
  const api = new HttpApi(stack, "Api", {
    authorizers: {
      programmeTeam: {
        type: "jwt",
        jwt: { issuer: settings.oidcIssuer, audience: [settings.oidcAudience] },
      },
    },
    defaults: {
      // SST applies throttling only when both values are set.
      throttle: { rate: settings.throttle.rate, burst: settings.throttle.burst },
    },
    // Pages and forms are served from the same origin; no other site calls this API.
    cors: false,
    accessLog: { retention: "three_months", format: accessLogFormat },
    routes: {
      ...Object.fromEntries(adminApiRoutes.map((route) => [route, adminApi])),
      ...Object.fromEntries(adminPageRoutes.map((route) => [route, adminPages])),
      $default: { function: web, authorizer: "none" },
    },
  });

  NagSuppressions.addResourceSuppressionsByPath(
    stack,
    `/${stack.stackName}/Api/Route_default/Resource`,
    [
      {
        id: "AwsSolutions-APIG4",
        reason:
          "The default route serves the public site: presentation pages, the questionnaire, the mentor application and the signed email links, open to every agent by design. The programme team's JSON routes have the JWT authorizer.",
      },
    ],
  );
  const pageRouteKeys: readonly string[] = adminPageRoutes;
  const pageRoutes = api.node
    .findAll()
    .filter((node): node is CfnRoute => node instanceof CfnRoute)
    .filter((route) => pageRouteKeys.includes(route.routeKey));
  if (pageRoutes.length !== adminPageRoutes.length) throw new Error("Admin page routes not found");
  for (const route of pageRoutes) {
    NagSuppressions.addResourceSuppressions(route, [
      {
        id: "AwsSolutions-APIG4",
        reason:
          "The programme team's HTML pages are protected in the function: a browser sends no bearer token and an HTTP API JWT authorizer cannot read a cookie, so the Hono app signs the team in with the OIDC provider (authorization code + PKCE, ID token verified against the provider's JWKS, role claim checked) and requires its signed, HttpOnly session cookie on every page.",
      },
    ]);
  }

  const appUrl = settings.appUrl ?? api.url;
  web.addEnvironment("APP_URL", appUrl);

  stack.addOutputs({ ApiUrl: api.url, AppUrl: appUrl });
  return { api, web, appUrl };
}
