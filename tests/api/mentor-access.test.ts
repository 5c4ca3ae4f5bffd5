import { describe, expect, it } from "vitest";
import { createCohort } from "#core/cohort";
import { app } from "../../functions/api/app";
import { emailsTo, type StoredEmail, uniqueEmail } from "../support/inbox";
import { freshCohortId, origin, pageText, submitMentor } from "./admin-support";

/**
 * A mentor who lost the link to their page asks for it again at /espace-mentor with their
 * address, as a participant does at /mon-binome: the same answer whether the address is a
 * mentor's or not, the link only to that address, at most one every ten minutes.
 */

const post = (path: string, form: Record<string, string>) =>
  app.request(`${origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(form),
  });

const get = (path: string) => app.request(`${origin}${path}`);

const accessMail = async (address: string) =>
  (await emailsTo(address)).filter((email) => email.body.text?.includes("/espace-mentor/acces/"));

const accessPath = (email: StoredEmail | undefined) => {
  const match = /\/espace-mentor\/acces\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(
    email?.body.text ?? "",
  );
  if (!match) throw new Error("No access link in the email");
  return match[0];
};

describe("a mentor asks for the link to their page again", () => {
  it("answers the same for any address, sends the link only there, and opens a mentor's page", async () => {
    const cohortId = freshCohortId();
    await createCohort({ id: cohortId, name: "Vague lien perdu" });
    const ines = await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
    const stranger = uniqueEmail("inconnu");

    const form = await pageText(await get("/espace-mentor"));
    expect(form).toContain("Retrouver ma page de mentor");
    expect(form).toContain('type="email"');

    // Bad input comes back in French, with what was typed.
    const bad = await post("/espace-mentor", { email: "pas-une-adresse" });
    expect(bad.status).toBe(422);
    const badPage = await pageText(bad);
    expect(badPage).toContain("Saisissez une adresse électronique valide");
    expect(badPage).toContain('value="pas-une-adresse"');
    const empty = await post("/espace-mentor", {});
    expect(empty.status).toBe(422);
    expect(await pageText(empty)).toContain("Indiquez votre adresse électronique.");

    // A mentor's address and an unknown one get the same answer and the same work (nothing is
    // looked up until the link is opened); each link goes to the address typed, and only there.
    const known = await post("/espace-mentor", { email: ines.answers.email.toUpperCase() });
    const unknown = await post("/espace-mentor", { email: stranger });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.text()).toBe(await unknown.text());
    expect(await emailsTo(stranger)).toHaveLength(1);
    const sent = await accessMail(ines.answers.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.destination.to).toEqual([ines.answers.email.toLowerCase()]);
    expect(sent[0]?.body.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // Asked again at once: the same answer, nothing more sent.
    expect((await post("/espace-mentor", { email: ines.answers.email })).status).toBe(200);
    expect(await accessMail(ines.answers.email)).toHaveLength(1);

    // The link opens her page (through a fresh link of her own); a forged one does not.
    const opened = await get(accessPath(sent[0]));
    expect(opened.status).toBe(303);
    const page = opened.headers.get("location") ?? "";
    expect(page).toMatch(/^\/espace-mentor\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const space = await pageText(await get(page));
    expect(space).toContain("Mon espace de mentor");
    expect(space).toContain("Inès Benali");
    const forged = await get(
      "/espace-mentor/acces/aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    );
    expect(forged.status).toBe(404);
    // The stranger's link opens no page: no mentor has that address.
    const theirs = await get(accessPath((await accessMail(stranger))[0]));
    expect(theirs.status).toBe(404);
    expect(await pageText(forged)).toContain("/espace-mentor");
  });
});
