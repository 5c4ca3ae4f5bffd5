import { describe, expect, it } from "vitest";
import { app } from "../../functions/api/app";
import {
  mentorAnswers,
  mentorForm,
  questionnaireAnswers,
  questionnaireForm,
} from "../support/fixtures";
import { emailsTo } from "../support/inbox";

const origin = "http://localhost";

const postForm = (path: string, form: URLSearchParams) =>
  app.request(`${origin}${path}`, {
    method: "POST",
    body: form,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
  });

describe("public pages", () => {
  it.each(["/", "/questionnaire", "/candidature"])(
    "serves %s in French, usable without JavaScript",
    async (path) => {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<html lang="fr">');
      expect(html).not.toContain("<script");
    },
  );

  it("says in the privacy notice that the pair exchange addresses, replies reach the other, and the team's notes are held", async () => {
    const text = (html: string) => html.replaceAll("&#39;", "'").replaceAll(/\s+/g, " ");
    const french = text(await (await app.request("/confidentialite")).text());
    expect(french).toContain(
      "chacun reçoit le nom et l'adresse professionnelle de l'autre, et une réponse à un courriel d'organisation",
    );
    expect(french).toContain("part directement à l'autre personne du binôme");
    expect(french).toContain("les notes que l'équipe d'animation écrit sur votre binôme");
    expect(french).toContain("Elles figurent dans la copie de vos données");
    const english = text(await (await app.request("/confidentialite?lang=en")).text());
    expect(english).toContain("each receives the other's name and work address");
    expect(english).toContain("the notes the programme team writes about your pair");
  });

  it("asks the three questions of the programme on the questionnaire", async () => {
    const html = await (await app.request("/questionnaire")).text();
    expect(html).toContain("à quel point vous sentez-vous à l&#39;aise");
    expect(html).toContain("Sur quels thèmes souhaitez-vous travailler en priorité");
    expect(html).toContain("Comment préférez-vous vous rencontrer");
  });

  it("stores a posted questionnaire, shows the confirmation and sends the acknowledgement", async () => {
    const answers = questionnaireAnswers();
    const response = await postForm("/questionnaire", questionnaireForm(answers));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("votre questionnaire est bien enregistré");
    const emails = await emailsTo(answers.email);
    expect(emails).toHaveLength(1);
  });

  it("says the answers were updated when the same manager posts changed answers", async () => {
    const answers = questionnaireAnswers();
    await postForm("/questionnaire", questionnaireForm(answers));
    const response = await postForm(
      "/questionnaire",
      questionnaireForm({ ...answers, goal: "Autre objectif" }),
    );
    expect(await response.text()).toContain("Vos réponses ont été mises à jour");
    expect(await emailsTo(answers.email)).toHaveLength(1);
  });

  it("returns a form with errors filled in, with a summary first and each message by its field", async () => {
    const answers = questionnaireAnswers();
    const form = questionnaireForm(answers);
    form.delete("consent");
    form.set("email", "claire-sans-arobase");
    const response = await postForm("/questionnaire", form);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/<title>Erreur/);
    expect(html).toContain('role="alert"');
    expect(html).toContain('href="#champ-email"');
    expect(html).toContain('href="#champ-consent"');
    expect(html).toMatch(
      /id="champ-email"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="champ-email"/,
    );
    expect(html).toContain(`value="claire-sans-arobase"`);
    expect(html).toContain(`value="${answers.directorate}"`);
    expect(html).toContain("Vous devez accepter la politique de confidentialité");
    expect(await emailsTo(answers.email)).toHaveLength(0);
  });

  it("takes a mentor application from the form", async () => {
    const answers = mentorAnswers();
    const response = await postForm("/candidature", mentorForm(answers));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("votre candidature est bien enregistrée");
    expect(await emailsTo(answers.email)).toHaveLength(1);
  });

  it("refuses a form posted from another site", async () => {
    const answers = questionnaireAnswers();
    const response = await app.request(`${origin}/questionnaire`, {
      method: "POST",
      body: questionnaireForm(answers),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://evil.example",
      },
    });
    expect(response.status).toBe(403);
    expect(await emailsTo(answers.email)).toHaveLength(0);
  });

  it("switches to English on request", async () => {
    const response = await app.request("/questionnaire?lang=en");
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Needs questionnaire");
    expect(response.headers.get("set-cookie")).toContain("lang=en");
  });
});

describe("unknown pages", () => {
  it("answers a French 404 page in the site's frame", async () => {
    const response = await app.request("/page-qui-n-existe-pas");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Page introuvable");
    expect(html).toContain('href="#contenu"');
  });
});
