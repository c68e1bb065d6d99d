import { BrowserContext, expect, Page, TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { demoPassword } from "../playwright.config";

export { demoPassword };

export const demo = {
  youngPerson: "demo.young",
  admin: "admin@voice.example",
  officer: "officer@voice.example",
};

/** True in the project that runs with JavaScript (and WebAssembly) on. */
export function withJs(testInfo: TestInfo): boolean {
  return testInfo.project.name === "js";
}

/** Opens a page; with JavaScript on, waits until it is hydrated. */
export async function open(page: Page, path: string, testInfo: TestInfo) {
  await page.goto(path);
  if (withJs(testInfo)) {
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  }
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
    const origin = new URL(page.url()).origin;
    const html = (await page.content()).replace("<head>", `<head><base href="${origin}/">`);
    scratch = await page.context().browser()!.newContext({ viewport: page.viewportSize()! });
    await scratch.route(/\.(js|wasm)$/, (route) => route.abort());
    target = await scratch.newPage();
    await target.setContent(html, { waitUntil: "load" });
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
