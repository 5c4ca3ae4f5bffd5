import { describe, expect, it } from "vitest";
import type { Bilingual } from "#core/email/layout";
import { render } from "#core/email/layout";
import * as messages from "#core/email/pair-messages";
import { env } from "#core/env";

const link = (purpose: string) => `${env.appUrl}/lien/${purpose}-AAAAAAAAAAAAAAAAAAAA.sig`;
const start = new Date("2026-03-17T13:30:00Z"); // 14:30 in Paris
const session2: messages.Meeting = { kind: "session", number: 2 };
const people = { recipientFirstName: "Élodie", otherFirstName: "Marc" };
const details = {
  ...people,
  meeting: session2,
  start,
  durationMinutes: 60,
  format: "video" as const,
  location: "https://visio.example.gouv.fr/salle",
  rescheduleLink: link("reschedule"),
  cancelLink: link("cancel"),
};

type Case = { message: Bilingual; links: string[]; mentions: string[] };

const cases: Record<string, Case> = {
  introduction: {
    message: messages.introduction({
      recipient: "mentor",
      mentorFirstName: "Marc",
      menteeFirstName: "Élodie",
      other: { fullName: "Élodie Durand", email: "elodie.durand@finances.gouv.fr" },
      scheduleLink: link("schedule"),
      sessions: 3,
      menteeThemeIds: ["social-networks", "artificial-intelligence"],
    }),
    links: [link("schedule")],
    mentions: [
      "Confidentialité",
      "3 séances",
      "Les thèmes qu'Élodie souhaite",
      "Intelligence artificielle",
      "Élodie Durand\u00a0: elodie.durand@finances.gouv.fr",
    ],
  },
  schedulingRequest: {
    message: messages.schedulingRequest({
      ...people,
      meeting: session2,
      scheduleLink: link("schedule"),
    }),
    links: [link("schedule")],
    mentions: ["la séance n°\u00a02"],
  },
  meetingInvitation: {
    message: messages.meetingInvitation(details),
    links: [link("reschedule"), link("cancel")],
    mentions: ["mardi 17 mars 2026 à 14\u00a0h\u00a030", "En visio", "pendant 1\u00a0h environ"],
  },
  meetingInvitationUpdate: {
    message: messages.meetingInvitation({ ...details, update: true }),
    links: [link("reschedule"), link("cancel")],
    mentions: ["La séance n°\u00a02 avec Marc change de date", "déplacée au mardi"],
  },
  meetingReminder: {
    message: messages.meetingReminder(details),
    links: [link("reschedule"), link("cancel")],
    mentions: ["Petit rappel", "mardi 17 mars 2026 à 14\u00a0h\u00a030"],
  },
  tookPlaceRequest: {
    message: messages.tookPlaceRequest({
      ...people,
      meeting: { kind: "preparation" },
      start,
      confirmLink: link("confirm"),
    }),
    links: [link("confirm")],
    mentions: ["Le rendez-vous de préparation", "s'il a bien eu lieu", "une minute"],
  },
  meetingCancelled: {
    message: messages.meetingCancelled({
      ...people,
      meeting: session2,
      start,
      reason: "Réunion de crise",
      scheduleLink: link("schedule"),
    }),
    links: [link("schedule")],
    mentions: ["est annulée", "Réunion de crise"],
  },
  nudge: {
    message: messages.nudge({
      ...people,
      waitingFor: "schedule",
      meeting: session2,
      link: link("schedule"),
    }),
    links: [link("schedule")],
    mentions: ["La séance n°\u00a02 n'a pas encore de date"],
  },
  escalation: {
    message: messages.escalation({
      pairId: "pair-42",
      step: "session-2",
      waitingFor: "schedule",
      waitingOn: "mentor",
      mentorName: "Marc Petit",
      menteeName: "Élodie Durand",
      waitingSince: start,
      nudgesSent: 2,
    }),
    links: [`${env.appUrl}/admin/binomes/pair-42`],
    mentions: [
      "d'Élodie Durand et Marc Petit",
      "la séance n°\u00a02",
      "2 relances",
      "17 mars 2026",
      "proposer une date",
    ],
  },
  failureAlert: {
    message: messages.failureAlert({
      pairId: "pair-42",
      step: "send-invitation",
      error: "TransientStepError",
      at: start,
    }),
    links: [`${env.appUrl}/admin/binomes/pair-42`],
    mentions: ["Cause probable\u00a0: un service était indisponible ou saturé", "l'étape en cours"],
  },
  pauseNotice: {
    message: messages.pauseNotice({
      ...people,
      sessionsHeld: 3,
      followUpAround: new Date("2026-07-01T10:00:00Z"),
    }),
    links: [],
    mentions: ["3 séances", "juillet 2026"],
  },
  followUpRequest: {
    message: messages.followUpRequest({ ...people, scheduleLink: link("schedule") }),
    links: [link("schedule")],
    mentions: ["séance de suivi"],
  },
  selfEvaluationRequestMentee: {
    message: messages.selfEvaluationRequest({
      ...people,
      recipient: "mentee",
      link: link("self-evaluation"),
    }),
    links: [link("self-evaluation")],
    mentions: ["thèmes du questionnaire"],
  },
  selfEvaluationRequestMentor: {
    message: messages.selfEvaluationRequest({
      ...people,
      recipient: "mentor",
      link: link("self-evaluation"),
    }),
    links: [link("self-evaluation")],
    mentions: ["ce que Marc a acquis"],
  },
  selfEvaluationRequestElision: {
    message: messages.selfEvaluationRequest({
      recipientFirstName: "Marc",
      otherFirstName: "Élodie",
      recipient: "mentor",
      link: link("self-evaluation"),
    }),
    links: [link("self-evaluation")],
    mentions: ["ce qu'Élodie a acquis"],
  },
  closing: {
    message: messages.closing({
      ...people,
      sessionsHeld: 4,
      hours: 5.5,
      objectives: "Créer un compte LinkedIn",
    }),
    links: [],
    mentions: ["séances tenues\u00a0: 4", "5\u00a0h\u00a030", "Créer un compte LinkedIn"],
  },
  introductionToMentee: {
    message: messages.introduction({
      recipient: "mentee",
      mentorFirstName: "Marc",
      menteeFirstName: "Élodie",
      other: { fullName: "Marc Petit", email: "marc.petit@finances.gouv.fr" },
      sessions: 1,
    }),
    links: [],
    mentions: [
      "vous présenter Marc Petit, qui sera votre mentor",
      "Marc Petit\u00a0: marc.petit@finances.gouv.fr",
      "1 séance d'environ une heure",
      "Marc vous proposera une date",
    ],
  },
  closingWithoutTheEvaluation: {
    message: messages.closing({
      ...people,
      sessionsHeld: 1,
      hours: 4.75,
      evaluationMissing: true,
    }),
    links: [],
    mentions: [
      "séance tenue\u00a0: 1",
      "4\u00a0h\u00a045",
      "ont eu lieu",
      "ne nous est pas parvenue",
    ],
  },
  automaticStop: {
    message: messages.automaticStop({
      ...people,
      reason: { kind: "no-shows", step: "session-2", attempts: 3 },
    }),
    links: [],
    mentions: [
      "s'est arrêté automatiquement",
      "La séance n°\u00a02 n'a pas pu avoir lieu après 3 tentatives",
      "Ce n'est pas une décision de l'équipe d'animation",
    ],
  },
  cancellationNotice: {
    message: messages.cancellationNotice({ ...people, reason: "Départ du mentor" }),
    links: [],
    mentions: ["Motif\u00a0: Départ du mentor"],
  },
  pausedByTeam: { message: messages.pausedByTeam(people), links: [], mentions: ["en pause"] },
  resumedByTeam: { message: messages.resumedByTeam(people), links: [], mentions: ["reprend"] },
  reassignmentToMentee: {
    message: messages.reassignmentToMentee({
      menteeFirstName: "Élodie",
      newMentorFirstName: "Léa",
    }),
    links: [],
    mentions: ["Léa"],
  },
  reassignmentToNewMentor: {
    message: messages.reassignmentToNewMentor({
      newMentorFirstName: "Léa",
      menteeFirstName: "Élodie",
      sessionsHeld: 1,
      objectives: "LinkedIn",
    }),
    links: [],
    mentions: ["1 séance.", "Objectifs convenus\u00a0: LinkedIn"],
  },
  reassignmentToPreviousMentor: {
    message: messages.reassignmentToPreviousMentor({
      previousMentorFirstName: "Marc",
      menteeFirstName: "Élodie",
    }),
    links: [],
    mentions: ["un autre mentor"],
  },
};

