import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readLink } from "#core/links";
import { startPair } from "#core/pair/start";
import { app } from "../../functions/api/app";
import {
  adminForm,
  adminPage,
  freshCohortId,
  pageText,
  submitMentee,
  submitMentor,
} from "../api/admin-support";
import { emailsTo, type StoredEmail } from "../support/inbox";
import { answer, day, held, hour, schedule, useEngine } from "./support";

/**
 * People read people's words (issue #12, item 4): one pair run from introduction to closure on the
 * local engine, with the team's tools used on the way, and every page, CSV export and email of it
 * read for what looks like an internal id, an ISO date or an enum code in the text a person sees.
 * Addresses (`href`, `value`, `action`) and the CSV's `code_…` columns are for machines.
 */
const { engine } = useEngine();

const origin = "http://localhost";

/** A word on its own: letters with accents count as letters (« Binôme » holds no « Bin »). */
const word = (source: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${source})(?![\\p{L}\\p{N}_-])`, "u");

/** What looks like a code, in the French text a person reads. */
const frenchCodes: [string, RegExp][] = [
  ["an id", word("(?:binome|pair)-[a-z0-9-]{6,}")],
  ["a uuid", word("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")],
  ["an ISO date", word("\\d{4}-\\d{2}-\\d{2}(?:T[\\d:.]+Z?)?|\\d{2}:\\d{2}:\\d{2}")],
  [
    "an enum code",
    word(
      "closure|cancelled|completed|stopped|closed|paused|follow-up|self-evaluation|not-reached|no-shows?|tookPlace|preparation|session-\\d+|mentee|waiting-list|not-selected|schedule|reschedule",
    ),
  ],
  ["a purpose", word("[a-z-]+#[a-z-]+")],
  ["a field name", word("[a-z]+[A-Z][a-z]+[A-Za-z]*")],
];

/** English text has "follow-up", "closure" or "preparation" as words: only what no one writes. */
const englishCodes: [string, RegExp][] = [
  ...frenchCodes.slice(0, 3),
  ["an enum code", word("tookPlace|not-reached|no-shows?|session-\\d+|waiting-list|not-selected")],
  ...frenchCodes.slice(4),
];

type Finding = string;

function scan(where: string, text: string, codes = frenchCodes): Finding[] {
  const findings: Finding[] = [];
  for (const [what, pattern] of codes) {
    const global = new RegExp(pattern.source, `${pattern.flags}g`);
    for (const match of text.matchAll(global)) {
      const around = text
        .slice(Math.max(0, match.index - 40), match.index + match[0].length + 40)
        .replaceAll(/[ \t\r\n]+/g, " ")
        .replaceAll("\u00a0", "⍽");
      findings.push(`${where}: ${what} « ${match[0]} » in « …${around}… »`);
    }
  }
  return findings;
}

const decode = (text: string) =>
  text
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&nbsp;", " ")
    .replaceAll("&amp;", "&");

/** The attributes a person reads (a tooltip, a label read aloud, an image's text). */
const readAttributes = /\b(title|alt|aria-label|placeholder|aria-description)="([^"]*)"/g;

/**
 * The text of an HTML page as people meet it: the elements' text and the attributes they read;
 * not the addresses and values of links and forms, nor scripts and styles.
 */
function visibleText(html: string): string {
  const withoutCode = html
    .replaceAll(/<script[\s\S]*?<\/script>/g, " ")
    .replaceAll(/<style[\s\S]*?<\/style>/g, " ");
  const text = withoutCode.replaceAll(
    /<[^>]*>/g,
    (tag) => ` ${[...tag.matchAll(readAttributes)].map((attribute) => attribute[2]).join(" ")} `,
  );
  return decode(text).replaceAll(/https?:\/\/\S+/g, " ");
}

/**
 * The elements' text only, as written: no attributes, scripts or styles, tags dropped without a
 * space (so that none is made up), `&nbsp;` kept as the no-break space it is.
 */
function textNodes(html: string): string {
  return decode(
    html
      .replaceAll(/<script[\s\S]*?<\/script>/g, "")
      .replaceAll(/<style[\s\S]*?<\/style>/g, "")
      .replaceAll(/<[^>]*>/g, "")
      .replaceAll(/&nbsp;|&#160;|&#xa0;/gi, "\u00a0"),
  ).replaceAll(/https?:\/\/\S+/g, " ");
}

/** French typography: a no-break space (U+00A0) before « : ; ? ! », inside « », never a plain one. */
const frenchSpaces: [string, RegExp][] = [
  ["a plain space before a sign", / [:;?!»]/u],
  ["a plain space after an opening quote", /« /u],
];

/**
 * English typography: no space before « : ; ? ! ». A no-break space is French quoted in the page
 * (a subject, a person's note), so only the plain one is English written the French way.
 */
const englishSpaces: [string, RegExp][] = [["a space before a sign", / [:;?!]/u]];

/** A French-first page is scanned whole; its English blocks (`lang="en"`) with English rules. */
function scanPage(where: string, html: string): Finding[] {
  const english = [...html.matchAll(/<(\w+)[^>]*\blang="en"[^>]*>([\s\S]*?)<\/\1>/g)];
  let french = html;
  const findings: Finding[] = [];
  for (const block of english) {
    french = french.replace(block[0], " ");
    findings.push(...scan(`${where} (English)`, visibleText(block[0]), englishCodes));
    findings.push(...scan(`${where} (English)`, textNodes(block[0]), englishSpaces));
  }
  const isEnglish = /<html[^>]*lang="en"/.test(html);
  return [
    ...findings,
    ...scan(where, visibleText(french), isEnglish ? englishCodes : frenchCodes),
    ...scan(where, textNodes(french), isEnglish ? englishSpaces : frenchSpaces),
  ];
}

function scanEmail(email: StoredEmail): Finding[] {
  const where = `email « ${email.subject} »`;
  const text = (email.body.text ?? "").replaceAll(/https?:\/\/\S+/g, " ");
  const englishStart = text.indexOf("— English version —");
  const french = englishStart >= 0 ? text.slice(0, englishStart) : text;
  const english = englishStart >= 0 ? text.slice(englishStart) : "";
  const calendarText = (email.attachments ?? [])
    .map((file) => Buffer.from(file.content, "base64").toString("utf8"))
    .flatMap((ics) => ics.replaceAll(/\r?\n[ \t]/g, "").split(/\r?\n/))
    .filter((line) => /^(SUMMARY|DESCRIPTION|LOCATION)[;:]/.test(line))
    .map((line) => line.replace(/^[^:]*:/, "").replaceAll(/https?:\/\/\S+/g, " "))
    .join("\n");
  return [
    ...scan(`${where} (subject)`, email.subject),
    ...scan(`${where} (French text)`, french),
    ...scan(`${where} (English text)`, english, englishCodes),
    ...scanPage(`${where} (HTML)`, email.body.html ?? ""),
    ...scan(`${where} (calendar)`, calendarText),
  ];
}

/** A CSV read cell by cell, without the columns kept for machines (`code_…`). */
function scanCsv(where: string, csv: string): Finding[] {
  const rows = csv
    .replace(/^\ufeff/, "")
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => line.split(";"));
  const header = rows[0] ?? [];
  const kept = header.map((name, index) => (name.startsWith("code_") ? -1 : index));
  return rows.flatMap((row, line) =>
    kept
      .filter((index) => index >= 0)
      .flatMap((index) =>
        scan(`${where}, line ${line + 1}, column « ${header[index]} »`, row[index] ?? ""),
      ),
  );
}

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(`${origin}${path}`, { headers });

/** A link named by what it is for, never by its token. */
async function nameOf(link: string): Promise<string> {
  const reading = await readLink(link.replace(/^.*\//, ""));
  const route = link.replace(/^https?:\/\/[^/]+/, "").replace(/\/[^/]*$/, "/…");
  return reading.ok
    ? `${route} (${reading.link.step}, ${reading.link.purpose}, ${reading.link.recipient})`
    : route;
}

const links = (emails: StoredEmail[]) => [
  ...new Set(
    emails.flatMap(
      (email) =>
        (email.body.text ?? "").match(
          /http:\/\/localhost:3000\/(lien|mon-binome|mes-donnees|espace-mentor)\/[^\s)]+/g,
        ) ?? [],
    ),
  ),
];

/** The key the page drew for one of its forms. */
function formKey(html: string, action: string): string {
  const form = html.slice(html.indexOf(`action="${action}"`));
  const key = /name="requestKey" value="([^"]+)"/.exec(form)?.[1];
  if (!key) throw new Error(`No key in the form posting to ${action}`);
  return key;
}

describe("people read people's words", () => {
  it("finds an id, a date and a code in the text people read, not in an address or a value", () => {
    const html =
      '<p title="binome-0123456789abcdef">Le binôme pair-0a1b2c3d4e, le 2026-12-08\u00a0: closure</p>' +
      '<a href="/admin/binomes/binome-0123456789abcdef">Hélène Durand et Yanis Benali</a>' +
      '<input name="step" value="follow-up"><p lang="en">The follow-up session, 2026-12-08T09:00:00.000Z</p>';
    const findings = scanPage("page", html);
    expect(findings.map((finding) => /« (.*?) »/.exec(finding)?.[1])).toEqual([
      "2026-12-08T09:00:00.000Z",
      "binome-0123456789abcdef",
      "pair-0a1b2c3d4e",
      "2026-12-08",
      "closure",
    ]);
  });

  it("finds a plain space before « : ; ? ! » in French text, and any space in English text", () => {
    const html =
      '<p title="Nom :">Le binôme\u00a0: Hélène et Yanis ; « bien » <b>ici</b>&nbsp;!</p>' +
      '<p lang="en">Pair: Hélène ? <script>if (a ? b : c) {}</script></p>';
    const findings = scanPage("page", html);
    expect(findings.map((finding) => /« (.*?) » in/.exec(finding)?.[1])).toEqual([
      " ?",
      " ;",
      " »",
      "« ",
    ]);
  });

  it("shows no id, ISO date or code in any page, CSV export or email of a pair's whole journey", async () => {
    const cohortId = freshCohortId();
    const mentee = await submitMentee(cohortId, {
      firstName: "Hélène",
      lastName: "Durand",
      priorityThemes: ["social-networks"],
      formats: ["video"],
    });
    const mentor = await submitMentor(cohortId, {
      firstName: "Yanis",
      lastName: "Benali",
      themes: [{ theme: "social-networks", level: 4 }],
      formats: ["video"],
    });
    // A pair id as the matching makes them.
    const pairId = `binome-${randomBytes(10).toString("hex")}`;
    await startPair({ pairId, cohortId, menteeId: mentee.id, mentorId: mentor.id });
    await engine().settle();
    const path = `/admin/binomes/${pairId}`;
    const addresses = [mentee.answers.email, mentor.answers.email];
    const findings: Finding[] = [];
    let mailingKey = "";

    /** Every page the team and the pair see, at this moment of the journey. */
    const readEverything = async (moment: string) => {
      const emails = (await Promise.all(addresses.map(emailsTo))).flat();
      const pages: [string, Response][] = [];
      for (const link of links(emails)) {
        pages.push([await nameOf(link), await get(link.replace(/^https?:\/\/[^/]+/, ""))]);
      }
      const team = [
        "/admin",
        `/admin/vagues/${cohortId}`,
        `/admin/vagues/${cohortId}/appariement`,
        `/admin/vagues/${cohortId}/courriel`,
        ...(mailingKey ? [`/admin/vagues/${cohortId}/courriels/${mailingKey}`] : []),
        `/admin/questionnaires?vague=${cohortId}`,
        `/admin/mentors?vague=${cohortId}`,
        `/admin/mentors/${mentor.id}`,
        `/admin/binomes?vague=${cohortId}`,
        path,
        `/admin/chiffres?vague=${cohortId}`,
        `/admin/retours?vague=${cohortId}`,
        `/admin/retours?vague=${cohortId}&role=cadre&etape=closure`,
        `/admin/donnees`,
        `/admin/donnees/personne?adresse=${encodeURIComponent(mentee.answers.email)}`,
        "/admin/ressources",
      ];
      for (const page of team) {
        pages.push([page, await adminPage(page)]);
        pages.push([
          `${page} (English)`,
          await adminPage(`${page}${page.includes("?") ? "&" : "?"}lang=en`),
        ]);
      }
      for (const page of [
        "/",
        "/questionnaire",
        "/candidature",
        "/confidentialite",
        "/accessibilite",
        "/mes-donnees",
        "/atelier",
        "/barnum",
      ]) {
        pages.push([page, await get(page)]);
      }
      for (const [where, response] of pages) {
        // A link past its time answers 410 with a page that says so: it is read too.
        expect([200, 410], `${moment}: ${where}`).toContain(response.status);
        findings.push(...scanPage(`${moment}: ${where}`, await pageText(response)));
      }
      for (const csv of ["pairs.csv", "feedback.csv", "mentor-hours.csv"]) {
        const response = await adminPage(`/api/admin/exports/${csv}?cohort=${cohortId}`);
        expect(response.status, csv).toBe(200);
        findings.push(...scanCsv(`${moment}: ${csv}`, await response.text()));
      }
      return emails;
    };

    await readEverything("after the introduction");

    await schedule(pairId, "preparation", 5);
    await engine().advance(6 * day);
    await held(pairId, "preparation", 4);
    await answer(pairId, "preparation", "confirm", "mentee", {
      tookPlace: true,
      satisfaction: 5,
      comment: "Très clair, merci Yanis",
    });
    await answer(pairId, "preparation", "objectives", "mentor", {
      objectives: "Créer mon compte LinkedIn",
      sessions: 1,
    });
    // The team's tools: a note, a link sent again, a word written by hand, a cohort mailing.
    const page = await pageText(await adminPage(path));
    await adminForm(`${path}/notes`, {
      requestKey: formKey(page, `${path}/notes`),
      author: "Sophie Leroy",
      text: "Appel au mentor : tout va bien.",
    });
    await adminForm(`${path}/lien-renvoye`, {
      requestKey: formKey(await pageText(await adminPage(path)), `${path}/lien-renvoye`),
    });
    await adminForm(`${path}/relance`, {
      requestKey: formKey(await pageText(await adminPage(path)), `${path}/relance`),
      role: "mentor",
      message: "Pensez à proposer une date pour la séance.",
    });
    const mailing = `/admin/vagues/${cohortId}/courriel`;
    mailingKey = formKey(await pageText(await adminPage(mailing)), mailing);
    await adminForm(mailing, {
      requestKey: mailingKey,
      audience: "all",
      subject: "Réunion de lancement",
      text: "Rendez-vous le 8 décembre.\n\nÀ bientôt !",
      etape: "envoi",
    });
    await readEverything("during the sessions");

    await schedule(pairId, "session-1", 5);
    await engine().advance(6 * day);
    await held(pairId, "session-1", 5);
    await engine().advance(95 * day);
    await schedule(pairId, "follow-up", 5);
    await engine().advance(6 * day);
    await held(pairId, "follow-up", 5);
    const comfort = {
      "social-networks": 3,
      "collaborative-tools": 3,
      "artificial-intelligence": 2,
      "data-business-models": 2,
      "digital-identity-security": 4,
    };
    await answer(pairId, "closure", "self-evaluation", "mentor", {
      comfort,
      experience: 5,
      objectivesReached: "reached",
      comment: "Hélène a beaucoup progressé",
    });
    // The manager answers three weeks late: nudged, and the team alerted, on the way.
    for (let week = 0; week < 3; week++) await engine().advance(7 * day + hour);
    await answer(pairId, "closure", "self-evaluation", "mentee", {
      comfort,
      objectivesReached: "partly",
      comment: "Je publie maintenant chaque semaine",
    });
    await engine().settle();
    const emails = await readEverything("after the closure");
    for (const email of emails) findings.push(...scanEmail(email));
    const team = (await emailsTo("mentorat-inverse@example.gouv.fr")).filter((email) =>
      (email.body.text ?? "").includes("Hélène Durand"),
    );
    for (const email of team) findings.push(...scanEmail(email));

    expect(emails.length).toBeGreaterThan(10);
    expect(team.length).toBeGreaterThan(0);
    expect([...new Set(findings)]).toEqual([]);
  }, 600_000);
});
