import { Hono } from "hono";
import * as v from "valibot";
import { newRequestKey } from "#core/admin/request-key";
import { changeBarnum, startBarnum } from "#core/barnum/event-steps";
import { type Barnum, BarnumFormSchema, BarnumMoveSchema, canChange } from "#core/barnum/model";
import * as barnums from "#core/barnum/store";
import { clock } from "#core/clock";
import { activeMentors } from "#core/network/store";
import { atTheGroup, StaffingSchema, staffingFromForm, unknownIds } from "#web/admin-event-forms";
import type { FieldErrors, FormValues } from "#web/form-kit";
import { BarnumAdminPage, BarnumsPage } from "#web/pages/admin/barnum";
import { changeDone } from "#web/pages/admin/event-parts";
import { issuesByField } from "#web/validation";
import type { LangEnv } from "../../../lang";
import { form, langOf, notFoundPage, redirectDone, text } from "./shared";

/**
 * /admin/barnum: publish a BarNum', staff it, follow its registrations and visits. The publish
 * form shown carries a new key; a form refused keeps it, so that once corrected it publishes once.
 */

const noSuchBarnum = { fr: "Ce BarNum' n'existe pas.", en: "This BarNum' does not exist." };

async function listRows() {
  const all = await barnums.listBarnums();
  return Promise.all(
    all.map(async (barnum) => {
      const [staff, registrations, visits] = await Promise.all([
        barnums.listStaff(barnum.id),
        barnums.listRegistrations(barnum.id),
        barnums.listVisits(barnum.id),
      ]);
      return {
        barnum,
        confirmed: staff.filter((member) => member.status === "confirmed").length,
        registrations: registrations.length,
        visits: visits.length,
      };
    }),
  );
}

async function adminPage(
  barnum: Barnum,
  view: { lang: "fr" | "en"; done?: string; values?: FormValues; errors?: FieldErrors },
) {
  const [staff, candidates, registrations, figures] = await Promise.all([
    barnums.listStaff(barnum.id),
    activeMentors(),
    barnums.listRegistrations(barnum.id),
    barnums.figuresOf(barnum.id),
  ]);
  return (
    <BarnumAdminPage
      {...view}
      barnum={barnum}
      staff={staff}
      candidates={candidates}
      registrations={registrations}
      figures={figures}
      changeable={canChange(barnum, clock.now())}
    />
  );
}

export const barnumAdminPages = new Hono<LangEnv>()
  .get("/", async (c) =>
    c.html(
      <BarnumsPage
        lang={langOf(c)}
        barnums={await listRows()}
        requestKey={newRequestKey()}
        done={c.req.query("fait")}
      />,
    ),
  )
  .post("/", async (c) => {
    const values = await form(c);
    const parsed = v.safeParse(BarnumFormSchema, {
      event: text(values, "event"),
      place: text(values, "place"),
      date: text(values, "date"),
      startTime: text(values, "startTime"),
      endTime: text(values, "endTime"),
      slotMinutes: text(values, "slotMinutes"),
      placesPerSlot: text(values, "placesPerSlot"),
      requestKey: text(values, "requestKey"),
    });
    if (!parsed.success) {
      const { requestKey: expired, ...errors } = issuesByField(BarnumFormSchema, parsed.issues);
      return c.html(
        <BarnumsPage
          lang={langOf(c)}
          barnums={await listRows()}
          requestKey={expired ? newRequestKey() : text(values, "requestKey")}
          values={values}
          errors={errors}
          problem={expired}
        />,
        422,
      );
    }
    const { status, barnum } = await barnums.publishBarnum(parsed.output);
    // Published again (a retry after a failure here), the execution is started if it was not.
    await startBarnum(barnum.id);
    return redirectDone(
      c,
      `/admin/barnum/${barnum.id}`,
      status === "created" ? "barnum-publie" : "barnum-deja-publie",
    );
  })
  .get("/:id", async (c) => {
    const barnum = await barnums.getBarnum(c.req.param("id"));
    if (!barnum) return notFoundPage(c, noSuchBarnum);
    return c.html(await adminPage(barnum, { lang: langOf(c), done: c.req.query("fait") }));
  })
  .post("/:id/deplacer", async (c) => {
    const barnum = await barnums.getBarnum(c.req.param("id"));
    if (!barnum) return notFoundPage(c, noSuchBarnum);
    const values = await form(c);
    const parsed = v.safeParse(BarnumMoveSchema, {
      date: text(values, "date"),
      startTime: text(values, "startTime"),
      place: text(values, "place"),
    });
    if (!parsed.success) {
      const errors = issuesByField(BarnumMoveSchema, parsed.issues);
      return c.html(await adminPage(barnum, { lang: langOf(c), values, errors }), 422);
    }
    const outcome = await changeBarnum(barnum.id, { move: parsed.output });
    return redirectDone(c, `/admin/barnum/${barnum.id}`, changeDone(outcome, "deplace"));
  })
  .post("/:id/annuler", async (c) => {
    const barnum = await barnums.getBarnum(c.req.param("id"));
    if (!barnum) return notFoundPage(c, noSuchBarnum);
    // The record first; the execution tells everyone (its last step), and stops.
    const outcome = await changeBarnum(barnum.id, "cancel");
    return redirectDone(c, `/admin/barnum/${barnum.id}`, changeDone(outcome, "annule"));
  })
  .post("/:id/mentors", async (c) => {
    const barnum = await barnums.getBarnum(c.req.param("id"));
    if (!barnum) return notFoundPage(c, noSuchBarnum);
    // A page left open past its start or its cancellation: asking now would help nobody.
    if (!canChange(barnum, clock.now())) {
      return redirectDone(c, `/admin/barnum/${barnum.id}`, "barnum-trop-tard");
    }
    const values = await form(c);
    const input = staffingFromForm(values);
    const parsed = v.safeParse(StaffingSchema, input);
    const errors = parsed.success
      ? unknownIds("mentorIds", input.mentorIds, await selectedIds(), "not-selected")
      : issuesByField(StaffingSchema, parsed.issues);
    if (Object.keys(errors).length > 0) {
      const view = { lang: langOf(c), values, errors: atTheGroup("mentorIds", errors) };
      return c.html(await adminPage(barnum, view), 422);
    }
    // Asked twice, a mentor is asked once: the second time changes nothing.
    await barnums.askMentors(barnum, input.mentorIds);
    return redirectDone(c, `/admin/barnum/${barnum.id}`, "barnum-mentors");
  });

const selectedIds = async () => new Set((await activeMentors()).map((mentor) => mentor.id));
