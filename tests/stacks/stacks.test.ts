import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import aslValidator from "asl-validator";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { issueLink, linkPurposes } from "#core/links";
import { pairStartDeliveries } from "#core/matching/dispatch";
import { isUnreachable } from "#core/reachability";
import { adminApiRoutes, adminPageRoutes } from "../../stacks/Api";
import { pairStartBatchSize, pairStarterConcurrency } from "../../stacks/Matching";
import { runbook } from "../../stacks/Monitoring";
import { renderEventWorkflowAsl } from "../../stacks/workflow/render";
import { emailsTo, uniqueEmail } from "../support/inbox";
import { sesBounceEvent } from "./ses-events";
import { productionEnvironment, type Synthesised, synthesise } from "./synth";
import { type PolicyStatement, resolveToString, rolePolicies, statements } from "./template";

/**
 * The whole app synthesised offline for a development stage and for `production`, as `sst deploy`
 * would, then checked resource by resource. One synthesis per stage for the whole file (functions
 * are really bundled by SST's esbuild: a few seconds).
 */
let dev: Synthesised;
let production: Synthesised;

beforeAll(async () => {
  dev = await synthesise("dev");
  production = await synthesise("production", productionEnvironment);
}, 120_000);

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (template: Template, type: string) =>
  Object.entries(template.findResources(type)) as [string, Resource][];

/** The one resource of a type in a template. */
const only = (template: Template, type: string): [string, Resource] => {
  const found = resources(template, type);
  if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
  return found[0] as [string, Resource];
};

/** Our functions, by logical id prefix (the SST custom resource handler is SST's own). */
const ourFunctions = (template: Template) =>
  resources(template, "AWS::Lambda::Function").filter(
    ([id]) => !id.startsWith("CustomResourceHandler"),
  );

const functionByPrefix = (template: Template, prefix: string) => {
  const found = ourFunctions(template).find(([id]) => id.startsWith(prefix));
  if (!found) throw new Error(`No function ${prefix}`);
  return found;
};

const environmentOf = (fn: Resource) =>
  (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

describe("storage", () => {
  it("declares the single table with pk/sk, the gsi1 list index and the expiresAt TTL, on demand with point-in-time recovery", () => {
    for (const { templates } of [dev, production]) {
      templates.Storage.hasResourceProperties("AWS::DynamoDB::Table", {
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: "gsi1",
            KeySchema: [
              { AttributeName: "gsi1pk", KeyType: "HASH" },
              { AttributeName: "gsi1sk", KeyType: "RANGE" },
            ],
          }),
        ],
        BillingMode: "PAY_PER_REQUEST",
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        // Keys only: the outbox's sender reads each new email from the table, no body in the stream.
        StreamSpecification: { StreamViewType: "KEYS_ONLY" },
      });
    }
  });

  it("protects and retains the table in production only, so a development stage can be removed", () => {
    production.templates.Storage.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    dev.templates.Storage.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Delete",
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });
});

describe("functions", () => {
  const all = () =>
    [dev, production].flatMap(({ templates }) =>
      (["Api", "Workflow", "Email", "Matching"] as const).flatMap((name) =>
        ourFunctions(templates[name]),
      ),
    );

  it("runs every function on nodejs22.x, arm64, with X-Ray active tracing and Powertools settings", () => {
    const functions = all();
    // Web, pair steps, event steps, SES events, the outbox's sender and its sweep, the matching
    // function and the pair starter, in each of two stages.
    expect(functions.length).toBe(16);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        TracingConfig: { Mode: "Active" },
      });
      expect(environmentOf(fn)).toMatchObject({
        POWERTOOLS_SERVICE_NAME: "binome",
        POWERTOOLS_METRICS_NAMESPACE: "Binome",
        POWERTOOLS_LOG_LEVEL: "INFO",
      });
      expect(fn.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: expect.any(String) } });
    }
  });

  it("gives every function a log group that expires its logs", () => {
    for (const { templates } of [dev, production]) {
      for (const name of ["Api", "Workflow", "Email", "Matching"] as const) {
        for (const [, group] of resources(templates[name], "AWS::Logs::LogGroup")) {
          expect(group.Properties.RetentionInDays).toBe(90);
        }
      }
    }
  });
});

