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
  /** Marks an email as sent for one purpose, so a retried step never sends it twice. */
  emailSent: (dedupeKey: string) => ({ pk: `EMAIL#${dedupeKey}`, sk: "EMAIL" }),
};
