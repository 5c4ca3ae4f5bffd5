import { Hono } from "hono";
import * as v from "valibot";
import { startBarnum } from "#core/barnum/event-steps";
import { BarnumFormSchema } from "#core/barnum/model";
import * as barnums from "#core/barnum/store";
import { activeMentors } from "#core/network/store";
import { BarnumAdminPage, BarnumsPage } from "#web/pages/admin/barnum";
import { issuesByField } from "#web/validation";
import type { LangEnv } from "../../../lang";
import { form, langOf, notFoundPage, redirectDone, text } from "./shared";

/** /admin/barnum: publish a BarNum', staff it, follow its registrations and visits. */

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

export const barnumAdminPages = new Hono<LangEnv>()
  .get("/", async (c) =>
    c.html(<BarnumsPage lang={langOf(c)} barnums={await listRows()} done={c.req.query("fait")} />),
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
    });
    if (!parsed.success) {
      return c.html(
        <BarnumsPage
          lang={langOf(c)}
          barnums={await listRows()}
          values={values}
          errors={issuesByField(BarnumFormSchema, parsed.issues)}
        />,
        422,
      );
    }
    const { barnum } = await barnums.publishBarnum(parsed.output);
    // Published again (a retry after a failure here), the execution is started if it was not.
    await startBarnum(barnum.id);
    return redirectDone(c, `/admin/barnum/${barnum.id}`, "barnum-publie");
  })
  .get("/:id", async (c) => {
    const barnum = await barnums.getBarnum(c.req.param("id"));
    if (!barnum) return notFoundPage(c, noSuchBarnum);
    const [staff, candidates, registrations, figures] = await Promise.all([
      barnums.listStaff(barnum.id),
      activeMentors(),
      barnums.listRegistrations(barnum.id),
      barnums.figuresOf(barnum.id),
    ]);
    return c.html(
      <BarnumAdminPage
        lang={langOf(c)}
        barnum={barnum}
        staff={staff}
        candidates={candidates}
        registrations={registrations}
        figures={figures}
        done={c.req.query("fait")}
      />,
    );
  })
  .post("/:id/mentors", async (c) => {
    const barnum = await barnums.getBarnum(c.req.param("id"));
    if (!barnum) return notFoundPage(c, noSuchBarnum);
    const values = await form(c);
    const mentorIds = ([] as string[])
      .concat(values.mentorIds ?? [])
      .filter((id) => id.length < 80);
    await barnums.askMentors(barnum, mentorIds);
    return redirectDone(c, `/admin/barnum/${barnum.id}`, "barnum-mentors");
  });
