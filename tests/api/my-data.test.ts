import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { addNote } from "#core/pair/notes";
import { startPair } from "#core/pair/start";
import { listRequests, stillMentioned } from "#core/privacy";
import { getQuestionnaire } from "#core/questionnaire";
import { app } from "../../functions/api/app";
import { emailsTo, type StoredEmail, uniqueEmail } from "../support/inbox";
import {
  adminForm,
  adminPage,
  freshCohortId,
  origin,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

/**
 * A person's data rights through the pages: they ask with their address, follow the link sent
 * there, see and download their data, ask for a correction or erasure; the team sees the requests
 * with their deadline and acts on them.
 */

const post = (path: string, form: Record<string, string>) =>
  app.request(`${origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(form),
  });

const linkIn = (email: StoredEmail | undefined) => {
  const match = /\/mes-donnees\/([A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})/.exec(
    email?.body.text ?? "",
  );
  if (!match?.[1]) throw new Error("No data link in the email");
  return match[1];
};

async function linkFor(address: string) {
  const response = await post("/mes-donnees", { email: address });
  expect(response.status).toBe(200);
  const sent = (await emailsTo(address)).filter((email) =>
    email.body.text?.includes("/mes-donnees/"),
  );
  return linkIn(sent.at(-1));
}

const unique = () => Math.random().toString(36).slice(2, 8);

describe("a person asks for their data", () => {
  it("answers the same for a known and an unknown address, and sends the link only to that address", async () => {
    const cohortId = freshCohortId();
    const { answers } = await submitMentee(cohortId);
    const unknown = uniqueEmail("inconnu");

    const known = await post("/mes-donnees", { email: answers.email });
    const stranger = await post("/mes-donnees", { email: unknown });
    expect(known.status).toBe(stranger.status);
    expect(await known.text()).toBe(await stranger.text());

    const toKnown = (await emailsTo(answers.email)).filter((e) =>
      e.subject.includes("vos données"),
    );
    expect(toKnown).toHaveLength(1);
    expect(toKnown[0]?.destination.to).toEqual([answers.email]);
    expect(toKnown[0]?.destination.cc).toEqual([]);
    // Asking again at once sends nothing more: the form cannot flood an inbox.
    await post("/mes-donnees", { email: answers.email });
    expect(
      (await emailsTo(answers.email)).filter((e) => e.subject.includes("vos données")),
    ).toHaveLength(1);
    // Ten minutes later a new link goes, although DynamoDB Local (like DynamoDB, which deletes
    // expired items up to days later) still holds the throttle.
    clock.advanceBy(10 * 60_000 + 1_000);
    await post("/mes-donnees", { email: answers.email });
    expect(
      (await emailsTo(answers.email)).filter((e) => e.subject.includes("vos données")),
    ).toHaveLength(2);
  });

  it("refuses an address that is not one, in French, keeping what was typed", async () => {
    const response = await post("/mes-donnees", { email: "pas une adresse" });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("Saisissez une adresse électronique valide");
    expect(page).toContain('value="pas une adresse"');
  });

  it("shows what is held, offers the download, and records a correction and an erasure request for the team", async () => {
    const cohortId = freshCohortId();
    const lastName = `Zorglub${unique()}`;
    const { id, answers } = await submitMentee(cohortId, { firstName: "Hélène", lastName });
    const token = await linkFor(answers.email);

    const page = await (await app.request(`${origin}/mes-donnees/${token}`)).text();
    expect(page).toContain(lastName);
    expect(page).toContain("Votre questionnaire de besoins");
    expect(page).toContain("Intelligence artificielle");
    expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    const download = await app.request(`${origin}/mes-donnees/${token}/donnees.json`);
    expect(download.headers.get("content-disposition")).toContain("attachment");
    const json = (await download.json()) as { items: { pk: string }[] };
    expect(json.items.map((item) => item.pk)).toContain(`QUESTIONNAIRE#${id}`);

    const empty = await post(`/mes-donnees/${token}/effacement`, {});
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Cochez la case pour confirmer");

    const correction = await post(`/mes-donnees/${token}/correction`, {
      detail: "Mon service a changé : Direction du numérique",
    });
    expect(correction.status).toBe(200);
    const erasure = await post(`/mes-donnees/${token}/effacement`, { confirm: "oui" });
    expect(erasure.status).toBe(200);
    // Posting the same form twice records one request.
    await post(`/mes-donnees/${token}/effacement`, { confirm: "oui" });

    const mine = (await listRequests()).filter((request) => request.email === answers.email);
    expect(mine.map((request) => request.type).sort()).toEqual([
      "access",
      "erasure",
      "rectification",
    ]);
    const received = (await emailsTo(answers.email)).map((email) => email.subject);
    expect(received).toContain("Binôme\u00a0: nous avons bien reçu votre demande d'effacement");

    const list = await (await adminPage("/admin/donnees")).text();
    expect(list).toContain(answers.email);
    expect(list).toContain("Effacement");
    expect(list).toContain("À traiter");
    const erasureRequest = mine.find((request) => request.type === "erasure");
    const deadline = new Date(erasureRequest?.deadline ?? "");
    expect(deadline.getTime() - clock.now().getTime()).toBeGreaterThan(27 * 24 * 3600 * 1000);

    const done = await adminForm("/admin/donnees/personne/effacer", {
      adresse: answers.email,
      demande: erasureRequest?.id ?? "",
      confirmer: "oui",
    });
    expect(done.status).toBe(303);
    expect(await stillMentioned({ email: answers.email, names: [lastName] })).toEqual([]);
    expect(
      (await listRequests()).find((request) => request.id === erasureRequest?.id)?.status,
    ).toBe("done");
    // The link died with the data.
    expect((await app.request(`${origin}/mes-donnees/${token}`)).status).toBe(404);
  });

  it("shows the team's notes on their pair, with who wrote them and when", async () => {
    useRecordingEngine();
    const cohortId = freshCohortId();
    const mentee = await submitMentee(cohortId, { firstName: "Hélène", lastName: `Z${unique()}` });
    const mentor = await submitMentor(cohortId, { firstName: "Yanis" });
    const pairId = `binome-donnees-${unique()}`;
    await startPair({ pairId, cohortId, menteeId: mentee.id, mentorId: mentor.id });
    await addNote(pairId, {
      author: "Sophie Leroy",
      text: "Appel : elle change de service en janvier.",
      requestKey: `cle-note-${unique()}`,
    });
    const page = await (
      await app.request(`${origin}/mes-donnees/${await linkFor(mentee.answers.email)}`)
    ).text();
    expect(page).toContain("Les notes de l&#39;équipe d&#39;animation sur vos binômes");
    expect(page).toMatch(/Sophie Leroy\u00a0: Appel\u00a0: elle change de service en janvier\./);
    expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("refuses an altered link with a page that offers a new one", async () => {
    const response = await app.request(`${origin}/mes-donnees/${"a".repeat(22)}.${"b".repeat(43)}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Demander un nouveau lien");
  });
});

describe("the programme team acts on a person's data", () => {
  it("corrects one field under the form's own rule, and refuses a bad value in French", async () => {
    const cohortId = freshCohortId();
    const { id, answers } = await submitMentee(cohortId);
    const bad = await adminForm("/admin/donnees/personne/corriger", {
      adresse: answers.email,
      formulaire: `questionnaire:${id}`,
      champ: "assistantEmail",
      valeur: "pas une adresse",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Saisissez une adresse électronique valide");

    const good = await adminForm("/admin/donnees/personne/corriger", {
      adresse: answers.email,
      formulaire: `questionnaire:${id}`,
      champ: "directorate",
      valeur: "Direction du numérique",
    });
    expect(good.status).toBe(303);
    expect((await getQuestionnaire(id))?.answers.directorate).toBe("Direction du numérique");
  });

  it("finds nothing for an unknown address and offers no action on it", async () => {
    const page = await (
      await adminPage(`/admin/donnees/personne?adresse=${encodeURIComponent(uniqueEmail("x"))}`)
    ).text();
    expect(page).toContain("Nous ne détenons aucune donnée liée à cette adresse.");
    expect(page).not.toContain("Effacer cette personne");
  });
});