describe("api", () => {
  it("sends every public path to the Hono function and guards the programme team's JSON routes with the JWT authorizer", () => {
    const api = dev.templates.Api;
    api.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "$default",
      AuthorizationType: "NONE",
    });
    const [authorizerId] = only(api, "AWS::ApiGatewayV2::Authorizer");
    expect(adminApiRoutes).toEqual(["ANY /api/admin", "ANY /api/admin/{proxy+}"]);
    for (const routeKey of adminApiRoutes) {
      api.hasResourceProperties("AWS::ApiGatewayV2::Route", {
        RouteKey: routeKey,
        AuthorizationType: "JWT",
        AuthorizerId: { Ref: authorizerId },
      });
    }
    // Every route reaches the same function, the Hono app.
    const [webId] = functionByPrefix(api, "Web");
    for (const [, integration] of resources(api, "AWS::ApiGatewayV2::Integration")) {
      expect(integration.Properties.IntegrationUri).toEqual({ "Fn::GetAtt": [webId, "Arn"] });
    }
  });

  it("leaves the programme team's pages to the function's own OIDC sign-in (a browser sends no bearer token)", () => {
    const routes = resources(dev.templates.Api, "AWS::ApiGatewayV2::Route").map(
      ([, route]) => route.Properties,
    );
    expect(adminPageRoutes).toEqual(["ANY /admin", "ANY /admin/{proxy+}"]);
    for (const routeKey of adminPageRoutes) {
      const route = routes.find((properties) => properties.RouteKey === routeKey);
      expect(route, routeKey).toMatchObject({ AuthorizationType: "NONE" });
      expect(route?.AuthorizerId, routeKey).toBeUndefined();
    }
    // Every route of the API is either public by design or one of the team's.
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(
      ["$default", ...adminApiRoutes, ...adminPageRoutes].sort(),
    );
  });

  it("gives the function the browser sign-in's client id, scopes and client secret (from SSM)", () => {
    const [, web] = functionByPrefix(production.templates.Api, "Web");
    expect(environmentOf(web)).toMatchObject({
      OIDC_SCOPES: "openid email",
      SST_Parameter_value_OIDC_ISSUER: productionEnvironment.BINOME_OIDC_ISSUER,
      SST_Parameter_value_OIDC_CLIENT_ID: productionEnvironment.BINOME_OIDC_AUDIENCE,
      SST_Secret_value_OIDC_CLIENT_SECRET: "__FETCH_FROM_SSM__",
      SST_Secret_value_LINK_SIGNING_KEY: "__FETCH_FROM_SSM__",
    });
  });

  it("trusts the issuer and audience given for the stage (ProConnect in production's example)", () => {
    production.templates.Api.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Issuer: productionEnvironment.BINOME_OIDC_ISSUER,
        Audience: [productionEnvironment.BINOME_OIDC_AUDIENCE],
      },
    });
  });

  it("throttles with both a burst and a rate, and allows no cross-origin calls", () => {
    dev.templates.Api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const [, httpApi] = only(dev.templates.Api, "AWS::ApiGatewayV2::Api");
    expect(httpApi.Properties.CorsConfiguration).toBeUndefined();
  });

  it("keeps an access log line per request without its path, where the links' tokens are", () => {
    const [, stage] = only(dev.templates.Api, "AWS::ApiGatewayV2::Stage");
    const settings = stage.Properties.AccessLogSettings as { Format?: string };
    const format = JSON.parse(String(settings.Format));
    expect(format).toMatchObject({
      requestId: "$context.requestId",
      routeKey: "$context.routeKey",
      status: "$context.status",
    });
    expect(JSON.stringify(format)).not.toMatch(/context\.(path|resourcePath)|requestOverride/);
  });

  it("gives the Hono function the table, the sender, the site URL, the configuration set and the state machine", () => {
    const [, web] = functionByPrefix(production.templates.Api, "Web");
    const variables = environmentOf(web);
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining([
        "TABLE_NAME",
        "SENDER_ADDRESS",
        "APP_URL",
        "SES_CONFIGURATION_SET",
        "STATE_MACHINE_ARN",
        "PROGRAMME_CONTACT",
      ]),
    );
    expect(variables.SENDER_ADDRESS).toBe(productionEnvironment.BINOME_SENDER_ADDRESS);
    expect(variables.APP_URL).toBe(productionEnvironment.BINOME_APP_URL);
    expect(resolveToString(variables.STATE_MACHINE_ARN)).toBe(
      "arn:aws:states:eu-west-3:123456789012:stateMachine:production-binome-pair-workflow",
    );
    // Without a custom domain, links point at the API's own URL.
    const [, devWeb] = functionByPrefix(dev.templates.Api, "Web");
    expect(environmentOf(devWeb).APP_URL).toEqual({
      "Fn::GetAtt": [expect.stringMatching(/^Api/), "ApiEndpoint"],
    });
  });
});

/** A state machine of the Workflow stack, by its name's end (`pair-workflow`, `event-workflow`). */
const machineNamed = (template: Template, suffix: string) => {
  const found = resources(template, "AWS::StepFunctions::StateMachine").find(([, resource]) =>
    String(resource.Properties.StateMachineName).endsWith(suffix),
  );
  if (!found) throw new Error(`No state machine ${suffix}`);
  return found[1];
};

