/** Every DynamoDB key is built here, one function per entity, so no key is spelled twice. */

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const keys = {
  questionnaire: (id: string) => ({ pk: `QUESTIONNAIRE#${id}`, sk: "QUESTIONNAIRE" }),
  questionnaireList: (cohortId: string, createdAt: string, id: string) => ({
    gsi1pk: `COHORT#${cohortId}#QUESTIONNAIRES`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  mentor: (id: string) => ({ pk: `MENTOR#${id}`, sk: "MENTOR" }),
  mentorList: (cohortId: string, createdAt: string, id: string) => ({
    gsi1pk: `COHORT#${cohortId}#MENTORS`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  /** One person may submit one form of a kind per cohort: this item makes it unique. */
  submissionClaim: (kind: "questionnaire" | "mentor", cohortId: string, email: string) => ({
    pk: `CLAIM#${kind.toUpperCase()}#${cohortId}#${normaliseEmail(email)}`,
    sk: "CLAIM",
  }),
  /** A cohort ("vague") and its settings; all cohorts are listed under one partition. */
  cohort: (id: string) => ({ pk: `COHORT#${id}`, sk: "COHORT" }),
  cohortList: (id: string) => ({ gsi1pk: "COHORTS", gsi1sk: id }),
  /** The matching proposal of a cohort, reviewed by the programme team before it is confirmed. */
  matchingProposal: (cohortId: string) => ({ pk: `COHORT#${cohortId}`, sk: "PROPOSAL" }),
  /** Marks an email as sent for one purpose, so a retried step never sends it twice. */
  emailSent: (dedupeKey: string) => ({ pk: `EMAIL#${dedupeKey}`, sk: "EMAIL" }),
  /** A pair ("binôme"); every pair is also listed under one partition, by cohort then date. */
  pair: (id: string) => ({ pk: `PAIR#${id}`, sk: "PAIR" }),
  pairList: (cohortId: string, createdAt: string, id: string) => ({
    gsi1pk: "PAIRS",
    gsi1sk: `${cohortId}#${createdAt}#${id}`,
  }),
  /** One line of a pair's append-only history (sorted by time). */
  pairHistory: (pairId: string, at: string, unique: string) => ({
    pk: `PAIR#${pairId}`,
    sk: `HISTORY#${at}#${unique}`,
  }),
  /** What the workflow sent about a pair (subject, date, recipients' roles; no addresses). */
  pairEmail: (pairId: string, at: string, unique: string) => ({
    pk: `PAIR#${pairId}`,
    sk: `SENT#${at}#${unique}`,
  }),
  /** One meeting of a pair (preparation call, session n, follow-up): its current date and version. */
  pairMeeting: (pairId: string, step: string) => ({ pk: `PAIR#${pairId}`, sk: `MEETING#${step}` }),
  /** The step a pair's execution waits on, with its task token: kept server-side, never sent out. */
  pairWait: (pairId: string) => ({ pk: `PAIR#${pairId}`, sk: "WAIT" }),
  /** A link of an email: its binding (pair, step, purpose, recipient) and whether it was used. */
  link: (linkId: string) => ({ pk: `LINK#${linkId}`, sk: "LINK" }),
  /** An address SES could not deliver to for good (hard bounce) or whose owner complained. */
  unreachable: (email: string) => ({
    pk: `UNREACHABLE#${normaliseEmail(email)}`,
    sk: "UNREACHABLE",
  }),
};
