import { expect, Page, test } from "@playwright/test";
import { demo, hydrated, newYoungPerson, open, signIn, unique } from "./helpers";

// Markup a young person writes must stay text on the pages staff read: it
// must never end a <textarea> and become elements (issue 13, point 1).
const markup = (mark: string) =>
  `${mark} </textarea><h1 id="pwned">x</h1><meta http-equiv="refresh" content="5;url=https://evil.example/">`;

async function expectNoInjectedElements(page: Page) {
  await expect(page.locator("#pwned")).toHaveCount(0);
  await expect(page.locator('meta[http-equiv="refresh" i]')).toHaveCount(0);
}

test("markup in a promise comment stays text on the officer's pages", async ({ page, browser }, testInfo) => {
  const mark = unique("Hostile", testInfo);
  const words = markup(mark);
  await newYoungPerson(page, testInfo, "Kai");
  await open(page, "/promises/rate/3", testInfo);
  await page.getByLabel("OK", { exact: true }).check();
  await page.getByLabel("Why did you choose that? (optional)").fill(words);
  await page.getByRole("button", { name: /^Save/ }).click();
  await hydrated(page, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const office = await browser.newContext(testInfo.project.use);
  const officer = await office.newPage();
  await signIn(officer, demo.officer, testInfo);
  await open(officer, "/officer/quotes?promise=3", testInfo);
  const card = officer.locator(".card", { hasText: mark });
  // The words are there, as text: in the quote and in the "Words to quote" box.
  await expect(card.locator("blockquote")).toContainText('</textarea><h1 id="pwned">');
  await expect(card.getByLabel("Words to quote")).toHaveValue(words);
  await expectNoInjectedElements(officer);

  // An officer's edit of the words, approved, is shown the same way.
  await card.getByLabel("Words to quote").fill(words);
  await card.getByRole("button", { name: "Approve the quote" }).click();
  await hydrated(officer, testInfo);
  // Dealt with, it leaves the waiting queue for the approved list.
  await expect(officer).toHaveURL(/\/officer\/quotes\?promise=3$/);
  await expect(officer.locator(".card", { hasText: mark })).toHaveCount(0);
  await open(officer, "/officer/quotes?promise=3&show=approved", testInfo);
  const approved = officer.locator(".card", { hasText: mark });
  await expect(approved.getByText("Approved")).toBeVisible();
  await expect(approved.getByLabel("Words to quote")).toHaveValue(words);
  await expectNoInjectedElements(officer);
  await office.close();
});

test("a pasted control character is refused beside the field, the words kept", async ({ page }, testInfo) => {
  await newYoungPerson(page, testInfo, "Ash");
  await open(page, "/promises/rate/2", testInfo);
  await page.getByLabel("OK", { exact: true }).check();
  const why = page.getByLabel("Why did you choose that? (optional)");
  await why.fill("They listen to me\u0007");
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.locator("#why-error")).toContainText("hidden control character");
  await expect(why).toHaveValue(/^They listen to me/);
  // Taken out, it is saved.
  await why.fill("They listen to me");
  await page.getByRole("button", { name: /^Save/ }).click();
  await hydrated(page, testInfo);
  await expect(page.locator("#why-error")).toHaveCount(0);
});
