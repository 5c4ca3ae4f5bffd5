import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allTermsOf, fold, searchChanges, termsOf } from "#core/search";

/** What a search finds among a form's terms: does one start with what was typed? */
const finds = (terms: string[], typed: string) =>
  terms.some((term) => term.startsWith(fold(typed)));

const names = fc.constantFrom(
  "Claire",
  "Dubois",
  "Hélène",
  "Jean-Pierre",
  "Marie Anne",
  "d'Ormesson",
  "Le Gall",
  "Léa",
  "Lea",
  "Œdipe",
  "",
);

describe("a person's search terms", () => {
  it("are the full name both ways and the address, when a name is one word", () => {
    expect(
      termsOf({ firstName: "Claire", lastName: "Dubois", email: "Claire.Dubois@Culture.gouv.fr" }),
    ).toEqual(["claire dubois", "dubois claire", "claire.dubois@culture.gouv.fr"]);
  });

  it("keep each word of a compound name that starts no other term", () => {
    expect(termsOf({ firstName: "Jean-Pierre", lastName: "Le Gall" }).sort()).toEqual(
      ["gall", "jean-pierre le gall", "le gall jean-pierre", "pierre"].sort(),
    );
  });

  it("find a person by whatever found them when every term was kept", () => {
    fc.assert(
      fc.property(names, names, fc.string({ maxLength: 12 }), (firstName, lastName, typed) => {
        const answers = { firstName, lastName, email: "agent@finances.gouv.fr" };
        const kept = termsOf(answers);
        const every = allTermsOf(answers);
        expect(kept.every((term) => every.includes(term))).toBe(true);
        expect(finds(kept, typed)).toBe(finds(every, typed));
        for (const term of every) expect(finds(kept, term)).toBe(true);
      }),
    );
  });

  it("delete on a change of name every term the form may hold, those it was given before too", () => {
    const form = (firstName: string) => ({
      id: "q1",
      cohortId: "vague-1",
      answers: { firstName, lastName: "Dubois", email: "c.dubois@finances.gouv.fr" },
    });
    const changes = searchChanges("questionnaire", form("Claire"), form("Clara"));
    const deleted = changes.flatMap((change) => ("Delete" in change ? [change.Delete.Key.sk] : []));
    const put = changes.flatMap((change) => ("Put" in change ? [String(change.Put.Item.sk)] : []));
    // « claire » and « dubois »: terms that a form written before this rule may still hold.
    expect(deleted.sort()).toEqual(
      ["SEARCH#claire", "SEARCH#claire dubois", "SEARCH#dubois", "SEARCH#dubois claire"].sort(),
    );
    expect(put.sort()).toEqual(["SEARCH#clara dubois", "SEARCH#dubois clara"].sort());
  });
});
