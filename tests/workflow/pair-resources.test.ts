import { describe, expect, it } from "vitest";
import { addResource } from "#core/resources";
import { emailsTo } from "../support/inbox";
import { answer, day, held, newPair, schedule, useEngine } from "./support";

/**
 * A pair's introduction and session invitations point each participant to the resources of the
 * pair's themes (the mentee's priorities); the mentors' modules go to the mentor only.
 */
const { engine } = useEngine();

describe("resources in a pair's emails", () => {
  it("points each participant to the resources of the pair's themes, modules for the mentor only", async () => {
    const guide = await addResource({
      theme: "social-networks",
      title: "Soigner son profil LinkedIn",
      url: "https://www.exemple.gouv.fr/linkedin",
      description: "Dix étapes pour un profil qui donne envie.",
      durationMinutes: 20,
      audience: "everyone",
    });
    const module = await addResource({
      theme: "artificial-intelligence",
      title: "Trame de séance : l'IA au service",
      url: "https://www.exemple.gouv.fr/trame-ia",
      description: "Le déroulé d'une séance d'une heure.",
      durationMinutes: 60,
      audience: "mentors",
    });
    const elsewhere = await addResource({
      theme: "digital-identity-security",
      title: "Protéger ses comptes",
      url: "https://www.exemple.gouv.fr/comptes",
      description: "Mots de passe et double authentification.",
      durationMinutes: 15,
      audience: "everyone",
    });
    const { pairId, menteeEmail, mentorEmail } = await newPair();
    await engine().settle();

    const introductionTo = async (address: string) =>
      (await emailsTo(address)).find((email) => email.subject.includes("voici votre binôme"))?.body
        .text ?? "";
    const menteeIntro = await introductionTo(menteeEmail);
    const mentorIntro = await introductionTo(mentorEmail);
    expect(menteeIntro).toContain(
      `${guide.title} (20\u00a0min) — ${guide.description}\u00a0: ${guide.url}`,
    );
    expect(menteeIntro).not.toContain(module.title);
    expect(mentorIntro).toContain(guide.title);
    expect(mentorIntro).toContain(`${module.title} (1\u00a0h)`);
    for (const text of [menteeIntro, mentorIntro]) expect(text).not.toContain(elsewhere.title);

    expect(await schedule(pairId, "preparation", 3)).toBe("recorded");
    await engine().advance(4 * day);
    expect(await held(pairId, "preparation")).toBe("recorded");
    expect(
      await answer(pairId, "preparation", "objectives", "mentor", {
        objectives: "Créer un compte LinkedIn",
        sessions: 3,
      }),
    ).toBe("recorded");
    expect(await schedule(pairId, "session-1", 3)).toBe("recorded");
    await engine().settle();
    const invitationTo = async (address: string) =>
      (await emailsTo(address)).filter((email) => email.attachments?.length).at(-1)?.body.text ??
      "";
    expect(await invitationTo(menteeEmail)).toContain(guide.url);
    expect(await invitationTo(menteeEmail)).not.toContain(module.url);
    expect(await invitationTo(mentorEmail)).toContain(module.url);
  });
});
