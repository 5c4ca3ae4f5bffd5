import * as v from "valibot";
import { clock } from "../../clock";
import { eventDate, isPastTime, pastTime } from "../../event-dates";
import { choices, consent, email, personName, shortText } from "../../fields";
import { inSameManagementLine, type MatchingMentor } from "../../matching/fit";
import { availabilityIds, themeIds } from "../../programme";
import { plural } from "../../words";

/**
 * Collective workshops ("ateliers collectifs"): a head of service asks for one for the managers of
 * their service; the programme team assigns two selected mentors, sets the date and the place or
 * video link; participants are invited (given by the head of service, or registering through the
 * link the head of service forwards). The workshop then runs on the event workflow.
 *
 * This module holds the forms' schemas and the pure rules (which mentors may lead it, which pairs
 * of mentors the page proposes). Records and I/O are in store.ts, the verbs in index.ts.
 */

const managersMessage = "Indiquez combien de cadres participeraient, entre 2 et 200.";

export const WorkshopRequestSchema = v.strictObject({
  firstName: personName("prénom"),
  lastName: personName("nom"),
  email: email("Indiquez votre adresse électronique professionnelle."),
  service: shortText("Indiquez votre service ou votre direction."),
  managers: v.pipe(
    v.number(managersMessage),
    v.integer(managersMessage),
    v.minValue(2, managersMessage),
    v.maxValue(200, managersMessage),
  ),
  theme: v.picklist(themeIds as [string, ...string[]], "Choisissez le thème de l'atelier."),
  goal: shortText("Dites en une phrase ce que vos cadres attendent de l'atelier.", 1000),
  slots: choices(
    availabilityIds as [string, ...string[]],
    "Indiquez au moins un moment de la journée qui convient.",
  ),
  dates: shortText(
    "Indiquez les dates qui conviendraient, par exemple « les mardis de janvier ».",
    500,
  ),
  consent,
});

export type WorkshopRequest = v.InferOutput<typeof WorkshopRequestSchema>;

const mentorIdPattern = /^[0-9a-f-]{36}$/;

/** The two mentors who lead it, chosen by the programme team. */
export const AssignMentorsSchema = v.pipe(
  v.strictObject({
    mentorIds: v.pipe(
      v.array(
        v.pipe(
          v.string("Choisissez un mentor sélectionné."),
          v.regex(mentorIdPattern, "Choisissez un mentor sélectionné."),
        ),
        "Choisissez deux mentors.",
      ),
      v.length(2, "Choisissez deux mentors."),
    ),
  }),
  v.forward(
    v.partialCheck(
      [["mentorIds"]],
      // Said only of two real choices: an empty or malformed one is told at its own select.
      ({ mentorIds: [first = "", second] }) => !mentorIdPattern.test(first) || first !== second,
      "Choisissez deux mentors différents.",
    ),
    ["mentorIds"],
  ),
);

const dateMessage = "Indiquez la date de l'atelier (jj/mm/aaaa).";
const timeMessage = "Indiquez l'heure de début (hh:mm).";

export const ScheduleSchema = v.pipe(
  v.strictObject({
    date: eventDate(dateMessage),
    time: v.pipe(v.string(timeMessage), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, timeMessage)),
    durationMinutes: v.pipe(
      v.number("Indiquez la durée de l'atelier, entre 30 minutes et 4 heures."),
      v.integer("Indiquez la durée de l'atelier, entre 30 minutes et 4 heures."),
      v.minValue(30, "Indiquez la durée de l'atelier, entre 30 minutes et 4 heures."),
      v.maxValue(240, "Indiquez la durée de l'atelier, entre 30 minutes et 4 heures."),
    ),
    place: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, "200 caractères au plus."))),
    videoLink: v.optional(
      v.pipe(
        v.string(),
        v.trim(),
        v.check(
          (value) => value === "" || /^https:\/\/\S+$/.test(value),
          "Le lien de visio commence par https://.",
        ),
        v.maxLength(500, "500 caractères au plus."),
      ),
    ),
  }),
  // Each rule across fields runs as soon as its own fields are valid, so a form with several
  // mistakes hears of them all at once; each is told at the field to change.
  v.forward(
    v.partialCheck(
      [["date"], ["time"]],
      (input) => !isPastTime(input.date, input.time, clock.now()),
      pastTime,
    ),
    ["time"],
  ),
  v.forward(
    v.partialCheck(
      [["place"], ["videoLink"]],
      (input) => Boolean(input.place || input.videoLink),
      "Indiquez un lieu, un lien de visio, ou les deux.",
    ),
    ["place"],
  ),
);

export type Schedule = v.InferOutput<typeof ScheduleSchema>;

