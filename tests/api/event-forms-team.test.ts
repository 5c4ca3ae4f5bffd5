import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { newRequestKey } from "#core/admin/request-key";
import { BarnumFormSchema } from "#core/barnum/model";
import * as barnums from "#core/barnum/store";
import { clock } from "#core/clock";
import { impossibleDate, isPastDay, parisToday, readDate } from "#core/event-dates";
import { MeetingFormSchema } from "#core/network/model";
import * as network from "#core/network/store";
import { programme } from "#core/programme";
import { participantsFromForm, typedAddresses } from "#web/admin-event-forms";
import { app } from "../../functions/api/app";
import { uniqueEmail } from "../support/inbox";
import {
  adminForm,
  adminJson,
  adminPage,
  origin,
  pageText,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

/**
 * The programme team's event forms (workshops, BarNum', network), as the questionnaire does it:
 * a bad post gets its page back (422) with what was typed, the summary of every mistake at the top
 * and each message by its field, in French; the JSON twins list every invalid field; a second
 * identical post changes nothing.
 */

beforeAll(() => useRecordingEngine());

const day = 24 * 3600_000;
const parisDate = (at: Date) => parisToday(at);
const inDays = (days: number) => parisDate(new Date(clock.now().getTime() + days * day));

/** The error summary's entries, as the person reads them. */
async function summaryOf(response: Response) {
  const html = await pageText(response);
  const summary = /id="erreurs"[\s\S]*?<ul>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  const entries = [...summary.matchAll(/<a href="(#[^"]+)">([\s\S]*?)<\/a>/g)].map((match) => ({
    href: match[1],
    text: (match[2] ?? "").replace(/<[^>]+>/g, "").replaceAll("\u00a0", " "),
  }));
  return { html, entries };
}

// ---------------------------------------------------------------------------------------------
// Pure pieces
// ---------------------------------------------------------------------------------------------

