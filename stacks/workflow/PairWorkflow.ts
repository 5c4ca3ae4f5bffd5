import { ArnFormat, Duration, Names, Stack } from "aws-cdk-lib";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import * as tasks from "aws-cdk-lib/aws-stepfunctions-tasks";
import { Construct } from "constructs";
import {
  type ChapterInput,
  type StepAction,
  type WaitPurpose,
  waitingTaskTimeoutSeconds,
  workflowErrors,
} from "../../packages/core/src/workflow/payload";
import { standardStateMachine, type WorkflowProps } from "./machine";
import { retryTransient } from "./retry";

/** The machine starts its own next chapter, so its ARN (its name) must be known up front. */
export type PairWorkflowProps = WorkflowProps;

/** Where the execution input names its chapter (`ChapterInput`), and so the meeting it is about. */
const chapter = "$.chapter";
const meetingStep = sfn.JsonPath.stringAt(chapter);

/**
 * One Standard execution per chapter of a pair (introduction and preparation call, each session,
 * the pause, the follow-up session and closure); each chapter starts the next one in a fresh
 * execution named after the pair id, which keeps every execution far from the one-year and
 * 25,000-event limits. The preparation call, every session and the follow-up run through the same
 * meeting states: the execution input (`{"chapter": "session-2"}`) says which meeting it is.
 * Every wait for a person is a task token kept server-side, with a timeout that nudges, escalates
 * and finally ends the pair: no execution is ever stuck.
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
    this.stateMachine = standardStateMachine(this, {
      ...props,
      name,
      definition,
      comment: "Binôme — one chapter of a pair (binôme), from introduction to closure",
    });
  }
}

/** The states, built with the chain API. Kept apart so that names and wiring read top to bottom. */
class PairDefinition {
  readonly start: sfn.IChainable;
  private readonly cancelled: sfn.Succeed;
  private readonly failed: sfn.IChainable;
  private readonly giveUp: sfn.IChainable;
  private readonly alreadyStarted: sfn.Succeed;

  constructor(
    private readonly scope: Construct,
    private readonly fn: lambda.IFunction,
    private readonly self: sfn.IStateMachine,
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
    // At closure a silence closes the pair as completed (its meetings took place); anywhere else
    // it stops the pair. The console names the one that happened.
    this.giveUp = this.task("End the pair after a long silence", "give-up", {
      resultPath: "$.ending",
    }).next(
      new sfn.Choice(scope, "Did the pair close as completed despite the silence?")
        .when(
          sfn.Condition.stringEquals("$.ending.outcome", "completed"),
          new sfn.Succeed(scope, "Stop: the pair closed without every self-evaluation"),
        )
        .otherwise(new sfn.Succeed(scope, "Stop: the pair ended after a long silence")),
    );
    // A second start of the same name (a redrive) finds it exists: the pair goes on there.
    this.alreadyStarted = new sfn.Succeed(scope, "Stop: the next execution had already started");

    const introduce = this.task("Send the introduction emails", "introduce", {
      resultPath: sfn.JsonPath.DISCARD,
      step: "introduction",
    });
    const meeting = this.meeting();
    introduce.next(meeting.schedule);

    this.start = new sfn.Choice(scope, "Which chapter of the pair does this execution run?")
      .when(sfn.Condition.stringEquals(chapter, "pause"), this.pause())
      // A meeting the execution before handed over (its date was too far off) resumes here.
      .when(sfn.Condition.isPresent("$.resume"), meeting.invite)
      .when(sfn.Condition.stringEquals(chapter, "preparation"), introduce)
      .when(
        sfn.Condition.or(
          sfn.Condition.stringMatches(chapter, "session-*"),
          sfn.Condition.stringEquals(chapter, "follow-up"),
        ),
        meeting.schedule,
      )
      .otherwise(new sfn.Fail(scope, "Unknown chapter", { error: "UnknownChapter" }));
  }

