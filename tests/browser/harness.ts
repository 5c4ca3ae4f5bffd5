import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { type LocalRuntime, startLocalRuntime } from "../../functions/local/runtime";

/**
 * The browser-test harness: the whole system (`startLocalRuntime`, with its own DynamoDB Local and
 * SES local server) driven by Debian's Chromium through playwright-core. One browser per test
 * file; every page visited is weighed, checked with axe and photographed on a desktop and on a
 * 375 px phone.
 *
 * The runtime overwrites the endpoints that tests/support/setup.ts set for the shared services,
 * and loads the app only then: this file must not import anything that creates an AWS client.
 */
export const screenshotDirectory = path.resolve("test-artifacts/screenshots");
export const pageBudgetBytes = 50 * 1024;
export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const phone = { width: 375, height: 812 };
const desktop = { width: 1280, height: 900 };

export type System = {
  runtime: LocalRuntime;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Absolute address of a path of the app. */
  url: (path: string) => string;
  /** Requests the browser made to any other origin than the app's. */
  foreignRequests: string[];
  /** Script requests (the site ships none). */
  scripts: string[];
  /** Bytes of each HTML document received, by method and path. */
  documents: Map<string, number>;
  /** Bytes of each stylesheet received, by path. */
  stylesheets: Map<string, number>;
  /** Waits for the bodies still being measured. */
  settle: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startSystem(): Promise<System> {
  const runtime = await startLocalRuntime({ port: 0 });
  const origin = new URL(runtime.appUrl).origin;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  const context = await browser.newContext({ viewport: desktop, locale: "fr-FR" });
  const foreignRequests: string[] = [];
  const scripts: string[] = [];
  const documents = new Map<string, number>();
  const stylesheets = new Map<string, number>();
  const pending: Promise<void>[] = [];
  context.on("request", (request) => {
    const address = new URL(request.url());
    if (address.protocol !== "data:" && address.origin !== origin) {
      foreignRequests.push(request.url());
    }
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  context.on("response", (response) => {
    const type = response.request().resourceType();
    if (type !== "document" && type !== "stylesheet") return;
    const address = new URL(response.url());
    const key =
      type === "document" ? `${response.request().method()} ${address.pathname}` : address.pathname;
    pending.push(
      response.body().then(
        (body) => {
          const store = type === "document" ? documents : stylesheets;
          store.set(key, Math.max(store.get(key) ?? 0, body.byteLength));
        },
        () => undefined,
      ),
    );
  });
  const page = await context.newPage();
  return {
    runtime,
    browser,
    context,
    page,
    url: (path) => new URL(path, runtime.appUrl).toString(),
    foreignRequests,
    scripts,
    documents,
    stylesheets,
    settle: async () => {
      await Promise.all(pending);
    },
    stop: async () => {
      await browser.close();
      await runtime.stop();
    },
  };
}

/** Violations of WCAG 2.1 A and AA that axe finds on the page, in a readable form. */
export async function accessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    elements: violation.nodes.map((node) => node.target.join(" ")),
  }));
}

/**
 * Checks the page as it stands: no axe violation, no horizontal scrolling on a 375 px phone, and
 * a screenshot of each (`<name>.png`, `<name>-375.png`) for a person to look at.
 */
export async function checkPage(page: Page, name: string) {
  mkdirSync(screenshotDirectory, { recursive: true });
  expect(await accessibilityViolations(page), `axe violations on ${name}`).toEqual([]);
  await page.screenshot({ path: path.join(screenshotDirectory, `${name}.png`), fullPage: true });
  const viewport = page.viewportSize() ?? desktop;
  await page.setViewportSize(phone);
  try {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `horizontal scrolling on a 375 px phone on ${name}`).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: path.join(screenshotDirectory, `${name}-375.png`),
      fullPage: true,
    });
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** The element that has the focus, described by its tag, id, name and value. */
export async function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? "",
      id: element?.id ?? "",
      name: element?.getAttribute("name") ?? "",
      value: element?.value ?? "",
      text: element?.textContent?.trim() ?? "",
    };
  });
}

/**
 * Presses Tab until the focused element matches `selector`, as a keyboard user moves through a
 * page; fails if it is never reached.
 */
export async function tabTo(page: Page, selector: string, maxPresses = 80) {
  for (let press = 0; press < maxPresses; press++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Types into the field reached with Tab. */
export async function tabAndType(page: Page, selector: string, text: string) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/**
 * Runs `action` (a key press, a click) and waits until the page it leads to has loaded; a form
 * posts to its own address, so waiting for the address to change would not do.
 */
export async function leadsToPage(page: Page, action: () => Promise<unknown>) {
  const loaded = page.waitForEvent("load");
  await action();
  await loaded;
}

/**
 * Every page the browser received weighs, with its stylesheet, under 50 KB; no script was loaded
 * and nothing was asked of another origin (fonts, images, analytics…).
 */
export async function expectLightAndSelfContained(system: System, minimumPages: number) {
  await system.settle();
  const css = [...system.stylesheets.values()].reduce((sum, bytes) => sum + bytes, 0);
  expect([...system.stylesheets.keys()]).toEqual(["/assets/site.css"]);
  expect(system.documents.size).toBeGreaterThanOrEqual(minimumPages);
  for (const [page, bytes] of system.documents) {
    expect(bytes + css, `${page} with its CSS`).toBeLessThan(pageBudgetBytes);
  }
  expect(system.scripts).toEqual([]);
  expect(system.foreignRequests).toEqual([]);
}

/** An agent's answers to the mentor application, as typed and clicked on the page. */
export type MentorFormAnswers = {
  firstName: string;
  lastName: string;
  email: string;
  directorate: string;
  role: string;
  grade: string;
  theme: string;
  level: string;
  motivation: string;
  format: string;
  slot: string;
};

/** Fills the open mentor application (capacity 1, consent given), without sending it. */
export async function fillMentorApplication(page: Page, answers: MentorFormAnswers) {
  await page.fill("#champ-firstName", answers.firstName);
  await page.fill("#champ-lastName", answers.lastName);
  await page.fill("#champ-email", answers.email);
  await page.fill("#champ-directorate", answers.directorate);
  await page.fill("#champ-role", answers.role);
  await page.check(`#champ-grade-${answers.grade}`);
  await page.selectOption(`#champ-themes-${answers.theme}`, answers.level);
  await page.fill("#champ-motivation", answers.motivation);
  await page.check(`#champ-formats-${answers.format}`);
  await page.check(`#champ-availability-${answers.slot}`);
  await page.check("#champ-capacity-1");
  await page.check("#champ-consent-on");
}
