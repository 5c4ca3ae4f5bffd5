import { beforeAll, describe, expect, it } from "vitest";
import { startPair } from "#core/pair/start";
import {
  adminForm,
  adminJson,
  adminPage,
  freshCohortId,
  pageText,
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
