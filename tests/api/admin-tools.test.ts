import { beforeAll, describe, expect, it } from "vitest";
import { getItem } from "#core/clients/dynamodb";
import { keys } from "#core/keys";
import { readLink } from "#core/links";
import { addNote } from "#core/pair/notes";
import { startPair } from "#core/pair/start";
import { getPair, listPairs, putWait, updatePair } from "#core/pair/store";
import { closedPairExpiry } from "#core/retention";
import { emailsTo } from "../support/inbox";
import {
  adminForm,
  adminJson,
  adminPage,
  freshCohortId,
  pageText,
  startedExecutions,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

/**
 * The programme team's daily tools on a pair, through the admin pages and the local inbox: notes,
 * a waiting link sent again or a nudge written by hand, a manager paired again after a stopped
 * pair, and an email to a whole cohort.
 */

beforeAll(() => useRecordingEngine());

let pairCounter = 0;

/** A running pair of a cohort of its own, started as a confirmation starts it. */
async function runningPair(overrides: { menteeFirstName?: string } = {}) {
  const cohortId = freshCohortId();
  const mentee = await submitMentee(cohortId, {
    firstName: overrides.menteeFirstName ?? "Hélène",
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
  const pairId = `binome-outils-${Date.now().toString(36)}-${pairCounter++}`;
  await startPair({ pairId, cohortId, menteeId: mentee.id, mentorId: mentor.id });
  return { cohortId, mentee, mentor, pairId, path: `/admin/binomes/${pairId}` };
}

/** The pair's execution waits on a person, as the workflow's wait step leaves it. */
async function waitingOn(pairId: string, step: string, purpose: string, answeredBy: string[] = []) {
  const since = new Date().toISOString();
  await putWait(pairId, { token: `jeton-${step}`, step, purpose, since, timeouts: 0, answeredBy });
  await updatePair(pairId, { phase: "sessions", waitingOn: { step, purpose, since } });
}

const linkIn = (text: string | undefined) =>
  /http:\/\/localhost:3000\/lien\/([^\s]+)/.exec(text ?? "")?.[1];

/** The key the page drew for one of its forms (each showing of a form has its own). */
function formKey(html: string, action: string): string {
  const form = html.slice(html.indexOf(`action="${action}"`));
  const key = /name="requestKey" value="([^"]+)"/.exec(form)?.[1];
  if (!key) throw new Error(`No key in the form posting to ${action}`);
  return key;
}

describe("notes on a pair", () => {
  it("shows the team's notes in the order written, with who wrote them and a French date, once per form", async () => {
    const { path } = await runningPair();
    const page = await pageText(await adminPage(path));
    expect(page).toContain("Aucune note pour l'instant.");
    const firstKey = formKey(page, `${path}/notes`);

    const first = await adminForm(`${path}/notes`, {
      requestKey: firstKey,
      author: "Sophie Leroy",
      text: "Appel au mentor : il part en congé deux semaines.\nReprise prévue ensuite.",
    });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`${path}?fait=note`);
    // The same form posted again (a double click, a reload) adds nothing.
    expect(
      (
        await adminForm(`${path}/notes`, {
          requestKey: firstKey,
          author: "Sophie Leroy",
          text: "Appel au mentor : il part en congé deux semaines.\nReprise prévue ensuite.",
        })
      ).status,
    ).toBe(303);
    const secondKey = formKey(await pageText(await adminPage(path)), `${path}/notes`);
    expect(secondKey).not.toBe(firstKey);
    await adminForm(`${path}/notes`, {
      requestKey: secondKey,
      author: "Marc Petit",
      text: "Le cadre confirme la reprise.",
    });

    const after = await pageText(await adminPage(`${path}?fait=note`));
    expect(after).toContain("La note est ajoutée.");
    const notes = after.slice(after.indexOf('<ol class="notes">'), after.indexOf("</ol>"));
    expect(notes.match(/<li>/g)).toHaveLength(2);
    expect(notes.indexOf("Sophie Leroy")).toBeLessThan(notes.indexOf("Marc Petit"));
    expect(notes).toContain("Reprise prévue ensuite.");
    expect(notes).toMatch(/le \d{1,2}(er)? [a-zéû]+ \d{4} à \d{1,2}\u00a0h/);
    expect(notes).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("gives a note written on an ended pair the pair's expiry: it goes with the pair's data", async () => {
    const { pairId } = await runningPair();
    const closedAt = "2026-12-01T10:00:00.000Z";
    await updatePair(pairId, { status: "closed", outcome: "completed", closedAt });
    await addNote(pairId, {
      author: "Sophie Leroy",
      text: "Bilan fait.",
      requestKey: "cle-note-fin-1",
    });
    const note = await getItem<{ expiresAt?: number }>(keys.pairNote(pairId, "cle-note-fin-1"));
    expect(note?.expiresAt).toBe(closedPairExpiry(new Date(closedAt)));
  });

  it("gives the note form back with French messages linked to its fields", async () => {
    const { path } = await runningPair();
    const key = formKey(await pageText(await adminPage(path)), `${path}/notes`);
    const refused = await adminForm(`${path}/notes`, { requestKey: key, author: "", text: "  " });
    expect(refused.status).toBe(422);
    const html = await pageText(refused);
    expect(html).toContain('href="#champ-text"');
    expect(html).toContain("Écrivez la note.");
    expect(html).toContain("Indiquez qui écrit cette note.");
    expect(html).toContain('aria-invalid="true"');
    // Fixing the form and posting it again adds the note: its key was kept.
    expect(formKey(html, `${path}/notes`)).toBe(key);

    const expired = await adminForm(`${path}/notes`, { author: "Sophie", text: "Bien." });
    expect(expired.status).toBe(422);
    expect(await pageText(expired)).toContain("Ce formulaire n'est plus valable");
  });

  it("adds a note through the JSON API once per key and lists it with the pair", async () => {
    const { pairId } = await runningPair();
    const body = {
      author: "Sophie Leroy",
      text: "Relancé par téléphone.",
      requestKey: "cle-api-0000000001",
    };
    const first = await adminJson("POST", `/api/admin/pairs/${pairId}/notes`, body);
    expect(first.status).toBe(201);
    expect((await first.json()).outcome).toBe("added");
    const again = await (await adminJson("POST", `/api/admin/pairs/${pairId}/notes`, body)).json();
    expect(again.outcome).toBe("already-added");
    const details = await (await adminJson("GET", `/api/admin/pairs/${pairId}`)).json();
    expect(details.notes).toEqual([
      expect.objectContaining({ author: "Sophie Leroy", text: "Relancé par téléphone." }),
    ]);
    const invalid = await adminJson("POST", `/api/admin/pairs/${pairId}/notes`, { text: "" });
    expect(invalid.status).toBe(422);
    expect((await adminJson("POST", "/api/admin/pairs/inconnu/notes", body)).status).toBe(404);
  });
});

describe("reminding a pair by hand", () => {
  it("sends the waiting link again to the mentor, once per click, logged on the pair's history", async () => {
    const { pairId, path, mentor, mentee } = await runningPair();
    await waitingOn(pairId, "session-2", "schedule");
    const page = await pageText(await adminPage(path));
    expect(page).toContain("Le binôme attend qu'une date soit proposée pour la séance n°\u00a02.");
    expect(page).toContain("Réponse attendue du mentor, Yanis Benali.");
    const key = formKey(page, `${path}/lien-renvoye`);

    const sent = await adminForm(`${path}/lien-renvoye`, { requestKey: key });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`${path}?fait=lien-renvoye`);
    expect((await adminForm(`${path}/lien-renvoye`, { requestKey: key })).status).toBe(303);

    const received = (await emailsTo(mentor.answers.email)).filter((email) =>
      email.subject.includes("une petite relance"),
    );
    expect(received).toHaveLength(1);
    const token = linkIn(received[0]?.body.text);
    const reading = await readLink(token ?? "");
    expect(reading.ok && reading.link).toMatchObject({
      pairId,
      step: "session-2",
      purpose: "schedule",
      recipient: "mentor",
    });
    expect(
      (await emailsTo(mentee.answers.email)).filter((email) => email.subject.includes("relance")),
    ).toHaveLength(0);

    const after = await pageText(await adminPage(`${path}?fait=lien-renvoye`));
    expect(after).toContain("Le lien en attente est renvoyé");
    expect(after.match(/Lien en attente renvoyé par l'équipe/g)).toHaveLength(1);
    expect(after).toMatch(
      /Lien en attente renvoyé par l'équipe<\/td><td>la séance n°\u00a02 — au mentor/,
    );
  });

  it("sends the closing self-evaluation link only to the one who has not answered yet", async () => {
    const { pairId, path, mentor, mentee } = await runningPair();
    await waitingOn(pairId, "closure", "self-evaluation", ["mentor"]);
    const page = await pageText(await adminPage(path));
    expect(page).toContain("Le binôme attend les auto-évaluations de clôture.");
    await adminForm(`${path}/lien-renvoye`, { requestKey: formKey(page, `${path}/lien-renvoye`) });
    const toMentor = (await emailsTo(mentor.answers.email)).filter((email) =>
      email.subject.includes("relance"),
    );
    expect(toMentor).toHaveLength(0);
    const toMentee = (await emailsTo(mentee.answers.email)).filter((email) =>
      email.subject.includes("relance"),
    );
    expect(toMentee).toHaveLength(1);
    expect(toMentee[0]?.body.text).toContain("Faire mon auto-évaluation");
  });

  it("refuses to send a link when the pair waits on nobody, and says why in French", async () => {
    const { path } = await runningPair();
    const page = await pageText(await adminPage(path));
    expect(page).toContain("Le binôme n'attend la réponse de personne pour l'instant");
    expect(page).not.toContain(`action="${path}/lien-renvoye"`);
    const refused = await adminForm(`${path}/lien-renvoye`, {
      requestKey: "cle-inutile-000000001",
    });
    expect(refused.status).toBe(409);
    expect(await pageText(refused)).toContain("aucun lien à renvoyer");
  });

  it("sends the team's own reminder to the manager once per form, with the link awaited of them", async () => {
    const { pairId, path, mentee } = await runningPair({ menteeFirstName: "Élodie" });
    await waitingOn(pairId, "closure", "self-evaluation", ["mentor"]);
    const page = await pageText(await adminPage(path));
    const key = formKey(page, `${path}/relance`);
    const form = {
      requestKey: key,
      role: "mentee",
      message: "Votre mentor a rempli son auto-évaluation.\n\nIl ne manque plus que la vôtre !",
    };
    const sent = await adminForm(`${path}/relance`, form);
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`${path}?fait=relance-envoyee`);
    await adminForm(`${path}/relance`, form);

    const received = (await emailsTo(mentee.answers.email)).filter((email) =>
      email.subject.includes("un mot de l'équipe d'animation"),
    );
    expect(received).toHaveLength(1);
    expect(received[0]?.subject).toBe(
      "Binôme\u00a0: un mot de l'équipe d'animation sur votre binôme avec Yanis",
    );
    const text = received[0]?.body.text ?? "";
    expect(text).toContain("Bonjour Élodie,");
    expect(text).toContain("Il ne manque plus que la vôtre\u00a0!");
    expect(text).toContain("Faire mon auto-évaluation");
    const after = await pageText(await adminPage(path));
    expect(after.match(/Relance écrite par l'équipe envoyée/g)).toHaveLength(1);
    // The team's words are in the email only, not in the pair's history.
    expect(after).not.toContain("Il ne manque plus que la vôtre");
  });

  it("gives the reminder form back with French messages when the text or the recipient is missing", async () => {
    const { path } = await runningPair();
    const key = formKey(await pageText(await adminPage(path)), `${path}/relance`);
    const refused = await adminForm(`${path}/relance`, { requestKey: key, message: "" });
    expect(refused.status).toBe(422);
    const html = await pageText(refused);
    expect(html).toContain("Écrivez votre message.");
    expect(html).toContain('href="#champ-message"');
    expect(formKey(html, `${path}/relance`)).toBe(key);
  });

  it("resends and reminds through the JSON API, once per key", async () => {
    const { pairId, mentor } = await runningPair();
    await waitingOn(pairId, "preparation", "objectives");
    const body = { requestKey: "cle-api-relance-0001" };
    const first = await adminJson("POST", `/api/admin/pairs/${pairId}/resend-link`, body);
    expect(await first.json()).toEqual({ sent: "queued", to: ["mentor"] });
    const again = await adminJson("POST", `/api/admin/pairs/${pairId}/resend-link`, body);
    expect(await again.json()).toEqual({ sent: "already-queued", to: ["mentor"] });
    const reminder = await adminJson("POST", `/api/admin/pairs/${pairId}/reminder`, {
      requestKey: "cle-api-relance-0002",
      role: "mentor",
      message: "Pensez à noter les objectifs.",
    });
    expect((await reminder.json()).sent).toBe("queued");
    const subjects = (await emailsTo(mentor.answers.email)).map((email) => email.subject);
    expect(subjects.filter((subject) => subject.includes("relance"))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.includes("un mot de l'équipe"))).toHaveLength(1);
  });
});

describe("pairing a manager again after a stopped pair", () => {
  /** A pair the workflow stopped after a long silence, as `giveUp` leaves it. */
  async function stoppedPair() {
    const pair = await runningPair();
    await updatePair(pair.pairId, {
      status: "cancelled",
      outcome: "stopped",
      stopCause: { kind: "silence", step: "session-1" },
      needsAttention: true,
      closedAt: new Date().toISOString(),
    });
    const other = await submitMentor(pair.cohortId, {
      firstName: "Inès",
      lastName: "Moreau",
      themes: [{ theme: "social-networks", level: 3 }],
      formats: ["video"],
      capacity: 1,
    });
    // The manager's own report may not coach them (the cohort forbids the same line).
    const report = await submitMentor(pair.cohortId, {
      firstName: "Bruno",
      lastName: "Lefèvre",
      themes: [{ theme: "social-networks", level: 4 }],
      formats: ["video"],
      managerEmail: pair.mentee.answers.email,
    });
    return { ...pair, other, report };
  }

  it("offers only the mentors the fit rules allow, and starts one new pair linked to the stopped one", async () => {
    const { cohortId, pairId, path, mentee, other, report } = await stoppedPair();
    const page = await pageText(await adminPage(path));
    expect(page).toContain("Former un nouveau binôme");
    const select = page.slice(
      page.indexOf('name="newMentorId"'),
      page.indexOf("</select>", page.indexOf('name="newMentorId"')),
    );
    expect(select).toContain(`value="${other.id}"`);
    expect(select).toContain("Inès Moreau — 1 place libre");
    expect(select).not.toContain(report.id);
    expect(page).not.toContain("Changer de mentor");

    const refused = await adminForm(`${path}/nouveau-binome`, { newMentorId: report.id });
    expect(refused.status).toBe(422);
    expect(await pageText(refused)).toContain("Binôme impossible");

    const formed = await adminForm(`${path}/nouveau-binome`, { newMentorId: other.id });
    expect(formed.status).toBe(303);
    const location = formed.headers.get("location") ?? "";
    expect(location).toMatch(/^\/admin\/binomes\/binome-[0-9a-f]+\?fait=nouveau-binome$/);
    const newPairId = location.slice("/admin/binomes/".length, location.indexOf("?"));
    // Posted again (a second click, another mentor chosen meanwhile): the same pair, started once.
    const again = await adminForm(`${path}/nouveau-binome`, { newMentorId: other.id });
    expect(again.headers.get("location")).toBe(location);

    const mine = (await listPairs({ cohortId })).filter((pair) => pair.menteeId === mentee.id);
    expect(mine).toHaveLength(2);
    const created = await getPair(newPairId);
    expect(created).toMatchObject({ mentorId: other.id, follows: pairId, status: "active" });
    expect(startedExecutions.filter((name) => name.startsWith(newPairId))).toHaveLength(1);
    expect((await getPair(pairId))?.pairedAgain?.pairId).toBe(newPairId);
    expect((await getPair(pairId))?.needsAttention).toBe(false);

    const newPage = await pageText(await adminPage(location));
    expect(newPage).toContain("Le nouveau binôme est formé");
    expect(newPage).toContain("Binôme d'Hélène Durand avec Inès Moreau");
    expect(newPage).toContain(
      `<a href="/admin/binomes/${pairId}">Binôme d'Hélène Durand avec Yanis Benali</a>`,
    );
    const oldPage = await pageText(await adminPage(path));
    expect(oldPage).toContain(
      `<a href="/admin/binomes/${newPairId}">Binôme d'Hélène Durand avec Inès Moreau</a>`,
    );
    expect(oldPage).toContain("Le cadre est apparié à nouveau");
    expect(oldPage).not.toContain('name="newMentorId"');
  });

  it("refuses to pair again a pair that still runs, and says so through the API", async () => {
    const { pairId, mentor } = await runningPair();
    const refused = await adminJson("POST", `/api/admin/pairs/${pairId}/pair-again`, {
      mentorId: mentor.id,
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).title).toContain("arrêté ou annulé");
    const page = await pageText(await adminPage(`/admin/binomes/${pairId}`));
    expect(page).not.toContain("Former un nouveau binôme");
  });
});

describe("writing to a cohort", () => {
  /** Two running pairs with the same mentor, one waiting on its manager, and one ended pair. */
  async function cohortWithPairs() {
    const cohortId = freshCohortId();
    const mentor = await submitMentor(cohortId, { firstName: "Yanis", capacity: 2 });
    const ended = await submitMentor(cohortId, { firstName: "Noé" });
    const people = [];
    for (const firstName of ["Hélène", "Élodie", "Marc"]) {
      people.push(await submitMentee(cohortId, { firstName }));
    }
    const [helene, elodie, marc] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];
    const ids = [`${cohortId}-a`, `${cohortId}-b`, `${cohortId}-c`];
    await startPair({
      pairId: ids[0] as string,
      cohortId,
      menteeId: helene.id,
      mentorId: mentor.id,
    });
    await startPair({
      pairId: ids[1] as string,
      cohortId,
      menteeId: elodie.id,
      mentorId: mentor.id,
    });
    await startPair({ pairId: ids[2] as string, cohortId, menteeId: marc.id, mentorId: ended.id });
    await updatePair(ids[2] as string, { status: "cancelled", outcome: "cancelled" });
    await waitingOn(ids[1] as string, "closure", "self-evaluation", ["mentor"]);
    return { cohortId, mentor, ended, helene, elodie, marc, ids };
  }

  const preview = (cohortId: string, requestKey: string, audience: string) =>
    adminForm(`/admin/vagues/${cohortId}/courriel`, {
      requestKey,
      audience,
      subject: "Réunion de lancement",
      text: "Rendez-vous le 8 décembre.\n\nÀ bientôt !",
      etape: "apercu",
    });

  it("previews how many people each audience reaches, plurals right", async () => {
    const { cohortId } = await cohortWithPairs();
    const page = await pageText(await adminPage(`/admin/vagues/${cohortId}`));
    expect(page).toContain(`href="/admin/vagues/${cohortId}/courriel"`);
    const form = await pageText(await adminPage(`/admin/vagues/${cohortId}/courriel`));
    const key = formKey(form, `/admin/vagues/${cohortId}/courriel`);
    const counts: Record<string, string> = {
      all: "3 destinataires",
      mentees: "2 destinataires",
      mentors: "1 destinataire",
      waiting: "1 destinataire",
    };
    for (const [audience, count] of Object.entries(counts)) {
      const html = await pageText(await preview(cohortId, key, audience));
      expect(html, audience).toContain(`<strong>${count}</strong>`);
      expect(html).toContain(`Envoyer à ${count}`);
      expect(formKey(html, `/admin/vagues/${cohortId}/courriel`)).toBe(key);
    }
    const nobody = await pageText(await preview(freshCohortId(), key, "all"));
    expect(nobody).toContain("<strong>0 destinataire</strong>");
    expect(nobody).not.toContain("Envoyer à");
  });

  it("gives the form back with French messages when the subject or the text is missing", async () => {
    const cohortId = freshCohortId();
    const refused = await adminForm(`/admin/vagues/${cohortId}/courriel`, {
      requestKey: "cle-courriel-000000001",
      audience: "all",
      subject: "",
      text: "",
      etape: "apercu",
    });
    expect(refused.status).toBe(422);
    const html = await pageText(refused);
    expect(html).toContain("Indiquez l'objet du courriel.");
    expect(html).toContain("Écrivez le texte du courriel.");
    expect(html).toContain('href="#champ-subject"');
  });

  it("sends one email per person through the outbox, once per form, logged on each of their pairs", async () => {
    const { cohortId, mentor, ended, helene, elodie, ids } = await cohortWithPairs();
    const key = formKey(
      await pageText(await adminPage(`/admin/vagues/${cohortId}/courriel`)),
      `/admin/vagues/${cohortId}/courriel`,
    );
    const send = {
      requestKey: key,
      audience: "all",
      subject: "Réunion de lancement",
      text: "Rendez-vous le 8 décembre.\n\nÀ bientôt !",
      etape: "envoi",
    };
    const sent = await adminForm(`/admin/vagues/${cohortId}/courriel`, send);
    expect(sent.status).toBe(303);
    const progress = `/admin/vagues/${cohortId}/courriels/${key}`;
    expect(sent.headers.get("location")).toBe(`${progress}?fait=courriel-vague`);
    expect(
      (await adminForm(`/admin/vagues/${cohortId}/courriel`, send)).headers.get("location"),
    ).toBe(`${progress}?fait=courriel-vague`);

    const about = (address: string) =>
      emailsTo(address).then((emails) =>
        emails.filter((email) => email.subject === "Binôme\u00a0: Réunion de lancement"),
      );
    const toMentor = await about(mentor.answers.email);
    expect(toMentor).toHaveLength(1);
    expect(toMentor[0]?.body.text).toContain("Bonjour Yanis,");
    expect(toMentor[0]?.body.text).toContain("À bientôt\u00a0!");
    expect(await about(helene.answers.email)).toHaveLength(1);
    expect((await about(elodie.answers.email))[0]?.body.text).toContain("Bonjour Élodie,");
    expect(await about(ended.answers.email)).toHaveLength(0);

    const page = await pageText(await adminPage(`${progress}?fait=courriel-vague`));
    expect(page).toContain("Le courriel à la vague est enregistré");
    expect(page).toContain("Les courriels sont dans la file d'envoi (3 sur 3)");
    expect(page).toContain("3 destinataires — tous les participants des binômes en cours");
    for (const pairId of ids.slice(0, 2)) {
      const pairPage = await pageText(await adminPage(`/admin/binomes/${pairId}`));
      expect(pairPage.match(/<td>Binôme\u00a0: Réunion de lancement<\/td>/g)).toHaveLength(2);
      expect(pairPage.match(/Courriel de l'équipe à la vague/g)).toHaveLength(2);
    }
  });

  it("queues a cohort email through the JSON API once per key, with its count first", async () => {
    const { cohortId, mentor } = await cohortWithPairs();
    const count = await (
      await adminJson("POST", `/api/admin/cohorts/${cohortId}/mailings/preview`, {
        audience: "mentors",
      })
    ).json();
    expect(count).toEqual({ recipients: 1 });
    const body = {
      audience: "mentors",
      subject: "Réseau des mentors",
      text: "Prochaine rencontre jeudi.",
      requestKey: "cle-api-courriel-0001",
    };
    const first = await adminJson("POST", `/api/admin/cohorts/${cohortId}/mailings`, body);
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({
      created: true,
      mailing: { total: 1, queued: 1, status: "queued" },
    });
    const again = await adminJson("POST", `/api/admin/cohorts/${cohortId}/mailings`, body);
    expect((await again.json()).created).toBe(false);
    const read = await adminJson(
      "GET",
      `/api/admin/cohorts/${cohortId}/mailings/${body.requestKey}`,
    );
    expect((await read.json()).queued).toBe(1);
    const received = (await emailsTo(mentor.answers.email)).filter((email) =>
      email.subject.includes("Réseau des mentors"),
    );
    expect(received).toHaveLength(1);
  });
});