describe("the event forms' dates and addresses", () => {
  it("reads a typed or picked date, and names a day that does not exist", () => {
    expect(readDate("2030-02-14")).toEqual({ kind: "date", iso: "2030-02-14" });
    expect(readDate("14/02/2030")).toEqual({ kind: "date", iso: "2030-02-14" });
    expect(readDate("2030-02-31")).toEqual({ kind: "impossible", day: 31, month: 2 });
    expect(readDate("demain")).toEqual({ kind: "unreadable" });
    expect(impossibleDate(31, 2)).toBe("Le 31 février n'existe pas : vérifiez le jour.");
    expect(impossibleDate(1, 13)).toBe("Cette date n'existe pas : vérifiez le jour et le mois.");
    expect(isPastDay("2026-12-01", new Date("2026-12-02T10:00:00Z"))).toBe(true);
    // Just after midnight in Paris it is already the next day there.
    expect(isPastDay("2026-12-02", new Date("2026-12-02T23:30:00Z"))).toBe(true);
    expect(isPastDay("2026-12-03", new Date("2026-12-02T23:30:00Z"))).toBe(false);
  });

  it("reads addresses one per line, several on a line, or pasted from a mail client", () => {
    expect(
      typedAddresses("a@exemple.fr\n\nb@exemple.fr; c@exemple.fr\r\nHélène Durand <h@exemple.fr>"),
    ).toEqual([
      { line: 1, typed: "a@exemple.fr" },
      { line: 3, typed: "b@exemple.fr" },
      { line: 3, typed: "c@exemple.fr" },
      { line: 4, typed: "h@exemple.fr" },
    ]);
    expect(participantsFromForm({ emails: "a@exemple.fr\njean@\nb@exemple.fr, marie" })).toEqual({
      emails: ["a@exemple.fr", "b@exemple.fr"],
      invalid: "2 adresses ne sont pas valides : ligne 2 « jean@ », ligne 3 « marie ».",
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Workshops
// ---------------------------------------------------------------------------------------------

const requestWorkshop = (service: string) =>
  app.request(`${origin}/atelier`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams([
      ["firstName", "Hélène"],
      ["lastName", "Durand"],
      ["email", uniqueEmail("chef")],
      ["service", service],
      ["managers", "8"],
      ["theme", "collaborative-tools"],
      ["goal", "Animer nos réunions en visio"],
      ["slots", "morning"],
      ["dates", "En février"],
      ["consent", "on"],
    ]),
  });

async function newWorkshop() {
  const service = `Service ${Math.random().toString(36).slice(2, 8)}`;
  expect((await requestWorkshop(service)).status).toBe(200);
  const { workshops } = (await (await adminJson("GET", "/api/admin/workshops")).json()) as {
    workshops: { id: string; request: { service: string } }[];
  };
  const id = workshops.find((workshop) => workshop.request.service === service)?.id;
  if (!id) throw new Error("The workshop is not listed");
  return id;
}

const twoMentors = () =>
  Promise.all([
    submitMentor(programme.openCohortId, {
      firstName: "Amina",
      themes: [{ theme: "collaborative-tools", level: 4 }],
    }),
    submitMentor(programme.openCohortId, {
      firstName: "Yanis",
      themes: [{ theme: "collaborative-tools", level: 3 }],
    }),
  ]);

const workshopJson = async (id: string) =>
  (await (await adminJson("GET", `/api/admin/workshops/${id}`)).json()) as {
    workshop: { mentorIds?: string[]; status: string; sequence: number; schedule?: unknown };
    participants: { email: string }[];
  };

describe("the workshop forms", () => {
  it("tells the mentors' mistakes in the summary, keeps the choice, and assigns once", async () => {
    const id = await newWorkshop();
    const [a, b] = await twoMentors();
    const path = `/admin/ateliers/${id}/mentors`;

    const none = await adminForm(path, { "mentorIds.0": "", "mentorIds.1": "" });
    expect(none.status).toBe(422);
    const noneSummary = await summaryOf(none);
    expect(noneSummary.entries).toEqual([
      { href: "#champ-mentorIds-0", text: "Premier mentor : Choisissez un mentor sélectionné." },
      { href: "#champ-mentorIds-1", text: "Second mentor : Choisissez un mentor sélectionné." },
    ]);
    expect(noneSummary.html).toContain('id="champ-mentorIds-0-erreur"');

    const same = await adminForm(path, { "mentorIds.0": a.id, "mentorIds.1": a.id });
    expect(same.status).toBe(422);
    const sameSummary = await summaryOf(same);
    expect(sameSummary.entries).toEqual([
      { href: "#champ-mentorIds", text: "Les deux mentors : Choisissez deux mentors différents." },
    ]);
    // The choice comes back as it was made.
    expect(sameSummary.html).toMatch(new RegExp(`<option value="${a.id}" selected="">`));

    const unknown = "0b6f3c1e-0000-4000-8000-000000000000";
    const stranger = await adminForm(path, { "mentorIds.0": a.id, "mentorIds.1": unknown });
    expect(stranger.status).toBe(422);
    expect((await summaryOf(stranger)).entries.map((entry) => entry.text)).toEqual([
      "Les deux mentors : Choisissez deux mentors sélectionnés.",
    ]);
    expect((await workshopJson(id)).workshop.mentorIds).toBeUndefined();

    const chosen = { "mentorIds.0": a.id, "mentorIds.1": b.id };
    expect((await adminForm(path, chosen)).status).toBe(303);
    expect((await adminForm(path, chosen)).status).toBe(303);
    // A proposal's button posts the pair as a list: the same answer.
    expect((await adminForm(path, { mentorIds: [a.id, b.id] })).status).toBe(303);
    expect((await workshopJson(id)).workshop.mentorIds).toEqual([a.id, b.id]);
  });

  it("names every bad participant address by its line, adds nobody until all are right, then each once", async () => {
    const id = await newWorkshop();
    const path = `/admin/ateliers/${id}/participants`;
    const [first, second, third] = [
      uniqueEmail("cadre"),
      uniqueEmail("cadre"),
      uniqueEmail("cadre"),
    ];
    const typed = `${first}\njean.dupont@\n${second}, marie\nHélène Martin <${third}>`;

    const refused = await adminForm(path, { emails: typed });
    expect(refused.status).toBe(422);
    const { html, entries } = await summaryOf(refused);
    expect(entries).toEqual([
      {
        href: "#champ-emails",
        text: "Adresses des participants, une par ligne : 2 adresses ne sont pas valides : ligne 2 « jean.dupont@ », ligne 3 « marie ».",
      },
    ]);
    expect(html).toContain('id="champ-emails-erreur"');
    // Everything typed comes back, the good addresses with the bad.
    expect(html).toContain(`${first}\njean.dupont@\n${second}, marie\nHélène Martin <${third}>`);
    expect((await workshopJson(id)).participants).toEqual([]);

    const empty = await adminForm(path, { emails: " \n " });
    expect(empty.status).toBe(422);
    expect((await summaryOf(empty)).entries.map((entry) => entry.text)).toEqual([
      "Adresses des participants, une par ligne : Indiquez au moins une adresse, une par ligne.",
    ]);

    const fixed = `${first}\n${second}\nHélène Martin <${third}>`;
    expect((await adminForm(path, { emails: fixed })).status).toBe(303);
    expect((await adminForm(path, { emails: fixed })).status).toBe(303);
    expect((await workshopJson(id)).participants.map((person) => person.email).sort()).toEqual(
      [first, second, third].sort(),
    );
  });

  it("refuses a past or impossible workshop date in French, with every other mistake at once", async () => {
    const id = await newWorkshop();
    const [a, b] = await twoMentors();
    await adminForm(`/admin/ateliers/${id}/mentors`, { mentorIds: [a.id, b.id] });
    const path = `/admin/ateliers/${id}/date`;
    const form = { time: "14:00", durationMinutes: "120", place: "Bercy, salle 3", videoLink: "" };

    const impossible = await adminForm(path, { ...form, date: "2030-02-31", place: "" });
    expect(impossible.status).toBe(422);
    const summary = await summaryOf(impossible);
    expect(summary.entries).toEqual([
      { href: "#champ-date", text: "Date : Le 31 février n'existe pas : vérifiez le jour." },
      { href: "#champ-place", text: "Lieu : Indiquez un lieu, un lien de visio, ou les deux." },
    ]);
    expect(summary.html).toContain('value="2030-02-31"');

    const typedImpossible = await adminForm(path, { ...form, date: "30/02/2031" });
    expect((await summaryOf(typedImpossible)).entries.map((entry) => entry.text)).toEqual([
      "Date : Le 30 février n'existe pas : vérifiez le jour.",
    ]);

    const past = await adminForm(path, { ...form, date: inDays(-3), durationMinutes: "5" });
    expect(past.status).toBe(422);
    expect((await summaryOf(past)).entries.map((entry) => entry.text)).toEqual([
      "Date : Cette date est passée : choisissez une date à venir.",
      "Durée, en minutes : Indiquez la durée de l'atelier, entre 30 minutes et 4 heures.",
    ]);

    const earlierToday = await adminForm(path, { ...form, date: inDays(0), time: "00:00" });
    expect((await summaryOf(earlierToday)).entries).toEqual([
      {
        href: "#champ-time",
        text: "Heure de début : Cette heure est passée : choisissez une heure à venir.",
      },
    ]);
    expect((await workshopJson(id)).workshop.status).toBe("requested");

    // Setting the date starts the event workflow: a right date, sent twice, is driven on the
    // local engine in tests/workflow/workshop.test.ts.
  });

  it("answers the workshop JSON twins with every invalid field as problem+json", async () => {
    const id = await newWorkshop();
    const [a, b] = await twoMentors();
    const unknown = "0b6f3c1e-0000-4000-8000-000000000000";

    const mentors = await adminJson("PUT", `/api/admin/workshops/${id}/mentors`, {
      mentorIds: ["pas-un-id", 12],
    });
    expect(mentors.status).toBe(422);
    expect(mentors.headers.get("content-type")).toContain("application/problem+json");
    expect(((await mentors.json()) as { errors: unknown[] }).errors).toEqual([
      {
        field: "mentorIds.0",
        pointer: "/mentorIds/0",
        detail: "Choisissez un mentor sélectionné.",
      },
      {
        field: "mentorIds.1",
        pointer: "/mentorIds/1",
        detail: "Choisissez un mentor sélectionné.",
      },
    ]);
    const stranger = await adminJson("PUT", `/api/admin/workshops/${id}/mentors`, {
      mentorIds: [a.id, unknown],
    });
    expect(stranger.status).toBe(422);
    expect(((await stranger.json()) as { errors: unknown[] }).errors).toEqual([
      {
        field: "mentorIds",
        pointer: "/mentorIds",
        detail: "Choisissez deux mentors sélectionnés.",
      },
    ]);
    expect(
      (await adminJson("PUT", `/api/admin/workshops/${id}/mentors`, { mentorIds: [a.id, b.id] }))
        .status,
    ).toBe(200);

    const schedule = await adminJson("PUT", `/api/admin/workshops/${id}/schedule`, {
      date: "2030-02-31",
      time: "25:00",
      durationMinutes: 10,
    });
    expect(schedule.status).toBe(422);
    const problem = (await schedule.json()) as { errors: { field: string; detail: string }[] };
    expect(problem.errors).toEqual([
      { field: "date", pointer: "/date", detail: "Le 31 février n'existe pas : vérifiez le jour." },
      { field: "time", pointer: "/time", detail: "Indiquez l'heure de début (hh:mm)." },
      {
        field: "durationMinutes",
        pointer: "/durationMinutes",
        detail: "Indiquez la durée de l'atelier, entre 30 minutes et 4 heures.",
      },
      {
        field: "place",
        pointer: "/place",
        detail: "Indiquez un lieu, un lien de visio, ou les deux.",
      },
    ]);
    const past = await adminJson("PUT", `/api/admin/workshops/${id}/schedule`, {
      date: inDays(-1),
      time: "10:00",
      durationMinutes: 60,
      videoLink: "https://visio.exemple.gouv.fr/atelier",
    });
    expect(past.status).toBe(422);
    expect(((await past.json()) as { errors: unknown[] }).errors).toEqual([
      {
        field: "date",
        pointer: "/date",
        detail: "Cette date est passée : choisissez une date à venir.",
      },
    ]);

    const participants = await adminJson("POST", `/api/admin/workshops/${id}/participants`, {
      participants: [{ email: uniqueEmail("cadre") }, { email: "jean@" }, { email: "marie" }],
    });
    expect(participants.status).toBe(422);
    expect(
      ((await participants.json()) as { errors: { field: string }[] }).errors.map(
        (error) => error.field,
      ),
    ).toEqual(["participants.1.email", "participants.2.email"]);
    expect((await workshopJson(id)).participants).toEqual([]);
  });

  it("shows the workshop page's errors in English on the English page", async () => {
    const id = await newWorkshop();
    const refused = await adminForm(`/admin/ateliers/${id}/participants?lang=en`, {
      emails: "jean@",
    });
    expect(refused.status).toBe(422);
    const text = await pageText(refused);
    expect(text).toContain("The address on line 1 is not valid: “jean@”.");
    expect((await adminPage(`/admin/ateliers/${id}?lang=en`)).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// BarNum'
// ---------------------------------------------------------------------------------------------

/** Published through the store: the page's publishing starts the event workflow (tests/workflow). */
async function newBarnum(event = `Midi numérique ${Math.random().toString(36).slice(2, 8)}`) {
  const input = v.parse(BarnumFormSchema, {
    event,
    place: "Hall Bercy",
    date: inDays(10),
    startTime: "12:00",
    endTime: "14:00",
    slotMinutes: "30",
    placesPerSlot: "4",
    requestKey: newRequestKey(),
  });
  return (await barnums.publishBarnum(input)).barnum;
}

const texts = async (response: Response) =>
  (await summaryOf(response)).entries.map((entry) => entry.text);

describe("the BarNum' forms", () => {
  it("tells every mistake of the publishing form at once, keeping what was typed", async () => {
    const refused = await adminForm("/admin/barnum", {
      event: "",
      place: "Hall Bercy",
      date: "2030-02-31",
      startTime: "14:00",
      endTime: "12:00",
      slotMinutes: "25",
      placesPerSlot: "0",
      requestKey: newRequestKey(),
    });
    expect(refused.status).toBe(422);
    const { html, entries } = await summaryOf(refused);
    expect(entries.map((entry) => entry.href).sort()).toEqual([
      "#champ-date",
      "#champ-endTime",
      "#champ-event",
      "#champ-placesPerSlot",
      "#champ-slotMinutes",
    ]);
    expect(entries.map((entry) => entry.text)).toEqual(
      expect.arrayContaining([
        "Date : Le 31 février n'existe pas : vérifiez le jour.",
        "Fin : L'heure de fin doit venir après l'heure de début.",
      ]),
    );
    expect(html).toContain('value="Hall Bercy"');
    expect(html).toContain('value="2030-02-31"');

    const past = await adminForm("/admin/barnum", {
      event: "Semaine de l'innovation",
      place: "Hall Bercy",
      date: inDays(-2),
      startTime: "12:00",
      endTime: "14:00",
      slotMinutes: "30",
      placesPerSlot: "4",
      requestKey: newRequestKey(),
    });
    expect(await texts(past)).toEqual([
      "Date : Cette date est passée : choisissez une date à venir.",
    ]);
    const tooManySlots = await adminForm("/admin/barnum", {
      event: "Semaine de l'innovation",
      place: "",
      date: inDays(0),
      startTime: "00:00",
      endTime: "23:00",
      slotMinutes: "15",
      placesPerSlot: "4",
      requestKey: newRequestKey(),
    });
    expect(await texts(tooManySlots)).toEqual([
      "Lieu : Indiquez le lieu du BarNum'.",
      "Début : Cette heure est passée : choisissez une heure à venir.",
      "Durée d'un créneau : Un BarNum' compte 32 créneaux au plus : allongez les créneaux.",
    ]);
  });

  it("refuses a move to a past or impossible date at its field, with the other mistakes", async () => {
    const barnum = await newBarnum();
    const path = `/admin/barnum/${barnum.id}/deplacer`;
    const refused = await adminForm(path, { date: "31/04/2031", startTime: "9h", place: "" });
    expect(refused.status).toBe(422);
    expect(await texts(refused)).toEqual([
      "Date : Le 31 avril n'existe pas : vérifiez le jour.",
      "Début : Saisissez une heure valide, par exemple 14:30.",
      "Lieu : Indiquez le lieu du BarNum'.",
    ]);
    const past = await adminForm(path, { date: inDays(-1), startTime: "12:00", place: "Hall" });
    expect(await texts(past)).toEqual([
      "Date : Cette date est passée : choisissez une date à venir.",
    ]);
    expect((await barnums.getBarnum(barnum.id))?.startsAt).toBe(barnum.startsAt);
  });

  it("validates the staffing form: a mentor to tick, a mentor the programme knows; asked twice, asked once", async () => {
    const barnum = await newBarnum();
    const ines = await submitMentor(programme.openCohortId, { firstName: "Inès" });
    const path = `/admin/barnum/${barnum.id}/mentors`;

    const none = await adminForm(path, {});
    expect(none.status).toBe(422);
    const { html, entries } = await summaryOf(none);
    expect(entries).toEqual([
      {
        href: "#champ-mentorIds",
        text: "Mentors à solliciter : Cochez au moins un mentor à solliciter.",
      },
    ]);
    expect(html).toContain('id="champ-mentorIds-erreur"');

    const stranger = await adminForm(path, {
      mentorIds: [ines.id, "0b6f3c1e-0000-4000-8000-000000000000"],
    });
    expect(stranger.status).toBe(422);
    const strangerPage = await summaryOf(stranger);
    expect(strangerPage.entries.map((entry) => entry.text)).toEqual([
      "Mentors à solliciter : Ce mentor n'est pas parmi les mentors retenus : rechargez la page.",
    ]);
    // The boxes ticked come back ticked.
    expect(strangerPage.html).toMatch(new RegExp(`value="${ines.id}" checked=""`));
    expect(await barnums.listStaff(barnum.id)).toEqual([]);

    expect((await adminForm(path, { mentorIds: ines.id })).status).toBe(303);
    expect((await adminForm(path, { mentorIds: ines.id })).status).toBe(303);
    expect((await barnums.listStaff(barnum.id)).map((member) => member.mentorId)).toEqual([
      ines.id,
    ]);
  });

  it("answers the BarNum' JSON twins with every invalid field", async () => {
    const published = await adminJson("POST", "/api/admin/barnum", {
      event: "",
      place: "Hall Bercy",
      date: "2030-02-30",
      startTime: "14:00",
      endTime: "12:00",
      slotMinutes: 25,
      placesPerSlot: 0,
      requestKey: newRequestKey(),
    });
    expect(published.status).toBe(422);
    expect(published.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await published.json()) as { errors: { field: string; detail: string }[] };
    expect(problem.errors.map((error) => error.field).sort()).toEqual([
      "date",
      "endTime",
      "event",
      "placesPerSlot",
      "slotMinutes",
    ]);
    expect(problem.errors.find((error) => error.field === "date")?.detail).toBe(
      "Le 30 février n'existe pas : vérifiez le jour.",
    );

    const barnum = await newBarnum();
    const moved = await adminJson("POST", `/api/admin/barnum/${barnum.id}/move`, {
      date: inDays(-5),
      startTime: "25:00",
      place: "",
    });
    expect(moved.status).toBe(422);
    expect(
      ((await moved.json()) as { errors: { field: string }[] }).errors.map((error) => error.field),
    ).toEqual(["date", "startTime", "place"]);

    const hugo = await submitMentor(programme.openCohortId, { firstName: "Hugo" });
    const unknown = "0b6f3c1e-0000-4000-8000-000000000000";
    const staffed = await adminJson("POST", `/api/admin/barnum/${barnum.id}/mentors`, {
      mentorIds: [hugo.id, unknown, "pas-un-id"],
    });
    expect(staffed.status).toBe(422);
    expect(((await staffed.json()) as { errors: unknown[] }).errors).toEqual([
      {
        field: "mentorIds.2",
        pointer: "/mentorIds/2",
        detail: "Ce mentor n'est pas parmi les mentors retenus : rechargez la page.",
      },
    ]);
    const stranger = await adminJson("POST", `/api/admin/barnum/${barnum.id}/mentors`, {
      mentorIds: [hugo.id, unknown],
    });
    expect(((await stranger.json()) as { errors: { field: string }[] }).errors).toEqual([
      expect.objectContaining({ field: "mentorIds.1" }),
    ]);
    const asked = await adminJson("POST", `/api/admin/barnum/${barnum.id}/mentors`, {
      mentorIds: [hugo.id],
    });
    expect(await asked.json()).toEqual({ asked: 1, already: 0 });
    const again = await adminJson("POST", `/api/admin/barnum/${barnum.id}/mentors`, {
      mentorIds: [hugo.id],
    });
    expect(await again.json()).toEqual({ asked: 0, already: 1 });

    // Cancelled meanwhile (a page left open): nobody more is asked, the page and the API say why.
    const lina = await submitMentor(programme.openCohortId, { firstName: "Lina" });
    expect(await barnums.cancelBarnum(barnum.id)).toBe("changed");
    const late = await adminForm(`/admin/barnum/${barnum.id}/mentors`, { mentorIds: lina.id });
    expect(late.status).toBe(303);
    expect(late.headers.get("location")).toContain("fait=barnum-trop-tard");
    const lateJson = await adminJson("POST", `/api/admin/barnum/${barnum.id}/mentors`, {
      mentorIds: [lina.id],
    });
    expect(lateJson.status).toBe(409);
    expect((await barnums.listStaff(barnum.id)).map((member) => member.mentorId)).toEqual([
      hugo.id,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The mentor network
// ---------------------------------------------------------------------------------------------

const meetingInput = (date: string, time: string) => ({
  kind: "network" as const,
  date,
  time,
  durationMinutes: 90,
  place: "Salle Colbert",
  agenda: `Retours d'expérience ${Math.random().toString(36).slice(2, 8)}`,
});

/** Scheduled through the store, and its mentors invited (the page's button does the same). */
async function newMeeting(daysAhead = 5) {
  const input = v.parse(MeetingFormSchema, {
    ...meetingInput(inDays(daysAhead), "12:30"),
    durationMinutes: "90",
  });
  const { meeting } = await network.scheduleMeeting(input);
  await network.inviteMentors(meeting);
  return meeting;
}

/** A meeting that began at midnight today (Paris), its mentors invited: its attendance is due. */
async function begunMeeting() {
  const { meeting } = await network.scheduleMeeting(meetingInput(inDays(0), "00:00"));
  await network.inviteMentors(meeting);
  return meeting;
}

describe("the network forms", () => {
  it("tells a past or impossible meeting date with the other mistakes, at once", async () => {
    const refused = await adminForm("/admin/reseau", {
      kind: "network",
      date: inDays(-7),
      time: "12:30",
      durationMinutes: "45",
      place: "Salle Colbert",
      agenda: "",
    });
    expect(refused.status).toBe(422);
    const { html, entries } = await summaryOf(refused);
    expect(entries.map((entry) => entry.text)).toEqual([
      "Date : Cette date est passée : choisissez une date à venir.",
      "Durée : Choisissez la durée de la rencontre.",
      "Ordre du jour : Indiquez l'ordre du jour.",
    ]);
    expect(html).toContain('value="Salle Colbert"');

    const impossible = await adminForm("/admin/reseau", {
      kind: "network",
      date: "2031-02-29",
      time: "12:30",
      durationMinutes: "90",
      place: "Salle Colbert",
      agenda: "Bilan",
    });
    expect(await texts(impossible)).toEqual([
      "Date : Le 29 février n'existe pas : vérifiez le jour.",
    ]);

    const meeting = await newMeeting();
    const move = await adminForm(`/admin/reseau/${meeting.id}/deplacer`, {
      date: inDays(0),
      time: "00:00",
      place: "",
    });
    expect(move.status).toBe(422);
    // In the form's order: the time comes before the place.
    expect(await texts(move)).toEqual([
      "Heure : Cette heure est passée : choisissez une heure à venir.",
      "Lieu ou lien de la visio : Indiquez le lieu ou le lien de la visio.",
    ]);
    expect((await network.getMeeting(meeting.id))?.startsAt).toBe(meeting.startsAt);
  });

  it("validates attendance: nothing ticked is not « nobody », both at once neither, an unknown mentor is refused", async () => {
    const ines = await submitMentor(programme.openCohortId, { firstName: "Inès" });
    const coming = await newMeeting();
    // Not begun: not recorded, and the page does not offer it.
    const early = await adminForm(`/admin/reseau/${coming.id}/presences`, { present: ines.id });
    expect(early.headers.get("location")).toContain("fait=presences-trop-tot");
    expect(await pageText(await adminPage(`/admin/reseau/${coming.id}`))).not.toContain(
      'name="present"',
    );
    expect((await network.getMeeting(coming.id))?.attendanceRecorded).toBeUndefined();

    const meeting = await begunMeeting();
    const path = `/admin/reseau/${meeting.id}/presences`;

    const nothing = await adminForm(path, {});
    expect(nothing.status).toBe(422);
    const { html, entries } = await summaryOf(nothing);
    expect(entries).toEqual([
      {
        href: "#champ-present",
        text: "Qui était présent : Cochez les mentors présents, ou « Personne n'est venu ».",
      },
    ]);
    expect(html).toContain('id="champ-present-erreur"');

    const both = await adminForm(path, { present: [ines.id, "personne"] });
    expect(await texts(both)).toEqual([
      "Qui était présent : Vous avez coché des mentors et « Personne n'est venu » : choisissez l'un ou l'autre.",
    ]);
    const stranger = await adminForm(path, {
      present: [ines.id, "0b6f3c1e-0000-4000-8000-000000000000"],
    });
    expect(stranger.status).toBe(422);
    const strangerPage = await summaryOf(stranger);
    expect(strangerPage.entries.map((entry) => entry.text)).toEqual([
      "Qui était présent : Ce mentor n'est pas invité à cette rencontre : rechargez la page.",
    ]);
    expect(strangerPage.html).toMatch(new RegExp(`value="${ines.id}" checked=""`));
    expect((await network.getMeeting(meeting.id))?.attendanceRecorded).toBeUndefined();

    // Nobody came, said explicitly, twice: recorded once, the same.
    expect((await adminForm(path, { present: "personne" })).status).toBe(303);
    expect((await adminForm(path, { present: "personne" })).status).toBe(303);
    expect((await network.getMeeting(meeting.id))?.attendanceRecorded).toBe(true);
    const invitations = await network.listInvitations(meeting.id);
    expect(invitations.some((invitation) => invitation.attended)).toBe(false);
    // The page says so by its box.
    expect(await pageText(await adminPage(`/admin/reseau/${meeting.id}`))).toMatch(
      /value="personne" checked=""/,
    );

    // Corrected: Inès came, posted twice.
    expect((await adminForm(path, { present: ines.id })).status).toBe(303);
    expect((await adminForm(path, { present: ines.id })).status).toBe(303);
    const after = await network.listInvitations(meeting.id);
    expect(after.filter((invitation) => invitation.attended).map((one) => one.mentorId)).toEqual([
      ines.id,
    ]);
  });

  it("answers the attendance JSON twin with every unknown mentor, an empty list meaning nobody", async () => {
    const lina = await submitMentor(programme.openCohortId, { firstName: "Lina" });
    const coming = await newMeeting();
    const early = await adminJson("PUT", `/api/admin/network/${coming.id}/attendance`, {
      present: [lina.id],
    });
    expect(early.status).toBe(409);
    const meeting = await begunMeeting();
    const path = `/api/admin/network/${meeting.id}/attendance`;
    const unknown = "0b6f3c1e-0000-4000-8000-000000000000";

    const refused = await adminJson("PUT", path, { present: [unknown, lina.id, "x"] });
    expect(refused.status).toBe(422);
    expect(
      ((await refused.json()) as { errors: { field: string }[] }).errors.map(
        (error) => error.field,
      ),
    ).toEqual(["present.2"]);
    const stranger = await adminJson("PUT", path, { present: [unknown, lina.id] });
    expect(
      ((await stranger.json()) as { errors: { field: string }[] }).errors.map(
        (error) => error.field,
      ),
    ).toEqual(["present.0"]);
    expect((await adminJson("PUT", path, {})).status).toBe(422);

    expect(await (await adminJson("PUT", path, { present: [] })).json()).toEqual({ present: 0 });
    expect(await (await adminJson("PUT", path, { present: [lina.id] })).json()).toEqual({
      present: 1,
    });
    expect(await (await adminJson("PUT", path, { present: [lina.id] })).json()).toEqual({
      present: 1,
    });
    const linaAfter = (await network.listInvitations(meeting.id)).find(
      (one) => one.mentorId === lina.id,
    );
    expect(linaAfter?.attended).toBe(true);

    const meetingMove = await adminJson("POST", `/api/admin/network/${meeting.id}/move`, {
      date: "2031-13-01",
      time: "12:30",
      place: "",
    });
    expect(meetingMove.status).toBe(422);
    expect(((await meetingMove.json()) as { errors: unknown[] }).errors).toEqual([
      {
        field: "date",
        pointer: "/date",
        detail: "Cette date n'existe pas : vérifiez le jour et le mois.",
      },
      { field: "place", pointer: "/place", detail: "Indiquez le lieu ou le lien de la visio." },
    ]);
  });
});
