import { describe, expect, it } from "vitest";
import { staffingConfirmed, staffingRequest } from "#core/barnum/messages";
import type { Barnum } from "#core/barnum/model";
import { type Bilingual, render } from "#core/email/layout";
import * as messages from "#core/email/pair-messages";
import { barnumVisitsCsv, mentorHoursCsv, networkAttendanceCsv } from "#core/event-figures";
import { byteOrderMark, feedbackCsv, pairsCsv } from "#core/export";
import { meetingCancelled, meetingMoved } from "#core/network/messages";
import type { NetworkMeeting } from "#core/network/model";
import type { Pair } from "#core/pair/model";
import { unreachableAlert } from "#core/reachability";
import { attestationForManager, type MentorRecordOfWork } from "#core/recognition";

/** The reader-visible wording of the emails and exports, French first then English. */

const french = (message: Bilingual) => {
  const { text } = render(message);
  return text.slice(0, text.indexOf("— English version —"));
};
const english = (message: Bilingual) => {
  const { text } = render(message);
  return text.slice(text.indexOf("— English version —"));
};
/** The CSV's lines, without the byte-order mark. */
const lines = (csv: string) => csv.replace(byteOrderMark, "").split("\r\n");

const record = (overrides: Partial<MentorRecordOfWork> = {}): MentorRecordOfWork => ({
  mentorId: "m-1",
  name: "Hélène Durand",
  role: "Chargée de mission",
  directorate: "Secrétariat général",
  pairs: 1,
  pairsCompleted: 1,
  sessionsHeld: 3,
  workshopsLed: 0,
  barnumsStaffed: 0,
  networkMeetings: 0,
  hours: 3,
  hoursByKind: { pairs: 3, workshops: 0, barnums: 0, network: 0 },
  ...overrides,
});

describe("the attestation sent to a mentor's line manager", () => {
  it("elides « de » before a name starting with a vowel or an h", () => {
    expect(render(attestationForManager(record())).subject).toBe(
      "Binôme\u00a0: attestation de mentorat d'Hélène Durand",
    );
    expect(render(attestationForManager(record({ name: "Marc Petit" }))).subject).toBe(
      "Binôme\u00a0: attestation de mentorat de Marc Petit",
    );
  });
});

describe("the mentors' hours export", () => {
  it("rounds the hours to the hundredth, with a decimal comma", () => {
    const csv = mentorHoursCsv([
      record({
        hours: 5 / 3 + 0.5,
        hoursByKind: { pairs: 5 / 3, workshops: 0.5, barnums: 2, network: 0 },
      }),
    ]);
    expect(lines(csv)[1]).toBe("Hélène Durand;1;3;1,67;0;0,5;0;2;0;0;2,17");
    expect(csv).not.toContain("666");
  });
});

const barnum: Barnum = {
  id: "b-1",
  event: "Midi numérique",
  place: "Salle Colbert",
  startsAt: "2026-12-01T11:00:00.000Z",
  endsAt: "2026-12-01T13:00:00.000Z",
  slotMinutes: 30,
  placesPerSlot: 2,
  slots: [],
  taken: {},
  status: "published",
  createdAt: "2026-11-01T09:00:00.000Z",
};

describe("the BarNum' visits and network attendance exports", () => {
  it("write the date as a French spreadsheet reads a date, like the pairs export", () => {
    const visits = barnumVisitsCsv([
      {
        barnum,
        figures: { visits: 2, resolved: 1, byTheme: [{ theme: "other", visits: 2, resolved: 1 }] },
        mentors: 2,
      },
    ]);
    expect(lines(visits)[1]).toMatch(/^Midi numérique;01\/12\/2026;Salle Colbert;2;/);
    const meeting: NetworkMeeting = {
      id: "n-1",
      kind: "network",
      startsAt: "2026-12-01T16:00:00.000Z",
      durationMinutes: 100,
      place: "Bercy",
      agenda: "Bilan",
      createdAt: "2026-11-01T09:00:00.000Z",
      attendanceRecorded: true,
    };
    const attendance = networkAttendanceCsv([{ meeting, invited: 5, attended: 4 }]);
    expect(lines(attendance)[1]).toBe(
      "Rencontre du réseau des mentors;01/12/2026;Bercy;1,67;5;4;network",
    );
  });
});

