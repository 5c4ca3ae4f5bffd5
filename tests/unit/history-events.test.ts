import { describe, expect, it } from "vitest";
import { describeHistoryEvent } from "#web/pages/admin/history-events";

describe("history events as the programme team reads them", () => {
  it("names pair events in French", () => {
    expect(describeHistoryEvent("pair.started")).toBe("Binôme confirmé, parcours démarré");
    expect(describeHistoryEvent("pair.ended-after-no-shows")).toBe(
      "Arrêté automatiquement\u00a0: rendez-vous manqué plusieurs fois",
    );
  });

  it("names meeting events with their meeting", () => {
    expect(describeHistoryEvent("session-2.rescheduled")).toBe(
      "Séance n°\u00a02\u00a0: date déplacée",
    );
    expect(describeHistoryEvent("preparation.held")).toBe(
      "Rendez-vous de préparation\u00a0: a eu lieu",
    );
    expect(describeHistoryEvent("follow-up.no-show")).toBe(
      "Séance de suivi\u00a0: n'a pas eu lieu",
    );
  });

  it("agrees a cancellation with its meeting: the call is « annulé », a séance « annulée »", () => {
    expect(describeHistoryEvent("preparation.cancelled")).toBe(
      "Rendez-vous de préparation\u00a0: annulé",
    );
    expect(describeHistoryEvent("session-2.cancelled")).toBe("Séance n°\u00a02\u00a0: annulée");
    expect(describeHistoryEvent("follow-up.cancelled")).toBe("Séance de suivi\u00a0: annulée");
    expect(describeHistoryEvent("session-2.cancelled", "en")).toBe("Session 2: cancelled");
  });

  it("shows an unknown code as it is rather than hiding it", () => {
    expect(describeHistoryEvent("something.new")).toBe("something.new");
  });
});

describe("history events as the person reads them in a copy of their data", () => {
  it("says the same facts without pointing into the team's pages", () => {
    expect(describeHistoryEvent("session-1.feedback", "fr", "person")).toBe(
      "Séance n°\u00a01\u00a0: retour du cadre reçu",
    );
    expect(describeHistoryEvent("session-1.feedback", "en", "person")).toBe(
      "Session 1: manager's feedback received",
    );
    expect(describeHistoryEvent("step.failed", "fr", "person")).toBe(
      "Incident technique, signalé à l'équipe d'animation",
    );
    expect(describeHistoryEvent("pair.started", "fr", "person")).toBe(
      "Binôme confirmé, parcours démarré",
    );
    for (const event of ["session-1.feedback", "step.failed", "pair.paired-again"]) {
      expect(describeHistoryEvent(event, "fr", "person")).not.toMatch(/voir|exécution/);
      expect(describeHistoryEvent(event, "en", "person")).not.toMatch(/see |execution/);
    }
  });
});