const placeholders = /undefined|NaN|\bnull\b|Invalid Date|\$\{|\{\{|\[object/;

describe.each(Object.entries(cases))("the %s email", (_name, { message, links, mentions }) => {
  const { subject, text, html } = render(message);
  const englishStart = text.indexOf("— English version —");

  it("is written in French first, then in English", () => {
    expect(message.fr.length).toBeGreaterThan(0);
    expect(message.en.length).toBe(message.fr.length);
    expect(englishStart).toBeGreaterThan(0);
    expect(text.indexOf(String(message.fr[0]))).toBeLessThan(englishStart);
    expect(text.lastIndexOf(String(message.en[0]))).toBeGreaterThan(englishStart);
    expect(String(message.fr[0])).toMatch(/^Bonjour/);
    expect(String(message.en[0])).toMatch(/^Hello/);
  });

  it("carries its links in both languages, in the text and the HTML", () => {
    for (const url of links) {
      expect(text.slice(0, englishStart)).toContain(url);
      expect(text.slice(englishStart)).toContain(url);
      expect(html).toContain(`href="${url}"`);
    }
  });

  it("says what it is about, with nothing left unfilled", () => {
    for (const mention of mentions) expect(`${subject}\n${text}`).toContain(mention);
    expect(subject).not.toMatch(placeholders);
    expect(text).not.toMatch(placeholders);
    expect(html).not.toMatch(placeholders);
  });
});

describe("emails to the programme team", () => {
  it("say what kind of fault stopped a step in words, never the error's name", () => {
    const cause = (error: string) =>
      render(messages.failureAlert({ pairId: "pair-42", step: "closure", error, at: start })).text;
    const busy = "un service était indisponible ou saturé, malgré plusieurs essais";
    expect(cause("TransientStepError")).toContain(busy);
    expect(cause("Lambda.ServiceException")).toContain(busy);
    expect(cause("States.Timeout")).toContain("une étape a dépassé le temps qui lui est donné");
    expect(cause("MessageRejected")).toContain("le service d'envoi a refusé le courriel");
    for (const error of ["TypeError", "States.DataLimitExceeded", "States.TaskFailed"]) {
      expect(cause(error)).toContain("Cause probable\u00a0: une erreur technique.");
      expect(cause(error)).toContain("Likely cause: a technical error.");
    }
    for (const error of ["TransientStepError", "States.Timeout", "MessageRejected", "TypeError"]) {
      expect(cause(error)).not.toContain(error);
    }
  });

  it("name the pair by its people and the step in words: no id, no step code, no address", () => {
    for (const { message } of [cases.escalation, cases.failureAlert] as Case[]) {
      const { subject, text } = render(message);
      const words = `${subject}\n${text}`.replaceAll(/https?:\/\/\S+/g, "");
      expect(words).not.toMatch(/pair-42|session-2|send-invitation|closure|Exception|States\./);
      const addresses = text.match(/[^\s@:]+@[^\s@]+\.[a-z]+/g) ?? [];
      expect(new Set(addresses)).toEqual(new Set(["mentorat-inverse@example.gouv.fr"]));
    }
  });
});

describe("emails that ask the pair to agree on something", () => {
  const other = { fullName: "Marc Petit", email: "marc.petit@finances.gouv.fr" };
  it.each([
    [
      "schedulingRequest",
      messages.schedulingRequest({ ...people, other, meeting: session2, scheduleLink: link("s") }),
    ],
    ["followUpRequest", messages.followUpRequest({ ...people, other, scheduleLink: link("s") })],
    ["meetingInvitation", messages.meetingInvitation({ ...details, other })],
    ["meetingReminder", messages.meetingReminder({ ...details, other })],
    ["nudge", messages.nudge({ ...people, other, waitingFor: "schedule", link: link("s") })],
    [
      "objectivesRequest",
      messages.objectivesRequest({ ...people, other, objectivesLink: link("o") }),
    ],
    [
      "tookPlaceRequest",
      messages.tookPlaceRequest({
        ...people,
        other,
        meeting: session2,
        start,
        confirmLink: link("c"),
      }),
    ],
  ])("%s gives the other's address and replies to them", (_name, message) => {
    const { text } = render(message);
    expect(text).toContain("Pour joindre Marc Petit\u00a0: marc.petit@finances.gouv.fr");
    expect(text).toContain("To reach Marc Petit: marc.petit@finances.gouv.fr");
    expect(message.replyTo).toBe("marc.petit@finances.gouv.fr");
  });

  it("a nudge about a self-evaluation is answered to the programme, not to the other", () => {
    const message = messages.nudge({
      ...people,
      other,
      waitingFor: "self-evaluation",
      link: link("s"),
    });
    expect(message.replyTo).toBeUndefined();
    expect(render(message).text).not.toContain("marc.petit@");
  });
});

describe("reading the meeting of a step", () => {
  it.each([
    ["preparation", { kind: "preparation" }],
    ["preparation-call", { kind: "preparation" }],
    ["session-3", { kind: "session", number: 3 }],
    ["session-10-confirm", { kind: "session", number: 10 }],
    ["follow-up", { kind: "follow-up" }],
    ["follow-up-session", { kind: "follow-up" }],
  ])("reads %s", (step, meeting) => {
    expect(messages.meetingOfStep(step)).toEqual(meeting);
  });

  it("finds no meeting in the closure", () => {
    expect(messages.meetingOfStep("closure")).toBeUndefined();
  });
});

describe("dates", () => {
  it("are written in French and English, in Paris time", () => {
    expect(messages.formatWhen(new Date("2026-07-01T07:05:00Z"))).toEqual({
      fr: "mercredi 1er juillet 2026 à 9\u00a0h\u00a005 (heure de Paris)",
      en: "Wednesday 1 July 2026 at 09:05 (Paris time)",
    });
  });
});

describe("messages that interpolate a name or a count", () => {
  const texts = (message: Bilingual) => render(message).text;
  it.each([
    ["Hélène", "d'Hélène", "qu'Hélène"],
    ["Anne", "d'Anne", "qu'Anne"],
    ["Marc", "de Marc", "que Marc"],
  ])("elide or not before %s", (name, afterDe, afterQue) => {
    const intro = messages.introduction({
      recipient: "mentor",
      mentorFirstName: "Paul",
      menteeFirstName: name,
      other: { fullName: `${name} Durand`, email: "x.durand@finances.gouv.fr" },
      scheduleLink: link("s"),
      sessions: 3,
      menteeThemeIds: ["social-networks"],
    });
    expect(texts(intro)).toContain(`Les thèmes ${afterQue} souhaite`);
    const alert = messages.escalation({
      pairId: "pair-1",
      step: "session-1",
      waitingFor: "schedule",
      waitingOn: "mentor",
      menteeName: `${name} Durand`,
      mentorName: "Paul Leroy",
      waitingSince: start,
      nudgesSent: 2,
    });
    expect(texts(alert)).toContain(`${afterDe} Durand`);
    expect(texts(alert)).not.toMatch(/\bde [AEIOUYHÉ]/);
  });

  it.each([
    [0, "0 séance", "0 sessions"],
    [1, "1 séance", "1 session"],
    [2, "2 séances", "2 sessions"],
  ])("agree with a count of %i", (count, fr, en) => {
    const pause = texts(
      messages.pauseNotice({ ...people, sessionsHeld: count, followUpAround: start }),
    );
    expect(pause).toContain(`vous avez tenu ${fr}`);
    expect(pause).toContain(`have held ${en}`);
    const closing = texts(messages.closing({ ...people, sessionsHeld: count, hours: count }));
    expect(closing).toContain(
      count < 2 ? `séance tenue\u00a0: ${count}` : `séances tenues\u00a0: ${count}`,
    );
    expect(closing).toContain(count === 1 ? `session held: ${count}` : `sessions held: ${count}`);
    const intro = messages.introduction({
      recipient: "mentee",
      mentorFirstName: "Paul",
      menteeFirstName: "Marc",
      other: { fullName: "Paul Leroy", email: "paul.leroy@finances.gouv.fr" },
      sessions: count,
    });
    expect(texts(intro)).toContain(`${fr} d'environ une heure`);
    expect(texts(intro)).toContain(`${en} of about one hour`);
  });
});

describe("French typography in every email", () => {
  it.each(Object.entries(cases))(
    "the %s email has a no-break space before « : ; ? ! » in French, none in English or in a link",
    (_name, { message, links }) => {
      const { subject, text, html } = render(message);
      const englishStart = text.indexOf("— English version —");
      const french = text.slice(0, englishStart).replaceAll(/https?:\/\/\S+/g, "");
      expect(`${subject}\n${french}`).not.toMatch(/ [:;?!»]|« /);
      expect(subject).not.toMatch(/ [:;?!]/);
      expect(text.slice(englishStart)).not.toContain("\u00a0:");
      for (const url of links) {
        expect(text).toContain(url);
        expect(html).toContain(`href="${url}"`);
      }
    },
  );

  it("keeps a web address whole when a French sentence ends with it", () => {
    const { text } = render({
      subject: "Binôme : un lien ?",
      fr: ["Bonjour,", "Le lien : https://example.gouv.fr/a?b=1 ; à bientôt !", "« Merci »"],
      en: ["Hello,", "The link: https://example.gouv.fr/a?b=1 ; see you!", "Thanks"],
    });
    expect(text).toContain("Le lien\u00a0: https://example.gouv.fr/a?b=1\u00a0; à bientôt\u00a0!");
    expect(text).toContain("«\u00a0Merci\u00a0»");
    expect(text).toContain("The link: https://example.gouv.fr/a?b=1 ; see you!");
  });
});
