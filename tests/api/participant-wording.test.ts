import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Barnum } from "#core/barnum/model";
import { clock } from "#core/clock";
import { issueEventLink } from "#core/events/links";
import * as workshops from "#core/events/workshop";
import { issueLink } from "#core/links";
import type { MentorRecord } from "#core/mentor";
import type { OwnPageView } from "#core/pair/own-page";
import { createPair, putWait } from "#core/pair/store";
import type { Holdings } from "#core/privacy";
import type { MentorRecordOfWork } from "#core/recognition";
import { useWorkflowEngine } from "#core/workflow/engine";
import { HoldingsView } from "#web/holdings-view";
import { BarnumRegistrationPage } from "#web/pages/barnum";
import { LinkAnswerPage } from "#web/pages/link-answer";
import { LinkOutcomePage } from "#web/pages/link-outcome";
import { MentorSpacePage, RecordList } from "#web/pages/mentor-space";
import { OwnPage } from "#web/pages/own-page";
import { app } from "../../functions/api/app";
import { pairRecord } from "../support/fixtures";
import { uniqueEmail } from "../support/inbox";
import { origin } from "./admin-support";

/**
 * The words participants read on their pages, as the pages render them: elision before a vowel
 * (« d'Élodie »), agreement with a count and with the meeting (« la séance … annulée », « le
 * rendez-vous … prévu »), durations in hours, French spacing, and labels never said twice.
 */

const nbsp = "\u00a0";