describe("workflow", () => {
  const machine = (template: Template) => machineNamed(template, "-pair-workflow");

  it("logs the state machine to CloudWatch without execution data, with X-Ray tracing", () => {
    const properties = machine(dev.templates.Workflow).Properties;
    expect(properties).toMatchObject({
      StateMachineType: "STANDARD",
      StateMachineName: "dev-binome-pair-workflow",
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: expect.anything() } }],
      },
    });
    dev.templates.Workflow.hasResourceProperties("AWS::Logs::LogGroup", {
      LogGroupName: "/aws/vendedlogs/states/dev-binome-pair-workflow",
    });
  });

  it("deploys a definition that passes asl-validator", () => {
    // The only resources the definition refers to are the steps function's ARN.
    const lambdaArn = (id: string) => `arn:aws:lambda:eu-west-3:123456789012:function:${id}`;
    const definition = JSON.parse(
      resolveToString(machine(dev.templates.Workflow).Properties.DefinitionString, lambdaArn),
    );
    const { isValid, errorsText } = aslValidator(definition);
    expect(errorsText("\n"), "asl-validator errors").toBe("");
    expect(isValid).toBe(true);
    expect(Object.keys(definition.States).length).toBeGreaterThan(10);
  });

  it("runs the steps function behind the secrets bootstrap, with the signing key bound", () => {
    const [, steps] = functionByPrefix(dev.templates.Workflow, "PairSteps");
    expect(steps.Properties.Handler).toBe("functions/bootstrap/steps.handler");
    expect(environmentOf(steps)).toMatchObject({
      SST_Secret_value_LINK_SIGNING_KEY: "__FETCH_FROM_SSM__",
    });
  });
});

describe("event workflow", () => {
  const machine = (template: Template) => machineNamed(template, "-event-workflow");
  const lambdaArn = (id: string) => `arn:aws:lambda:eu-west-3:123456789012:function:${id}`;
  const deployed = () =>
    JSON.parse(
      resolveToString(machine(dev.templates.Workflow).Properties.DefinitionString, lambdaArn),
    );

  it("deploys one event state machine beside the pair's, logged without execution data and traced", () => {
    expect(resources(dev.templates.Workflow, "AWS::StepFunctions::StateMachine").length).toBe(2);
    expect(machine(dev.templates.Workflow).Properties).toMatchObject({
      StateMachineType: "STANDARD",
      StateMachineName: "dev-binome-event-workflow",
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { IncludeExecutionData: false },
    });
    dev.templates.Workflow.hasResourceProperties("AWS::Logs::LogGroup", {
      LogGroupName: "/aws/vendedlogs/states/dev-binome-event-workflow",
    });
  });

  it("deploys the very definition the local engine runs, valid for asl-validator", () => {
    const definition = deployed();
    const { isValid, errorsText } = aslValidator(definition);
    expect(errorsText("\n"), "asl-validator errors").toBe("");
    expect(isValid).toBe(true);
    const local = renderEventWorkflowAsl();
    // Only the steps function's ARN differs (the local one is named, the deployed one is SST's),
    // and SST's feature flags spell out each state's default query language.
    const normalise = (text: string) =>
      text
        .replace(/arn:aws:lambda:[^"]+/g, "<steps>")
        .replaceAll(',"QueryLanguage":"JSONPath"', "");
    expect(normalise(JSON.stringify(definition))).toBe(normalise(JSON.stringify(local)));
  });

  it("puts a timeout on every wait, so that no event execution waits for ever", () => {
    const waits = Object.entries(deployed().States as Record<string, Record<string, unknown>>)
      .filter(([, state]) => String(state.Resource).endsWith(".waitForTaskToken"))
      .map(([name, state]) => [name, state.TimeoutSeconds ?? state.TimeoutSecondsPath]);
    expect(waits.length).toBe(3);
    for (const [name, timeout] of waits) expect(timeout, String(name)).toBeDefined();
  });

  it("runs the event steps behind the secrets bootstrap, handing answers to its own machine only", () => {
    const [, steps] = functionByPrefix(dev.templates.Workflow, "EventSteps");
    expect(steps.Properties.Handler).toBe("functions/bootstrap/event-steps.handler");
    expect(resolveToString(environmentOf(steps).EVENT_STATE_MACHINE_ARN)).toBe(
      "arn:aws:states:eu-west-3:123456789012:stateMachine:dev-binome-event-workflow",
    );
    const policy = rolePolicies(dev.templates.Workflow, "EventSteps");
    const states = policy.filter((statement) => statement.actions[0]?.startsWith("states:"));
    expect(states.flatMap((statement) => statement.actions)).toEqual(["states:SendTaskSuccess"]);
    for (const resource of states.flatMap((statement) => statement.resources)) {
      expect(resource).toMatch(/:stateMachine:dev-binome-event-workflow$/);
    }
  });
});

describe("email", () => {
  it("declares the domain identity with the configuration set every message goes through", () => {
    production.templates.Email.hasResourceProperties("AWS::SES::EmailIdentity", {
      EmailIdentity: productionEnvironment.BINOME_EMAIL_DOMAIN,
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    production.templates.Email.hasResourceProperties("AWS::SES::ConfigurationSet", {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
      DeliveryOptions: { TlsPolicy: "REQUIRE" },
    });
    const outputs = Object.keys(production.templates.Email.findOutputs("*"));
    expect(outputs.filter((name) => name.startsWith("DkimRecord"))).toHaveLength(3);
  });

  it("routes bounces and complaints of the configuration set to the SES events function", () => {
    const email = dev.templates.Email;
    email.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ["bounce", "complaint"],
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
      },
    });
    const [sesEventsId] = functionByPrefix(email, "SesEvents");
    const [configurationSetId] = only(email, "AWS::SES::ConfigurationSet");
    email.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: {
        source: ["aws.ses"],
        "detail-type": ["Email Bounced", "Email Complaint Received"],
        detail: { mail: { tags: { "ses:configuration-set": [{ Ref: configurationSetId }] } } },
      },
      Targets: [
        Match.objectLike({
          Arn: { "Fn::GetAtt": [sesEventsId, "Arn"] },
          DeadLetterConfig: Match.anyValue(),
        }),
      ],
    });
  });
});