  /**
   * The meeting of the chapter (preparation call, session, follow-up): the mentor schedules it,
   * both get the invitation, a reminder before it, then the mentor says whether it took place.
   * A move sends a new invitation; a cancellation or a no-show asks for a new date.
   */
  private meeting() {
    const schedule = this.waitFor(
      "Wait for the mentor to schedule the meeting",
      "schedule",
      meetingStep,
      sfn.JsonPath.DISCARD,
      "scheduling the meeting",
    );
    // Both timer tasks know their execution's start: a date too far off goes to a fresh execution.
    const timerTask = (name: string, action: "invite" | "remind") =>
      this.task(name, action, {
        resultPath: "$.timer",
        step: meetingStep,
        payload: {
          executionStartedAt: sfn.JsonPath.stringAt("$$.Execution.StartTime"),
          executionName: sfn.JsonPath.stringAt("$$.Execution.Name"),
        },
      });
    // No one is asked: the wait ends at the time the task set, or with a move or a cancellation.
    const timer = (name: string) =>
      this.awaiting(
        name,
        { purpose: "session-time", step: meetingStep, resultPath: "$.change" },
        sfn.Timeout.at("$.timer.timeoutSeconds"),
      );
    const invite = timerTask("Send the calendar invitation", "invite");
    const untilReminder = timer("Wait until the reminder is due, or for a change to the meeting");
    const remind = timerTask("Send the reminder", "remind");
    const untilEnd = timer("Wait for the meeting to end, or for a change to it");
    const handOver = this.startChapter(
      "Hand the meeting over to a fresh execution",
      "$.timer.handOver",
      { resume: true },
    );
    // A change sent as the meeting's time came reaches this wait: back to the meeting.
    const confirm = this.waitFor(
      "Wait for the mentor to say whether the meeting took place",
      "confirm",
      meetingStep,
      "$.outcome",
      "confirming the meeting",
      [
        { errors: [workflowErrors.meetingMoved], next: invite },
        { errors: [workflowErrors.meetingCalledOff], next: schedule },
      ],
    );
    const noShow = this.task("Record that the meeting did not take place", "record-no-show", {
      resultPath: "$.noShow",
      step: meetingStep,
    });
    const afterNoShow = new sfn.Choice(this.scope, "Ask again for the meeting after the no-show?")
      .when(
        sfn.Condition.stringEquals("$.noShow.decision", "end"),
        new sfn.Succeed(this.scope, "Stop: the pair ended after a meeting was missed too often"),
      )
      .otherwise(schedule);
    const changed = new sfn.Choice(this.scope, "Was the meeting moved or called off?")
      .when(sfn.Condition.stringEquals("$.change.purpose", "cancel-session"), schedule)
      .otherwise(invite);
    const nextChapter = this.startChapter(
      "Start the pair's next chapter in a fresh execution",
      "$.outcome.next",
      { resume: false },
    );
    const afterMeeting = new sfn.Choice(this.scope, "Did the meeting take place, and what follows?")
      .when(sfn.Condition.booleanEquals("$.outcome.tookPlace", false), noShow)
      .when(sfn.Condition.stringEquals(chapter, "preparation"), this.objectives(nextChapter))
      .when(sfn.Condition.stringEquals(chapter, "follow-up"), this.closure())
      .otherwise(nextChapter);

    schedule.next(invite);
    invite.next(untilReminder);
    untilReminder.addCatch(remind, { errors: ["States.Timeout"], resultPath: "$.timedOut" });
    this.catchFailures(untilReminder);
    untilReminder.next(changed);
    remind.next(
      new sfn.Choice(this.scope, "Does the meeting end after this execution's time?")
        .when(sfn.Condition.isPresent("$.timer.handOver"), handOver)
        .otherwise(untilEnd),
    );
    untilEnd.addCatch(confirm, { errors: ["States.Timeout"], resultPath: "$.timedOut" });
    this.catchFailures(untilEnd);
    untilEnd.next(changed);
    confirm.next(afterMeeting);
    noShow.next(afterNoShow);
    return { schedule, invite };
  }

