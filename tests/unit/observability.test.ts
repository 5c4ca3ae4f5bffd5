import { describe, expect, it } from "vitest";
import { withoutPersonalData } from "#core/observability";

describe("log redaction", () => {
  it("masks email addresses quoted in AWS error messages", () => {
    const message =
      "Email address is not verified. The following identities failed the check in region EU-WEST-3: claire.martin@finances.gouv.fr, Yanis <yanis@example.org>";
    const redacted = withoutPersonalData(message);
    expect(redacted).not.toMatch(/claire|yanis@/);
    expect(redacted).toContain("<email>");
  });

  it("masks link tokens in paths", () => {
    expect(withoutPersonalData("POST /lien/AbC123.def456?lang=en failed")).toBe(
      "POST /lien/<token>?lang=en failed",
    );
  });
});
