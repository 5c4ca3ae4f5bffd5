import { describe, expect, it } from "vitest";
import { type Barnum, sequenceOf } from "#core/barnum/model";
import { getBarnum, listBarnums } from "#core/barnum/store";
import { clock } from "#core/clock";
import { parisToday } from "#core/event-dates";
import { useEngine } from "../workflow/support";
import { adminForm, adminJson, adminPage, pageText } from "./admin-support";

/**
 * Publishing a BarNum' is keyed by the form shown (`requestKey`, as the cohort mailing): the same
 * form posted twice publishes one BarNum' and answers with it, whatever happened in between (a
 * move, a cancellation), on the page and in its JSON twin; a new form publishes a new one, even at
 * the date and place of one moved away. In process (`app.request()`), against DynamoDB Local and
 * the local Step Functions service that the publication and the move start and tell.
 */
const { engine } = useEngine();

const day = 24 * 3600_000;

let counter = 0;
/** A publish form of its own for each test (its event names it), in `days` from now. */
const formFor = (days: number) => ({
  event: `Midi numérique ${Date.now().toString(36)}-${counter++}`,
  place: "Hall Bercy",
  date: parisToday(clock.now().getTime() + days * day),
  startTime: "12:00",
  endTime: "14:00",
  slotMinutes: "30",
  placesPerSlot: "4",
});

/** The key the publish form carries, as the team's page shows it. */
async function keyOf(response: Response): Promise<string> {
  const key = /name="requestKey" value="([^"]+)"/.exec(await pageText(response))?.[1];
  if (!key) throw new Error("The publish form carries no key");
  return key;
}
const shownKey = async () => keyOf(await adminPage("/admin/barnum"));

const barnumsOf = async (event: string) =>
  (await listBarnums()).filter((barnum) => barnum.event === event);

/** The BarNum' a page answer leads to, and what it says was done. */
function ledTo(response: Response) {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location") ?? "", "http://localhost");
  const id = /^\/admin\/barnum\/([0-9a-f]{20})$/.exec(location.pathname)?.[1];
  if (!id) throw new Error(`Not a BarNum' page: ${location.pathname}`);
  return { id, done: location.searchParams.get("fait") };
}

