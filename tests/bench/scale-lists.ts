/**
 * `scale.lists` and `scale.figures`: a cohort of `BENCH_SCALE_ITEMS` (20,000) questionnaires,
 * as many pairs and 7,000 mentors in DynamoDB Local (with their search terms and list links, as
 * the app writes them), then each of the team's list pages (questionnaires, mentors, pairs: the
 * first page, the next one, a search, and filters) and the figures page asked once, in process
 * (`app.request`), each timed. Prints `{ lists: { items, ms, page }, figures: { pairs, ms, cpuMs,
 * jsonMs, rebuildSeconds }, pages }` as JSON: the slowest list page, the figures page (HTML, its
 * CPU time, the JSON), the rebuild of the cohort's counts from its records, and every page's
 * time. Run alone with
 * `npx tsx tests/bench/scale-lists.ts`; `npm run bench` runs it in a process of its own.
 */
export {};

const items = Number(process.env.BENCH_SCALE_ITEMS ?? 20_000);

const { startLocalServices, ensureTable, pointSdkAt } = await import(
  "../../functions/local/services"
);
const services = await startLocalServices();
process.env.BINOME_LOCAL = "1";
process.env.TABLE_NAME = `binome-bench-lists-${Date.now()}`;
pointSdkAt(services);
process.env.SENDER_ADDRESS ??= "mentorat-inverse@example.gouv.fr";
process.env.APP_URL ??= "http://localhost:3000";
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
await ensureTable(services.dynamodbEndpoint, process.env.TABLE_NAME);

try {
  const { keys } = await import("#core/keys");
  const { pairIdFor } = await import("#core/matching/proposal");
  const { seedCohort, writeItems } = await import("./scale-seed");
  const { pairRecord } = await import("../support/fixtures");
  const phases = [
    "introduction",
    "preparation",
    "sessions",
    "pause",
    "follow-up",
    "closed",
  ] as const;
  const cohortId = `bench-lists-${Date.now().toString(36)}`;
  // Written as the app writes them: each form with its search terms, each questionnaire marked
  // with its pair, each pair filed under its mentor.
  const { menteeIds, mentorIds, mentors } = await seedCohort(
    cohortId,
    { mentees: items, mentors: Math.ceil(items / 2.85) },
    { searchable: true, pairOf: (menteeId) => pairIdFor(cohortId, menteeId) },
  );
  const pairs = menteeIds.map((menteeId, index) => {
    const id = pairIdFor(cohortId, menteeId);
    const createdAt = new Date(Date.parse("2026-01-05T09:00:00.000Z") + index).toISOString();
    const phase = phases[index % phases.length] ?? "sessions";
    return {
      ...keys.pair(id),
      ...keys.pairList(cohortId, createdAt, id),
      kind: "pair",
      ...pairRecord({
        id,
        cohortId,
        menteeId,
        mentorId: mentorIds[index % mentorIds.length] as string,
        phase,
        status: phase === "closed" ? "closed" : "active",
        outcome: phase === "closed" ? "completed" : undefined,
        createdAt,
        updatedAt: createdAt,
      }),
    };
  });
  await writeItems([
    ...pairs,
    ...pairs.map((pair, index) => ({
      ...keys.pairMentor(pair.id, mentors[index % mentors.length] as (typeof mentors)[number]),
      kind: "pair-mentor",
      pairId: pair.id,
      mentorId: pair.mentorId,
    })),
  ]);

  const { app } = await import("../../functions/api/app");
  const { env } = await import("#core/env");
  const time = async (path: string) => {
    const started = performance.now();
    const response = await app.request(`http://localhost${path}`, {
      headers: { Authorization: `Bearer ${env.adminToken}` },
    });
    await response.text();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return Math.round(performance.now() - started);
  };
  // One request first, so that no page is timed with the app's first-use loading.
  await time(`/admin/questionnaires?vague=bench-warm-up`);
  const pages: Record<string, number> = {};
  // Each list's first page, the page "Suivants" opens, a filter on joined data (read until the
  // page is full or 1,000 items were read), a filter DynamoDB applies, and a search.
  const next = async (path: string) => {
    const response = await app.request(`http://localhost${path}`, {
      headers: { Authorization: `Bearer ${env.adminToken}` },
    });
    const cursor = /curseur=([^"&]+)/.exec(await response.text())?.[1];
    if (!cursor) throw new Error(`${path} has no next page`);
    return `${path}&curseur=${cursor}`;
  };
  for (const page of ["questionnaires", "mentors", "binomes"]) {
    const first = `/admin/${page}?vague=${cohortId}`;
    pages[page] = await time(first);
    pages[`${page}.suivants`] = await time(await next(first));
    pages[`${page}.recherche`] = await time(`${first}&q=helene`);
  }
  pages["questionnaires.phase"] = await time(`/admin/questionnaires?vague=${cohortId}&phase=pause`);
  pages["mentors.attention"] = await time(`/admin/mentors?vague=${cohortId}&attention=1`);
  pages["binomes.attention"] = await time(`/admin/binomes?vague=${cohortId}&attention=1`);
  // The figures read the cohort's maintained counts. The records above were written straight into
  // the table, as records from before the counts: the rebuild job counts them first (timed apart).
  const { rebuildCounts } = await import("#core/counts-rebuild");
  const rebuildStarted = performance.now();
  await rebuildCounts(cohortId);
  const rebuildSeconds = Math.round(performance.now() - rebuildStarted) / 1000;
  const cpuBefore = process.cpuUsage();
  pages.chiffres = await time(`/admin/chiffres?vague=${cohortId}`);
  const figuresCpuMs = Math.round(process.cpuUsage(cpuBefore).user / 1000);
  const figuresJsonMs = await time(`/api/admin/figures?cohort=${cohortId}`);
  const [slowest, ms] = Object.entries(pages)
    .filter(([page]) => page !== "chiffres")
    .sort((a, b) => b[1] - a[1])[0] as [string, number];
  console.log(
    JSON.stringify({
      lists: { items, ms, page: slowest },
      figures: {
        pairs: items,
        ms: pages.chiffres,
        cpuMs: figuresCpuMs,
        jsonMs: figuresJsonMs,
        rebuildSeconds,
      },
      pages,
    }),
  );
} finally {
  await services.stop();
}
process.exit(0);