describe("the pairs export's « Vague » column", () => {
  const pair = {
    id: "binome-1",
    cohortId: "vague-1",
    menteeId: "q1",
    mentorId: "m1",
    phase: "sessions",
    status: "active",
    needsAttention: false,
    sessionsPlanned: 3,
    sessionsDone: 1,
    mentorHours: 5 / 3,
    createdAt: "2026-02-03T10:00:00.000Z",
    updatedAt: "2026-02-03T10:00:00.000Z",
  } as Pair;
  const cohortNames = new Map([["vague-1", "Vague d'automne"]]);

  it("names the cohort as people call it, and rounds the mentoring time", () => {
    const csv = pairsCsv([pair], { questionnaires: new Map(), mentors: new Map(), cohortNames });
    const [header, line] = lines(csv).map((row) => row.split(";"));
    expect(line?.[header?.indexOf("Vague") ?? -1]).toBe("Vague d'automne");
    expect(line?.[header?.indexOf("Temps de mentorat (heures)") ?? -1]).toBe("1,67");
    expect(line?.[header?.indexOf("code_binome") ?? -1]).toBe("binome-1");
  });

  it("shows the cohort's id only when the cohort has no name (a cohort without a record)", () => {
    const csv = pairsCsv([pair], { questionnaires: new Map(), mentors: new Map() });
    expect(lines(csv)[1]?.split(";")[5]).toBe("vague-1");
  });

  it("names the cohort in the anonymised feedback export too", () => {
    const csv = feedbackCsv([{ ...pair, feedbackScores: [4] }], cohortNames);
    expect(lines(csv)[1]).toMatch(/^Vague d'automne;En cours;1;4;1;;0;;;1,67;/);
  });
});

describe("the email to a mentor who takes over a pair", () => {
  const takeOver = (sessionsHeld: number) =>
    messages.reassignmentToNewMentor({
      newMentorFirstName: "Paul",
      menteeFirstName: "Élodie",
      sessionsHeld,
    });

  it("says that no session was held yet, rather than « 0 séance »", () => {
    expect(french(takeOver(0))).toContain(
      "Merci de prendre le relais\u00a0: vous accompagnez désormais Élodie, qui n'a pas encore tenu de séance.",
    );
    expect(english(takeOver(0))).toContain(
      "Thank you for taking over: you now coach Élodie, who has not held a session yet.",
    );
    expect(render(takeOver(0)).text).not.toMatch(/\b0 (séance|session)/);
  });

  it("counts the sessions already held", () => {
    expect(french(takeOver(2))).toContain(
      "vous accompagnez désormais Élodie, qui a déjà tenu 2 séances.",
    );
    expect(english(takeOver(1))).toContain("you now coach Élodie, who has already held 1 session.");
  });
});

describe("the programme team's alerts name the flag as the interface does", () => {
  const names = { menteeName: "Hélène Durand", mentorName: "Paul Leroy" };
  it.each([
    [
      "failureAlert",
      messages.failureAlert({
        ...names,
        pairId: "pair-42",
        step: "send-invitation",
        error: "ThrottlingException",
        at: new Date("2026-03-17T13:30:00Z"),
      }),
    ],
    [
      "participantRequest",
      messages.participantRequest({
        ...names,
        pairId: "pair-42",
        kind: "help",
        role: "mentor",
        fromName: "Paul Leroy",
        fromEmail: "paul.leroy@finances.gouv.fr",
      }),
    ],
  ])("%s: « À surveiller » / “To watch”", (_name, message) => {
    expect(french(message)).toContain("Le binôme est marqué «\u00a0à surveiller\u00a0».");
    expect(english(message)).toContain("The pair is flagged “to watch”.");
    expect(render(message).text).not.toMatch(/à traiter|needs attention/);
  });
});

describe("a network meeting moved or cancelled", () => {
  const meeting: NetworkMeeting = {
    id: "n-1",
    kind: "preparation",
    startsAt: "2026-12-01T16:00:00.000Z",
    durationMinutes: 90,
    place: "Bercy",
    agenda: "Premiers pas",
    createdAt: "2026-11-01T09:00:00.000Z",
    attendanceRecorded: false,
  };

  it("names the meeting with its article", () => {
    const moved = meetingMoved({ firstName: "Inès", meeting, pageLink: "https://x/espace" });
    expect(french(moved)).toContain(
      "La séance de préparation des nouveaux mentors change de date\u00a0: elle aura lieu le",
    );
    expect(english(moved)).toContain("The preparation session for new mentors has a new date:");
    const cancelled = meetingCancelled({ firstName: "Inès", meeting });
    expect(french(cancelled)).toContain("La séance de préparation des nouveaux mentors prévue le");
    expect(english(cancelled)).toContain("The preparation session for new mentors planned");
  });
});

describe("a meeting's length in its invitation", () => {
  const invitation = (durationMinutes: number) =>
    messages.meetingInvitation({
      recipientFirstName: "Élodie",
      otherFirstName: "Marc",
      meeting: { kind: "session", number: 2 },
      start: new Date("2026-03-17T13:30:00Z"),
      durationMinutes,
    });

  it("is written in hours as people write them", () => {
    expect(french(invitation(90))).toContain(
      "Quand\u00a0: mardi 17 mars 2026 à 14\u00a0h\u00a030 (heure de Paris), pendant 1\u00a0h\u00a030 environ.",
    );
    expect(english(invitation(90))).toContain(
      "When: Tuesday 17 March 2026 at 14:30 (Paris time), for about 1\u00a0h\u00a030\u00a0min.",
    );
    expect(french(invitation(45))).toContain("pendant 45\u00a0min environ.");
    expect(english(invitation(60))).toContain("for about 1\u00a0h.");
  });
});

describe("the alert about unreachable addresses", () => {
  it("speaks of one address when there is one", () => {
    const alert = unreachableAlert("bounce", ["a.martin@finances.gouv.fr"]);
    expect(render(alert).subject).toBe("Binôme\u00a0: une adresse est injoignable");
    expect(french(alert)).toContain(
      "l'adresse n'existe pas ou n'accepte plus de courrier\u00a0: a.martin@finances.gouv.fr.",
    );
    expect(french(alert)).toContain("Le programme n'enverra plus de message à cette adresse.");
    expect(english(alert)).toContain("The programme will send no more messages to this address.");
  });

  it("agrees with two addresses", () => {
    const addresses = ["a.martin@finances.gouv.fr", "b.roche@finances.gouv.fr"];
    const bounce = unreachableAlert("bounce", addresses);
    expect(render(bounce).subject).toBe("Binôme\u00a0: 2 adresses sont injoignables");
    expect(french(bounce)).toContain(
      "Un message du programme n'a pas pu être remis, ces adresses n'existent pas ou n'acceptent plus de courrier\u00a0: a.martin@finances.gouv.fr, b.roche@finances.gouv.fr.",
    );
    expect(french(bounce)).toContain(
      "Le programme n'enverra plus de message à ces adresses. Vérifiez-les auprès des personnes ou de leurs assistants, corrigez leurs dossiers, et suivez leurs binômes en cours\u00a0: sans message, elles ne recevront ni invitation ni rappel.",
    );
    expect(english(bounce)).toContain(
      "A message from the programme could not be delivered, these addresses do not exist or no longer accept mail: a.martin@finances.gouv.fr, b.roche@finances.gouv.fr.",
    );
    expect(english(bounce)).toContain(
      "The programme will send no more messages to these addresses. Check them with the people or their assistants, correct their records, and follow their ongoing pairs:",
    );
    const complaint = unreachableAlert("complaint", addresses);
    expect(french(complaint)).toContain(
      "Les destinataires ont signalé un message du programme comme indésirable\u00a0:",
    );
    expect(english(complaint)).toContain(
      "The recipients marked a message from the programme as spam:",
    );
  });
});

describe("the subjects of the BarNum' emails to mentors", () => {
  const input = { firstName: "Inès", barnum, pageLink: "https://example.gouv.fr/espace-mentor/x" };
  it("say « du » before the date, as the registration's subject does", () => {
    expect(render(staffingRequest(input)).subject).toBe(
      "BarNum' du 1er décembre 2026\u00a0: pouvez-vous en être\u00a0?",
    );
    expect(render(staffingConfirmed(input)).subject).toBe(
      "BarNum' du 1er décembre 2026\u00a0: merci, vous en êtes",
    );
  });
});