/** The page's text as read: tags dropped, the escaped apostrophes and quotes read as such. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&")
    .replace(/[ \t\n]+/g, " ");

const render = async (node: unknown) => textOf(String(await node));

const ownView = (overrides: Partial<OwnPageView> = {}): OwnPageView => ({
  role: "mentor",
  pair: { status: "active", phase: "sessions", sessionsPlanned: 1, sessionsDone: 1 },
  me: { firstName: "Yanis" },
  other: { fullName: "Élodie Martin", email: "elodie.martin@example.gouv.fr", firstName: "Élodie" },
  meetings: [
    { step: "preparation", status: "cancelled" },
    { step: "session-2", status: "cancelled" },
  ],
  actions: [],
  waitingOnOther: ["confirm", "self-evaluation"],
  ...overrides,
});

const ownPage = (lang: "fr" | "en", view = ownView()) =>
  render(OwnPage({ lang, token: "jeton", view }));

describe("a participant's own page", () => {
  it("elides « de » before the other's first name", async () => {
    const fr = await ownPage("fr");
    expect(fr).toContain("Nous attendons la réponse d'Élodie sur le dernier rendez-vous.");
    expect(fr).toContain("Nous attendons l'auto-évaluation d'Élodie.");
    expect(fr).not.toContain("de Élodie");
    const en = await ownPage("en");
    expect(en).toContain("We are waiting for Élodie's answer about the last meeting.");
    expect(en).toContain("We are waiting for Élodie's self-evaluation.");
  });

  it("keeps « de » before a consonant", async () => {
    const view = ownView({ other: { fullName: "Marc Petit", email: "m@x.fr", firstName: "Marc" } });
    expect(await ownPage("fr", view)).toContain("Nous attendons l'auto-évaluation de Marc.");
  });

  it("agrees the sessions planned with their count", async () => {
    expect(await ownPage("fr")).toContain("1 séance tenue sur 1 prévue.");
    expect(await ownPage("en")).toContain("1 session held of 1 planned.");
    const three = ownView({
      pair: { status: "active", phase: "sessions", sessionsPlanned: 3, sessionsDone: 2 },
    });
    expect(await ownPage("fr", three)).toContain("2 séances tenues sur 3 prévues.");
  });

  it("agrees a called-off meeting with its kind: the call masculine, the session feminine", async () => {
    const fr = await ownPage("fr");
    expect(fr).toContain(`Rendez-vous de préparation — Annulé, à fixer de nouveau`);
    expect(fr).toContain(`Séance n°\u00a02 — Annulée, à fixer de nouveau`);
    const en = await ownPage("en");
    expect(en).toContain("Session 2 — Called off, to be set again");
  });
});

const meeting = {
  startsAt: "2026-03-17T13:30:00.000Z",
  durationMinutes: 120,
  format: "video",
  location: "https://visio.example.gouv.fr/salle",
};

const outcomePage = (
  lang: "fr" | "en",
  status: "scheduled" | "cancelled",
  step: string | undefined,
  durationMinutes = 120,
) =>
  render(
    LinkOutcomePage({
      lang,
      path: "/lien/jeton",
      outcome: "already-recorded",
      purpose: "schedule",
      recorded: { purpose: "schedule", meeting: { ...meeting, durationMinutes }, status },
      step,
    }),
  );

describe("a link whose step is done", () => {
  it("says where the meeting stands, agreed with its kind", async () => {
    expect(await outcomePage("fr", "scheduled", "session-2")).toContain(" État prévue ");
    expect(await outcomePage("fr", "cancelled", "session-2")).toContain(" État annulée ");
    expect(await outcomePage("fr", "cancelled", "follow-up")).toContain(" État annulée ");
    expect(await outcomePage("fr", "scheduled", "preparation")).toContain(" État prévu ");
    expect(await outcomePage("fr", "cancelled", "preparation")).toContain(" État annulé ");
    expect(await outcomePage("en", "cancelled", "session-2")).toContain(" State called off ");
  });

  it("needs no agreement when the step is not known", async () => {
    expect(await outcomePage("fr", "scheduled", undefined)).toContain(" État à venir ");
    expect(await outcomePage("fr", "cancelled", undefined)).toContain(" État n'aura pas lieu ");
  });

  it("gives the duration in hours", async () => {
    const fr = await outcomePage("fr", "scheduled", "session-2");
    expect(fr).toContain(` Durée 2${nbsp}h `);
    expect(fr).not.toContain("120 minutes");
    expect(await outcomePage("fr", "scheduled", "session-2", 90)).toContain(
      ` Durée 1${nbsp}h${nbsp}30 `,
    );
    expect(await outcomePage("en", "scheduled", "session-2", 90)).toContain(
      ` Duration 1${nbsp}h${nbsp}30${nbsp}min `,
    );
  });
});

describe("a link reopened once its date is set, through the app", () => {
  it("says what is recorded: the duration in hours, the state agreeing with the séance", async () => {
    useWorkflowEngine({
      start: async () => ({ started: true }),
      sendTaskSuccess: async () => "delivered",
      sendTaskFailure: async () => "delivered",
    });
    try {
      const pairId = `pair-${randomBytes(4).toString("hex")}`;
      const now = clock.now().toISOString();
      await createPair(pairRecord({ id: pairId, createdAt: now, updatedAt: now }));
      await putWait(pairId, {
        token: `token-${pairId}`,
        step: "session-2",
        purpose: "schedule",
        since: now,
        timeouts: 0,
        answeredBy: [],
        revision: 1,
      });
      const url = await issueLink({
        pairId,
        step: "session-2",
        purpose: "schedule",
        recipient: "mentor",
        expiresAt: new Date(clock.now().getTime() + 14 * 24 * 3600_000),
      });
      const path = new URL(url).pathname;
      const answered = await app.request(`${origin}${path}`, {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          date: `${clock.now().getUTCFullYear() + 1}-03-17`,
          time: "14:30",
          durationMinutes: "90",
          format: "video",
          location: "Salle 3",
        }),
      });
      expect(answered.status).toBe(200);
      const fr = textOf(await (await app.request(`${origin}${path}`)).text());
      expect(fr).toContain("Ce qui est enregistré");
      expect(fr).toContain(` Durée 1${nbsp}h${nbsp}30 `);
      expect(fr).toContain(" État prévue ");
      const en = textOf(await (await app.request(`${origin}${path}?lang=en`)).text());
      expect(en).toContain(` Duration 1${nbsp}h${nbsp}30${nbsp}min `);
      expect(en).toContain(" State planned ");
    } finally {
      useWorkflowEngine(undefined);
    }
  });
});

describe("a link's form to set or move a date", () => {
  const page = (lang: "fr" | "en") =>
    render(
      LinkAnswerPage({
        lang,
        path: "/lien/jeton",
        form: {
          purpose: "reschedule",
          recipient: "mentor",
          step: "session-2",
          context: { meeting },
        },
      }),
    );

  it("shows the current duration and the choices in hours", async () => {
    const fr = await page("fr");
    expect(fr).toContain(` Durée 2${nbsp}h `);
    for (const choice of [
      `30${nbsp}min`,
      `45${nbsp}min`,
      `1${nbsp}h`,
      `1${nbsp}h${nbsp}30`,
      `2${nbsp}h`,
    ]) {
      expect(fr).toContain(` ${choice} `);
    }
    expect(fr).not.toMatch(/\d+ minutes/);
    const en = await page("en");
    expect(en).toContain(` Duration 2${nbsp}h `);
    expect(en).toContain(` 1${nbsp}h${nbsp}30${nbsp}min `);
    expect(en).not.toMatch(/\d+ minutes/);
  });
});

describe("a link's form to call a meeting off", () => {
  const page = (step: string) =>
    render(
      LinkAnswerPage({
        lang: "fr",
        path: "/lien/jeton",
        form: { purpose: "cancel-session", recipient: "mentor", step, context: { meeting } },
      }),
    );

  it("agrees both participles with the meeting: the session feminine, the call masculine", async () => {
    expect(await page("session-2")).toContain(
      "est annulée pour vous deux et retirée de vos agendas.",
    );
    expect(await page("preparation")).toContain(
      "est annulé pour vous deux et retiré de vos agendas.",
    );
  });
});

describe("the public BarNum' page", () => {
  const barnum: Barnum = {
    id: "b".repeat(32),
    event: "Salon du numérique",
    place: "Bercy, salle 3",
    startsAt: "2026-03-17T11:00:00.000Z",
    endsAt: "2026-03-17T13:00:00.000Z",
    slotMinutes: 30,
    placesPerSlot: 2,
    slots: [
      { id: "s1", startsAt: "2026-03-17T11:00:00.000Z", endsAt: "2026-03-17T11:30:00.000Z" },
      { id: "s2", startsAt: "2026-03-17T11:30:00.000Z", endsAt: "2026-03-17T12:00:00.000Z" },
      { id: "s3", startsAt: "2026-03-17T12:00:00.000Z", endsAt: "2026-03-17T12:30:00.000Z" },
    ],
    taken: { s1: 1, s3: 2 },
    status: "published",
    createdAt: "2026-02-01T09:00:00.000Z",
  };

  it("agrees the places left with their number", async () => {
    const fr = await render(BarnumRegistrationPage({ lang: "fr", barnum }));
    expect(fr).toContain(`De 12${nbsp}h à 12${nbsp}h${nbsp}30 (1 place)`);
    expect(fr).toContain(`De 12${nbsp}h${nbsp}30 à 13${nbsp}h (2 places)`);
    expect(fr).toContain(`De 13${nbsp}h à 13${nbsp}h${nbsp}30 (complet)`);
    const en = await render(BarnumRegistrationPage({ lang: "en", barnum }));
    expect(en).toContain("From 12:00 to 12:30 (1 place)");
    expect(en).toContain("From 12:30 to 13:00 (2 places)");
  });
});

const record: MentorRecordOfWork = {
  mentorId: "m".repeat(32),
  name: "Yanis Martin",
  role: "Chargé de mission",
  directorate: "DGFiP",
  pairs: 1,
  pairsCompleted: 1,
  sessionsHeld: 4,
  workshopsLed: 1,
  barnumsStaffed: 1,
  networkMeetings: 1,
  hours: 4.75,
  hoursByKind: { pairs: 2, workshops: 1.5, barnums: 1, network: 0.25 },
};

describe("the mentor's page", () => {
  it("writes the hours with the language's spacing", async () => {
    const fr = await render(RecordList({ lang: "fr", record }));
    expect(fr).toContain(`Heures${nbsp}: 4${nbsp}h${nbsp}45 (`);
    const en = await render(RecordList({ lang: "en", record }));
    expect(en).toContain(`Hours: 4${nbsp}h${nbsp}45${nbsp}min (`);
    expect(en).not.toContain("Hours :");
  });

  it("says whether they came to a network meeting in an inclusive word", async () => {
    const page = (lang: "fr" | "en") =>
      render(
        MentorSpacePage({
          lang,
          token: "jeton",
          mentor: { answers: { themes: [] } } as unknown as MentorRecord,
          barnums: [],
          meetings: [
            {
              meetingId: "r1",
              title: "Rencontre de janvier",
              when: { fr: "le 12 janvier", en: "on 12 January" },
              place: "Bercy",
              attended: true,
              upcoming: false,
              cancelled: false,
            },
            {
              meetingId: "r2",
              title: "Rencontre de février",
              when: { fr: "le 9 février", en: "on 9 February" },
              place: "Bercy",
              attended: false,
              upcoming: false,
              cancelled: false,
            },
          ],
          record,
          modules: [],
          now: new Date("2026-03-01T09:00:00.000Z"),
        }),
      );
    const fr = await page("fr");
    expect(fr).toContain("Rencontre de janvier — le 12 janvier, Bercy (présent(e))");
    expect(fr).toContain("Rencontre de février — le 9 février, Bercy (absent(e))");
    const en = await page("en");
    expect(en).toContain("Rencontre de janvier — on 12 January, Bercy (attended)");
    expect(en).toContain("Rencontre de février — on 9 February, Bercy (did not attend)");
  });
});

describe("a person's data, their pairs", () => {
  const holdings = (pair: Record<string, unknown>): Holdings => ({
    identity: {
      email: "elodie.martin@example.gouv.fr",
      names: ["Élodie"],
      forms: [],
      pairs: [{ id: "p1", role: "mentee" }],
    },
    items: [
      {
        kind: "pair",
        id: "p1",
        createdAt: "2026-01-05T09:00:00.000Z",
        sessionsDone: 3,
        ...pair,
      },
    ],
  });
  const stage = async (lang: "fr" | "en", pair: Record<string, unknown>) => {
    const text = await render(HoldingsView({ lang, holdings: holdings(pair) }));
    return /Où en est le binôme (.*?) Commencé|Where the pair stands (.*?) Started/.exec(text);
  };

  it("says where the pair stands once, as the team's pages say it", async () => {
    const said = async (lang: "fr" | "en", pair: Record<string, unknown>) => {
      const match = await stage(lang, pair);
      return match?.[1] ?? match?.[2];
    };
    expect(await said("fr", { phase: "closed", status: "closed", outcome: "completed" })).toBe(
      "Terminé",
    );
    expect(await said("fr", { phase: "sessions", status: "failed", outcome: "stopped" })).toBe(
      "Arrêté automatiquement",
    );
    expect(await said("en", { phase: "sessions", status: "failed", outcome: "stopped" })).toBe(
      "Stopped automatically",
    );
    expect(await said("fr", { phase: "sessions", status: "paused" })).toBe("Séances — en pause");
    expect(await said("fr", { phase: "sessions", status: "active" })).toBe("Séances");
    expect(await said("en", { phase: "closed", status: "closed", outcome: "completed" })).toBe(
      "Completed",
    );
  });
});

describe("the registration page of a workshop", () => {
  it("names the workshop with French spacing inside the guillemets", async () => {
    const service = `Service ${Math.random().toString(36).slice(2, 8)}`;
    const { id } = await workshops.requestWorkshop({
      firstName: "Hélène",
      lastName: "Durand",
      email: uniqueEmail("chef"),
      service,
      managers: 8,
      theme: "collaborative-tools",
      goal: "Animer nos réunions en visio",
      slots: ["morning"],
      dates: "En février",
      consent: true,
    } as Parameters<typeof workshops.requestWorkshop>[0]);
    const token = await issueEventLink({
      kind: "workshop",
      eventId: id,
      purpose: "register",
      recipient: "",
      expiresAt: new Date(clock.now().getTime() + 30 * 24 * 3600_000),
    });
    const fr = textOf(await (await app.request(`${origin}/atelier/inscription/${token}`)).text());
    expect(fr).toContain(`Atelier «${nbsp}Outils collaboratifs${nbsp}», pour ${service}.`);
    const en = textOf(
      await (await app.request(`${origin}/atelier/inscription/${token}?lang=en`)).text(),
    );
    expect(en).toContain(`Workshop “Collaborative tools”, for ${service}.`);
  });
});
