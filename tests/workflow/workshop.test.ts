import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it, vi } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { clock } from "#core/clock";
import { addressRef } from "#core/events/workshop/people";
import { programme } from "#core/programme";
import { addResource } from "#core/resources";
import { localApp } from "../../functions/local/app";
import { isInsideTask } from "../../functions/local/engine/host";
import { adminHeaders, submitMentor } from "../api/admin-support";
import { pdfText } from "../api/pdf-text";
import { emailsTo, outboxDrained, type StoredEmail, uniqueEmail } from "../support/inbox";
import { calendarsTo, day, useEngine } from "./support";

/**
 * A collective workshop from the head of service's request to its closure, through the pages
 * (the public form, the team's /admin/ateliers, the links of the emails in the local inbox) and
 * the dev clock, on the event workflow run by the local Step Functions service.
 */
const { engine } = useEngine();

const appUrl = process.env.APP_URL as string;
const origin = appUrl;
const form = (path: string, fields: Record<string, string | string[]>, headers = {}) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of ([] as string[]).concat(value)) body.append(key, item);
  }
  return localApp.request(`${appUrl}${path}`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
};
const adminForm = (path: string, fields: Record<string, string | string[]>) =>
  form(path, fields, adminHeaders());
const adminPage = async (path: string) =>
  (await localApp.request(`${appUrl}${path}`, { headers: adminHeaders() })).text();
const devClock = (advance: string) =>
  localApp.request(`${appUrl}/api/dev/clock`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/json" },
    body: JSON.stringify({ advance }),
  });

const linkIn = (email: StoredEmail | undefined, pattern: RegExp) => {
  const found = `${email?.body.text ?? ""}`.match(pattern)?.[0];
  if (!found) throw new Error(`No link ${pattern} in ${email?.subject}`);
  return found.replace(appUrl, "");
};
const registrationLink = new RegExp(`${appUrl}/atelier/inscription/[A-Za-z0-9_.-]+`);
const answerLink = new RegExp(`${appUrl}/atelier/lien/[A-Za-z0-9_.-]+`);
const subjects = async (address: string) =>
  (await emailsTo(address)).sort((a, b) => a.at - b.at).map((email) => email.subject);
const isoMoment = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function requestForm(email: string, overrides: Record<string, string | string[]> = {}) {
  return {
    firstName: "Hélène",
    lastName: "Durand",
    email,
    service: "Direction des achats",
    managers: "12",
    theme: "artificial-intelligence",
    goal: "Décider ensemble de l'usage de l'IA dans nos notes",
    slots: ["morning", "afternoon"],
    dates: "Les mardis de janvier",
    consent: "on",
    ...overrides,
  };
}