describe("publishing a BarNum' from the team's page", () => {
  it("publishes once when the same form is posted again after a move, and answers with the moved BarNum'", async () => {
    const form = { ...formFor(4), requestKey: await shownKey() };
    const first = ledTo(await adminForm("/admin/barnum", form));
    expect(first.done).toBe("barnum-publie");
    await engine().settle();

    const move = {
      date: parisToday(clock.now().getTime() + 6 * day),
      startTime: "15:00",
      place: "Salle Colbert",
    };
    expect(ledTo(await adminForm(`/admin/barnum/${first.id}/deplacer`, move)).done).toBe("deplace");
    await engine().settle();

    // Browser back and submit: the same form, with the same key.
    const again = ledTo(await adminForm("/admin/barnum", form));
    expect(again).toEqual({ id: first.id, done: "barnum-deja-publie" });
    const page = await pageText(await adminPage(`/admin/barnum/${again.id}?fait=${again.done}`));
    expect(page).toContain("Ce formulaire avait déjà publié ce BarNum'");
    const stored = await barnumsOf(form.event);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.place).toBe("Salle Colbert");
    expect(sequenceOf(stored[0] ?? {})).toBe(1);
  });

  it("publishes nothing more when the same form comes back after a cancellation", async () => {
    const form = { ...formFor(5), requestKey: await shownKey() };
    const first = ledTo(await adminForm("/admin/barnum", form));
    await engine().settle();
    expect(ledTo(await adminForm(`/admin/barnum/${first.id}/annuler`, {})).done).toBe("annule");
    await engine().settle();
    expect(ledTo(await adminForm("/admin/barnum", form)).id).toBe(first.id);
    const stored = await barnumsOf(form.event);
    expect(stored.map((barnum) => barnum.status)).toEqual(["cancelled"]);
  });

  it("publishes once when the same form is posted twice at the same moment", async () => {
    const form = { ...formFor(4), requestKey: await shownKey() };
    const answers = await Promise.all([
      adminForm("/admin/barnum", form),
      adminForm("/admin/barnum", form),
    ]);
    const [one, two] = answers.map(ledTo);
    expect(one?.id).toBe(two?.id);
    expect((await barnumsOf(form.event)).map((barnum) => barnum.id)).toEqual([one?.id]);
    expect([one?.done, two?.done].sort()).toEqual(["barnum-deja-publie", "barnum-publie"]);
    await engine().settle();
  });

  it("publishes a new BarNum' from a new form, even at the date and place of one moved away", async () => {
    const content = formFor(4);
    const first = ledTo(
      await adminForm("/admin/barnum", { ...content, requestKey: await shownKey() }),
    );
    await engine().settle();
    const move = {
      date: parisToday(clock.now().getTime() + 7 * day),
      startTime: "12:00",
      place: "Hall Bercy",
    };
    ledTo(await adminForm(`/admin/barnum/${first.id}/deplacer`, move));
    await engine().settle();

    // The team opens the page again and publishes one at the date the first one left.
    const second = ledTo(
      await adminForm("/admin/barnum", { ...content, requestKey: await shownKey() }),
    );
    expect(second.id).not.toBe(first.id);
    expect(second.done).toBe("barnum-publie");
    const stored = await barnumsOf(content.event);
    expect(stored).toHaveLength(2);
    const byId = new Map(stored.map((barnum) => [barnum.id, barnum]));
    expect(Date.parse(byId.get(second.id)?.startsAt ?? "")).toBeLessThan(
      Date.parse(byId.get(first.id)?.startsAt ?? ""),
    );
    await engine().settle();
  });

  it("keeps the key of a refused form, so that corrected it publishes once", async () => {
    const requestKey = await shownKey();
    const form = formFor(4);
    const refused = await adminForm("/admin/barnum", { ...form, endTime: "11:00", requestKey });
    expect(refused.status).toBe(422);
    const refusedPage = await pageText(refused.clone());
    expect(refusedPage).toContain("L'heure de fin doit venir après l'heure de début.");
    expect(await keyOf(refused)).toBe(requestKey);
    expect(await barnumsOf(form.event)).toHaveLength(0);

    const published = ledTo(await adminForm("/admin/barnum", { ...form, requestKey }));
    expect(ledTo(await adminForm("/admin/barnum", { ...form, requestKey })).id).toBe(published.id);
    expect(await barnumsOf(form.event)).toHaveLength(1);
    await engine().settle();
  });

  it("refuses a form without its key, or with a forged one, in French, with a new key and what was typed", async () => {
    const form = formFor(4);
    for (const requestKey of [undefined, "pas une clé", "x".repeat(65)]) {
      const refused = await adminForm(
        "/admin/barnum",
        requestKey === undefined ? form : { ...form, requestKey },
      );
      expect(refused.status).toBe(422);
      const page = await pageText(refused.clone());
      expect(page).toContain(
        "Ce formulaire n'est plus valable\u00a0: rechargez la page et recommencez.",
      );
      expect(page).toContain(`value="${form.event}"`);
      const fresh = await keyOf(refused);
      expect(fresh).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
      // The page's new key publishes what was typed.
      const published = ledTo(await adminForm("/admin/barnum", { ...form, requestKey: fresh }));
      expect(published.done).toBe("barnum-publie");
      expect((await barnumsOf(form.event)).map((barnum) => barnum.id)).toEqual([published.id]);
      await engine().settle();
      form.event = `${form.event}+`;
    }
  });
});

describe("publishing a BarNum' through the JSON API", () => {
  type Published = { status: "created" | "exists"; barnum: Barnum };

  it("publishes once per requestKey, and answers with the same BarNum' after a move", async () => {
    const form = {
      ...formFor(4),
      slotMinutes: 30,
      placesPerSlot: 4,
      requestKey: crypto.randomUUID(),
    };
    const first = await adminJson("POST", "/api/admin/barnum", form);
    expect(first.status).toBe(201);
    const created = (await first.json()) as Published;
    expect(created.status).toBe("created");
    await engine().settle();

    const move = {
      date: parisToday(clock.now().getTime() + 6 * day),
      startTime: "16:00",
      place: "Salle Colbert",
    };
    const moved = await adminJson("POST", `/api/admin/barnum/${created.barnum.id}/move`, move);
    expect(await moved.json()).toEqual({ status: "changed" });
    await engine().settle();

    const again = await adminJson("POST", "/api/admin/barnum", form);
    expect(again.status).toBe(201);
    const same = (await again.json()) as Published;
    expect(same.status).toBe("exists");
    expect(same.barnum.id).toBe(created.barnum.id);
    expect(same.barnum.place).toBe("Salle Colbert");
    expect(same.barnum.sequence).toBe(1);
    expect(same.barnum).toEqual(await getBarnum(created.barnum.id));
    expect(await barnumsOf(form.event)).toHaveLength(1);
  });

  it("refuses a body without a requestKey, field by field in French", async () => {
    const form = { ...formFor(4), slotMinutes: 30, placesPerSlot: 4 };
    const refused = await adminJson("POST", "/api/admin/barnum", form);
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { errors: { field: string; detail: string }[] };
    expect(problem.errors.map(({ field, detail }) => ({ field, detail }))).toEqual([
      {
        field: "requestKey",
        detail: "Ce formulaire n'est plus valable : rechargez la page et recommencez.",
      },
    ]);
    expect(await barnumsOf(form.event)).toHaveLength(0);
  });
});
