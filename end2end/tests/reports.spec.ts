import { expect, Page, test, TestInfo } from "@playwright/test";
import { demo, expectAccessible, hydrated, newYoungPerson, open, press, pressButton, signIn, unique } from "./helpers";

const advocate = "advocate@voice.example";

/** Neither the young person's words nor the advocate's note are on the page. */
async function expectNoConcernContent(page: Page, words: string[]) {
  const text = await page.content();
  for (const said of words) {
    expect(text).not.toContain(said);
  }
}

/** Sends a concern as a new young person; returns its reference. */
async function raiseConcern(page: Page, testInfo: TestInfo, details: string): Promise<string> {
  await newYoungPerson(page, testInfo, "Kit");
  await open(page, "/rights/new", testInfo);
  await page.getByLabel("A worry or complaint about the service").check();
  await press(page, "Continue", testInfo);
  await page.getByLabel("Tell us in your own words").fill(details);
  await press(page, "Continue", testInfo);
  await press(page, "Continue", testInfo);
  await page.getByLabel("In Voice (on this app)").check();
  await press(page, "Continue", testInfo);
  await press(page, "Send to Right to Rights", testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Sent to Right to Rights" })).toBeVisible();
  return (await page.locator(".reference").textContent())!.trim();
}

test("an officer builds the report, saves a snapshot and prints it; no concern's words are in any of it", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const details = unique("My placement moved me away from my brother ", testInfo);
  const note = unique("Advocate note: spoke to the placement team ", testInfo);
  const reference = await raiseConcern(page, testInfo, details);

  // An advocate writes an internal note on it.
  const desk = await browser.newContext(testInfo.project.use);
  const staff = await desk.newPage();
  await signIn(staff, advocate, testInfo);
  await open(staff, "/advocate", testInfo);
  await staff.getByRole("link", { name: reference }).click();
  await hydrated(staff, testInfo);
  await press(staff, "Give it to them", testInfo);
  await staff.getByLabel("Write a reply or a note").fill(note);
  await staff.getByLabel("An internal note: only advocates see it").check();
  await press(staff, "Add", testInfo);
  await expect(staff.getByText(note)).toBeVisible();
  await desk.close();

  // The officer chooses this period (the last complete one is chosen at first).
  const office = await browser.newContext(testInfo.project.use);
  const officer = await office.newPage();
  await signIn(officer, demo.officer, testInfo);
  await officer.getByRole("link", { name: "Voice reports" }).click();
  await hydrated(officer, testInfo);
  await expect(officer.getByRole("heading", { level: 1, name: "Voice reports" })).toBeVisible();
  await expect(officer.getByLabel("Reporting period")).toHaveValue("2026-04");
  await expectAccessible(officer, testInfo);
  await officer.getByLabel("Reporting period").selectOption({ label: "October 2026 to March 2027" });
  await officer.getByRole("button", { name: "Build the report" }).click();
  await hydrated(officer, testInfo);
  await expect(officer.getByRole("heading", { level: 1, name: "Voice report: October 2026 to March 2027" })).toBeVisible();
  for (const section of ["Participation", "Our promises", "What you told us", "Forums", "Right to Rights", "In their words", "You said, we did"]) {
    await expect(officer.getByRole("heading", { level: 2, name: section, exact: true })).toBeVisible();
  }
  // The concern is counted, in words and in a chart, but never quoted.
  const rights = officer.locator("#rights");
  await expect(rights.getByRole("row", { name: /^Concerns/ })).toBeVisible();
  await expect(rights.getByRole("img", { name: /Items received, by type/ })).toBeVisible();
  await expect(rights.getByText(/Right to Rights received/)).toBeVisible();
  await expectNoConcernContent(officer, [details, note]);
  await expectAccessible(officer, testInfo);

  // Every table has its CSV, with the same suppression and no content.
  const csvLink = officer.getByRole("link", { name: "Download “Items received, by type” (CSV)" });
  const csv = await officer.request.get((await csvLink.getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  const csvText = await csv.text();
  expect(csvText.split("\n")[0]).toBe("Type,October 2026 to March 2027,April to September 2026");
  expect(csvText).toMatch(/^Concerns,(fewer than 5|\d+),/m);
  expect(csvText).not.toContain(details);

  // Saved as a snapshot: who saved it and when, compared with the one before.
  await press(officer, "Save as snapshot", testInfo);
  await expect(officer.getByText("Snapshot", { exact: true })).toBeVisible();
  await expect(officer.getByText(/Saved by Pat on \d+ \w+ \d{4} at \d\d:\d\d/)).toBeVisible();
  await expect(officer.getByRole("heading", { level: 2, name: "Compared with the previous snapshot" })).toBeVisible();
  await expectNoConcernContent(officer, [details, note]);
  await expectAccessible(officer, testInfo);
  const snapshotPath = new URL(officer.url()).pathname;

  // The print view: the report alone, no site navigation.
  await officer.getByRole("link", { name: "Print view" }).click();
  await hydrated(officer, testInfo);
  expect(new URL(officer.url()).pathname).toBe(`${snapshotPath}/print`);
  await expect(officer.getByRole("heading", { level: 1, name: "Voice report: October 2026 to March 2027" })).toBeVisible();
  await expect(officer.locator(".site-header")).toBeHidden();
  // Hidden elements have no role: no navigation can be seen or reached.
  await expect(officer.getByRole("navigation")).toHaveCount(0);
  await expect(officer.getByRole("heading", { level: 2, name: "Right to Rights" })).toBeVisible();
  await expectNoConcernContent(officer, [details, note]);
  await expectAccessible(officer, testInfo);
  await officer.emulateMedia({ media: "print" });
  await expect(officer.getByText("Use your browser's Print command")).toBeHidden();
  await office.close();
});

test("a young person cannot open the reports", async ({ page }, testInfo) => {
  await signIn(page, demo.youngPerson, testInfo);
  await open(page, "/officer/reports", testInfo);
  await expect(page.getByText("Your account does not have access to this.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Voice reports" })).toHaveCount(0);
});

test("an officer chooses an approved quote for the report and it prints", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const why = unique("My carer helps me with homework every night ", testInfo);
  const quote = `${why} (edited)`;

  // A young person says why they rated promise 1 as they did.
  await newYoungPerson(page, testInfo, "Jo");
  await open(page, "/promises/rate/1", testInfo);
  await page.getByLabel("Happy", { exact: true }).check();
  await page.getByLabel("Why did you choose that? (optional)").fill(why);
  await press(page, "Save and go to the next promise", testInfo);

  // The officer approves it, edited, as a quote.
  const office = await browser.newContext(testInfo.project.use);
  const officer = await office.newPage();
  await signIn(officer, demo.officer, testInfo);
  await open(officer, "/officer/quotes?promise=1", testInfo);
  const card = officer.locator("li.card", { has: officer.locator("blockquote", { hasText: why }) });
  await card.getByLabel("Words to quote").fill(quote);
  await pressButton(officer, card.getByRole("button", { name: "Approve the quote" }), testInfo);
  await expect(card).toHaveCount(0);
  await open(officer, "/officer/quotes?promise=1&show=approved", testInfo);
  await expect(card.getByText("Approved")).toBeVisible();

  // It is offered for this period's report, and once chosen it is in it.
  await open(officer, "/officer/reports/report?period=2026-10", testInfo);
  const words = officer.locator("#quotes");
  await expect(words.getByText(quote)).toHaveCount(0);
  await officer.getByLabel(quote).check();
  await press(officer, "Save the choice", testInfo);
  await expect(words.getByRole("row", { name: new RegExp(`^${quote.replace(/[()]/g, "\\$&")}`) })).toBeVisible();
  await expect(officer.getByLabel(quote)).toBeChecked();
  await expectAccessible(officer, testInfo);

  // The print view of the report as built now carries it, with no navigation.
  await open(officer, "/officer/reports/print?period=2026-10", testInfo);
  await expect(officer.getByRole("heading", { level: 1, name: "Voice report: October 2026 to March 2027" })).toBeVisible();
  await expect(officer.locator("#quotes").getByText(quote)).toBeVisible();
  await expect(officer.getByRole("navigation")).toHaveCount(0);
  await expectAccessible(officer, testInfo);
  await office.close();
});
