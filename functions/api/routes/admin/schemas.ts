import * as v from "valibot";

/** The bodies of the programme team's actions (JSON API; the pages reuse the cancellation one). */

export const SwapSchema = v.strictObject({
  menteeIds: v.pipe(
    v.tuple([v.string(), v.string()], "Indiquez les deux cadres dont les mentors s'échangent."),
  ),
  version: v.optional(v.number()),
});
export const RemoveSchema = v.strictObject({
  menteeId: v.string("Indiquez le cadre à retirer."),
  version: v.optional(v.number()),
});
export const ForceSchema = v.strictObject({
  menteeId: v.string("Indiquez le cadre."),
  mentorId: v.string("Indiquez le mentor."),
  version: v.optional(v.number()),
});
export const ConfirmSchema = v.strictObject({ version: v.optional(v.number()) });
export const ExclusionSchema = v.strictObject({
  menteeId: v.string("Indiquez le cadre."),
  mentorId: v.string("Indiquez le mentor."),
});
export const CancelSchema = v.strictObject({
  reason: v.pipe(
    v.string("Indiquez le motif de l'annulation."),
    v.trim(),
    v.nonEmpty("Indiquez le motif de l'annulation."),
    v.maxLength(500, "500 caractères au plus."),
  ),
});
export const ReassignSchema = v.strictObject({
  mentorId: v.pipe(
    v.string("Choisissez le nouveau mentor."),
    v.nonEmpty("Choisissez le nouveau mentor."),
  ),
});
