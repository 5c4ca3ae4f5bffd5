import { describe, expect, it } from "vitest";
import {
  type MentorCandidate,
  type MentorProposal,
  proposeMentorPairs,
  type WorkshopRecord,
} from "#core/events/workshop/model";
import { WorkshopPage } from "#web/pages/admin/workshops";

/**
 * Which pairs of mentors the team's page proposes for a collective workshop, and in which order:
 * theme skill first, then the moments they are available among those requested, then their load
 * (coming workshops and pairs in progress); never one from the service's line of management when
 * the programme forbids it. Pure: data in, data out.
 */
const head = "helene.durand@finances.gouv.fr";
const workshop: Pick<WorkshopRecord, "id" | "request"> = {
  id: "0".repeat(32),
  request: {
    firstName: "Hélène",
    lastName: "Durand",
    email: head,
    service: "Direction des achats",
    managers: 12,
    theme: "artificial-intelligence",
    goal: "Décider ensemble de l'usage de l'IA",
    slots: ["morning", "afternoon"],
    dates: "Les mardis de janvier",
    consent: true,
  } as WorkshopRecord["request"],
};

let serial = 0;
function mentor(name: string, overrides: Partial<MentorCandidate> = {}): MentorCandidate {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, "0")}`,
    name,
    email: `${name.toLowerCase().replace(/\W+/g, ".")}@finances.gouv.fr`,
    themes: [{ theme: "artificial-intelligence", level: 3 }],
    availability: ["morning", "afternoon"],
    workshopsLed: 0,
    activePairs: 0,
    ...overrides,
  };
}

const forbid = { allowSameManagementLine: false, limit: 50 };
const propose = (candidates: MentorCandidate[], options = forbid, participants: string[] = []) =>
  proposeMentorPairs(workshop, participants, candidates, options);
const names = (proposals: MentorProposal[]) =>
  proposals.map((proposal) => proposal.mentors.map((item) => item.name).join(" et "));
/** Where the pair of these two mentors stands in the proposals (-1: not proposed). */
const rankOf = (proposals: MentorProposal[], a: MentorCandidate, b: MentorCandidate) =>
  proposals.findIndex((proposal) =>
    [a.id, b.id].every((id) => proposal.mentors.some((item) => item.id === id)),
  );
const proposed = (proposals: MentorProposal[], one: MentorCandidate) =>
  proposals.some((proposal) => proposal.mentors.some((item) => item.id === one.id));

describe("the mentors proposed for a workshop", () => {
  it("ranks a mentor who knows the theme better before one who knows it less, whatever their moments and load", () => {
    const partner = mentor("Amina Haddad");
    const expert = mentor("Yanis Benali", {
      themes: [{ theme: "artificial-intelligence", level: 4 }],
      availability: ["evening"],
      workshopsLed: 2,
      activePairs: 1,
    });
    const novice = mentor("Paul Noir", {
      themes: [{ theme: "artificial-intelligence", level: 2 }],
    });
    const proposals = propose([novice, partner, expert]);
    expect(rankOf(proposals, partner, expert)).toBeLessThan(rankOf(proposals, partner, novice));
    expect(rankOf(proposals, partner, novice)).toBeGreaterThanOrEqual(0);
  });

  it("never proposes a mentor without the theme, nor one who only has notions of it", () => {
    const a = mentor("Amina Haddad");
    const b = mentor("Yanis Benali");
    const otherTheme = mentor("Paul Noir", { themes: [{ theme: "social-networks", level: 4 }] });
    const notions = mentor("Inès Roux", {
      themes: [{ theme: "artificial-intelligence", level: 1 }],
    });
    const proposals = propose([otherTheme, a, notions, b]);
    expect(names(proposals)).toEqual(["Amina Haddad et Yanis Benali"]);
    expect(proposed(proposals, otherTheme)).toBe(false);
    expect(proposed(proposals, notions)).toBe(false);
  });

  it("with the same skill, ranks a mentor available at a requested moment first, even if busier", () => {
    const partner = mentor("Amina Haddad");
    const available = mentor("Yanis Benali", {
      availability: ["afternoon"],
      workshopsLed: 2,
      activePairs: 2,
    });
    const unavailable = mentor("Paul Noir", { availability: ["lunch", "evening"] });
    const proposals = propose([unavailable, available, partner]);
    expect(rankOf(proposals, partner, available)).toBeLessThan(
      rankOf(proposals, partner, unavailable),
    );
  });

  it("with the same skill, ranks first a mentor free at more of the requested moments", () => {
    const partner = mentor("Amina Haddad");
    const both = mentor("Yanis Benali", {
      availability: ["morning", "afternoon"],
      workshopsLed: 1,
    });
    const one = mentor("Paul Noir", { availability: ["morning", "evening"] });
    const proposals = propose([one, both, partner]);
    expect(rankOf(proposals, partner, both)).toBeLessThan(rankOf(proposals, partner, one));
  });

  it("with the same skill and moments, ranks the less loaded mentor first, counting workshops and pairs", () => {
    const partner = mentor("Amina Haddad");
    const free = mentor("Yanis Benali");
    const leading = mentor("Paul Noir", { workshopsLed: 1 });
    const coaching = mentor("Inès Roux", { activePairs: 2 });
    const proposals = propose([coaching, leading, partner, free]);
    const free1 = rankOf(proposals, partner, free);
    expect(free1).toBeLessThan(rankOf(proposals, partner, leading));
    expect(rankOf(proposals, partner, leading)).toBeLessThan(rankOf(proposals, partner, coaching));
    expect(names(proposals)[0]).toBe("Amina Haddad et Yanis Benali");
  });

  it("never proposes a mentor of the service's line of management when the programme forbids it", () => {
    const participant = "marc.lefort@finances.gouv.fr";
    const a = mentor("Amina Haddad");
    const b = mentor("Yanis Benali");
    const reportsToHead = mentor("Inès Roux", {
      themes: [{ theme: "artificial-intelligence", level: 4 }],
      managerEmail: head,
    });
    const reportsToParticipant = mentor("Jean Petit", {
      themes: [{ theme: "artificial-intelligence", level: 4 }],
      managerEmail: ` ${participant.toUpperCase()} `,
    });
    const theHead = mentor("Hélène Durand", {
      themes: [{ theme: "artificial-intelligence", level: 4 }],
      email: head,
    });
    const candidates = [reportsToHead, a, reportsToParticipant, b, theHead];

    const forbidden = propose(candidates, forbid, [participant]);
    expect(names(forbidden)).toEqual(["Amina Haddad et Yanis Benali"]);

    const allowed = propose(candidates, { allowSameManagementLine: true, limit: 50 }, [
      participant,
    ]);
    for (const one of [reportsToHead, reportsToParticipant, theHead]) {
      expect(proposed(allowed, one)).toBe(true);
    }
    // Allowed, the more skilled of the line come first like anyone else.
    expect(names(allowed)[0]).not.toBe("Amina Haddad et Yanis Benali");
  });

  it("proposes the same pairs in the same order, each pair's mentors too, whatever order the mentors come in", () => {
    const candidates = [
      mentor("Claire Martin"),
      mentor("Amina Haddad"),
      mentor("Yanis Benali"),
      mentor("Amina Haddad"),
      mentor("Paul Noir", { workshopsLed: 1 }),
    ];
    const order = (proposals: MentorProposal[]) =>
      proposals.map((proposal) => proposal.mentors.map((item) => item.id));
    const expected = order(propose(candidates));
    expect(expected).toHaveLength(10);
    for (const shuffled of [
      [...candidates].reverse(),
      [candidates[2], candidates[4], candidates[0], candidates[3], candidates[1]],
      [candidates[3], candidates[1], candidates[4], candidates[2], candidates[0]],
    ] as MentorCandidate[][]) {
      expect(order(propose(shuffled))).toEqual(expected);
    }
    // Equal on every criterion, pairs follow the names (then the ids, for namesakes).
    expect(names(propose(candidates)).slice(0, 3)).toEqual([
      "Amina Haddad et Amina Haddad",
      "Amina Haddad et Claire Martin",
      "Amina Haddad et Claire Martin",
    ]);
  });

  it("proposes five pairs unless told otherwise, the best ones", () => {
    const candidates = ["A", "B", "C", "D", "E"].map((letter, index) =>
      mentor(`Mentor ${letter}`, { workshopsLed: index }),
    );
    const five = proposeMentorPairs(workshop, [], candidates, { allowSameManagementLine: false });
    expect(five).toEqual(propose(candidates).slice(0, 5));
    expect(names(five)[0]).toBe("Mentor A et Mentor B");
  });

  it("tells the team in French why, with the load of each pair", () => {
    const [proposal] = propose([
      mentor("Amina Haddad", { workshopsLed: 1 }),
      mentor("Yanis Benali", { activePairs: 2, availability: ["morning"] }),
    ]);
    expect(proposal?.reasons.fr).toBe(
      "Niveaux 3 et 3 sur le thème, 1 moment commun avec la demande, 1 atelier à venir et 2 binômes en cours",
    );
    expect(proposal?.reasons.en).toBe(
      "Levels 3 and 3 in the theme, 1 moment in common with the request, 1 coming workshop and 2 pairs in progress",
    );
  });
});

describe("the team's workshop page", () => {
  it("lists the proposed pairs in the order of the rule", async () => {
    const candidates = [
      mentor("Claire Martin", { workshopsLed: 2 }),
      mentor("Amina Haddad", { themes: [{ theme: "artificial-intelligence", level: 4 }] }),
      mentor("Yanis Benali", { availability: ["evening"] }),
      mentor("Paul Noir"),
    ];
    const proposals = propose(candidates);
    const html = String(
      await WorkshopPage({
        lang: "fr",
        workshop: {
          ...workshop,
          status: "requested",
          createdAt: "2027-01-04T09:00:00Z",
          sequence: 0,
        },
        mentors: [],
        participants: [],
        feedback: [],
        proposals,
        candidates,
      }),
    );
    const listed = [...html.matchAll(/<li>([^—<]+?) —/g)].map((match) =>
      (match[1] ?? "").replace(/\s+/g, " ").trim(),
    );
    expect(listed).toEqual(names(proposals));
    expect(listed[0]).toBe("Amina Haddad et Paul Noir");
  });
});
