import { Hono } from "hono";
import * as v from "valibot";
import { RegistrationSchema } from "#core/barnum/model";
import * as barnums from "#core/barnum/store";
import type { FormValues } from "#web/form-kit";
import { MessagePage } from "#web/layout";
import {
  BarnumListPage,
  BarnumRegisteredPage,
  BarnumRegistrationPage,
  barnumNotFound,
} from "#web/pages/barnum";
import { say } from "#web/say";
import { issuesByField } from "#web/validation";
import { type LangEnv, language } from "../lang";

/** /barnum: the coming BarNum' for every agent, no account needed, and a slot's registration. */

const text = (values: FormValues, name: string) => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};

export const registrationFromForm = (values: FormValues) => ({
  firstName: text(values, "firstName"),
  email: text(values, "email"),
  slotId: text(values, "slotId"),
  theme: text(values, "theme") || undefined,
  question: text(values, "question"),
  consent: values.consent === "on",
});

export const barnumPages = new Hono<LangEnv>()
  .use(language)
  .get("/", async (c) =>
    c.html(<BarnumListPage lang={c.var.lang} barnums={await barnums.comingBarnums()} />),
  )
  .get("/:id", async (c) => {
    const barnum = await barnums.getBarnum(c.req.param("id"));
    if (barnum?.status !== "published") {
      return c.html(
        <MessagePage
          lang={c.var.lang}
          path={c.req.path}
          title="BarNum'"
          body={say(c.var.lang, barnumNotFound)}
        />,
        404,
      );
    }
    return c.html(<BarnumRegistrationPage lang={c.var.lang} barnum={barnum} />);
  })
  .post("/:id", async (c) => {
    const barnum = await barnums.getBarnum(c.req.param("id"));
    const lang = c.var.lang;
    if (barnum?.status !== "published") {
      return c.html(
        <MessagePage
          lang={lang}
          path={c.req.path}
          title="BarNum'"
          body={say(lang, barnumNotFound)}
        />,
        404,
      );
    }
    const values = (await c.req.parseBody({ all: true })) as FormValues;
    const parsed = v.safeParse(RegistrationSchema, registrationFromForm(values));
    if (!parsed.success) {
      const errors = issuesByField(RegistrationSchema, parsed.issues);
      return c.html(
        <BarnumRegistrationPage lang={lang} barnum={barnum} values={values} errors={errors} />,
        422,
      );
    }
    const outcome = await barnums.register(barnum, parsed.output);
    if (outcome.status === "over") {
      return c.html(
        <MessagePage
          lang={lang}
          path={c.req.path}
          title="BarNum'"
          body={say(lang, barnumNotFound)}
        />,
        410,
      );
    }
    if (outcome.status === "no-slot") {
      const errors = { slotId: "Choisissez un créneau." };
      return c.html(
        <BarnumRegistrationPage lang={lang} barnum={barnum} values={values} errors={errors} />,
        422,
      );
    }
    const fresh = (await barnums.getBarnum(barnum.id)) ?? barnum;
    return c.html(
      <BarnumRegisteredPage lang={lang} barnum={fresh} outcome={outcome.status} />,
      outcome.status === "full" ? 409 : 200,
    );
  });
