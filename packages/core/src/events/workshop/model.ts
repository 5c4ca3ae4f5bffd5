import * as v from "valibot";
import { choices, consent, email, personName, shortText } from "../../fields";
import { inSameManagementLine, type MatchingMentee, type MatchingMentor } from "../../matching/fit";
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

/** The two mentors who lead it, chosen by the programme team. */
export const AssignMentorsSchema = v.pipe(
  v.strictObject({
    mentorIds: v.pipe(
      v.array(v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}$/)), "Choisissez deux mentors."),
      v.length(2, "Choisissez deux mentors."),
    ),
  }),
  v.check(
    (input) => input.mentorIds[0] !== input.mentorIds[1],
    "Choisissez deux mentors différents.",
  ),
);

const dateMessage = "Indiquez la date de l'atelier (jj/mm/aaaa).";
const timeMessage = "Indiquez l'heure de début (hh:mm).";

export const ScheduleSchema = v.pipe(
  v.strictObject({
    date: v.pipe(v.string(dateMessage), v.regex(/^\d{4}-\d{2}-\d{2}$/, dateMessage)),
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
  v.check(
    (input) => Boolean(input.place || input.videoLink),
    "Indiquez un lieu, un lien de visio, ou les deux.",
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
  /** Workshops this mentor leads that are not over yet. */
  workshopsLed: number;
};

export type MentorProposal = {
  mentors: [MentorCandidate, MentorCandidate];
  score: number;
  /** Why, in French and English, for the team. */
  reasons: { fr: string; en: string };
};

/**
 * The head of service, the managers given so far and the service's line: a mentor who is one of
 * them or reports to one of them is in the service's line of management (matching/fit.ts's rule).
 */
export function inServiceLine(
  workshop: Pick<WorkshopRecord, "id" | "request">,
  participantEmails: string[],
  mentor: MentorCandidate,
): boolean {
  const service: MatchingMentee = {
    id: workshop.id,
    email: workshop.request.email,
    managementLine: [workshop.request.email, ...participantEmails],
    priorityThemes: [],
    comfort: {},
    formats: [],
    availability: [],
    directorate: workshop.request.service,
  };
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
  return inSameManagementLine(service, asMentor);
}

/** A mentor's own score for this workshop: theme level, slots in common, minus their load. */
function mentorScore(workshop: Pick<WorkshopRecord, "request">, mentor: MentorCandidate) {
  const level = mentor.themes.find((item) => item.theme === workshop.request.theme)?.level ?? 0;
  const slots = mentor.availability.filter((slot) => workshop.request.slots.includes(slot)).length;
  return { level, slots, score: level * 4 + slots * 2 - mentor.workshopsLed * 3 };
}

/**
 * The pairs of mentors the page proposes, best first: both know the theme (level 2 or more), none
 * is in the service's line of management when the programme forbids it, and the pair is scored by
 * its theme levels, the moments in common with the request, and how many workshops each already
 * leads.
 */
export function proposeMentorPairs(
  workshop: Pick<WorkshopRecord, "id" | "request">,
  participantEmails: string[],
  candidates: MentorCandidate[],
  options: { allowSameManagementLine: boolean; limit?: number },
): MentorProposal[] {
  const eligible = candidates.filter(
    (mentor) =>
      mentorScore(workshop, mentor).level >= 2 &&
      (options.allowSameManagementLine || !inServiceLine(workshop, participantEmails, mentor)),
  );
  const proposals: MentorProposal[] = [];
  for (let i = 0; i < eligible.length; i++) {
    for (let j = i + 1; j < eligible.length; j++) {
      const first = eligible[i] as MentorCandidate;
      const second = eligible[j] as MentorCandidate;
      const a = mentorScore(workshop, first);
      const b = mentorScore(workshop, second);
      const common = first.availability.filter(
        (slot) => second.availability.includes(slot) && workshop.request.slots.includes(slot),
      ).length;
      proposals.push({
        mentors: [first, second],
        score: a.score + b.score + common * 2,
        reasons: {
          fr: `Niveaux ${a.level} et ${b.level} sur le thème, ${plural("fr", common, "moment commun", "moments communs")} avec la demande, ${plural("fr", first.workshopsLed + second.workshopsLed, "atelier", "ateliers")} déjà en charge`,
          en: `Levels ${a.level} and ${b.level} in the theme, ${plural("en", common, "moment", "moments")} in common with the request, ${plural("en", first.workshopsLed + second.workshopsLed, "workshop", "workshops")} already in hand`,
        },
      });
    }
  }
  return proposals
    .sort(
      (x, y) =>
        y.score - x.score ||
        `${x.mentors[0].name}${x.mentors[1].name}`.localeCompare(
          `${y.mentors[0].name}${y.mentors[1].name}`,
          "fr",
        ),
    )
    .slice(0, options.limit ?? 5);
}

/** Participants are keyed by their address, normalised: registering twice adds one person. */
export const participantKey = (address: string) => address.trim().toLowerCase();