export const ParticipantsSchema = v.strictObject({
  emails: v.pipe(
    v.array(email("Une des adresses n'est pas valide.")),
    v.minLength(1, "Indiquez au moins une adresse, une par ligne."),
    v.maxLength(90, "90 adresses au plus à la fois : ajoutez les suivantes ensuite."),
  ),
});

export const RegistrationSchema = v.strictObject({
  firstName: personName("prénom"),
  lastName: personName("nom"),
  email: email("Indiquez votre adresse électronique professionnelle."),
  consent,
});

/** The JSON API's participants: addresses, names when known. */
export const ParticipantsBodySchema = v.strictObject({
  participants: v.pipe(
    v.array(
      v.strictObject({
        email: RegistrationSchema.entries.email,
        firstName: v.optional(RegistrationSchema.entries.firstName),
        lastName: v.optional(RegistrationSchema.entries.lastName),
      }),
      "Donnez la liste des participants.",
    ),
    v.minLength(1, "Donnez au moins un participant."),
    v.maxLength(90, "90 participants au plus à la fois : ajoutez les suivants ensuite."),
  ),
});

const attendeesMessage = "Indiquez combien de personnes sont venues (un nombre).";

export const ConfirmationSchema = v.union(
  [
    v.pipe(
      v.strictObject({
        tookPlace: v.literal(true),
        attendees: v.pipe(
          v.number(attendeesMessage),
          v.integer(attendeesMessage),
          v.minValue(1, attendeesMessage),
          v.maxValue(500, attendeesMessage),
        ),
        /** Who came among those invited by email (their refs), when the mentor ticks them. */
        present: v.optional(v.array(v.pipe(v.string(), v.regex(/^a-[\w-]{22}$/)))),
      }),
      v.forward(
        v.check(
          (input) => (input.present?.length ?? 0) <= input.attendees,
          "Vous avez coché plus de personnes que le nombre de personnes venues.",
        ),
        ["attendees"],
      ),
    ),
    v.strictObject({ tookPlace: v.literal(false) }),
  ],
  "Dites si l'atelier a eu lieu.",
);

const ratingMessage = "Choisissez une note de 1 à 5.";

export const FeedbackSchema = v.strictObject({
  rating: v.pipe(
    v.number(ratingMessage),
    v.integer(ratingMessage),
    v.minValue(1, ratingMessage),
    v.maxValue(5, ratingMessage),
  ),
  comment: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(1000, "1000 caractères au plus."))),
});

export type Feedback = v.InferOutput<typeof FeedbackSchema>;

export type WorkshopStatus =
  | "requested"
  | "scheduled"
  | "cancelled"
  | "held"
  | "not-held"
  | "closed";

export type WorkshopRecord = {
  id: string;
  request: WorkshopRequest;
  status: WorkshopStatus;
  createdAt: string;
  mentorIds?: [string, string];
  /** The date as the team set it: the instant, its length, where. */
  schedule?: { start: string; durationMinutes: number; place?: string; videoLink?: string };
  /** 0 when first set, one more at each move: the calendar file's SEQUENCE. */
  sequence: number;
  /** The registration link the head of service forwards (its token: the link is reusable). */
  registrationToken?: string;
  outcome?: { tookPlace: boolean; attendees?: number };
  /** The refs of the participants the mentor ticked as present (feedback goes to them only). */
  present?: string[];
  /** Cancelled: whether every cancellation is queued yet (a large workshop's go in batches). */
  cancelEmails?: "queueing" | "queued";
};

// ---------------------------------------------------------------------------------------------
// Which mentors may lead it, and which pairs the page proposes (pure)
// ---------------------------------------------------------------------------------------------

export type MentorCandidate = {
  id: string;
  name: string;
  email: string;
  managerEmail?: string;
  themes: { theme: string; level: number }[];
  availability: string[];
  /** Workshops this mentor leads that are not over yet (the one being proposed for aside). */
  workshopsLed: number;
  /** Pairs this mentor coaches that are under way (active or paused). */
  activePairs: number;
};

export type MentorProposal = {
  mentors: [MentorCandidate, MentorCandidate];
  /** Why, in French and English, for the team. */
  reasons: { fr: string; en: string };
};

/**
 * The head of service and the managers given so far: a mentor who is one of them or reports to
 * one of them is in the service's line of management (matching/fit.ts's rule, person by person).
 */
