/** Every DynamoDB key is built here, one function per entity, so no key is spelled twice. */

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The list partitions (index `gsi1`): each entity's list key and its query use these. */
const lists = {
  questionnaires: (cohortId: string) => `COHORT#${cohortId}#QUESTIONNAIRES`,
  mentors: (cohortId: string) => `COHORT#${cohortId}#MENTORS`,
  cohorts: "COHORTS",
  pairs: "PAIRS",
  privacyRequests: "PRIVACY-REQUESTS",
  resources: "RESOURCES",
  pairStartFailures: (cohortId: string) => `COHORT#${cohortId}#PAIR-STARTS-FAILED`,
  barnums: "BARNUMS",
  networkMeetings: "NETWORK-MEETINGS",
  workshops: "WORKSHOPS",
  search: (kind: "questionnaire" | "mentor", cohortId: string) =>
    `COHORT#${cohortId}#SEARCH#${kind.toUpperCase()}S`,
} as const;

/** The kinds of item stored under a BarNum's partition, by the start of their sort key. */
const underBarnum = {
  staff: "STAFF#",
  registration: "REGISTRATION#",
  visit: "VISIT#",
} as const;

/** The kinds of item stored under a pair's partition, by the start of their sort key. */
const underPair = {
  history: "HISTORY#",
  historyOnce: "HISTORY-ONCE#",
  email: "SENT#",
  meeting: "MEETING#",
  note: "NOTE#",
} as const;

