/**
 * The programme's configuration: its name and colours, the wording of the questionnaire, the theme
 * list and the defaults of a cohort. Pages, validation, emails and matching all read it from here,
 * so a programme changes its wording or its themes in one place.
 */

export type Localised = { fr: string; en: string };

export type Theme = { id: string; label: Localised; example: Localised };

export const themes: readonly Theme[] = [
  {
    id: "social-networks",
    label: { fr: "Réseaux sociaux professionnels", en: "Professional social networks" },
    example: { fr: "créer mon compte LinkedIn", en: "create my LinkedIn account" },
  },
  {
    id: "collaborative-tools",
    label: { fr: "Outils collaboratifs", en: "Collaborative tools" },
    example: { fr: "animer une réunion en visio", en: "run a video meeting" },
  },
  {
    id: "artificial-intelligence",
    label: { fr: "Intelligence artificielle", en: "Artificial intelligence" },
    example: {
      fr: "identifier ce que l'IA peut apporter à mon service",
      en: "see what AI can bring to my department",
    },
  },
  {
    id: "data-business-models",
    label: { fr: "Données et nouveaux modèles d'affaires", en: "Data and new business models" },
    example: { fr: "comprendre l'ouverture des données", en: "understand open data" },
  },
  {
    id: "digital-identity-security",
    label: { fr: "Identité numérique et sécurité", en: "Digital identity and security" },
    example: { fr: "protéger mes comptes", en: "protect my accounts" },
  },
];

export const themeIds = themes.map((theme) => theme.id);

/** How at ease a manager feels with a theme, or a mentor's level in it: 1 (least) to 4. */
export const levels: readonly { value: 1 | 2 | 3 | 4; label: Localised }[] = [
  { value: 1, label: { fr: "Pas du tout à l'aise", en: "Not at ease at all" } },
  { value: 2, label: { fr: "Peu à l'aise", en: "Slightly at ease" } },
  { value: 3, label: { fr: "Plutôt à l'aise", en: "Fairly at ease" } },
  { value: 4, label: { fr: "Très à l'aise", en: "Very much at ease" } },
];

export const mentorLevels: readonly { value: 1 | 2 | 3 | 4; label: Localised }[] = [
  { value: 1, label: { fr: "Notions", en: "Basics" } },
  { value: 2, label: { fr: "Usage régulier", en: "Regular use" } },
  { value: 3, label: { fr: "Avancé", en: "Advanced" } },
  { value: 4, label: { fr: "Expert", en: "Expert" } },
];

export const formats = [
  { id: "site", label: { fr: "Sur site", en: "On site" } },
  { id: "video", label: { fr: "En visio", en: "By video" } },
  { id: "phone", label: { fr: "Par téléphone", en: "By phone" } },
] as const;

export type Format = (typeof formats)[number]["id"];
export const formatIds = formats.map((format) => format.id) as [Format, ...Format[]];

export const availabilitySlots = [
  { id: "morning", label: { fr: "Le matin", en: "Mornings" } },
  { id: "lunch", label: { fr: "À l'heure du déjeuner", en: "Lunchtime" } },
  { id: "afternoon", label: { fr: "L'après-midi", en: "Afternoons" } },
  { id: "evening", label: { fr: "En fin de journée", en: "Late afternoons" } },
] as const;

export const availabilityIds = availabilitySlots.map((slot) => slot.id) as string[];

export const questionnaire = {
  comfort: {
    fr: "Pour chacun de ces thèmes, à quel point vous sentez-vous à l'aise ?",
    en: "For each of these themes, how at ease do you feel?",
  },
  priorities: {
    fr: "Sur quels thèmes souhaitez-vous travailler en priorité (3 au plus), et avec quel objectif concret ?",
    en: "Which themes do you want to work on first (up to 3), and what concrete goal do you have?",
  },
  meeting: {
    fr: "Comment préférez-vous vous rencontrer, et quand êtes-vous habituellement disponible ?",
    en: "How do you prefer to meet, and when are you usually available?",
  },
} satisfies Record<string, Localised>;

export const programme = {
  name: process.env.PROGRAMME_NAME ?? "Binôme",
  tagline: {
    fr: "Le mentorat inversé : un agent accompagne un cadre dans ses usages numériques.",
    en: "Reverse mentoring: an agent coaches a manager in digital practice.",
  },
  colours: {
    primary: process.env.PROGRAMME_COLOUR ?? "#000091",
    accent: process.env.PROGRAMME_ACCENT ?? "#e1000f",
  },
  contactEmail: process.env.PROGRAMME_CONTACT ?? "mentorat-inverse@example.gouv.fr",
  /** The cohort ("vague") that new questionnaires and applications join. */
  openCohortId: process.env.OPEN_COHORT_ID ?? "vague-1",
  maxPriorityThemes: 3,
  maxMenteesPerMentor: 3,
  defaults: {
    sessions: 3,
    maxSessions: 10,
    pauseMonths: 3,
    reminderHoursBefore: 24,
    allowSameManagementLine: false,
  },
} as const;
