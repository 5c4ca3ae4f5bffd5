/**
 * A seeded cohort shaped like a ministry's: managers whose lines of management go up through other
 * mentees, mentors of capacity 1–3 offering 1–3 themes, formats, slots and sites drawn at random,
 * and 50 pairs the programme team excluded. The matching bench and the matching tests share it.
 */
import type {
  Level,
  MatchingMentee,
  MatchingMentor,
  MatchingSettings,
  MeetingFormat,
} from "../../packages/core/src/matching";
import { themeIds } from "../../packages/core/src/programme";

/** mulberry32: small, fast and good enough for test data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"];
const slots = days.flatMap((day) => [`${day}-matin`, `${day}-midi`, `${day}-apres-midi`]);
const sites = ["Bercy", "Ivry", "Noisy", "Lille", "Lyon", "Marseille", "Nantes", "Toulouse"];
const directorates = ["DGFiP", "DGE", "DGDDI", "Insee", "DGCCRF", "DGT", "SG", "DAJ", "APE", "DB"];

export function generateCohort(
  menteeCount: number,
  mentorCount: number,
  seed = 2017,
): { mentees: MatchingMentee[]; mentors: MatchingMentor[]; settings: MatchingSettings } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    for (let k = pool.length - 1; k > 0; k--) {
      const other = Math.floor(random() * (k + 1));
      [pool[k], pool[other]] = [pool[other] as T, pool[k] as T];
    }
    return pool.slice(0, count);
  };
  const level = (): Level => (1 + Math.floor(random() * 4)) as Level;
  const formats = (): MeetingFormat[] => {
    const odds = { site: 0.5, video: 0.6, phone: 0.3 };
    const chosen = (["site", "video", "phone"] as const).filter(
      (format) => random() < odds[format],
    );
    return chosen.length > 0 ? chosen : [pick(["site", "video", "phone"] as const)];
  };
  const site = () => (random() < 0.9 ? pick(sites) : undefined);

  // Mentees are managers; a mentee's line goes up through other mentees and directors.
  const mentees: MatchingMentee[] = [];
  for (let i = 0; i < menteeCount; i++) {
    const id = `mentee-${i}`;
    const boss = i > 20 && random() < 0.7 ? mentees[Math.floor(random() * i)] : undefined;
    const comfort = Object.fromEntries(themeIds.map((theme) => [theme, level()]));
    mentees.push({
      id,
      email: `${id}@example.gouv.fr`,
      priorityThemes: sample(themeIds, 1 + Math.floor(random() * 3)),
      comfort,
      formats: formats(),
      availability: sample(slots, 2 + Math.floor(random() * 6)),
      site: site(),
      directorate: boss?.directorate ?? pick(directorates),
      managementLine: [id, ...(boss?.managementLine ?? [`director-${i % 40}`])],
    });
  }
  const mentors: MatchingMentor[] = [];
  for (let j = 0; j < mentorCount; j++) {
    const id = `mentor-${j}`;
    const boss = random() < 0.5 ? pick(mentees) : undefined;
    mentors.push({
      id,
      email: `${id}@example.gouv.fr`,
      capacity: (1 + Math.floor(random() * 3)) as 1 | 2 | 3,
      themes: sample(themeIds, 1 + Math.floor(random() * 3)).map((theme) => ({
        theme,
        level: level(),
      })),
      formats: formats(),
      availability: sample(slots, 2 + Math.floor(random() * 6)),
      site: site(),
      directorate: boss?.directorate ?? pick(directorates),
      managementLine: [id, ...(boss?.managementLine ?? [`director-${j % 40}`])],
    });
  }
  const excludedPairs: [string, string][] = [];
  for (let k = 0; k < 50; k++) excludedPairs.push([pick(mentees).id, pick(mentors).id]);
  return { mentees, mentors, settings: { allowSameManagementLine: false, excludedPairs } };
}