/** The Paris date in `days` days, as the team's date field takes it. */
const inDays = (days: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(
    new Date(clock.now().getTime() + days * day),
  );

async function requested(head: string) {
  const response = await form("/atelier", requestForm(head));
  expect(response.status).toBe(200);
  const list = await adminPage("/admin/ateliers");
  const id = list.match(/\/admin\/ateliers\/([0-9a-f]{32})/)?.[1];
  if (!id) throw new Error("The request is not listed");
  return id;
}

describe("a collective workshop", () => {
  it("runs from the request to its closure, each person getting their emails once", async () => {
    const head = uniqueEmail("helene");
    const manager = uniqueEmail("cadre");
    const lineManager = uniqueEmail("adjoint");
    // Two mentors who know the theme, one who does not, one who reports to the head of service.
    const amina = await submitMentor(programme.openCohortId, {
      firstName: "Amina",
      lastName: "Haddad",
      themes: [{ theme: "artificial-intelligence", level: 4 }],
    });
    const yanis = await submitMentor(programme.openCohortId, {
      firstName: "Yanis",
      lastName: "Benali",
      themes: [{ theme: "artificial-intelligence", level: 3 }],
    });
    await submitMentor(programme.openCohortId, {
      firstName: "Paul",
      lastName: "Noir",
      themes: [{ theme: "social-networks", level: 4 }],
    });
    await submitMentor(programme.openCohortId, {
      firstName: "Inès",
      lastName: "Roux",
      managerEmail: head,
      themes: [{ theme: "artificial-intelligence", level: 4 }],
    });

    // The theme's resources: a guide for everyone, a module for its mentors only.
    const guide = await addResource({
      theme: "artificial-intelligence",
      title: "L'IA au bureau, pas à pas",
      url: "https://www.exemple.gouv.fr/ia-au-bureau",
      description: "Un guide court pour commencer.",
      durationMinutes: 20,
      audience: "everyone",
    });
    const module = await addResource({
      theme: "artificial-intelligence",
      title: "Trame d'atelier sur l'IA",
      url: "https://www.exemple.gouv.fr/trame-ia",
      description: "Le déroulé pour les mentors.",
      durationMinutes: 45,
      audience: "mentors",
    });

    const id = await requested(head);
    expect(await subjects(head)).toEqual([
      `${programme.name}\u00a0: nous avons bien reçu votre demande d'atelier`,
    ]);

    // The page proposes the two who know the theme, never the one from the service's line.
    const page = await adminPage(`/admin/ateliers/${id}`);
    expect(page).toContain("Amina Haddad et Yanis Benali");
    expect(page).not.toMatch(/Inès Roux et|et Inès Roux/);
    expect(page).not.toMatch(/Paul Noir et|et Paul Noir/);

    expect(
      (await adminForm(`/admin/ateliers/${id}/mentors`, { mentorIds: [amina.id, yanis.id] }))
        .status,
    ).toBe(303);
    expect(
      (await adminForm(`/admin/ateliers/${id}/participants`, { emails: `${manager}\n${manager}` }))
        .status,
    ).toBe(303);
    const firstDate = {
      date: inDays(10),
      time: "14:00",
      durationMinutes: "120",
      place: "Salle Colbert, Bercy",
      videoLink: "",
    };
    // Posted twice (a double click): the same date is no move, nobody is told twice.
    expect((await adminForm(`/admin/ateliers/${id}/date`, firstDate)).status).toBe(303);
    expect((await adminForm(`/admin/ateliers/${id}/date`, firstDate)).status).toBe(303);
    await engine().settle();

    // Everyone is invited with a calendar file; the head of service gets the link to forward.
    const invitation = (await emailsTo(head)).find((email) => email.subject.includes("atelier «"));
    expect(invitation?.subject).toMatch(/atelier «\u00a0intelligence artificielle\u00a0» le /);
    expect(invitation?.body.text).toContain("Salle Colbert, Bercy");
    expect(invitation?.body.text).not.toMatch(isoMoment);
    // Each is pointed to the theme's resources; the mentors' module in the mentors' copies only.
    const managerInvitation = (await emailsTo(manager))[0];
    expect(managerInvitation?.body.text).toContain("les ressources du programme\u00a0:");
    expect(managerInvitation?.body.text).toContain(guide.url);
    expect(managerInvitation?.body.text).not.toContain(module.url);
    const mentorInvitation = (await emailsTo(amina.answers.email)).find((email) =>
      email.subject.includes("atelier «"),
    );
    expect(mentorInvitation?.body.text).toContain(guide.url);
    expect(mentorInvitation?.body.text).toContain(module.url);
    for (const person of [head, manager, amina.answers.email, yanis.answers.email]) {
      const calendars = await calendarsTo(person);
      expect(calendars.length, person).toBe(1);
      expect(calendars[0]).toContain("METHOD:REQUEST");
      expect(calendars[0]).toContain("SEQUENCE:0");
    }

    // A manager registers through the forwarded link; twice is once.
    const register = linkIn(invitation, registrationLink);
    expect(await (await localApp.request(`${appUrl}${register}`)).text()).toContain(
      "Intelligence artificielle",
    );
    const registration = {
      firstName: "Marc",
      lastName: "Petit",
      email: lineManager,
      consent: "on",
    };
    const registered = await form(register, registration);
    expect(registered.status).toBe(200);
    // A double click is told what the first click was told.
    expect(await (await form(register, registration)).text()).toBe(await registered.text());
    expect((await calendarsTo(lineManager)).length).toBe(1);

    // Moved (posted twice): everyone gets the new date once, same calendar event, next SEQUENCE.
    const move = { ...firstDate, date: inDays(12), time: "10:00" };
    expect((await adminForm(`/admin/ateliers/${id}/date`, move)).status).toBe(303);
    expect((await adminForm(`/admin/ateliers/${id}/date`, move)).status).toBe(303);
    await engine().settle();
    for (const person of [head, manager, lineManager, amina.answers.email]) {
      const calendars = await calendarsTo(person);
      expect(calendars.at(-1), person).toContain("SEQUENCE:1");
    }
    expect((await subjects(manager)).at(-1)).toMatch(/est déplacé au/);
    expect(
      (await subjects(manager)).filter((subject) => /est déplacé au/.test(subject)),
    ).toHaveLength(1);

    // The reminder the day before, then the mentors are asked after it.
    const start = new Date(`${inDays(12)}T10:00:00+01:00`).getTime();
    await devClock(`PT${Math.ceil((start - day + 3_600_000 - clock.now().getTime()) / 1000)}S`);
    expect((await subjects(manager)).filter((subject) => subject.includes("rappel"))).toHaveLength(
      1,
    );
    await devClock("P1DT2H");
    expect((await subjects(manager)).filter((subject) => subject.includes("rappel"))).toHaveLength(
      1,
    );
    const asked = (await emailsTo(amina.answers.email)).find((email) =>
      email.subject.includes("comment s'est passé"),
    );
    const confirm = linkIn(asked, answerLink);
    // Bad input comes back in French, filled in.
    const bad = await form(confirm, { tookPlace: "yes", attendees: "douze" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Indiquez combien de personnes sont venues");
    // The page lists those invited by email, to tick who came; more ticked than came is refused.
    const confirmPage = await (await localApp.request(`${appUrl}${confirm}`)).text();
    expect(confirmPage).toContain("Qui est venu parmi les personnes invitées");
    expect(confirmPage).toContain("Marc Petit");
    expect(confirmPage).toContain(manager);
    const present = [addressRef(manager), addressRef(lineManager)];
    const tooMany = await form(confirm, { tookPlace: "yes", attendees: "1", present });
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toContain("Vous avez coché plus de personnes que le nombre");
    // Marc Petit registered but did not come.
    const came = { tookPlace: "yes", attendees: "11", present: [addressRef(manager)] };
    expect((await form(confirm, came)).status).toBe(200);
    expect(await (await form(confirm, came)).text()).toContain("déjà enregistré");
    // The other mentor's link says it is done.
    const otherAsked = (await emailsTo(yanis.answers.email)).find((email) =>
      email.subject.includes("comment s'est passé"),
    );
    expect(
      await (await form(linkIn(otherAsked, answerLink), { tookPlace: "no" })).text(),
    ).toContain("déjà enregistré");

    // Participants are asked for their feedback; one answers.
    await engine().settle();
    const feedbackEmail = (await emailsTo(manager)).find((email) =>
      email.subject.includes("votre avis"),
    );
    const feedback = linkIn(feedbackEmail, answerLink);
    expect((await form(feedback, { rating: "9" })).status).toBe(422);
    expect((await form(feedback, { rating: "5", comment: "Très concret" })).status).toBe(200);

    // A week later the workshop closes; the mentors get its figures.
    await devClock("P8D");
    const closing = (await emailsTo(amina.answers.email)).find((email) =>
      email.subject.includes("merci pour l'atelier"),
    );
    expect(closing?.body.text).toContain("11 personnes sont venues");
    expect(closing?.body.text).toContain("1 avis reçu, note moyenne 5 sur 5");

    // Each person's emails, in order, each once.
    expect(await subjects(manager)).toEqual([
      expect.stringMatching(/^Binôme\u00a0: atelier «\u00a0intelligence artificielle\u00a0» le /),
      expect.stringMatching(/est déplacé au/),
      expect.stringMatching(/rappel, atelier/),
      expect.stringMatching(/votre avis sur l'atelier/),
    ]);
    // (Her first two emails are her mentor application's acknowledgement and selection.)
    expect((await subjects(amina.answers.email)).slice(2)).toEqual([
      expect.stringMatching(/atelier «\u00a0intelligence artificielle\u00a0» le /),
      expect.stringMatching(/est déplacé au/),
      expect.stringMatching(/rappel, atelier/),
      expect.stringMatching(/comment s'est passé/),
      expect.stringMatching(/merci pour l'atelier/),
    ]);
    // The head of service gets the summary: what happened, the feedback count, no comment.
    const summary = (await emailsTo(head)).find((email) => email.subject.includes("bilan"));
    expect(summary?.subject).toBe(
      `${programme.name}\u00a0: le bilan de l'atelier «\u00a0intelligence artificielle\u00a0»`,
    );
    expect(summary?.body.text).toContain("animé par Amina Haddad et Yanis Benali");
    expect(summary?.body.text).toContain("a eu lieu\u00a0: 11 personnes sont venues");
    expect(summary?.body.text).toContain(
      "1 participant a donné son avis\u00a0: note moyenne 5 sur 5",
    );
    expect(summary?.body.text).not.toContain("Très concret");
    expect(summary?.body.text).not.toMatch(isoMoment);

    // Both mentors' records count the workshop and its two hours; so do the attestation and the
    // export of hours.
    for (const mentor of [amina, yanis]) {
      const record = (await (
        await localApp.request(`${appUrl}/api/admin/mentors/${mentor.id}/record`, {
          headers: adminHeaders(),
        })
      ).json()) as { workshopsLed: number; hoursByKind: { workshops: number }; hours: number };
      expect(record).toMatchObject({ workshopsLed: 1, hoursByKind: { workshops: 2 }, hours: 2 });
      const pdf = await localApp.request(
        `${appUrl}/api/admin/mentors/${mentor.id}/attestation.pdf`,
        { headers: adminHeaders() },
      );
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      const text = pdfText(new Uint8Array(await pdf.arrayBuffer())).replace(/\s+/g, " ");
      expect(text).toContain("1 atelier collectif animé (2 h) ;");
      expect(text).toContain("soit 2 h au total.");
    }
    const hours = await adminPage(
      `/api/admin/exports/mentor-hours.csv?cohort=${programme.openCohortId}`,
    );
    expect(hours).toContain("Amina Haddad;0;0;0;1;2;0;0;0;0;2");
    expect(hours).toContain("Yanis Benali;0;0;0;1;2;0;0;0;0;2");

    // Only those ticked as present were asked for their feedback.
    expect(
      (await subjects(lineManager)).filter((subject) => subject.includes("votre avis")),
    ).toEqual([]);

    const team = await adminPage(`/admin/ateliers/${id}`);
    expect(team).toContain("Clos");
    expect(team).toContain(`Présents parmi les 2 personnes invitées\u00a0: ${manager}`);
    expect(team).toContain("11 personnes venues");
    expect(team).toContain("Très concret");
  });

  it("tells everyone when it is cancelled, with the calendar's CANCEL, and stops", async () => {
    const head = uniqueEmail("chef");
    const manager = uniqueEmail("cadre");
    const [a, b] = await Promise.all([
      submitMentor(programme.openCohortId, { themes: [{ theme: "social-networks", level: 3 }] }),
      submitMentor(programme.openCohortId, { themes: [{ theme: "social-networks", level: 3 }] }),
    ]);
    const response = await form(
      "/atelier",
      requestForm(head, { theme: "social-networks", service: "Service des douanes" }),
    );
    expect(response.status).toBe(200);
    const list = await adminPage("/admin/ateliers");
    const id = [
      ...list.matchAll(/\/admin\/ateliers\/([0-9a-f]{32})">Service des douanes/g),
    ][0]?.[1];
    if (!id) throw new Error("Not listed");
    await adminForm(`/admin/ateliers/${id}/mentors`, { mentorIds: [a.id, b.id] });
    await adminForm(`/admin/ateliers/${id}/participants`, { emails: manager });
    await adminForm(`/admin/ateliers/${id}/date`, {
      date: inDays(5),
      time: "09:30",
      durationMinutes: "90",
      place: "",
      videoLink: "https://visio.example.gouv.fr/atelier",
    });
    await engine().settle();
    expect((await adminForm(`/admin/ateliers/${id}/annuler`, {})).status).toBe(303);
    await engine().settle();
    for (const person of [head, manager, a.answers.email]) {
      const calendars = await calendarsTo(person);
      expect(calendars.at(-1), person).toContain("METHOD:CANCEL");
      expect(calendars.at(-1)).toContain("SEQUENCE:1");
    }
    // An invitation step still queueing when the cancellation landed queues nothing more.
    const { workshopSteps } = await import("#core/events/workshop/steps");
    await workshopSteps.sendInvitations(id, 1);
    for (const person of [head, manager]) {
      expect((await calendarsTo(person)).at(-1), person).toContain("METHOD:CANCEL");
    }
    await devClock("P10D");
    expect(await subjects(manager)).toEqual([
      expect.stringMatching(/atelier «\u00a0réseaux sociaux professionnels\u00a0» le /),
      expect.stringMatching(/est annulé/),
    ]);
  });

  it("cancels a workshop of 150 participants: each gets one CANCEL, even when the run dies midway", async () => {
    const head = uniqueEmail("grand");
    const people = Array.from({ length: 150 }, (_, index) => uniqueEmail(`cadre${index}`));
    const [a, b] = await Promise.all([
      submitMentor(programme.openCohortId, {
        themes: [{ theme: "collaborative-tools", level: 3 }],
      }),
      submitMentor(programme.openCohortId, {
        themes: [{ theme: "collaborative-tools", level: 4 }],
      }),
    ]);
    const service = "Direction générale des finances publiques";
    await form("/atelier", requestForm(head, { theme: "collaborative-tools", service }));
    const list = await adminPage("/admin/ateliers");
    const id = list.match(new RegExp(`/admin/ateliers/([0-9a-f]{32})">${service}`))?.[1];
    if (!id) throw new Error("Not listed");
    await adminForm(`/admin/ateliers/${id}/mentors`, { mentorIds: [a.id, b.id] });
    // More than 90 addresses at once is refused in French; in two lists it is fine.
    const tooMany = await adminForm(`/admin/ateliers/${id}/participants`, {
      emails: people.join("\n"),
    });
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toContain("90 adresses au plus à la fois");
    for (const part of [people.slice(0, 90), people.slice(90)]) {
      const added = await adminForm(`/admin/ateliers/${id}/participants`, {
        emails: part.join("\n"),
      });
      expect(added.status).toBe(303);
    }
    const schedule = (days: number) =>
      adminForm(`/admin/ateliers/${id}/date`, {
        date: inDays(days),
        time: "14:00",
        durationMinutes: "60",
        place: "Salle Turgot",
        videoLink: "",
      });
    expect((await schedule(6)).status).toBe(303);
    await engine().settle();
    // Moved: all 153 get the new date.
    expect((await schedule(7)).status).toBe(303);
    await engine().settle();

    const everyone = [head, a.answers.email, b.answers.email, ...people];
    const calendarsByAddress = async () => {
      await outboxDrained(120_000);
      const store = (await (await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2}/store`)).json()) as {
        emails: StoredEmail[];
      };
      const found = new Map<string, string[]>(everyone.map((address) => [address, []]));
      for (const email of store.emails) {
        const to = email.destination.to[0]?.toLowerCase() ?? "";
        for (const file of email.attachments ?? []) {
          found.get(to)?.push(Buffer.from(file.content, "base64").toString("utf8"));
        }
      }
      return found;
    };
    const cancels = (calendars: string[]) =>
      calendars.filter((calendar) => calendar.includes("METHOD:CANCEL"));
    for (const [address, calendars] of await calendarsByAddress()) {
      expect(
        calendars.map((calendar) => /SEQUENCE:(\d)/.exec(calendar)?.[1]),
        address,
      ).toEqual(["0", "1"]);
    }

    // The request's process dies once the record and the first batch are written. Only the
    // request's own calls fail: the workflow's steps run in this process too (on AWS, in
    // functions of their own), and a step queueing its emails meanwhile must not be killed.
    const send = documents.send.bind(documents);
    const spy = vi.spyOn(documents, "send").mockImplementation(((command: unknown) => {
      if (
        command instanceof TransactWriteCommand &&
        !command.input.TransactItems?.some((item) => item.Update) &&
        !isInsideTask()
      ) {
        throw new Error("The process was killed");
      }
      return send(command as never);
    }) as never);
    try {
      expect((await adminForm(`/admin/ateliers/${id}/annuler`, {})).status).toBeGreaterThanOrEqual(
        500,
      );
    } finally {
      spy.mockRestore();
    }
    expect(await adminPage(`/admin/ateliers/${id}`)).toContain(
      "tout le monde n&#39;est pas encore prévenu",
    );
    const told = [...(await calendarsByAddress()).values()].filter(
      (calendars) => cancels(calendars).length === 1,
    );
    expect(told).toHaveLength(90);

    // The workflow's next step (the reminder's time, whatever the hour now) tells the others,
    // and no one is reminded.
    await devClock("P6DT20H");
    await engine().settle();
    for (const [address, calendars] of await calendarsByAddress()) {
      expect(cancels(calendars), address).toHaveLength(1);
      expect(cancels(calendars)[0]).toContain("SEQUENCE:2");
    }
    expect(await adminPage(`/admin/ateliers/${id}`)).not.toContain("pas encore prévenu");
    // A second click sends nothing more.
    expect((await adminForm(`/admin/ateliers/${id}/annuler`, {})).status).toBe(303);
    for (const [address, calendars] of await calendarsByAddress()) {
      expect(cancels(calendars), address).toHaveLength(1);
    }
    expect(
      (await subjects(people[149] as string)).filter((subject) => subject.includes("rappel")),
    ).toEqual([]);
  });

  it("stores a request posted twice once, and refuses bad input in French, filled in", async () => {
    const head = uniqueEmail("double");
    const fields = requestForm(head, { service: "Bureau du budget" });
    const first = await form("/atelier", fields);
    expect(first.status).toBe(200);
    const again = await form("/atelier", fields);
    expect(await again.text()).toBe(await first.text());
    expect(await subjects(head)).toHaveLength(1);
    const list = await adminPage("/admin/ateliers");
    expect(list.match(/Bureau du budget/g)).toHaveLength(1);

    const bad = await form("/atelier", {
      ...requestForm(uniqueEmail("bad")),
      managers: "beaucoup",
      theme: "cuisine",
      slots: [],
      consent: "",
    });
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain("Indiquez combien de cadres participeraient, entre 2 et 200.");
    expect(text).toContain("Choisissez le thème de l&#39;atelier.");
    expect(text).toContain("Indiquez au moins un moment de la journée qui convient.");
    expect(text).toContain("Vous devez accepter la politique de confidentialité");
    expect(text).toContain('value="Hélène"');
  });
});
