import { describe, expect, it } from "vitest";
import {
  concerns,
  eraseStep,
  type Item,
  identify,
  legalDeadline,
  personPattern,
} from "#core/privacy/holdings";

const helene = "helene.durand@finances.gouv.fr";
const form: Item = {
  pk: "QUESTIONNAIRE#q1",
  sk: "QUESTIONNAIRE",
  kind: "questionnaire",
  id: "q1",
  answers: {
    firstName: "Hélène",
    lastName: "Durand",
    email: helene,
    goal: "Publier",
    comfort: { a: 1 },
  },
};
const pair: Item = {
  pk: "PAIR#p1",
  sk: "PAIR",
  kind: "pair",
  id: "p1",
  menteeId: "q1",
  mentorId: "m1",
};
const identity = identify(helene, [form, pair]);

describe("what concerns a person", () => {
  it("finds their forms and pairs from their address, and everything filed under the pair", () => {
    expect(identity.forms).toEqual([{ kind: "questionnaire", id: "q1" }]);
    expect(identity.pairs).toEqual([{ id: "p1", role: "mentee" }]);
    expect(concerns({ pk: "PAIR#p1", sk: "HISTORY#x" }, identity)).toBe(true);
    expect(
      concerns(
        { pk: "LINK#a", sk: "LINK", kind: "link", pairId: "p1", recipient: "mentee" },
        identity,
      ),
    ).toBe(true);
    expect(
      concerns(
        { pk: "LINK#b", sk: "LINK", kind: "link", pairId: "p1", recipient: "mentor" },
        identity,
      ),
    ).toBe(false);
  });

  it("does not take another person's items for theirs because they share a first name", () => {
    expect(
      concerns({ pk: "QUESTIONNAIRE#q2", sk: "QUESTIONNAIRE", note: "Hélène Martin" }, identity),
    ).toBe(false);
  });

  it("matches a name as a whole word only", () => {
    const pattern = personPattern({ email: "a@b.fr", names: ["Anne"] });
    expect(pattern.test("Bonjour Anne,")).toBe(true);
    pattern.lastIndex = 0;
    expect(pattern.test("Réunion à Annecy")).toBe(false);
  });
});

describe("what erasure does to each item", () => {
  const at = "2026-12-01T10:00:00.000Z";

  it("keeps their form as an anonymous record with its comfort levels", () => {
    const step = eraseStep(form, identity, at);
    expect(step.action).toBe("replace");
    const answers = (step as { item: Item }).item.answers as Record<string, unknown>;
    expect(answers).toEqual({ comfort: { a: 1 } });
  });

  it("deletes what is keyed by their address and an email still queued for them", () => {
    const claim = { pk: `CLAIM#QUESTIONNAIRE#vague-1#${helene}`, sk: "CLAIM" };
    expect(eraseStep(claim, identity, at).action).toBe("delete");
    const queued: Item = {
      pk: "EMAIL#x",
      sk: "EMAIL",
      kind: "email",
      status: "queued",
      email: { to: [helene] },
    };
    expect(eraseStep(queued, identity, at).action).toBe("delete");
  });

  it("lets an email queued for the other participant leave, without their name", () => {
    const toOther: Item = {
      pk: "EMAIL#pair#p1#stopped#mentor",
      sk: "EMAIL",
      kind: "email",
      status: "queued",
      email: { to: ["yanis@finances.gouv.fr"], text: "Votre binôme avec Hélène Durand prend fin" },
    };
    const step = eraseStep(toOther, identity, at);
    expect(step.action).toBe("replace");
    expect(JSON.stringify((step as { item: Item }).item)).not.toMatch(/Hélène|Durand/);
  });

  it("deletes the team's notes on their pair, whose words no name search finds", () => {
    const note: Item = {
      pk: "PAIR#p1",
      sk: "NOTE#cle-1",
      kind: "pair-note",
      pairId: "p1",
      at,
      author: "Sophie Leroy",
      text: "Elle part en congé maladie deux semaines.",
    };
    expect(concerns(note, identity)).toBe(true);
    expect(eraseStep(note, identity, at)).toEqual({
      action: "delete",
      key: { pk: "PAIR#p1", sk: "NOTE#cle-1" },
    });
  });
});

describe("the legal deadline", () => {
  it("is the same day of the next month, or its last day when there is none", () => {
    expect(legalDeadline(new Date("2026-01-15T09:00:00Z")).toISOString()).toBe(
      "2026-02-15T09:00:00.000Z",
    );
    expect(legalDeadline(new Date("2026-01-31T09:00:00Z")).toISOString()).toBe(
      "2026-02-28T09:00:00.000Z",
    );
  });
});
