import { GetExecutionHistoryCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { stepFunctions } from "#core/clients/sfn";
import { executionName } from "#core/pair/rules";
import { localStateMachineArn } from "../../stacks/workflow/render";
import { emailsTo } from "../support/inbox";
import { answer, day, hour, newPair, pairOf, purposesFor, runMeeting, useEngine } from "./support";

const { engine } = useEngine();

const after = {
  "social-networks": 3,
  "collaborative-tools": 3,
  "artificial-intelligence": 2,
  "data-business-models": 2,
  "digital-identity-security": 4,
};

/** The last state an execution entered, as the console names it. */
async function lastStateOf(executionName: string) {
  const executionArn = `${localStateMachineArn.replace(":stateMachine:", ":execution:")}:${executionName}`;
  const { events = [] } = await stepFunctions.send(
    new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
  );
  return events.filter((event) => event.stateEnteredEventDetails).at(-1)?.stateEnteredEventDetails
    ?.name;
}

const textOf = (email: { body: { text?: string } }) => email.body.text ?? "";

describe("the pair's journey as people live it", () => {
  it("introduces each one to the other by name and address, and a reply reaches the other", async () => {
    const { menteeEmail, mentorEmail, assistantEmail } = await newPair({ assistant: true });
    await engine().settle();
    const [toMentee] = (await emailsTo(menteeEmail)).filter((e) => e.subject.includes("binôme"));
    const [toMentor] = (await emailsTo(mentorEmail)).filter((e) => e.subject.includes("binôme"));
    expect(toMentee?.replyTo).toEqual([mentorEmail]);
    expect(toMentor?.replyTo).toEqual([menteeEmail]);
    expect(toMentee?.destination.cc).toEqual([assistantEmail]);
    expect(textOf(toMentee ?? { body: {} })).toContain(
      `Pour joindre Yanis Martin\u00a0: ${mentorEmail}`,
    );
    expect(textOf(toMentor ?? { body: {} })).toContain(
      `Pour joindre Claire Dubois\u00a0: ${menteeEmail}`,
    );
    // The mentee's copy says who proposes the date; no sentence is left hanging on a colon.
    expect(textOf(toMentee ?? { body: {} })).toContain("Yanis vous proposera une date");
    expect(textOf(toMentee ?? { body: {} })).not.toMatch(/:\s*\n\n(L'équipe|— English)/);
  });

  it("closes as completed when the manager never sends the self-evaluation, and sends both the summary", async () => {
    const { pairId, menteeEmail, mentorEmail } = await newPair();
    await engine().settle();
    await runMeeting(engine(), pairId, "preparation");
    await answer(pairId, "preparation", "objectives", "mentor", {
      objectives: "Créer un compte LinkedIn",
      sessions: 3,
    });
    for (const step of ["session-1", "session-2", "session-3"]) {
      await runMeeting(engine(), pairId, step);
    }
    await engine().advance(95 * day);
    await runMeeting(engine(), pairId, "follow-up");
    expect(
      await answer(pairId, "closure", "self-evaluation", "mentor", {
        comfort: after,
        experience: 5,
        comment: "Claire a beaucoup progressé",
      }),
    ).toBe("recorded");
    // The manager stays silent: nudged, the team alerted, then the pair closes.
    for (let week = 0; week < 5; week++) await engine().advance(7 * day + hour);
    const pair = await pairOf(pairId);
    expect(pair).toMatchObject({
      status: "closed",
      outcome: "completed",
      missingEvaluations: ["mentee"],
    });
    // The console says what happened: a closure, not a stop after a long silence.
    expect(await lastStateOf(executionName(pairId, "follow-up"))).toBe(
      "Stop: the pair closed without every self-evaluation",
    );
    expect(await purposesFor(pairId, "mentor")).toContain("closure#closing");
    expect(await purposesFor(pairId, "mentee")).toContain("closure#closing");
    const everything = [...(await emailsTo(menteeEmail)), ...(await emailsTo(mentorEmail))]
      .map(textOf)
      .join("\n");
    expect(everything).not.toContain("L'équipe d'animation a mis fin");
    // People read words: no id, step code, enum value or ISO timestamp outside the links.
    const words = everything.replaceAll(/https?:\/\/\S+/g, "");
    expect(everything).not.toMatch(/Fill in my self-evaluation : /);
    expect(words).not.toMatch(
      /\d{4}-\d{2}-\d{2}T|\bpair-[a-z0-9]{8}\b|\bsession-\d|#|\b(not-reached|no-shows?|follow-up#)\b/,
    );
    const closingToMentee = (await emailsTo(menteeEmail)).find((e) =>
      e.subject.includes("se termine"),
    );
    expect(textOf(closingToMentee ?? { body: {} })).toContain("ne nous est pas parvenue");
    expect(textOf(closingToMentee ?? { body: {} })).toContain("5\u00a0h");
  }, 120_000);

  it("says a stop was automatic, and why, when nobody answers", async () => {
    const { pairId, menteeEmail } = await newPair();
    await engine().settle();
    for (let week = 0; week < 5; week++) await engine().advance(7 * day + hour);
    expect(await pairOf(pairId)).toMatchObject({
      status: "cancelled",
      outcome: "stopped",
      stopCause: { kind: "silence", step: "preparation" },
    });
    expect(await lastStateOf(pairId)).toBe("Stop: the pair ended after a long silence");
    const stop = (await emailsTo(menteeEmail)).find((e) => e.subject.includes("s'arrête"));
    expect(textOf(stop ?? { body: {} })).toContain("s'est arrêté automatiquement");
    expect(textOf(stop ?? { body: {} })).toContain(
      "Le rendez-vous de préparation attendait une réponse qui n'est pas venue",
    );
    expect(textOf(stop ?? { body: {} })).not.toContain("L'équipe d'animation a mis fin");
  });
});