describe("outbox", () => {
  it("feeds the outbox's sender new outbox items from the table's stream, with retries, bisection, partial failures and an on-failure queue", () => {
    const email = dev.templates.Email;
    const [senderId] = functionByPrefix(email, "OutboxSender");
    const [queueId] = resources(email, "AWS::SQS::Queue").find(([id]) =>
      id.startsWith("OutboxUndelivered"),
    ) ?? [""];
    email.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: senderId },
      EventSourceArn: Match.anyValue(),
      StartingPosition: "TRIM_HORIZON",
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      MaximumRetryAttempts: Match.anyValue(),
      MaximumRecordAgeInSeconds: Match.anyValue(),
      DestinationConfig: {
        OnFailure: { Destination: { "Fn::GetAtt": [queueId, "Arn"] } },
      },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ["INSERT"],
              dynamodb: { Keys: { pk: { S: [{ prefix: "EMAIL#" }] } } },
            }),
          },
        ],
      },
    });
    const [, mapping] = only(email, "AWS::Lambda::EventSourceMapping");
    expect(Number(mapping.Properties.MaximumRetryAttempts)).toBeGreaterThan(0);
  });

  it("sweeps the outbox on a schedule, for what the stream gave up on", () => {
    const email = dev.templates.Email;
    const [sweepId] = functionByPrefix(email, "OutboxSweep");
    email.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "rate(5 minutes)",
      Targets: [Match.objectLike({ Arn: { "Fn::GetAtt": [sweepId, "Arn"] } })],
    });
  });

  it("alarms on the depth of the outbox's on-failure queue and on the sender's iterator age", () => {
    const monitoring = production.templates.Monitoring;
    const alarms = resources(monitoring, "AWS::CloudWatch::Alarm").map(([, alarm]) => alarm);
    const depth = alarms.filter(
      (alarm) =>
        alarm.Properties.MetricName === "ApproximateNumberOfMessagesVisible" &&
        JSON.stringify(alarm.Properties.Dimensions).includes("OutboxUndelivered"),
    );
    expect(depth).toHaveLength(1);
    expect(depth[0]?.Properties.Threshold).toBe(1);
    const age = alarms.filter(
      (alarm) =>
        alarm.Properties.Namespace === "AWS/Lambda" &&
        alarm.Properties.MetricName === "IteratorAge" &&
        JSON.stringify(alarm.Properties.Dimensions).includes("OutboxSender"),
    );
    expect(age).toHaveLength(1);
    expect(String(age[0]?.Properties.AlarmDescription)).toContain(runbook.outboxBehind);
  });
});