export function inServiceLine(
  workshop: Pick<WorkshopRecord, "id" | "request">,
  participantEmails: string[],
  mentor: MentorCandidate,
): boolean {
  const asMentor: MatchingMentor = {
    id: mentor.id,
    email: mentor.email,
    managementLine: [mentor.email, mentor.managerEmail ?? ""].filter(Boolean),
    capacity: 1,
    themes: [],
    formats: [],
    availability: [],
    directorate: "",
  };
  // One person at a time: given as one mentee whose line is everyone, a mentor reporting to a
  // participant would share that line with the service without being caught by the rule.
  return [workshop.request.email, ...participantEmails].some((email) =>
    inSameManagementLine(
      {
        id: workshop.id,
        email,
        managementLine: [email],
        priorityThemes: [],
        comfort: {},
        formats: [],
        availability: [],
        directorate: workshop.request.service,
      },
      asMentor,
    ),
  );
}

/** What ranks a mentor for this workshop: theme level, requested moments they are free, load. */
type Standing = { mentor: MentorCandidate; level: number; moments: number; load: number };

function standingOf(workshop: Pick<WorkshopRecord, "request">, mentor: MentorCandidate): Standing {
  return {
    mentor,
    level: mentor.themes.find((item) => item.theme === workshop.request.theme)?.level ?? 0,
    moments: mentor.availability.filter((slot) => workshop.request.slots.includes(slot)).length,
    load: mentor.workshopsLed + mentor.activePairs,
  };
}

/** Each criterion outranks all those after it; names then ids settle a tie, so the order is stable. */
const byName = (a: MentorCandidate, b: MentorCandidate) => a.name.localeCompare(b.name, "fr");
const byId = (a: MentorCandidate, b: MentorCandidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byStanding = (a: Standing, b: Standing) =>
  b.level - a.level ||
  b.moments - a.moments ||
  a.load - b.load ||
  byName(a.mentor, b.mentor) ||
  byId(a.mentor, b.mentor);

type RankedPair = {
  pair: [Standing, Standing];
  level: number;
  common: number;
  moments: number;
  load: number;
};

const byPairRank = (x: RankedPair, y: RankedPair) =>
  y.level - x.level ||
  y.common - x.common ||
  y.moments - x.moments ||
  x.load - y.load ||
  byName(x.pair[0].mentor, y.pair[0].mentor) ||
  byName(x.pair[1].mentor, y.pair[1].mentor) ||
  byId(x.pair[0].mentor, y.pair[0].mentor) ||
  byId(x.pair[1].mentor, y.pair[1].mentor);

/**
 * The pairs of mentors the page proposes, best first. Both know the theme (level 2 or more) and,
 * when the programme forbids it, neither is in the service's line of management. Pairs rank by
 * their theme levels; equal, by the requested moments both are free, then those each is free;
 * equal again, by their load (workshops to come and pairs under way), fewest first.
 */
export function proposeMentorPairs(
  workshop: Pick<WorkshopRecord, "id" | "request">,
  participantEmails: string[],
  candidates: MentorCandidate[],
  options: { allowSameManagementLine: boolean; limit?: number },
): MentorProposal[] {
  const eligible = candidates
    .map((mentor) => standingOf(workshop, mentor))
    .filter(
      (standing) =>
        standing.level >= 2 &&
        (options.allowSameManagementLine ||
          !inServiceLine(workshop, participantEmails, standing.mentor)),
    )
    // Sorted, so that each pair names its better-placed mentor first.
    .sort(byStanding);
  const pairs: RankedPair[] = [];
  for (let i = 0; i < eligible.length; i++) {
    for (let j = i + 1; j < eligible.length; j++) {
      const a = eligible[i] as Standing;
      const b = eligible[j] as Standing;
      pairs.push({
        pair: [a, b],
        level: a.level + b.level,
        common: a.mentor.availability.filter(
          (slot) => b.mentor.availability.includes(slot) && workshop.request.slots.includes(slot),
        ).length,
        moments: a.moments + b.moments,
        load: a.load + b.load,
      });
    }
  }
  return pairs
    .sort(byPairRank)
    .slice(0, options.limit ?? 5)
    .map(({ pair: [a, b], common }) => {
      const workshops = a.mentor.workshopsLed + b.mentor.workshopsLed;
      const pairsUnderWay = a.mentor.activePairs + b.mentor.activePairs;
      return {
        mentors: [a.mentor, b.mentor],
        reasons: {
          fr: `Niveaux ${a.level} et ${b.level} sur le thème, ${plural("fr", common, "moment commun", "moments communs")} avec la demande, ${plural("fr", workshops, "atelier à venir", "ateliers à venir")} et ${plural("fr", pairsUnderWay, "binôme en cours", "binômes en cours")}`,
          en: `Levels ${a.level} and ${b.level} in the theme, ${plural("en", common, "moment", "moments")} in common with the request, ${plural("en", workshops, "coming workshop", "coming workshops")} and ${plural("en", pairsUnderWay, "pair in progress", "pairs in progress")}`,
        },
      };
    });
}

/** Participants are keyed by their address, normalised: registering twice adds one person. */
export const participantKey = (address: string) => address.trim().toLowerCase();
