import { Duration, Names } from "aws-cdk-lib";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import * as tasks from "aws-cdk-lib/aws-stepfunctions-tasks";
import { Construct } from "constructs";
import {
  type EventAction,
  type EventInput,
  type EventWaitPurpose,
  eventConfirmationTimeoutSeconds,
  eventFeedbackWindowSeconds,
  eventWorkflowErrors,
} from "../../packages/core/src/events/payload";
import { standardStateMachine, type WorkflowProps } from "./machine";
import { retryTransient } from "./retry";

export type EventWorkflowProps = WorkflowProps;

/** Every task gets the event it is about from the execution input (`EventInput`). */
const eventFields: Record<keyof EventInput, string> = {
  kind: sfn.JsonPath.stringAt("$.kind"),
  eventId: sfn.JsonPath.stringAt("$.eventId"),
};

/**
 * One Standard execution per event — a collective workshop, a BarNum' — whatever its kind: the
 * execution input (`{"kind": "workshop", "eventId": "…"}`) says which, and the steps Lambda hands
 * each task to that kind's steps. The invitations go out (with their calendar file), a reminder
 * before the date, then the organisers say whether it took place and how many came; a silence gets
 * a nudge, then the programme team, then a clean end. Those who came are asked for their feedback,
 * and the event is closed. A move sends the invitations again (next SEQUENCE); a cancellation
 * tells everyone (the kinds that did not queue it with the record) and stops the execution. Every wait for a person or a time has
 * a timeout: no execution is ever stuck.
 */
export class EventWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: EventWorkflowProps) {
    super(scope, id);
    const definition = new EventDefinition(this, props.stepsFunction).start;
    this.stateMachine = standardStateMachine(this, {
      ...props,
      name:
        props.stateMachineName ?? Names.uniqueResourceName(this, { maxLength: 80, separator: "-" }),
      definition,
      comment: "Binôme — one event (collective workshop, BarNum'), from invitations to closure",
    });
  }
}

/** The states, built with the chain API, top to bottom as an event runs. */
class EventDefinition {
  readonly start: sfn.IChainable;
  private readonly cancelled: sfn.IChainable;
  private readonly failed: sfn.IChainable;

  constructor(
    private readonly scope: Construct,
    private readonly fn: lambda.IFunction,
  ) {
    const failure = this.task("Record the failure and alert the programme team", "record-failure", {
      resultPath: sfn.JsonPath.DISCARD,
      payload: { failure: sfn.JsonPath.objectAt("$.failure") },
      catchFailures: false,
    });
    this.failed = failure.next(
      new sfn.Fail(scope, "The event workflow failed", {
        error: "EventStepFailed",
        cause: "A step failed after its retries; the programme team was alerted.",
      }),
    );
    // A kind whose cancellation notices are too many for the page's transaction sends them here.
    const tellCancelled = this.task("Tell everyone the event was cancelled", "tell-cancelled", {
      resultPath: sfn.JsonPath.DISCARD,
      catchFailures: false,
    });
    this.catchFailures(tellCancelled);
    this.cancelled = tellCancelled;
    tellCancelled.next(new sfn.Succeed(scope, "Stop: the event was cancelled"));

    const invite = this.task("Send the invitations", "invite", { resultPath: "$.timer" });
    const remind = this.task("Send the reminder", "remind", { resultPath: "$.timer" });

    const close = this.task("Close the event", "close", { resultPath: sfn.JsonPath.DISCARD }).next(
      new sfn.Succeed(scope, "Stop: the event is closed"),
    );
    const confirm = this.awaiting(
      "Wait for the organisers to say whether the event took place",
      "confirm",
      "$.outcome",
      sfn.Timeout.duration(Duration.seconds(eventConfirmationTimeoutSeconds)),
    );
    // Moved even after its date (it did not take place then): the invitations go again.
    confirm.addCatch(invite, { errors: [eventWorkflowErrors.moved], resultPath: "$.moved" });
    const nudge = this.task("Nudge the organisers, or escalate their silence", "nudge", {
      resultPath: "$.silence",
    });
    confirm.addCatch(nudge, { errors: ["States.Timeout"], resultPath: "$.timedOut" });
    this.catchFailures(confirm);
    nudge.next(
      new sfn.Choice(scope, "Keep waiting for the organisers?")
        .when(sfn.Condition.stringEquals("$.silence.decision", "end"), close)
        .otherwise(confirm),
    );

    const feedback = this.task("Ask the participants for their feedback", "request-feedback", {
      resultPath: sfn.JsonPath.DISCARD,
    })
      .next(
        new sfn.Wait(scope, "Wait while the participants give their feedback", {
          time: sfn.WaitTime.duration(Duration.seconds(eventFeedbackWindowSeconds)),
        }),
      )
      .next(close);

    invite.next(
      this.timer("Wait until the reminder is due, or for a change to the event", invite, remind),
    );
    remind.next(this.timer("Wait for the event to end, or for a change to it", invite, confirm));
    confirm.next(
      new sfn.Choice(scope, "Did the event take place?")
        .when(sfn.Condition.booleanEquals("$.outcome.tookPlace", true), feedback)
        .otherwise(close),
    );
    this.start = invite;
  }

  /**
   * A timed wait no one is asked about: it ends at the time the task before set (States.Timeout,
   * caught by the caller), or when the event is moved (back to the invitations) or cancelled.
   */
  private timer(name: string, invite: sfn.IChainable, then: sfn.IChainable): tasks.LambdaInvoke {
    const wait = this.awaiting(
      name,
      "event-time",
      sfn.JsonPath.DISCARD,
      sfn.Timeout.at("$.timer.timeoutSeconds"),
    );
    wait.addCatch(then, { errors: ["States.Timeout"], resultPath: "$.timedOut" });
    wait.addCatch(invite, { errors: [eventWorkflowErrors.moved], resultPath: "$.moved" });
    // Only a timeout or a change ends this wait; anything else is a failure.
    this.catchFailures(wait);
    wait.next(invite);
    return wait;
  }

  private awaiting(
    name: string,
    purpose: EventWaitPurpose,
    resultPath: string,
    timeout: sfn.Timeout,
  ): tasks.LambdaInvoke {
    const wait = new tasks.LambdaInvoke(this.scope, name, {
      lambdaFunction: this.fn,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({
        action: "await" satisfies EventAction,
        ...eventFields,
        purpose,
        taskToken: sfn.JsonPath.taskToken,
      }),
      resultPath,
      taskTimeout: timeout,
      retryOnServiceExceptions: false,
    });
    wait.addRetry(retryTransient);
    wait.addCatch(this.cancelled, {
      errors: [eventWorkflowErrors.cancelled],
      resultPath: "$.failure",
    });
    return wait;
  }

  private catchFailures(task: tasks.LambdaInvoke) {
    task.addCatch(this.failed, { errors: ["States.ALL"], resultPath: "$.failure" });
  }

  private task(
    name: string,
    action: EventAction,
    options: { resultPath: string; payload?: Record<string, unknown>; catchFailures?: boolean },
  ): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this.scope, name, {
      lambdaFunction: this.fn,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({ action, ...eventFields, ...options.payload }),
      resultPath: options.resultPath,
      retryOnServiceExceptions: false,
    });
    task.addRetry(retryTransient);
    if (options.catchFailures !== false) {
      task.addCatch(this.cancelled, {
        errors: [eventWorkflowErrors.cancelled],
        resultPath: "$.failure",
      });
      this.catchFailures(task);
    }
    return task;
  }
}
