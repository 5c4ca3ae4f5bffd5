import { ArnFormat, Duration, Names, Stack } from "aws-cdk-lib";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import * as tasks from "aws-cdk-lib/aws-stepfunctions-tasks";
import { Construct } from "constructs";
import { programme } from "../../packages/core/src/programme";
import {
  type StepAction,
  type WaitPurpose,
  waitingTaskTimeoutSeconds,
  workflowErrors,
} from "../../packages/core/src/workflow/payload";

export type PairWorkflowProps = {
  stepsFunction: lambda.IFunction;
  logs?: { destination: logs.ILogGroup };
  tracingEnabled?: boolean;
  /** Physical name; the machine starts its own next chapter, so its ARN must be known up front. */
  stateMachineName?: string;
};

/** Errors worth another try: Lambda's own hiccups and what the handler marks as transient. */
const transientErrors = [
  workflowErrors.transient,
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
];

const retryTransient: sfn.RetryProps = {
  errors: transientErrors,
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 4,
  maxDelay: Duration.seconds(30),
  jitterStrategy: sfn.JitterType.FULL,
};

type Meeting = { step: string; label: string };

/**
 * One Standard execution per chapter of a pair (introduction and preparation call, each session,
 * the pause, the follow-up session and closure); each chapter starts the next one in a fresh
 * execution named after the pair id, which keeps every execution far from the one-year and
 * 25,000-event limits. Every wait for a person is a task token kept server-side, with a timeout
 * that nudges, escalates and finally ends the pair: no execution is ever stuck.
 */