describe("matching", () => {
  const matching = () => dev.templates.Matching;
  const queueId = (prefix: string) => {
    const found = resources(matching(), "AWS::SQS::Queue").find(
      ([id]) =>
        id.startsWith(prefix) && (prefix.endsWith("Undelivered") || !id.includes("Undelivered")),
    );
    if (!found) throw new Error(`No queue ${prefix}`);
    return found;
  };

  it("runs the matching in its own function, sized for the largest cohort, fed one job at a time by a queue", () => {
    const [jobsId, jobs] = queueId("CohortJobs");
    const [undeliveredId] = queueId("CohortJobsUndelivered");
    const [fnId, fn] = functionByPrefix(matching(), "MatchingJobs");
    expect(fn.Properties).toMatchObject({
      Handler: "functions/matching/jobs.handler",
      MemorySize: 3008,
      Timeout: 900,
    });
    // A job is never delivered again while it may still run.
    expect(Number(jobs.Properties.VisibilityTimeout)).toBeGreaterThanOrEqual(900);
    expect(jobs.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { "Fn::GetAtt": [undeliveredId, "Arn"] },
      maxReceiveCount: 2,
    });
    matching().hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: fnId },
      EventSourceArn: { "Fn::GetAtt": [jobsId, "Arn"] },
      BatchSize: 1,
    });
    // The web function only sends jobs: it neither matches nor starts pairs itself.
    const [, web] = functionByPrefix(dev.templates.Api, "Web");
    expect(environmentOf(web)).toHaveProperty("COHORT_JOBS_QUEUE_URL");
    expect(environmentOf(web)).not.toHaveProperty("PAIR_STARTS_QUEUE_URL");
    expect(web.Properties.MemorySize).toBe(512);
  });

  it("starts confirmed pairs from a queue, a bounded number at a time, reporting each failed pair alone, with a dead-letter queue after the last delivery", () => {
    const [startsId, starts] = queueId("PairStarts");
    const [undeliveredId, undelivered] = queueId("PairStartsUndelivered");
    const [fnId, fn] = functionByPrefix(matching(), "PairStarter");
    expect(fn.Properties.Handler).toBe("functions/matching/pair-starts.handler");
    expect(environmentOf(fn)).toHaveProperty("STATE_MACHINE_ARN");
    expect(starts.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { "Fn::GetAtt": [undeliveredId, "Arn"] },
      maxReceiveCount: pairStartDeliveries,
    });
    expect(Number(starts.Properties.VisibilityTimeout)).toBeGreaterThanOrEqual(
      6 * Number(fn.Properties.Timeout),
    );
    matching().hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: fnId },
      EventSourceArn: { "Fn::GetAtt": [startsId, "Arn"] },
      BatchSize: pairStartBatchSize,
      ScalingConfig: { MaximumConcurrency: pairStarterConcurrency },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    // StartExecution's quota is hundreds a second: at most 20 starts are in flight.
    expect(pairStarterConcurrency * pairStartBatchSize).toBeLessThanOrEqual(50);
    for (const queue of [starts, undelivered]) {
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    }
  });

  it("alarms on the depth of both dead-letter queues and on both functions' errors", () => {
    const alarms = resources(production.templates.Monitoring, "AWS::CloudWatch::Alarm").map(
      ([, alarm]) => alarm,
    );
    for (const [queue, section] of [
      ["PairStartsUndelivered", runbook.pairStartsUndelivered],
      ["CohortJobsUndelivered", runbook.cohortJobsUndelivered],
    ] as const) {
      const depth = alarms.filter(
        (alarm) =>
          alarm.Properties.MetricName === "ApproximateNumberOfMessagesVisible" &&
          JSON.stringify(alarm.Properties.Dimensions).includes(queue),
      );
      expect(depth, queue).toHaveLength(1);
      expect(depth[0]?.Properties.Threshold).toBe(1);
      expect(String(depth[0]?.Properties.AlarmDescription)).toContain(section);
    }
    for (const fn of ["MatchingJobs", "PairStarter"]) {
      const errors = alarms.filter(
        (alarm) =>
          alarm.Properties.MetricName === "Errors" &&
          JSON.stringify(alarm.Properties.Dimensions).includes(fn),
      );
      expect(errors, fn).toHaveLength(1);
    }
  });
});

describe("monitoring", () => {
  type Alarm = { Properties: Record<string, unknown> };
  const alarms = () =>
    resources(production.templates.Monitoring, "AWS::CloudWatch::Alarm").map(
      ([, alarm]) => alarm as Alarm,
    );
  const alarmOn = (namespace: string, metricName: string) =>
    alarms().filter(
      (alarm) =>
        alarm.Properties.Namespace === namespace && alarm.Properties.MetricName === metricName,
    );

  it("sends the alarms to an email topic for the stage's operators", () => {
    production.templates.Monitoring.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: productionEnvironment.BINOME_ALARM_EMAIL,
    });
    const [topicId] = only(production.templates.Monitoring, "AWS::SNS::Topic");
    for (const alarm of alarms()) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    }
  });

  it("alarms on failed, timed-out and aborted executions, on each function's errors, on the 5xx rate and on the SES bounce rate", () => {
    for (const metric of ["ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted"]) {
      expect(alarmOn("AWS/States", metric), metric).toHaveLength(1);
    }
    expect(alarmOn("AWS/Lambda", "Errors")).toHaveLength(7);
    expect(alarmOn("AWS/SES", "Reputation.BounceRate")).toHaveLength(1);
    const rate = alarms().find((alarm) =>
      JSON.stringify(alarm.Properties.Metrics ?? []).includes("100 * errors / requests"),
    );
    expect(JSON.stringify(rate?.Properties.Metrics)).toContain('"MetricName":"5xx"');
  });

  it("says in each alarm what it means and which runbook section to open", () => {
    const sections = Object.values(runbook);
    for (const alarm of alarms()) {
      const description = String(alarm.Properties.AlarmDescription);
      expect(description).toContain("README.md");
      expect(
        sections.some((section) => description.includes(section)),
        description,
      ).toBe(true);
    }
  });

  it("draws a dashboard with the pairs, emails, executions, API and SES figures", () => {
    const [, dashboard] = only(production.templates.Monitoring, "AWS::CloudWatch::Dashboard");
    const body = resolveToString(dashboard.Properties.DashboardBody);
    for (const metric of [
      "PairsStarted",
      "PairsClosed",
      "EmailsSent",
      "Escalations",
      "LinkErrors",
      "ExecutionsFailed",
      "5xx",
      "Reputation.BounceRate",
    ]) {
      expect(body, metric).toContain(`"${metric}"`);
    }
  });
});

