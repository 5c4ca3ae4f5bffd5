import { describe, expect, it } from "vitest";
import { contrastRatio, palette, readableTextOn } from "#web/styles";

describe("colours from the programme's configuration", () => {
  it("keeps every text colour of the default palette at 4.5:1 or more", () => {
    const colours = palette();
    expect(contrastRatio(colours.primary, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(colours.onPrimary, colours.primary)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(colours.onPrimary, colours.primaryHover)).toBeGreaterThanOrEqual(4.5);
    for (const text of [colours.text, colours.muted, colours.error, colours.primary]) {
      expect(contrastRatio(text, "#ffffff")).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(text, colours.soft)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio(colours.text, colours.field)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(colours.focus, "#ffffff")).toBeGreaterThanOrEqual(3);
  });

  it("replaces a primary colour too pale for links and writes dark text on light buttons", () => {
    expect(palette({ primary: "#ffd200", accent: "#e1000f" }).primary).toBe("#000091");
    expect(palette({ primary: "#18753c", accent: "#e1000f" }).primary).toBe("#18753c");
    expect(readableTextOn("#ffd200")).toBe("#161616");
    expect(readableTextOn("#000091")).toBe("#ffffff");
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
  });
});
