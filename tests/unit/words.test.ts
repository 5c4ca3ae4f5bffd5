import { describe, expect, it } from "vitest";
import { de, formatDay, formatHours, formatTime, formatWhen, plural, que } from "#core/words";
import { confirmLabel } from "#web/pages/admin/matching";

describe("French elision before a name", () => {
  it.each([
    ["Hélène", "d'Hélène", "qu'Hélène"],
    ["Élodie", "d'Élodie", "qu'Élodie"],
    ["Yves", "d'Yves", "qu'Yves"],
    ["Anne", "d'Anne", "qu'Anne"],
    ["Marc", "de Marc", "que Marc"],
  ])("%s gives %s and %s", (name, afterDe, afterQue) => {
    expect(de(name)).toBe(afterDe);
    expect(que(name)).toBe(afterQue);
  });
});

describe("counts with their noun", () => {
  it.each([
    [0, "0 binôme", "0 pairs"],
    [1, "1 binôme", "1 pair"],
    [2, "2 binômes", "2 pairs"],
  ])("%i reads %s and %s", (count, fr, en) => {
    expect(plural("fr", count, "binôme", "binômes")).toBe(fr);
    expect(plural("en", count, "pair", "pairs")).toBe(en);
  });
});

describe("dates and durations", () => {
  it("writes the first of the month as an ordinal in French", () => {
    expect(formatDay(new Date("2026-12-01T10:00:00Z"))).toEqual({
      fr: "1er décembre 2026",
      en: "1 December 2026",
    });
    expect(formatDay(new Date("2026-12-11T10:00:00Z")).fr).toBe("11 décembre 2026");
  });

  it("writes times the French way, in Paris time", () => {
    expect(formatTime(new Date("2026-12-01T08:00:00Z")).fr).toBe("9\u00a0h");
    expect(formatTime(new Date("2026-12-01T13:30:00Z")).fr).toBe("14\u00a0h\u00a030");
    expect(formatWhen(new Date("2026-12-01T13:30:00Z")).fr).toBe(
      "mardi 1er décembre 2026 à 14\u00a0h\u00a030 (heure de Paris)",
    );
  });

  it("writes hours and minutes, not decimal hours", () => {
    expect(formatHours(4.75).fr).toBe("4\u00a0h\u00a045");
    expect(formatHours(4.75).en).toBe("4\u00a0h\u00a045\u00a0min");
    expect(formatHours(3).fr).toBe("3\u00a0h");
    expect(formatHours(0.5).fr).toBe("30\u00a0min");
  });
});

describe("the matching page's confirmation button", () => {
  it.each([
    [1, "Confirmer le binôme", "Confirm the pair"],
    [2, "Confirmer les 2 binômes", "Confirm the 2 pairs"],
  ])("reads right for %i pair(s)", (count, fr, en) => {
    expect(confirmLabel(count)).toEqual({ fr, en });
  });
});