export class PairWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: PairWorkflowProps) {
    super(scope, id);
    const name =
      props.stateMachineName ?? Names.uniqueResourceName(this, { maxLength: 80, separator: "-" });
    const self = sfn.StateMachine.fromStateMachineArn(
      this,
      "Self",
      Stack.of(this).formatArn({
        service: "states",
        resource: "stateMachine",
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    const definition = new PairDefinition(this, props.stepsFunction, self).start;
    this.stateMachine = new sfn.StateMachine(this, "StateMachine", {
      stateMachineName: name,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      comment: "Binôme — one chapter of a pair (binôme), from introduction to closure",
      tracingEnabled: props.tracingEnabled,
      logs: props.logs
        ? {
            destination: props.logs.destination,
            level: sfn.LogLevel.ERROR,
            includeExecutionData: false,
          }
        : undefined,
    });
  }
}

/** The states, built with the chain API. Kept apart so that names and wiring read top to bottom. */
class PairDefinition {
  readonly start: sfn.IChainable;
  private readonly cancelled: sfn.Succeed;
  private readonly failed: sfn.IChainable;
  private readonly giveUp: sfn.IChainable;
  private readonly endAfterNoShows: sfn.IChainable;
  private readonly continueAfterMeeting: sfn.IChainable;
  private readonly continueTimer: sfn.IChainable;

  constructor(
    private readonly scope: Construct,
    private readonly fn: lambda.IFunction,
    self: sfn.IStateMachine,
  ) {
    this.cancelled = new sfn.Succeed(scope, "Stop: the programme team cancelled the pair");
    const failure = this.task("Record the failure and alert the programme team", "record-failure", {
      resultPath: sfn.JsonPath.DISCARD,
      payload: { failure: sfn.JsonPath.objectAt("$.failure") },
      catchFailures: false,
    });
    this.failed = failure.next(
      new sfn.Fail(scope, "The pair workflow failed", {
        error: "PairStepFailed",
        cause: "A step failed after its retries; the programme team was alerted.",
      }),
    );
    this.giveUp = this.task("End the pair after a long silence", "give-up", {
      resultPath: sfn.JsonPath.DISCARD,
    }).next(new sfn.Succeed(scope, "Stop: the pair ended after a long silence"));
    this.endAfterNoShows = new sfn.Succeed(
      scope,
      "Stop: the pair ended after a meeting was missed too often",
    );
    this.continueAfterMeeting = this.continueIn(
      "Continue the pair in a fresh execution",
      "$.outcome.next",
      self,
      { resume: false },
    );
    this.continueTimer = this.continueIn(
      "Hand the session over to a fresh execution",
      "$.timer.next",
      self,
      { resume: true },
    );

    const sessions = Array.from({ length: programme.defaults.maxSessions }, (_, k) => ({
      step: `session-${k + 1}`,
      label: `session ${k + 1}`,
    }));
    const preparation: Meeting = { step: "preparation", label: "the preparation call" };
    const followUp: Meeting = { step: "follow-up", label: "the follow-up session" };

    const objectives = this.waitFor(
      "Wait for the mentor to record the objectives and sessions",
      "objectives",
      "preparation",
      "$.outcome",
      "the objectives",
    );
    objectives.next(this.continueAfterMeeting);

    const closure = this.waitFor(
      "Wait for both closing self-evaluations",
      "self-evaluation",
      "closure",
      sfn.JsonPath.DISCARD,
      "the self-evaluations",
    );
    closure.next(
      this.task("Send the closing email and close the pair", "close", {
        resultPath: sfn.JsonPath.DISCARD,
        step: "closure",
      }).next(new sfn.Succeed(scope, "The pair is closed")),
    );

    const preparationBlock = this.meeting(preparation, objectives);
    const sessionBlocks = sessions.map((session) =>
      this.meeting(session, this.continueAfterMeeting),
    );
    const followUpBlock = this.meeting(followUp, closure);

    const introduce = this.task("Send the introduction emails", "introduce", {
      resultPath: sfn.JsonPath.DISCARD,
      step: "introduction",
    });
    introduce.next(preparationBlock.ask);

    const pause = this.pauseChapter(self);

    const router = new sfn.Choice(scope, "Which chapter of the pair does this execution run?")
      .when(sfn.Condition.stringEquals("$.chapter", "start"), introduce)
      .when(sfn.Condition.stringEquals("$.chapter", "pause"), pause);
    for (const [meeting, block] of [
      [followUp, followUpBlock],
      ...sessions.map((session, k) => [session, sessionBlocks[k]] as const),
    ] as const) {
      if (!block) continue;
      router.when(
        sfn.Condition.and(
          sfn.Condition.stringEquals("$.chapter", meeting.step),
          sfn.Condition.isPresent("$.resume"),
        ),
        block.plan,
      );
      router.when(sfn.Condition.stringEquals("$.chapter", meeting.step), block.ask);
    }
    router.otherwise(new sfn.Fail(scope, "Unknown chapter", { error: "UnknownChapter" }));
    this.start = router;
  }

  /**
   * One meeting (preparation call, session, follow-up): the mentor schedules it, both get the
   * invitation, a reminder before it, then the mentor says whether it took place.
   */
  private meeting(meeting: Meeting, afterHeld: sfn.IChainable) {
    const { step, label } = meeting;
    const ask = this.waitFor(
      `Wait for the mentor to schedule ${label}`,
      "schedule",
      step,
      sfn.JsonPath.DISCARD,
      `scheduling ${label}`,
    );
    // Timers know how old their execution is, to hand a very long wait over to a fresh one.
    const startedAt = {
      executionStartedAt: sfn.JsonPath.stringAt("$$.Execution.StartTime"),
      executionName: sfn.JsonPath.stringAt("$$.Execution.Name"),
    };
    const invite = this.task(`Send the calendar invitation for ${label}`, "invite", {
      resultPath: "$.timer",
      step,
      payload: startedAt,
    });
    const plan = this.task(`Work out what is due next for ${label}`, "plan", {
      resultPath: "$.timer",
      step,
      payload: startedAt,
    });
    const remind = this.task(`Send the reminder for ${label}`, "remind", {
      resultPath: "$.timer",
      step,
      payload: startedAt,
    });
    const timer = this.awaiting(`Wait for ${label} to come, or for a change to it`, {
      purpose: "session-time",
      step,
      resultPath: "$.change",
      timeout: sfn.Timeout.at("$.timer.timeoutSeconds"),
    });
    // A change sent as the session's time came reaches this wait: back to the session.
    const confirm = this.waitFor(
      `Wait for the mentor to say whether ${label} took place`,
      "confirm",
      step,
      "$.outcome",
      `confirming ${label}`,
      [
        { errors: [workflowErrors.meetingMoved], next: invite },
        { errors: [workflowErrors.meetingCalledOff], next: ask },
      ],
    );
    const noShow = this.task(`Record that ${label} did not take place`, "record-no-show", {
      resultPath: "$.noShow",
      step,
    });
    const afterNoShow = new sfn.Choice(this.scope, `Ask again for ${label} after the no-show?`)
      .when(sfn.Condition.stringEquals("$.noShow.decision", "end"), this.endAfterNoShows)
      .otherwise(ask);
    const due = new sfn.Choice(this.scope, `What is due for ${label}?`)
      .when(sfn.Condition.stringEquals("$.timer.due", "remind"), remind)
      .when(sfn.Condition.stringEquals("$.timer.due", "confirm"), confirm)
      .when(sfn.Condition.stringEquals("$.timer.due", "continue"), this.continueTimer)
      .otherwise(plan);
    timer.addCatch(due, { errors: ["States.Timeout"], resultPath: "$.timedOut" });
    this.catchFailures(timer);
    const changed = new sfn.Choice(this.scope, `Was ${label} moved or called off?`)
      .when(sfn.Condition.stringEquals("$.change.purpose", "cancel-session"), ask)
      .otherwise(invite);
    const tookPlace = new sfn.Choice(this.scope, `Did ${label} take place?`)
      .when(sfn.Condition.booleanEquals("$.outcome.tookPlace", true), afterHeld)
      .otherwise(noShow);
    ask.next(invite);
    invite.next(timer);
    plan.next(timer);
    remind.next(timer);
    timer.next(changed);
    confirm.next(tookPlace);
    noShow.next(afterNoShow);
    return { ask, plan };
  }

  /** The pause: a Wait state looked at again every 20 days at most, then the follow-up chapter. */
  private pauseChapter(self: sfn.IStateMachine): sfn.IChainable {
    const plan = this.task("Work out when the pause ends", "plan-pause", {
      resultPath: "$.pause",
      step: "pause",
    });
    const wait = new sfn.Wait(this.scope, "Wait until the pause ends (at most 20 days at a time)", {
      time: sfn.WaitTime.timestampPath("$.pause.wakeAt"),
    });
    const start = this.startChapter(
      "Start the follow-up session in a fresh execution",
      self,
      sfn.JsonPath.stringAt("$.pause.next.executionName"),
      sfn.JsonPath.stringAt("$.pause.next.chapter"),
    );
    plan.next(
      new sfn.Choice(this.scope, "Has the pause ended?")
        .when(sfn.Condition.booleanEquals("$.pause.ended", true), start)
        .otherwise(wait.next(plan)),
    );
    return plan;
  }

  private continueIn(
    name: string,
    nextPath: string,
    self: sfn.IStateMachine,
    options: { resume: boolean },
  ) {
    return this.startChapter(
      name,
      self,
      sfn.JsonPath.stringAt(`${nextPath}.executionName`),
      sfn.JsonPath.stringAt(`${nextPath}.chapter`),
      options.resume ? sfn.JsonPath.stringAt(`${nextPath}.resume`) : undefined,
    );
  }

  /**
   * Starts the pair's next chapter. A second start of the same name (a redrive) finds it already
   * exists: that is success, the pair goes on in the execution that exists.
   */
  private startChapter(
    name: string,
    self: sfn.IStateMachine,
    executionName: string,
    chapter: string,
    resume?: string,
  ): sfn.IChainable {
    const input: Record<string, unknown> = {
      pairId: sfn.JsonPath.stringAt("$.pairId"),
      chapter,
      // A timer that resumes in a fresh execution says so; the router sends it back to its timer.
      ...(resume ? { resume } : {}),
    };
    const start = new tasks.StepFunctionsStartExecution(this.scope, name, {
      stateMachine: self,
      name: executionName,
      associateWithParent: true,
      input: sfn.TaskInput.fromObject(input),
      integrationPattern: sfn.IntegrationPattern.REQUEST_RESPONSE,
      resultPath: sfn.JsonPath.DISCARD,
    });
    start.addRetry({ ...retryTransient, errors: ["States.TaskFailed"], maxAttempts: 3 });
    const done = new sfn.Succeed(this.scope, `${name}: done`);
    start.addCatch(done, {
      errors: ["StepFunctions.ExecutionAlreadyExistsException"],
      resultPath: "$.alreadyStarted",
    });
    start.addCatch(this.failed, { errors: ["States.ALL"], resultPath: "$.failure" });
    return start.next(done);
  }

  /** A wait for a person: nudges on silence, escalation, and at last the end of the pair. */
  private waitFor(
    name: string,
    purpose: WaitPurpose,
    step: string,
    resultPath: string,
    about: string,
    /** Named errors that lead elsewhere; caught before the general failure. */
    routes: { errors: string[]; next: sfn.IChainable }[] = [],
  ): tasks.LambdaInvoke {
    const wait = this.awaiting(name, {
      purpose,
      step,
      resultPath,
      timeout: sfn.Timeout.duration(Duration.seconds(waitingTaskTimeoutSeconds)),
    });
    for (const route of routes) {
      wait.addCatch(route.next, { errors: route.errors, resultPath: "$.changedLate" });
    }
    const nudge = this.task(`Nudge or escalate the silence about ${about}`, "nudge", {
      resultPath: "$.silence",
      step,
      purpose,
    });
    wait.addCatch(nudge, { errors: ["States.Timeout"], resultPath: "$.timedOut" });
    this.catchFailures(wait);
    nudge.next(
      new sfn.Choice(this.scope, `Keep waiting for ${about}?`)
        .when(sfn.Condition.stringEquals("$.silence.decision", "give-up"), this.giveUp)
        .otherwise(wait),
    );
    return wait;
  }

  private awaiting(
    name: string,
    options: { purpose: WaitPurpose; step: string; resultPath: string; timeout: sfn.Timeout },
  ): tasks.LambdaInvoke {
    const wait = new tasks.LambdaInvoke(this.scope, name, {
      lambdaFunction: this.fn,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({
        action: "await" satisfies StepAction,
        pairId: sfn.JsonPath.stringAt("$.pairId"),
        step: options.step,
        purpose: options.purpose,
        taskToken: sfn.JsonPath.taskToken,
      }),
      resultPath: options.resultPath,
      taskTimeout: options.timeout,
      retryOnServiceExceptions: false,
    });
    wait.addRetry(retryTransient);
    wait.addCatch(this.cancelled, { errors: [workflowErrors.cancelled], resultPath: "$.failure" });
    // A new mentor: the same wait starts again, and its email goes to the new mentor.
    wait.addCatch(wait, { errors: [workflowErrors.reassigned], resultPath: "$.reassigned" });
    return wait;
  }

  private catchFailures(task: tasks.LambdaInvoke) {
    task.addCatch(this.failed, { errors: ["States.ALL"], resultPath: "$.failure" });
  }

  private task(
    name: string,
    action: StepAction,
    options: {
      resultPath: string;
      step?: string;
      purpose?: WaitPurpose;
      payload?: Record<string, unknown>;
      catchFailures?: boolean;
    },
  ): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this.scope, name, {
      lambdaFunction: this.fn,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({
        action,
        pairId: sfn.JsonPath.stringAt("$.pairId"),
        ...(options.step ? { step: options.step } : {}),
        ...(options.purpose ? { purpose: options.purpose } : {}),
        ...options.payload,
      }),
      resultPath: options.resultPath,
      retryOnServiceExceptions: false,
    });
    task.addRetry(retryTransient);
    if (options.catchFailures !== false) {
      task.addCatch(this.cancelled, {
        errors: [workflowErrors.cancelled],
        resultPath: "$.failure",
      });
      this.catchFailures(task);
    }
    return task;
  }
}