describe("security", () => {
  it("leaves no cdk-nag AwsSolutions finding unsuppressed, in any stack of either stage", () => {
    expect(dev.nagFindings).toEqual([]);
    expect(production.nagFindings).toEqual([]);
  });

  it("grants no wildcard action, and '*' resources only to X-Ray and log delivery", () => {
    // dynamodb:ListStreams takes no resource: the stream's event source mapping needs it on '*'.
    const allowedOnAnyResource =
      /^(xray:|logs:(Create|Get|Update|Delete|List)LogDelivery|logs:ListLogDeliveries|logs:PutResourcePolicy|logs:DescribeResourcePolicies|logs:DescribeLogGroups|dynamodb:ListStreams$)/;
    for (const { templates } of [dev, production]) {
      for (const template of Object.values(templates)) {
        for (const statement of statements(template)) {
          for (const action of statement.actions) {
            expect(action, JSON.stringify(statement)).not.toMatch(/\*/);
          }
          if (statement.resources.includes("*")) {
            for (const action of statement.actions) {
              expect(action).toMatch(allowedOnAnyResource);
            }
          }
        }
      }
    }
  });

  const actionsOf = (policy: PolicyStatement[]) =>
    [...new Set(policy.flatMap((statement) => statement.actions))].sort();

  it("limits the Hono function to the table, its own secret and this stage's state machine (emails go through the outbox)", () => {
    const policy = rolePolicies(dev.templates.Api, "Web");
    expect(actionsOf(policy)).toEqual(
      [
        ...tableReadWrite,
        "sqs:SendMessage",
        "ssm:GetParameters",
        "states:DescribeExecution",
        "states:SendTaskFailure",
        "states:SendTaskSuccess",
        "states:StartExecution",
        "states:StopExecution",
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ].sort(),
    );
    expectTableOnly(policy);
    for (const statement of policy.filter((s) => s.actions[0]?.startsWith("states:"))) {
      for (const resource of statement.resources) {
        expect(resource).toMatch(
          /:states:eu-west-3:123456789012:(stateMachine|execution):dev-binome-(pair|event)-workflow/,
        );
      }
    }
    const secrets = policy
      .filter((s) => s.actions.includes("ssm:GetParameters"))
      .flatMap((s) => s.resources);
    for (const resource of secrets)
      expect(resource).toMatch(/:parameter\/sst\/binome\/(dev|\.fallback)\//);
  });

  it("limits the steps function to the table, the signing key and handing an answer to its machine (emails go through the outbox)", () => {
    const policy = rolePolicies(dev.templates.Workflow, "PairSteps");
    expect(actionsOf(policy)).toEqual(
      [
        ...tableReadWrite,
        "ssm:GetParameters",
        "states:SendTaskSuccess",
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ].sort(),
    );
    expectTableOnly(policy);
    const secrets = policy.filter((s) => s.actions.includes("ssm:GetParameters"));
    expect(secrets.flatMap((s) => s.resources).every((r) => r.includes("/LINK_SIGNING_KEY/"))).toBe(
      true,
    );
  });

  it("limits the web function's queue access to sending cohort jobs", () => {
    const sqs = rolePolicies(dev.templates.Api, "Web").filter((s) =>
      s.actions.some((action) => action.startsWith("sqs:")),
    );
    expect(sqs.flatMap((s) => s.actions)).toEqual(["sqs:SendMessage"]);
    expect(sqs.flatMap((s) => s.resources)).toEqual([
      expect.stringMatching(/^\{Matching:CohortJobs[0-9A-F]+/),
    ]);
  });

  it("limits the pair starter to the table, consuming its queue and starting this stage's pair executions", () => {
    const policy = rolePolicies(dev.templates.Matching, "PairStarter");
    expect(actionsOf(policy)).toEqual(
      [
        ...tableReadWrite,
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:ReceiveMessage",
        "states:DescribeExecution",
        "states:StartExecution",
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ].sort(),
    );
    expectTableOnly(policy);
    for (const statement of policy.filter((s) => s.actions[0]?.startsWith("states:"))) {
      for (const resource of statement.resources) {
        expect(resource).toMatch(
          /:states:eu-west-3:123456789012:(stateMachine|execution):dev-binome-pair-workflow/,
        );
      }
    }
  });

  it("gives the matching function no Step Functions access and no secret: it matches and queues only", () => {
    const actions = actionsOf(rolePolicies(dev.templates.Matching, "MatchingJobs"));
    expect(actions.filter((action) => /^(states|ssm|ses):/.test(action))).toEqual([]);
    expect(actions).toContain("sqs:SendMessage");
  });

  it("limits the SES events function to writing the table (the team's alert is queued in the outbox)", () => {
    const policy = rolePolicies(dev.templates.Email, "SesEvents");
    expect(actionsOf(policy)).toEqual(
      ["dynamodb:PutItem", "xray:PutTelemetryRecords", "xray:PutTraceSegments"].sort(),
    );
    expectTableOnly(policy);
  });

  it("limits the outbox's sender and sweep to their items, the table's stream, their on-failure queue and sending mail", () => {
    for (const id of ["OutboxSender", "OutboxSweep"]) {
      const policy = rolePolicies(dev.templates.Email, id);
      const actions = actionsOf(policy);
      expect(actions).toEqual(
        expect.arrayContaining(["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"]),
      );
      expect(actions).not.toContain("dynamodb:DeleteItem");
      expect(actions).not.toContain("dynamodb:Scan");
      expectSesOnIdentityAndConfigurationSet(policy);
    }
  });
});

const tableReadWrite = [
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DeleteItem",
  "dynamodb:DescribeTable",
  "dynamodb:GetItem",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:PutItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:UpdateItem",
];

function expectTableOnly(policy: PolicyStatement[]) {
  for (const statement of policy.filter((s) => s.actions[0]?.startsWith("dynamodb:"))) {
    for (const resource of statement.resources) {
      expect(resource).toMatch(/^\{Storage:Table[0-9A-F]+Arn[0-9A-F]+\}(\/index\/\*)?$/);
    }
  }
}

function expectSesOnIdentityAndConfigurationSet(policy: PolicyStatement[]) {
  const ses = policy.filter((s) => s.actions.includes("ses:SendEmail"));
  expect(ses).toHaveLength(1);
  expect(ses[0]?.resources).toEqual([
    expect.stringMatching(/:ses:eu-west-3:123456789012:identity\/\{.*Identity[0-9A-F]+\}$/),
    expect.stringMatching(
      /:ses:eu-west-3:123456789012:configuration-set\/\{.*ConfigurationSet[0-9A-F]+\}$/,
    ),
  ]);
}

/**
 * The bundles SST built, run in a fresh Node process as Lambda would run them (the AWS SDK from
 * node_modules standing in for the runtime's), against DynamoDB Local and the SES local server.
 */
describe("bundles", () => {
  const invoke = async (bundle: string, event: unknown, environment: Record<string, string>) => {
    const child = spawn(process.execPath, ["tests/stacks/invoke-bundle.mjs", bundle], {
      env: { ...process.env, ...environment },
      stdio: ["pipe", "pipe", "inherit"],
    });
    child.stdin.end(JSON.stringify(event));
    let output = "";
    for await (const chunk of child.stdout) output += chunk;
    const last = output.trim().split("\n").at(-1) ?? "{}";
    return JSON.parse(last) as { result?: unknown; error?: string };
  };

  /** A bundle's entry file and the chunks it imports statically: what a cold start loads. */
  const loadedAtStart = async (entry: string) => {
    const files = new Map<string, string>();
    const visit = async (file: string) => {
      if (files.has(file)) return;
      const code = await readFile(file, "utf8");
      files.set(file, code);
      // Static imports only (`import{…}from"./chunk.mjs"`, `import"./chunk.mjs"`), not `import(…)`.
      for (const [, chunk] of code.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.mjs)"/g)) {
        await visit(path.join(path.dirname(file), chunk as string));
      }
    };
    await visit(entry);
    return [...files.values()].join("\n");
  };

  it("ships minified ESM bundles that leave the AWS SDK to the runtime", async () => {
    for (const [stack, id] of [
      ["Api", "Web"],
      ["Workflow", "PairSteps"],
      ["Email", "SesEvents"],
    ] as const) {
      const code = await loadedAtStart(dev.bundleOf(stack, id));
      expect(code.split("\n").length, `${id} is minified`).toBeLessThan(500);
      expect(code).toMatch(/from"@aws-sdk\/client-dynamodb"/);
      // The SDK's own code (here, DynamoDB's wire protocol name) is not in the bundle.
      expect(code).not.toContain("DynamoDB_20120810");
    }
  });

  it("loads the SES, Step Functions and SQS clients and the PDF library in the web function only on first use", async () => {
    const atStart = await loadedAtStart(dev.bundleOf("Api", "Web"));
    expect(atStart).toMatch(/from"@aws-sdk\/client-dynamodb"/);
    for (const lazy of ["client-sesv2", "client-sfn", "client-sqs"]) {
      expect(atStart, lazy).not.toMatch(new RegExp(`from"@aws-sdk/${lazy}"`));
    }
    // pdf-lib's own font tables (a name the code that calls it never spells).
    expect(atStart).not.toContain("Courier-BoldOblique");
    // …and they are in the bundle, in chunks of their own.
    const chunks = await readdir(path.dirname(dev.bundleOf("Api", "Web")));
    const all = (
      await Promise.all(
        chunks
          .filter((file) => file.endsWith(".mjs"))
          .map((file) =>
            readFile(path.join(path.dirname(dev.bundleOf("Api", "Web")), file), "utf8"),
          ),
      )
    ).join("\n");
    for (const lazy of ["client-sesv2", "client-sfn", "client-sqs"]) {
      expect(all, lazy).toMatch(new RegExp(`from"@aws-sdk/${lazy}"`));
    }
  });

  it("loads the bound signing key into LINK_SIGNING_KEY before the app runs, so a signed link opens", async () => {
    const key = randomBytes(32).toString("base64url");
    const saved = process.env.LINK_SIGNING_KEY;
    process.env.LINK_SIGNING_KEY = key;
    let url: string;
    try {
      url = await issueLink({
        pairId: "bundle-pair",
        step: "preparation",
        purpose: linkPurposes[0],
        recipient: "mentor",
        expiresAt: new Date(Date.now() + 86_400_000),
      });
    } finally {
      process.env.LINK_SIGNING_KEY = saved;
    }
    const path = new URL(url).pathname;
    const lambdaEnvironment = {
      // What SST puts in the function's environment for a bound secret whose value came from SSM.
      SST_APP: "binome",
      SST_STAGE: "dev",
      SST_Secret_value_LINK_SIGNING_KEY: key,
      SST_Secret_value_OIDC_CLIENT_SECRET: "secret-du-client",
      LINK_SIGNING_KEY: "",
      BINOME_LOCAL: "",
    };
    const get = (rawPath: string) =>
      invoke(dev.bundleOf("Api", "Web"), httpEvent("GET", rawPath), lambdaEnvironment);
    const opened = (await get(path)).result as { statusCode: number };
    expect(opened.statusCode).toBe(200);
    const forged = (await get(path.replace(/.{4}$/, "AAAA"))).result as { statusCode: number };
    expect(forged.statusCode).toBe(403);
  });

  it("sends a signed-out browser from an /admin page to the OIDC sign-in, and keeps the JSON API closed without claims, from the deployed bundle", async () => {
    const lambdaEnvironment = {
      SST_APP: "binome",
      SST_STAGE: "dev",
      SST_Secret_value_LINK_SIGNING_KEY: randomBytes(32).toString("base64url"),
      SST_Secret_value_OIDC_CLIENT_SECRET: "secret-du-client",
      SST_Parameter_value_OIDC_ISSUER: "https://auth.proconnect.gouv.fr/api/v2",
      SST_Parameter_value_OIDC_CLIENT_ID: "binome-client-id",
      LINK_SIGNING_KEY: "",
      OIDC_ISSUER: "",
      OIDC_CLIENT_ID: "",
      BINOME_LOCAL: "",
    };
    const page = (await invoke(
      dev.bundleOf("Api", "Web"),
      httpEvent("GET", "/admin/binomes"),
      lambdaEnvironment,
    )) as { result?: { statusCode: number; headers: Record<string, string> } };
    expect(page.result?.statusCode).toBe(302);
    expect(page.result?.headers.location).toBe("/admin/connexion?suite=%2Fadmin%2Fbinomes");
    const json = (await invoke(
      dev.bundleOf("Api", "Web"),
      { ...httpEvent("GET", "/api/admin/cohorts"), headers: { host: "binome.example.gouv.fr" } },
      lambdaEnvironment,
    )) as { result?: { statusCode: number } };
    expect(json.result?.statusCode).toBe(401);
  });

  it("marks a hard-bounced address unreachable and alerts the programme team once, from the deployed bundle", async () => {
    const team = uniqueEmail("equipe");
    const bounced = uniqueEmail("injoignable");
    const event = sesBounceEvent(bounced, `feedback-${randomBytes(6).toString("hex")}`);
    const environment = { PROGRAMME_CONTACT: team };
    const first = await invoke(dev.bundleOf("Email", "SesEvents"), event, environment);
    expect(first.error).toBeUndefined();
    expect(first.result).toEqual({ unreachable: [bounced.toLowerCase()], teamAlerted: true });
    // EventBridge may deliver the same report again: still one alert.
    await invoke(dev.bundleOf("Email", "SesEvents"), event, environment);
    expect(await isUnreachable(bounced)).toBe(true);
    const alerts = await emailsTo(team);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.body.text).toContain(bounced.toLowerCase());
  });
});

function httpEvent(method: string, rawPath: string) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: "",
    headers: { host: "binome.example.gouv.fr", "accept-language": "fr" },
    requestContext: {
      accountId: "123456789012",
      apiId: "bundle",
      domainName: "binome.example.gouv.fr",
      domainPrefix: "binome",
      http: {
        method,
        path: rawPath,
        protocol: "HTTP/1.1",
        sourceIp: "192.0.2.1",
        userAgent: "test",
      },
      requestId: "bundle-request",
      routeKey: "$default",
      stage: "$default",
      time: "01/Jan/2026:00:00:00 +0000",
      timeEpoch: 1_767_225_600_000,
    },
    isBase64Encoded: false,
  };
}