  /** After the preparation call: the objectives and number of sessions agreed. */
  private objectives(next: sfn.IChainable): sfn.IChainable {
    const objectives = this.waitFor(
      "Wait for the mentor to record the objectives and sessions",
      "objectives",
      "preparation",
      "$.outcome",
      "the objectives",
    );
    return objectives.next(next);
  }

  /** After the follow-up session: both self-evaluations, then the closing email. */
  private closure(): sfn.IChainable {
    const evaluations = this.waitFor(
      "Wait for both closing self-evaluations",
      "self-evaluation",
      "closure",
      sfn.JsonPath.DISCARD,
      "the self-evaluations",
    );
    return evaluations.next(
      this.task("Send the closing email and close the pair", "close", {
        resultPath: sfn.JsonPath.DISCARD,
        step: "closure",
      }),
    );
  }

  /**
   * The pause: one Wait until its end, then the follow-up session in a fresh execution. A pair
   * the programme team put on hold is looked at again a week later, until it resumes.
   */
  private pause(): sfn.IChainable {
    const plan = this.task("Work out when the pause ends and tell both", "plan-pause", {
      resultPath: "$.pause",
      step: "pause",
    });
    const wait = new sfn.Wait(this.scope, "Wait until the pause ends", {
      time: sfn.WaitTime.timestampPath("$.pause.wakeAt"),
    });
    const check = this.task("Check that the pause is over and the pair not on hold", "plan-pause", {
      resultPath: "$.pause",
      step: "pause",
    });
    const followUp = this.startChapter(
      "Start the follow-up session in a fresh execution",
      "$.pause.next",
      { resume: false },
    );
    return plan
      .next(wait)
      .next(check)
      .next(
        new sfn.Choice(this.scope, "Has the pause ended?")
          .when(sfn.Condition.booleanEquals("$.pause.ended", true), followUp)
          .otherwise(wait),
      );
  }

  /**
   * Starts the pair's next execution, named (and given its input) by a `NextChapter` that a step
   * put at `nextPath`; this execution ends there. A second start of the same name (a redrive)
   * finds it already exists: that is success, the pair goes on in the execution that exists.
   */
  private startChapter(name: string, nextPath: string, options: { resume: boolean }) {
    const input: Partial<Record<keyof ChapterInput, string>> = {
      pairId: sfn.JsonPath.stringAt("$.pairId"),
      chapter: sfn.JsonPath.stringAt(`${nextPath}.chapter`),
      // A meeting handed over says so; the router sends it back to its invitation and timers.
      ...(options.resume ? { resume: sfn.JsonPath.stringAt(`${nextPath}.resume`) } : {}),
    };
    const start = new tasks.StepFunctionsStartExecution(this.scope, name, {
      stateMachine: this.self,
      name: sfn.JsonPath.stringAt(`${nextPath}.executionName`),
      associateWithParent: true,
      input: sfn.TaskInput.fromObject(input),
      integrationPattern: sfn.IntegrationPattern.REQUEST_RESPONSE,
      resultPath: sfn.JsonPath.DISCARD,
    });
    start.addRetry({ ...retryTransient, errors: ["States.TaskFailed"], maxAttempts: 3 });
    start.addCatch(this.alreadyStarted, {
      errors: ["StepFunctions.ExecutionAlreadyExistsException"],
      resultPath: "$.alreadyStarted",
    });
    start.addCatch(this.failed, { errors: ["States.ALL"], resultPath: "$.failure" });
    return start;
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
    const wait = this.awaiting(
      name,
      { purpose, step, resultPath },
      sfn.Timeout.duration(Duration.seconds(waitingTaskTimeoutSeconds)),
    );
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
    options: { purpose: WaitPurpose; step: string; resultPath: string },
    timeout: sfn.Timeout,
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
      taskTimeout: timeout,
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