export const keys = {
  questionnaire: (id: string) => ({ pk: `QUESTIONNAIRE#${id}`, sk: "QUESTIONNAIRE" }),
  questionnaireList: (cohortId: string, createdAt: string, id: string) => ({
    gsi1pk: lists.questionnaires(cohortId),
    gsi1sk: `${createdAt}#${id}`,
  }),
  mentor: (id: string) => ({ pk: `MENTOR#${id}`, sk: "MENTOR" }),
  mentorList: (cohortId: string, createdAt: string, id: string) => ({
    gsi1pk: lists.mentors(cohortId),
    gsi1sk: `${createdAt}#${id}`,
  }),
  /** One person may submit one form of a kind per cohort: this item makes it unique. */
  submissionClaim: (kind: "questionnaire" | "mentor", cohortId: string, email: string) => ({
    pk: `CLAIM#${kind.toUpperCase()}#${cohortId}#${normaliseEmail(email)}`,
    sk: "CLAIM",
  }),
  /** A cohort ("vague") and its settings; all cohorts are listed under one partition. */
  cohort: (id: string) => ({ pk: `COHORT#${id}`, sk: "COHORT" }),
  cohortList: (id: string) => ({ gsi1pk: lists.cohorts, gsi1sk: id }),
  /** The matching proposal of a cohort, reviewed by the programme team before it is confirmed. */
  matchingProposal: (cohortId: string) => ({ pk: `COHORT#${cohortId}`, sk: "PROPOSAL" }),
  /** One piece of a version of the proposal (pairs and reasons, a few hundred at a time). */
  matchingProposalPart: (cohortId: string, version: number, index: number) => ({
    pk: `COHORT#${cohortId}`,
    sk: `PROPOSAL-PART#${String(version).padStart(8, "0")}#${String(index).padStart(6, "0")}`,
  }),
  /** An email of the programme team to a cohort: what it says, to whom, how far its queueing got. */
  cohortMailing: (cohortId: string, requestKey: string) => ({
    pk: `COHORT#${cohortId}`,
    sk: `MAILING#${requestKey}`,
  }),
  /** The cohort's matching run: running, done or failed, and how far it got. */
  matchingJob: (cohortId: string) => ({ pk: `COHORT#${cohortId}`, sk: "MATCHING-JOB" }),
  /** How the start of a confirmed proposal's pairs goes: counts, failures, the run under way. */
  pairStarts: (cohortId: string) => ({ pk: `COHORT#${cohortId}`, sk: "PAIR-STARTS" }),
  /**
   * Whether one pair of a confirmed proposal has started (or failed to): written with the count
   * it adds to, so a pair is counted once whatever the redeliveries. A pair that failed for good
   * is also listed (index `gsi1`) until it starts.
   */
  pairStartMark: (cohortId: string, menteeId: string) => ({
    pk: `COHORT#${cohortId}#PAIR-STARTS`,
    sk: `MENTEE#${menteeId}`,
  }),
  pairStartMarks: (cohortId: string) => ({ pk: `COHORT#${cohortId}#PAIR-STARTS` }),
  pairStartFailureList: (cohortId: string, menteeId: string) => ({
    gsi1pk: lists.pairStartFailures(cohortId),
    gsi1sk: menteeId,
  }),
  pairStartFailures: (cohortId: string) => ({ gsi1pk: lists.pairStartFailures(cohortId) }),
  /** Where to query the pieces of one version of the proposal. */
  matchingProposalParts: (cohortId: string, version: number) => ({
    pk: `COHORT#${cohortId}`,
    skPrefix: `PROPOSAL-PART#${String(version).padStart(8, "0")}#`,
  }),
  /** Marks an email as sent for one purpose, so a retried step never sends it twice. */
  emailSent: (dedupeKey: string) => ({ pk: `EMAIL#${dedupeKey}`, sk: "EMAIL" }),
  /** A pair ("binôme"); every pair is also listed under one partition, by cohort then date. */
  pair: (id: string) => ({ pk: `PAIR#${id}`, sk: "PAIR" }),
  pairList: (cohortId: string, createdAt: string, id: string) => ({
    gsi1pk: lists.pairs,
    gsi1sk: `${cohortId}#${createdAt}#${id}`,
  }),
  /** One line of a pair's append-only history (sorted by time). */
  pairHistory: (pairId: string, at: string, unique: string) => ({
    pk: `PAIR#${pairId}`,
    sk: `${underPair.history}${at}#${unique}`,
  }),
  /** A history line written at most once, whatever the retries: keyed by what it records. */
  pairHistoryOnce: (pairId: string, onceKey: string) => ({
    pk: `PAIR#${pairId}`,
    sk: `${underPair.historyOnce}${onceKey}`,
  }),
  /** What the workflow sent about a pair (subject, date, recipients' roles; no addresses). */
  pairEmail: (pairId: string, at: string, unique: string) => ({
    pk: `PAIR#${pairId}`,
    sk: `${underPair.email}${at}#${unique}`,
  }),
  /** One meeting of a pair (preparation call, session n, follow-up): its current date and version. */
  pairMeeting: (pairId: string, step: string) => ({
    pk: `PAIR#${pairId}`,
    sk: `${underPair.meeting}${step}`,
  }),
  /** A note of the programme team about a pair, keyed by the form that wrote it (written once). */
  pairNote: (pairId: string, requestKey: string) => ({
    pk: `PAIR#${pairId}`,
    sk: `${underPair.note}${requestKey}`,
  }),
  /** Where to query the items of one kind under a pair: its partition and their sort-key start. */
  pairItems: (pairId: string, kind: keyof typeof underPair) => ({
    pk: `PAIR#${pairId}`,
    skPrefix: underPair[kind],
  }),
  /** Where to query a list (index `gsi1`): its partition, and a sort-key start within it. */
  questionnaires: (cohortId: string) => ({ gsi1pk: lists.questionnaires(cohortId) }),
  mentors: (cohortId: string) => ({ gsi1pk: lists.mentors(cohortId) }),
  cohorts: () => ({ gsi1pk: lists.cohorts }),
  pairs: (cohortId?: string) => ({
    gsi1pk: lists.pairs,
    ...(cohortId ? { gsi1skPrefix: `${cohortId}#` } : {}),
  }),
  /** The step a pair's execution waits on, with its task token: kept server-side, never sent out. */
  pairWait: (pairId: string) => ({ pk: `PAIR#${pairId}`, sk: "WAIT" }),
  /** A link of an email: its binding (pair, step, purpose, recipient) and whether it was used. */
  link: (linkId: string) => ({ pk: `LINK#${linkId}`, sk: "LINK" }),
  /** A programme-team browser session: it works while this item exists (signing out deletes it). */
  adminSession: (sessionId: string) => ({ pk: `ADMIN-SESSION#${sessionId}`, sk: "ADMIN-SESSION" }),
  /** A request about a person's data (access, rectification, erasure), listed newest first. */
  privacyRequest: (id: string) => ({ pk: `PRIVACY#${id}`, sk: "REQUEST" }),
  privacyRequestList: (receivedAt: string, id: string) => ({
    gsi1pk: lists.privacyRequests,
    gsi1sk: `${receivedAt}#${id}`,
  }),
  privacyRequests: () => ({ gsi1pk: lists.privacyRequests }),
  /** The link a person follows to see their data: its binding to an address, server-side. */
  privacyLink: (linkId: string) => ({ pk: `PRIVACY-LINK#${linkId}`, sk: "LINK" }),
  /** At most one such link per address every few minutes (the address itself is not in the key). */
  privacyLinkThrottle: (addressHash: string) => ({
    pk: `PRIVACY-THROTTLE#${addressHash}`,
    sk: "THROTTLE",
  }),
  /** The link a person who lost theirs receives to reach their pair's page: bound to an address. */
  ownPageAccessLink: (linkId: string) => ({ pk: `OWN-PAGE-LINK#${linkId}`, sk: "LINK" }),
  /** At most one such link per address every few minutes (the address itself is not in the key). */
  ownPageAccessThrottle: (addressHash: string) => ({
    pk: `OWN-PAGE-THROTTLE#${addressHash}`,
    sk: "THROTTLE",
  }),
  /** A resource of the programme's library (a titled link), listed by theme. */
  resource: (id: string) => ({ pk: `RESOURCE#${id}`, sk: "RESOURCE" }),
  resourceList: (theme: string, id: string) => ({
    gsi1pk: lists.resources,
    gsi1sk: `${theme}#${id}`,
  }),
  resources: () => ({ gsi1pk: lists.resources }),
  /** A collective workshop: the request, then its mentors, date and outcome; listed by date. */
  workshop: (id: string) => ({ pk: `WORKSHOP#${id}`, sk: "WORKSHOP" }),
  workshopList: (createdAt: string, id: string) => ({
    gsi1pk: lists.workshops,
    gsi1sk: `${createdAt}#${id}`,
  }),
  workshops: () => ({ gsi1pk: lists.workshops }),
  /** One participant of a workshop, keyed by their address: registering twice adds one person. */
  workshopParticipant: (id: string, participant: string) => ({
    pk: `WORKSHOP#${id}`,
    sk: `PARTICIPANT#${participant}`,
  }),
  /** One participant's one-minute feedback after the workshop. */
  workshopFeedback: (id: string, participant: string) => ({
    pk: `WORKSHOP#${id}`,
    sk: `FEEDBACK#${participant}`,
  }),
  /** Where to query a workshop's participants or feedback. */
  workshopItems: (id: string, kind: "participant" | "feedback") => ({
    pk: `WORKSHOP#${id}`,
    skPrefix: kind === "participant" ? "PARTICIPANT#" : "FEEDBACK#",
  }),
  /**
   * The event workflow's own record of one event (a workshop, a BarNum'): the task token it waits
   * on (server-side only), the date version it invited for, the organisers' answer, silences.
   */
  eventRun: (kind: string, eventId: string) => ({ pk: `EVENT#${kind}#${eventId}`, sk: "RUN" }),
  /** A mentor's own link to their page (record, attestation, modules, events): its binding. */
  mentorLink: (linkId: string) => ({ pk: `MENTOR-LINK#${linkId}`, sk: "LINK" }),
  /** The mentor's consent to have their attestation sent to their manager (and to whom). */
  mentorConsent: (mentorId: string) => ({ pk: `MENTOR#${mentorId}`, sk: "CONSENT#MANAGER" }),
  /** A BarNum' drop-in event, listed by its start. */
  barnum: (id: string) => ({ pk: `BARNUM#${id}`, sk: "BARNUM" }),
  barnumList: (startsAt: string, id: string) => ({
    gsi1pk: lists.barnums,
    gsi1sk: `${startsAt}#${id}`,
  }),
  barnums: () => ({ gsi1pk: lists.barnums }),
  /** A mentor asked to staff a BarNum', and whether they confirmed. */
  barnumStaff: (id: string, mentorId: string) => ({
    pk: `BARNUM#${id}`,
    sk: `${underBarnum.staff}${mentorId}`,
  }),
  /** An agent's registration, one per address (hashed: the address is not in the key). */
  barnumRegistration: (id: string, addressHash: string) => ({
    pk: `BARNUM#${id}`,
    sk: `${underBarnum.registration}${addressHash}`,
  }),
  /** One visit recorded on the day (theme, resolved or not; nothing about the person). */
  barnumVisit: (id: string, visitId: string) => ({
    pk: `BARNUM#${id}`,
    sk: `${underBarnum.visit}${visitId}`,
  }),
  barnumItems: (id: string, kind: keyof typeof underBarnum) => ({
    pk: `BARNUM#${id}`,
    skPrefix: underBarnum[kind],
  }),
  /** A meeting of the mentor network (or a preparation session), listed by its start. */
  networkMeeting: (id: string) => ({ pk: `NETWORK#${id}`, sk: "MEETING" }),
  networkMeetingList: (startsAt: string, id: string) => ({
    gsi1pk: lists.networkMeetings,
    gsi1sk: `${startsAt}#${id}`,
  }),
  networkMeetings: () => ({ gsi1pk: lists.networkMeetings }),
  /** A mentor invited to a network meeting, and whether they attended. */
  networkInvitation: (id: string, mentorId: string) => ({
    pk: `NETWORK#${id}`,
    sk: `INVITATION#${mentorId}`,
  }),
  networkInvitations: (id: string) => ({ pk: `NETWORK#${id}`, skPrefix: "INVITATION#" }),
  /**
   * One shard of a cohort's maintained counts (what its figures are made of, see `counts.ts`):
   * the shards of a cohort share a partition, so one query reads them all.
   */
  cohortCounts: (cohortId: string, shard: number) => ({
    pk: `COHORT#${cohortId}#COUNTS`,
    sk: `SHARD#${String(shard).padStart(2, "0")}`,
  }),
  cohortCountShards: (cohortId: string) => ({ pk: `COHORT#${cohortId}#COUNTS` }),
  /** An address SES could not deliver to for good (hard bounce) or whose owner complained. */
  unreachable: (email: string) => ({
    pk: `UNREACHABLE#${normaliseEmail(email)}`,
    sk: "UNREACHABLE",
  }),
  /**
   * One search term of a form (a name or the address, folded: no accents, lower case), stored
   * under the form's partition and listed by term, so a search is a Query on a prefix.
   */
  searchTerm: (
    kind: "questionnaire" | "mentor",
    cohortId: string,
    formId: string,
    term: string,
  ) => ({
    pk: `${kind === "questionnaire" ? "QUESTIONNAIRE" : "MENTOR"}#${formId}`,
    sk: `SEARCH#${term}`,
    gsi1pk: lists.search(kind, cohortId),
    gsi1sk: `${term}#${formId}`,
  }),
  /**
   * That a mentor leads (or led) a pair: filed under the pair (it expires and is erased with it),
   * listed right after the mentor in the cohort's mentors, so one Query of the list reads each
   * mentor with their pairs.
   */
  pairMentor: (pairId: string, mentor: { id: string; cohortId: string; createdAt: string }) => ({
    pk: `PAIR#${pairId}`,
    sk: `MENTOR#${mentor.id}`,
    gsi1pk: lists.mentors(mentor.cohortId),
    gsi1sk: `${mentor.createdAt}#${mentor.id}#PAIR#${pairId}`,
  }),
  /** Where to query one mentor's pairs in the cohort's mentors list. */
  pairsOfMentor: (mentor: { id: string; cohortId: string; createdAt: string }) => ({
    gsi1pk: lists.mentors(mentor.cohortId),
    gsi1skPrefix: `${mentor.createdAt}#${mentor.id}#PAIR#`,
  }),
  /** Where to search a cohort's forms of one kind by the start of a term. */
  searchTerms: (kind: "questionnaire" | "mentor", cohortId: string, prefix: string) => ({
    gsi1pk: lists.search(kind, cohortId),
    gsi1skPrefix: prefix,
  }),
  /** The link a mentor who lost theirs receives to reach their page: bound to an address. */
  mentorAccessLink: (linkId: string) => ({ pk: `MENTOR-ACCESS-LINK#${linkId}`, sk: "LINK" }),
  /** At most one such link per address every few minutes (the address itself is not in the key). */
  mentorAccessThrottle: (addressHash: string) => ({
    pk: `MENTOR-ACCESS-THROTTLE#${addressHash}`,
    sk: "THROTTLE",
  }),
};
