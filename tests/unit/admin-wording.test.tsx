import { describe, expect, it } from "vitest";
import type { Barnum } from "#core/barnum/model";
import type { StoredRegistration } from "#core/barnum/store";
import type { WorkshopRecord } from "#core/events/workshop";
import { addressRef } from "#core/events/workshop/people";
import type { Participant } from "#core/events/workshop/store";
import { proposeMatching } from "#core/matching";
import { explainFit, explainPair, type FitDetails } from "#core/matching/fit";
import type { NetworkMeeting } from "#core/network/model";
import type { PrivacyRequest } from "#core/privacy";
import { BarnumAdminPage } from "#web/pages/admin/barnum";
import { MeetingPage } from "#web/pages/admin/network";
import { historyDetailText } from "#web/pages/admin/pair-writings";
import { PrivacyPersonPage } from "#web/pages/admin/privacy";
import { WorkshopPage } from "#web/pages/admin/workshops";
import { generateCohort } from "../bench/cohort";

/**
 * The wording of the programme team's pages, rendered in process from records built here: what a
 * person reads, in French with its no-break spaces and in English with English punctuation, and
 * never a code.
 */

const nbsp = "\u00a0";

/** The HTML of a page, with the entities hono/jsx escapes turned back into characters. */
async function html(page: unknown): Promise<string> {
  return String(await String(page))
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** The text of the page without its tags, spaces kept as they are. */
const textOf = (page: string) => page.replace(/<[^>]+>/g, "");

describe("a pair's history", () => {
  it("says a missed meeting in words, not the code the system writes", () => {
    const detail = { step: "meeting-2", reason: "no-show" };
    expect(historyDetailText(detail, "fr")).toMatch(/ — rendez-vous manqué$/);
    expect(historyDetailText(detail, "en")).toMatch(/ — missed meeting$/);
    expect(historyDetailText(detail, "fr")).not.toContain("no-show");
  });

  it("keeps a reason the team wrote in its own words", () => {
    expect(historyDetailText({ reason: "Départ du cadre" }, "fr")).toBe("Départ du cadre");
  });
});

const workshop = (status: WorkshopRecord["status"], present: string[]): WorkshopRecord => ({
  id: "w".repeat(32),
  request: {
    firstName: "Hélène",
    lastName: "Durand",
    email: "helene.durand@example.gouv.fr",
    service: "Service des achats",
    managers: 8,
    theme: "collaborative-tools",
    goal: "Animer nos réunions en visio",
    slots: ["morning"],
    dates: "En février",
    consent: true,
  } as WorkshopRecord["request"],
  status,
  createdAt: "2026-11-02T09:00:00.000Z",
  sequence: 0,
  schedule: { start: "2026-12-01T13:00:00.000Z", durationMinutes: 120, place: "Bercy" },
  outcome: { tookPlace: true, attendees: present.length },
  present,
});

const participant = (email: string, firstName: string): Participant => ({
  participantKey: `p-${firstName}`,
  email,
  firstName,
  lastName: "Martin",
  source: "head-of-service",
  addedAt: "2026-11-03T09:00:00.000Z",
});

const workshopPage = (record: WorkshopRecord, participants: Participant[], lang: "fr" | "en") =>
  html(
    <WorkshopPage
      lang={lang}
      workshop={record}
      mentors={[]}
      participants={participants}
      feedback={[]}
      proposals={[]}
      candidates={[]}
    />,
  );

describe("a workshop's page", () => {
  const one = [participant("claire.martin@example.gouv.fr", "Claire")];
  const three = [
    ...one,
    participant("paul.martin@example.gouv.fr", "Paul"),
    participant("lea.martin@example.gouv.fr", "Léa"),
  ];

  it("words the one person invited apart from several", async () => {
    const ref = addressRef(one[0]?.email ?? "");
    const fr = textOf(await workshopPage(workshop("held", [ref]), one, "fr"));
    expect(fr).toContain(`Présents parmi la personne invitée${nbsp}: Claire Martin`);
    expect(fr).not.toContain("les 1 personne");
    const en = textOf(await workshopPage(workshop("held", [ref]), one, "en"));
    expect(en).toContain("Present among the person invited: Claire Martin");

    const many = textOf(await workshopPage(workshop("held", [ref]), three, "fr"));
    expect(many).toContain(`Présents parmi les 3 personnes invitées${nbsp}: Claire Martin`);
  });

  it("gives its status with French spacing in French and English punctuation in English", async () => {
    const fr = textOf(await workshopPage(workshop("scheduled", []), [], "fr"));
    expect(fr).toContain(`État${nbsp}: Fixé`);
    const en = textOf(await workshopPage(workshop("scheduled", []), [], "en"));
    expect(en).toContain("Status: Scheduled");
    expect(en).not.toContain("Status :");
  });
});

describe("a BarNum's page", () => {
  const barnum: Barnum = {
    id: "b".repeat(32),
    event: "Salon du numérique",
    place: "Hall B",
    startsAt: "2026-12-01T09:00:00.000Z",
    endsAt: "2026-12-01T10:00:00.000Z",
    slotMinutes: 30,
    placesPerSlot: 4,
    slots: [{ id: "s1", startsAt: "2026-12-01T09:00:00.000Z", endsAt: "2026-12-01T09:30:00.000Z" }],
    taken: { s1: 1 },
    status: "published",
    createdAt: "2026-11-01T09:00:00.000Z",
  };
  const registration = {
    barnumId: barnum.id,
    firstName: "Lina",
    email: "lina@example.gouv.fr",
    slotId: "s1",
    question: "Comment résumer un rapport avec une IA",
    version: 1,
    contentHash: "x",
  } as StoredRegistration;
  const page = (lang: "fr" | "en") =>
    html(
      <BarnumAdminPage
        lang={lang}
        barnum={barnum}
        staff={[]}
        candidates={[]}
        registrations={[registration]}
        figures={{ visits: 0, resolved: 0, byTheme: [] }}
        changeable={false}
      />,
    );

  it("spaces a slot's count and a registration's question in French, and not in English", async () => {
    const fr = textOf(await page("fr"));
    expect(fr).toContain(`De 10${nbsp}h à 10${nbsp}h${nbsp}30${nbsp}: 1 inscrit / 4 places`);
    expect(fr).toContain(`${nbsp}: «${nbsp}Comment résumer un rapport avec une IA${nbsp}»`);
    const en = textOf(await page("en"));
    expect(en).toMatch(/10:30: 1 registration \/ 4 places/);
    expect(en).toContain(": “Comment résumer un rapport avec une IA”");
    expect(en).not.toContain("«");
    expect(en).not.toMatch(/ :/);
  });
});

describe("a mentors' meeting's page", () => {
  const meeting: NetworkMeeting = {
    id: "m".repeat(32),
    kind: "network",
    startsAt: "2026-12-01T13:00:00.000Z",
    durationMinutes: 60,
    place: "Bercy",
    agenda: "Retours d'expérience",
    createdAt: "2026-11-01T09:00:00.000Z",
  };
  const page = (lang: "fr" | "en") =>
    html(<MeetingPage lang={lang} meeting={meeting} invitations={[]} changeable={false} />);

  it("gives the agenda with French spacing in French and English punctuation in English", async () => {
    expect(textOf(await page("fr"))).toContain(`Ordre du jour${nbsp}: Retours d'expérience`);
    const en = textOf(await page("en"));
    expect(en).toContain("Agenda: Retours d'expérience");
    expect(en).not.toContain("Agenda :");
  });
});

describe("a person's privacy page", () => {
  const email = "claire.martin@example.gouv.fr";
  const request: PrivacyRequest = {
    id: "r".repeat(32),
    type: "rectification",
    origin: "person",
    email,
    detail: "Mon service a changé",
    receivedAt: "2026-11-01T09:00:00.000Z",
    deadline: "2026-12-01T09:00:00.000Z",
    status: "open",
    actions: [],
  };
  const page = (lang: "fr" | "en") =>
    html(
      <PrivacyPersonPage
        lang={lang}
        email={email}
        request={request}
        holdings={{ identity: { email, names: [], forms: [], pairs: [] }, items: [] }}
      />,
    );

  it("quotes what the person asks with French quotes in French and English quotes in English", async () => {
    expect(textOf(await page("fr"))).toContain(
      `Ce que la personne demande${nbsp}: «${nbsp}Mon service a changé${nbsp}»`,
    );
    const en = textOf(await page("en"));
    expect(en).toContain("What the person asks: “Mon service a changé”");
    expect(en).not.toContain("«");
  });
});

describe("a proposed pair's explanation", () => {
  const details: FitDetails = {
    covered: [
      { theme: "social-networks", rank: 0, level: 4, comfort: 1 },
      { theme: "artificial-intelligence", rank: 1, level: 3, comfort: 2 },
    ],
    priorityCount: 3,
    commonFormats: ["video"],
    commonSlots: 2,
    sameSite: true,
  };
  const pair = { explanation: explainFit(details), details };

  it("reads in French with its no-break spaces", () => {
    expect(explainPair("fr", pair)).toBe(
      `Couvre 2 des 3 thèmes prioritaires du cadre (réseaux sociaux professionnels niveau 4, intelligence artificielle niveau 3)${nbsp}; format commun${nbsp}: visio${nbsp}; 2 créneaux communs${nbsp}; même site`,
    );
  });

  it("reads in English on the English page, from the pair's details", () => {
    expect(explainPair("en", pair)).toBe(
      "Covers 2 of the manager's 3 priority themes (professional social networks level 4, artificial intelligence level 3); common format: video; 2 common slots; same site",
    );
    const other: FitDetails = {
      covered: [{ theme: "collaborative-tools", rank: 0, level: 2, comfort: 2 }],
      priorityCount: 1,
      commonFormats: ["site", "phone"],
      commonSlots: 0,
      sameSite: false,
    };
    expect(explainPair("en", { explanation: explainFit(other), details: other })).toBe(
      "Covers the manager's priority theme (collaborative tools level 2); common formats: on site, phone; no common slot",
    );
    expect(explainFit({ ...other, commonSlots: 1, commonFormats: ["video"] }, "en")).toBe(
      "Covers the manager's priority theme (collaborative tools level 2); common format: video; 1 common slot",
    );
    expect(explainFit({ ...other, commonSlots: null }, "fr")).toBe(
      "Couvre le thème prioritaire du cadre (outils collaboratifs niveau 2) ; formats communs : sur site, téléphone",
    );
  });

  it("reads in each language for every pair of a proposed cohort", () => {
    const { mentees, mentors, settings } = generateCohort(300, 120);
    const { pairs } = proposeMatching(mentees, mentors, settings);
    expect(pairs.length).toBeGreaterThan(200);
    for (const pair of pairs) {
      expect(explainPair("fr", pair).replace(/\u00a0/g, " ")).toBe(pair.explanation);
      expect(explainPair("en", pair)).not.toMatch(
        /Couvre|niveau|commun|créneau|même site|visio|téléphone|sur site|[«»\u00a0]/,
      );
    }
  });

  it("reads a pair stored before its details from its French sentence, in either language", () => {
    const stored = {
      explanation:
        "Couvre 2 de vos 3 thèmes prioritaires (outils collaboratifs niveau 2, intelligence artificielle niveau 3) ; formats communs : sur site, téléphone ; 1 créneau commun ; même site",
    };
    expect(explainPair("fr", stored)).toBe(
      `Couvre 2 de vos 3 thèmes prioritaires (outils collaboratifs niveau 2, intelligence artificielle niveau 3)${nbsp}; formats communs${nbsp}: sur site, téléphone${nbsp}; 1 créneau commun${nbsp}; même site`,
    );
    expect(explainPair("en", stored)).toBe(
      "Covers 2 of the manager's 3 priority themes (collaborative tools level 2, artificial intelligence level 3); common formats: on site, phone; 1 common slot; same site",
    );
    expect(
      explainPair("en", {
        explanation:
          "Couvre votre thème prioritaire (outils collaboratifs niveau 4) ; format commun : visio ; aucun créneau commun",
      }),
    ).toBe(
      "Covers the manager's priority theme (collaborative tools level 4); common format: video; no common slot",
    );
  });

  it("shows a stored sentence it cannot read whole as it is, in French", () => {
    const unreadable = {
      explanation: "Couvre votre thème prioritaire (cuisine niveau 2) ; même site",
    };
    expect(explainPair("en", unreadable)).toBe(
      `Couvre votre thème prioritaire (cuisine niveau 2)${nbsp}; même site`,
    );
  });
});
