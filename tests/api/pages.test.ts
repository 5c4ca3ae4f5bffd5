import { describe, expect, it, vi } from "vitest";
import { stylesheet } from "#web/styles";
import { app } from "../../functions/api/app";

/**
 * The rendered HTML of every public page, checked without a browser: language, skip link, one h1,
 * a label for every control, unique ids, and an error summary whose links reach invalid fields.
 */
type Tag = { name: string; attributes: string; index: number };

const tags = (html: string, names: string) =>
  [...html.matchAll(new RegExp(`<(${names})\\b([^>]*)>`, "g"))].map(
    (match): Tag => ({ name: match[1] ?? "", attributes: match[2] ?? "", index: match.index }),
  );

const attribute = (tag: Tag, name: string) =>
  new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(tag.attributes)?.[1];

const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);

async function get(path: string, lang?: "en") {
  const response = await app.request(path, { headers: lang ? { cookie: `lang=${lang}` } : {} });
  expect(response.status).toBe(200);
  return response.text();
}

async function postEmpty(path: string) {
  const response = await app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
    body: "",
  });
  expect(response.status).toBe(422);
  return response.text();
}

const pages = ["/", "/questionnaire", "/candidature", "/confidentialite", "/accessibilite"];

function expectWellFormedPage(html: string, lang: "fr" | "en") {
  expect(html).toMatch(new RegExp(`<html lang="${lang}">`));
  expect(html.match(/<main\b/g)).toHaveLength(1);
  expect(html).toMatch(/<main id="contenu" tabindex="-1">/);
  expect(html).toMatch(/<a class="skip" href="#contenu">/);
  expect(html.indexOf('class="skip"')).toBeLessThan(html.indexOf("<header"));
  expect(html.match(/<h1\b/g)).toHaveLength(1);
  expect(html).toMatch(/<header class="site">/);
  expect(html).toMatch(/<nav class="main" aria-label="[^"]+">/);
  expect(html).toMatch(/<footer class="site">/);
  expect(html).not.toMatch(/<script\b/);
  expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  const allIds = ids(html);
  expect(new Set(allIds).size, "ids are unique").toBe(allIds.length);
}

function expectLabelledControls(html: string) {
  const labels = new Set(tags(html, "label").map((tag) => attribute(tag, "for")));
  const controls = tags(html, "input|select|textarea").filter(
    (tag) => !["hidden", "submit"].includes(attribute(tag, "type") ?? ""),
  );
  expect(controls.length).toBeGreaterThan(0);
  for (const control of controls) {
    const id = attribute(control, "id");
    expect(id, control.attributes).toBeTruthy();
    expect(labels.has(id), `label for ${id}`).toBe(true);
  }
}

describe("every public page", () => {
  it.each(pages)("%s has a language, a skip link to main, landmarks and one h1", async (path) => {
    expectWellFormedPage(await get(path), "fr");
    expectWellFormedPage(await get(path, "en"), "en");
  });

  it.each(pages)("%s weighs under 50 KB with its stylesheet", async (path) => {
    const html = await get(path);
    expect(Buffer.byteLength(html) + Buffer.byteLength(stylesheet)).toBeLessThan(50 * 1024);
  });

  it("forbids scripts and other origins in its content security policy", async () => {
    const response = await app.request("/");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
  });
});

describe("forms", () => {
  it.each(["/questionnaire", "/candidature"])("%s labels every control", async (path) => {
    expectLabelledControls(await get(path));
  });

  it.each(["/questionnaire", "/candidature"])(
    "%s sent empty comes back with a focused error summary, first in main, linked to invalid fields",
    async (path) => {
      const html = await postEmpty(path);
      expectWellFormedPage(html, "fr");
      expectLabelledControls(html);
      expect(html).toMatch(/<title>Erreur — /);
      const main = html.slice(html.indexOf("<main"));
      const summary = tags(main, "div").find((tag) => attribute(tag, "id") === "erreurs");
      expect(summary).toBeDefined();
      expect(attribute(summary as Tag, "role")).toBe("alert");
      expect(summary?.attributes).toMatch(/\bautofocus\b/);
      expect(summary?.index).toBeLessThan(main.indexOf("<h1"));
      expect(
        main
          .slice(0, summary?.index)
          .replace(/<[^>]+>/g, "")
          .trim(),
      ).toBe("");
      const end = main.indexOf("</ul>", summary?.index);
      const links = tags(main.slice(summary?.index, end), "a").map((tag) => attribute(tag, "href"));
      expect(links.length).toBeGreaterThan(5);
      const invalid = new Map(
        tags(html, "input|select|textarea|fieldset").map((tag) => [
          attribute(tag, "id"),
          attribute(tag, "aria-invalid"),
        ]),
      );
      for (const href of links) {
        expect(href).toMatch(/^#champ-/);
        expect(invalid.get(href?.slice(1)), `${href} is an invalid field`).toBe("true");
      }
      for (const control of tags(html, "input|textarea").filter(
        (tag) => attribute(tag, "aria-invalid") === "true" && attribute(tag, "aria-describedby"),
      )) {
        for (const described of (attribute(control, "aria-describedby") ?? "").split(" ")) {
          expect(ids(html), `${described} exists`).toContain(described);
        }
      }
    },
  );

  it("keeps the answers already given when the form comes back with errors", async () => {
    const response = await app.request("/questionnaire", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
      body: new URLSearchParams({
        firstName: "Claire",
        "comfort.social-networks": "2",
        formats: "video",
      }).toString(),
    });
    const html = await response.text();
    expect(html).toMatch(/id="champ-firstName"[^>]*value="Claire"/);
    expect(html).toMatch(/id="champ-comfort-social-networks-2"[^>]*checked/);
    expect(html).toMatch(/id="champ-formats-video"[^>]*checked/);
    expect(html).not.toMatch(/href="#champ-firstName"/);
  });
});

describe("the programme's identity", () => {
  it("comes from configuration: name in the title and header, colours in the stylesheet", async () => {
    const saved = { name: process.env.PROGRAMME_NAME, colour: process.env.PROGRAMME_COLOUR };
    process.env.PROGRAMME_NAME = "Connecte ton manager";
    process.env.PROGRAMME_COLOUR = "#18753c";
    vi.resetModules();
    try {
      const { app: configured } = await import("../../functions/api/app");
      const html = await (await configured.request("/")).text();
      expect(html).toContain("<title>Le mentorat inversé — Connecte ton manager</title>");
      expect(html).toContain('<span class="brand-name">Connecte ton manager</span>');
      const css = await (await configured.request("/assets/site.css")).text();
      expect(css).toContain("--primary:#18753c");
    } finally {
      for (const [name, value] of [
        ["PROGRAMME_NAME", saved.name],
        ["PROGRAMME_COLOUR", saved.colour],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      vi.resetModules();
    }
  });
});
