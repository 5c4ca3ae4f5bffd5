import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { MentorApplicationSchema } from "#core/mentor";
import { QuestionnaireSchema } from "#core/questionnaire";
import { mentorFromForm, questionnaireFromForm } from "#web/form-data";
import { issuesByField } from "#web/validation";
import {
  mentorAnswers,
  mentorForm,
  questionnaireAnswers,
  questionnaireForm,
} from "../support/fixtures";

const errorsOf = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  return result.success ? {} : issuesByField(schema, result.issues);
};

describe("needs questionnaire schema", () => {
  it("accepts a complete questionnaire and normalises the email address", () => {
    const result = v.parse(
      QuestionnaireSchema,
      questionnaireAnswers({ email: "  Claire.Martin@Finances.Gouv.FR " }),
    );
    expect(result.email).toBe("claire.martin@finances.gouv.fr");
  });

  it("names every missing field with a French message", () => {
    const errors = errorsOf(QuestionnaireSchema, {});
    expect(errors).toMatchObject({
      firstName: "Indiquez votre prénom.",
      email: "Indiquez votre adresse électronique professionnelle.",
      priorityThemes: "Choisissez au moins un thème à travailler.",
      consent: "Vous devez accepter la politique de confidentialité pour envoyer le formulaire.",
    });
    expect(Object.values(errors).every((message) => !/Invalid|Expected/.test(message))).toBe(true);
  });

  it("refuses more than three priority themes", () => {
    const errors = errorsOf(
      QuestionnaireSchema,
      questionnaireAnswers({
        priorityThemes: [
          "social-networks",
          "collaborative-tools",
          "artificial-intelligence",
          "data-business-models",
        ],
      }),
    );
    expect(errors.priorityThemes).toBe("Choisissez 3 réponses au plus.");
  });

  it("refuses a theme that is not in the programme's list", () => {
    const errors = errorsOf(
      QuestionnaireSchema,
      questionnaireAnswers({ priorityThemes: ["astrologie"] }),
    );
    expect(errors["priorityThemes.0"]).toBe("Choisissez au moins un thème à travailler.");
  });

  it("refuses an unknown field instead of dropping it silently", () => {
    const errors = errorsOf(QuestionnaireSchema, { ...questionnaireAnswers(), salary: 100000 });
    expect(errors).toEqual({ salary: "Ce champ n'est pas attendu." });
  });

  it("asks for a comfort level for every theme", () => {
    const answers = questionnaireAnswers();
    const { "data-business-models": _, ...comfort } = answers.comfort;
    const errors = errorsOf(QuestionnaireSchema, { ...answers, comfort });
    expect(errors).toEqual({
      "comfort.data-business-models": "Indiquez votre aisance pour ce thème.",
    });
  });

  it("treats an empty optional assistant address as absent but rejects a malformed one", () => {
    expect(
      v.parse(QuestionnaireSchema, questionnaireAnswers({ assistantEmail: "" })).assistantEmail,
    ).toBeUndefined();
    expect(
      errorsOf(QuestionnaireSchema, questionnaireAnswers({ assistantEmail: "assistant" }))
        .assistantEmail,
    ).toMatch(/adresse électronique valide/);
  });

  it("reads a posted HTML form into the same shape the JSON API validates", () => {
    const answers = questionnaireAnswers();
    const fromForm = questionnaireFromForm(
      Object.fromEntries(groupForm(questionnaireForm(answers))),
    );
    expect(v.parse(QuestionnaireSchema, fromForm)).toEqual(v.parse(QuestionnaireSchema, answers));
  });
});

describe("mentor application schema", () => {
  it("accepts a complete application", () => {
    expect(v.safeParse(MentorApplicationSchema, mentorAnswers()).success).toBe(true);
  });

  it("limits the number of mentees at once to 1 to 3", () => {
    expect(errorsOf(MentorApplicationSchema, mentorAnswers({ capacity: 4 })).capacity).toBe(
      "Vous pouvez accompagner entre 1 et 3 cadres à la fois.",
    );
  });

  it("requires at least one theme offered", () => {
    expect(errorsOf(MentorApplicationSchema, mentorAnswers({ themes: [] })).themes).toBe(
      "Choisissez au moins un thème que vous pouvez transmettre.",
    );
  });

  it("reads the form's level selects as offered themes, leaving out themes not offered", () => {
    const answers = mentorAnswers();
    const values = Object.fromEntries(groupForm(mentorForm(answers)));
    values["themes.data-business-models"] = "0";
    expect(v.parse(MentorApplicationSchema, mentorFromForm(values))).toEqual(
      v.parse(MentorApplicationSchema, answers),
    );
  });
});

/** Repeated form names become arrays, as Hono's `parseBody({ all: true })` gives them. */
function groupForm(form: URLSearchParams): Map<string, string | string[]> {
  const grouped = new Map<string, string | string[]>();
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    grouped.set(
      key,
      ["priorityThemes", "formats", "availability"].includes(key) ? all : (all[0] ?? ""),
    );
  }
  return grouped;
}
