import { BrowserContext, expect, Locator, Page, TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { demoPassword } from "../playwright.config";

export { demoPassword };

export const demo = {
  youngPerson: "demo.young",
  admin: "admin@voice.example",
  officer: "officer@voice.example",
  advocate: "advocate@voice.example",
  facilitator: "facilitator@voice.example",
};

/** True in the project that runs with JavaScript (and WebAssembly) on. */
export function withJs(testInfo: TestInfo): boolean {
  return testInfo.project.name === "js";
}

/**
 * With JavaScript on, waits until the page now showing has loaded and, if it
 * has islands (the live phone and projector), until they are hydrated. Other
 * pages load no WebAssembly at all.
 */
export async function hydrated(page: Page, testInfo: TestInfo) {
  if (withJs(testInfo)) {
    await page.waitForLoadState("load");
    if ((await page.locator("leptos-island").count()) === 0) {
      return;
    }
    // Generous: two browsers and a debug server share two cores in CI.
    try {
      await expect(page.locator("body[data-hydrated]")).toHaveCount(1, { timeout: 30_000 });
    } catch (error) {
      throw new Error(`${page.url()} did not hydrate.\n${await whatTheBrowserSaw(page)}`, { cause: error });
    }
  }
}

/** The page's console, errors and unfinished requests, to explain a failure. */
async function whatTheBrowserSaw(page: Page): Promise<string> {
  const lines: string[] = [];
  for (const message of await page.consoleMessages()) {
    lines.push(`console ${message.type()}: ${message.text()}`);
  }
  for (const error of await page.pageErrors()) {
    lines.push(`page error: ${error.message}`);
  }
  for (const request of await page.requests()) {
    const response = await request.response();
    const failure = request.failure();
    const timing = request.timing();
    lines.push(
      `request ${request.method()} ${request.url()}: ${failure ? failure.errorText : response ? response.status() : "no answer yet"}` +
        ` (response ended at ${Math.round(timing.responseEnd)} ms)`,
    );
  }
  return lines.join("\n");
}

/** Opens a page; with JavaScript on, waits until it is hydrated. */
export async function open(page: Page, path: string, testInfo: TestInfo) {
  await page.goto(path);
  await hydrated(page, testInfo);
}

/** Fills in and sends the sign-in form. */
export async function trySignIn(page: Page, login: string, testInfo: TestInfo, password = demoPassword) {
  await open(page, "/sign-in", testInfo);
  await page.getByLabel("Username or email address").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits for the home page that greets the person. */
export async function signIn(page: Page, login: string, testInfo: TestInfo) {
  await trySignIn(page, login, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hello");
}

/**
 * No axe-core violations (WCAG 2.2 A and AA rules) on the page as it is now.
 * axe-core is a script, so for a page shown with JavaScript off its HTML is
 * checked in a scratch page that loads the same stylesheet but no scripts.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo) {
  let target = page;
  let scratch: BrowserContext | undefined;
  if (!withJs(testInfo)) {
    // The snapshot is served at its own address on the same origin, so its
    // stylesheet loads as it did; scripts and WebAssembly are refused.
    const origin = new URL(page.url()).origin;
    const html = await page.content();
    // Playwright gives new contexts the project's options: axe-core needs JavaScript on.
    scratch = await page.context().browser()!.newContext({ viewport: page.viewportSize()!, javaScriptEnabled: true });
    await scratch.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
    await scratch.route(`${origin}/__axe-snapshot`, (route) =>
      route.fulfill({ contentType: "text/html; charset=utf-8", body: html }),
    );
    target = await scratch.newPage();
    await target.goto(`${origin}/__axe-snapshot`);
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  await scratch?.close();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

/** A name no other test run uses. */
export function unique(prefix: string, testInfo: TestInfo): string {
  return `${prefix}${testInfo.project.name.replace("-", "")}${Date.now().toString(36)}`;
}

/**
 * A new young person, created by the admin in another browser and activated
 * in `page`, which is left signed in as them. Tests that change what a young
 * person has said use their own, so tests running side by side do not meet.
 */
export async function newYoungPerson(page: Page, testInfo: TestInfo, name = "Alex"): Promise<string> {
  const username = unique(name.toLowerCase(), testInfo);
  const admin = await page.context().browser()!.newContext(testInfo.project.use);
  const adminPage = await admin.newPage();
  await signIn(adminPage, demo.admin, testInfo);
  await open(adminPage, "/admin/accounts/new-young-person", testInfo);
  await adminPage.getByLabel("First name").fill(name);
  await adminPage.getByLabel("Username").fill(username);
  await adminPage.getByLabel("Child in care").check();
  await adminPage.getByLabel("Month and year of birth").fill("2012-05");
  await adminPage.getByRole("button", { name: "Create account" }).click();
  const code = (await adminPage.locator(".code").textContent())!.trim();
  await admin.close();

  await open(page, `/activate?code=${code}`, testInfo);
  await page.getByLabel("Choose a password").fill("green apple door");
  await page.getByLabel("Type the password again").fill("green apple door");
  await page.getByRole("button", { name: "Set up my account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Hello, ${name}` })).toBeVisible();
  return username;
}

/** Clicks a button that sends a form, and waits for the page it leads to. */
export async function pressButton(page: Page, button: Locator, testInfo: TestInfo) {
  // Mark this page, so the wait is for the next one to replace it.
  if (withJs(testInfo)) {
    await page.evaluate(() => document.body.setAttribute("data-left-behind", ""));
  }
  await button.click();
  if (withJs(testInfo)) {
    await expect(page.locator("body[data-left-behind]")).toHaveCount(0, { timeout: 30_000 });
  }
  await hydrated(page, testInfo);
}

/** Presses the page's only button with this name, and waits for the page it leads to. */
export async function press(page: Page, name: string, testInfo: TestInfo) {
  await pressButton(page, page.getByRole("button", { name, exact: true }), testInfo);
}

