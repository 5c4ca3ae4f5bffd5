import { Hono } from "hono";
import * as v from "valibot";
import * as resources from "#core/resources";
import { ResourcesPage } from "#web/pages/admin/resources";
import { issuesByField } from "#web/validation";
import type { LangEnv } from "../../../lang";
import { form, langOf, redirectDone, text } from "./shared";

/** The programme's library of resources per theme (/admin/ressources). */

const idPattern = /^[0-9a-f-]{36}$/;

export const resourcePages = new Hono<LangEnv>()
  .get("/", async (c) =>
    c.html(
      <ResourcesPage
        resources={await resources.listResources()}
        lang={langOf(c)}
        done={c.req.query("fait")}
      />,
    ),
  )
  .post("/", async (c) => {
    const values = await form(c);
    const duration = text(values, "durationMinutes").trim();
    const parsed = v.safeParse(resources.ResourceSchema, {
      theme: text(values, "theme"),
      title: text(values, "title"),
      url: text(values, "url"),
      description: text(values, "description"),
      durationMinutes: /^\d+$/.test(duration)
        ? Number(duration)
        : duration === ""
          ? undefined
          : Number.NaN,
      audience: text(values, "audience"),
    });
    if (!parsed.success) {
      return c.html(
        <ResourcesPage
          resources={await resources.listResources()}
          lang={langOf(c)}
          values={values}
          errors={issuesByField(resources.ResourceSchema, parsed.issues)}
        />,
        422,
      );
    }
    await resources.addResource(parsed.output);
    return redirectDone(c, "/admin/ressources", "ressource-ajoutee");
  })
  .post("/:id/retirer", async (c) => {
    const id = c.req.param("id");
    if (idPattern.test(id)) await resources.removeResource(id);
    return redirectDone(c, "/admin/ressources", "ressource-retiree");
  });
