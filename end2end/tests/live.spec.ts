import { Browser, expect, Page, test, TestInfo } from "@playwright/test";
import { expectAccessible, hydrated, open, press, pressButton, signIn, unique, withJs } from "./helpers";

const facilitator = "facilitator@voice.example";

/** `text` as a regular expression that matches it exactly. */
function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A phone in its own browser context; `js` says whether it runs JavaScript. */
async function newPhone(browser: Browser, testInfo: TestInfo, js: boolean): Promise<Page> {
  const context = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: js });
  return context.newPage();
}

/** The same checks as the project's, for a page whose JavaScript setting may differ. */
function asPhone(testInfo: TestInfo, js: boolean): TestInfo {
  return { ...testInfo, project: { ...testInfo.project, name: js ? "js" : "no-js" } } as TestInfo;
}

test("a forum votes from five phones and the projector follows live", async ({ page, browser }, testInfo) => {
  test.setTimeout(420_000);
  const title = unique("December LACC ", testInfo);

  // The facilitator prepares the session.
  await signIn(page, facilitator, testInfo);
  await open(page, "/facilitator", testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel("Forum").selectOption({ label: "Looked After Children Council (LACC)" });
  await page.getByLabel("Date of the meeting").fill("2026-12-03");
  await page.getByRole("button", { name: "Prepare the session" }).click();
  await expect(page.locator("#title-error")).toContainText("Enter a name for the session");
  await expect(page.getByLabel("Date of the meeting")).toHaveValue("2026-12-03");
  await page.getByLabel("Name of the session").fill(title);
  await press(page, "Prepare the session", testInfo);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const runPath = new URL(page.url()).pathname;

  const addActivity = async (kind: string, prompt: string, more: () => Promise<void> = async () => {}) => {
    await page.getByLabel(kind, { exact: true }).check();
    await page.getByLabel("Question", { exact: true }).fill(prompt);
    await more();
    await press(page, "Add the activity", testInfo);
    await expect(page.locator("#activities + ol")).toContainText(prompt);
  };
  await addActivity("Poll: choose one", "Where shall we go?", () =>
    page.getByLabel("Choices, one on each line (for a poll)").fill("Bowling\nCinema"),
  );
  await addActivity("Rate promises", "How are we doing?", () => page.getByLabel(/^Promise 2:/).check());
  await addActivity("A word or short answer", "One word for today");
  await press(page, "Open the session", testInfo);
  const code = (await page.locator(".panel .reference").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{6}$/);
  await expectAccessible(page, testInfo);

  // The projector: a laptop with JavaScript, signed in as the facilitator.
  const screen = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: true, viewport: { width: 1280, height: 800 } });
  const projector = await screen.newPage();
  const projectorInfo = asPhone(testInfo, true);
  await signIn(projector, facilitator, projectorInfo);
  await open(projector, `${runPath}/projector`, projectorInfo);
  await expect(projector.locator(".projector__code")).toHaveText(code);
  await expect(projector.getByRole("img", { name: "QR code that opens the join page" })).toBeVisible();
  await expect(projector.getByText("Waiting for the next activity.")).toBeVisible();
  // Marks this page: if it were reloaded the mark would be gone.
  await projector.evaluate(() => ((window as any).stayed = true));

  const show = async (prompt: string) =>
    pressButton(page, page.getByRole("button", { name: new RegExp(`^Show on phones\\W+${escaped(prompt)}$`) }), testInfo);
  await show("Where shall we go?");
  await expect(projector.getByRole("heading", { name: "Where shall we go?" })).toBeVisible();
  await expect(projector.getByText("Waiting for 5 answers")).toBeVisible();

  // Five phones join by code; one has JavaScript set the other way.
  const phones: { page: Page; info: TestInfo }[] = [];
  for (let i = 0; i < 5; i++) {
    const js = i === 0 ? !withJs(testInfo) : withJs(testInfo);
    const info = asPhone(testInfo, js);
    const phone = await newPhone(browser, testInfo, js);
    await open(phone, `/join?code=${i === 1 ? code.toLowerCase() : ""}`, info);
    if (i === 0) await expectAccessible(phone, info);
    if (i !== 1) await phone.getByLabel("Code on the screen").fill(code);
    await press(phone, "Join", info);
    phones.push({ page: phone, info });
  }
  const bowling = [true, true, true, false, false];
  for (let i = 0; i < 5; i++) {
    const { page: phone, info } = phones[i];
    await expect(phone.getByRole("heading", { level: 1, name: "Where shall we go?" })).toBeVisible();
    if (i === 0) await expectAccessible(phone, info);
    await phone.getByLabel(bowling[i] ? "Bowling" : "Cinema").check();
    await press(phone, "Send", info);
    await expect(phone.getByText("Thank you. Your answer is in.")).toBeVisible();
    if (i < 4) {
      // Under the minimum the room sees that more answers are needed, not
      // how few came; the facilitator's own page has the count.
      await expect(projector.getByText("Waiting for 5 answers")).toBeVisible();
      await expect(projector.getByText(/\d+ answered/)).toHaveCount(0);
    }
    if (i === 2) {
      await open(page, runPath, testInfo);
      await expect(page.getByText("3 answered")).toBeVisible();
    }
  }
  await expect(projector.getByText("5 answered")).toBeVisible();
  await expectAccessible(phones[0].page, phones[0].info);
  const bar = (label: string) =>
    projector.locator("li.bar", { has: projector.getByText(label, { exact: true }) }).locator(".bar__value");
  await expect(bar("Bowling")).toHaveText("3");
  await expect(bar("Cinema")).toHaveText("2");
  await expect(projector.getByText("Waiting for 5 answers")).toHaveCount(0);
  await expectAccessible(projector, projectorInfo);
  await presenterFits(projector);

  // The promise rating: phones with JavaScript see it come; others check.
  await show("How are we doing?");
  const faces = ["Really happy", "Happy", "Happy", "OK", "Not sure"];
  for (let i = 0; i < 5; i++) {
    const { page: phone, info } = phones[i];
    if (!withJs(info)) await phone.getByRole("link", { name: "Check for a new question" }).first().click();
    await expect(phone.getByRole("heading", { level: 1, name: "How are we doing?" })).toBeVisible();
    await hydrated(phone, info);
    await phone.getByLabel(faces[i], { exact: true }).check();
    await press(phone, "Send", info);
  }
  await expect(projector.getByText("5 answered")).toBeVisible();
  await expect(bar("Happy")).toHaveText("2");
  await expect(bar("Really happy")).toHaveText("1");

  // Written answers reach the projector only once approved.
  await show("One word for today");
  const words = ["Pizza", "Friends", "Tired", "Music", "Football"];
  for (let i = 0; i < 5; i++) {
    const { page: phone, info } = phones[i];
    if (!withJs(info)) await phone.getByRole("link", { name: "Check for a new question" }).first().click();
    await expect(phone.getByRole("heading", { level: 1, name: "One word for today" })).toBeVisible();
    await hydrated(phone, info);
    await phone.getByLabel("One word for today").fill(words[i]);
    await press(phone, "Send", info);
  }
  await expect(projector.getByText("No approved answers yet.")).toBeVisible();
  await open(page, runPath, testInfo);
  await pressButton(page, page.getByRole("button", { name: /^Approve\W+Pizza$/ }), testInfo);
  await expect(projector.locator(".word-list")).toHaveText("Pizza");
  await expect(projector.getByText("Friends")).toHaveCount(0);
  expect(await projector.evaluate(() => (window as any).stayed)).toBe(true);

  // Closing records attendance and the agreed actions.
  await page.getByLabel("Actions agreed").fill("Book the bowling for January");
  await press(page, "Close the session", testInfo);
  await expect(page.getByText("Phones joined: 5")).toBeVisible();
  await expect(page.getByText("Book the bowling for January")).toBeVisible();
  await expectAccessible(page, testInfo);
  await screen.close();
  for (const { page: phone } of phones) await phone.context().close();
});

test("an admin adds a forum", async ({ page }, testInfo) => {
  const forum = unique("Young Inspectors ", testInfo);
  await signIn(page, "admin@voice.example", testInfo);
  await open(page, "/admin/forums", testInfo);
  await expect(page.getByText("Care Leaver Forum")).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: "Add the forum" }).click();
  await expect(page.locator("#name-error")).toContainText("Enter the forum's name");
  await expectAccessible(page, testInfo);
  await page.getByLabel("Forum name").fill(forum);
  await press(page, "Add the forum", testInfo);
  await expect(page.getByText(forum)).toBeVisible();
  // The same name again is refused beside the field, and kept.
  await page.getByLabel("Forum name").fill(forum);
  await page.getByRole("button", { name: "Add the forum" }).click();
  await expect(page.locator("#name-error")).toContainText("There is a forum with that name already");
  await expect(page.getByLabel("Forum name")).toHaveValue(forum);
});

/** The projector fills a 1280x720 and a 1920x1080 screen with no scrolling
 * and no staff chrome, the code and QR code large enough to read and scan
 * from the back of a room, the question and every result on screen. */
async function presenterFits(projector: Page) {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    await projector.setViewportSize(viewport);
    const size = await projector.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      width: document.documentElement.scrollWidth,
    }));
    expect(size.height, `scrolls at ${viewport.height}`).toBeLessThanOrEqual(viewport.height);
    expect(size.width, `scrolls sideways at ${viewport.width}`).toBeLessThanOrEqual(viewport.width);
    await expect(projector.getByRole("button", { name: "Sign out" })).toBeHidden();
    const code = (await projector.locator(".projector__code").boundingBox())!;
    expect(code.height, "the code is large").toBeGreaterThanOrEqual(viewport.height * 0.09);
    const qr = (await projector.locator(".projector__qr svg").boundingBox())!;
    expect(qr.width, "the QR code is large enough to scan across a room").toBeGreaterThanOrEqual(viewport.height * 0.3);
    for (const shown of [
      projector.getByRole("heading", { name: "Where shall we go?" }),
      projector.locator("li.bar").last(),
      projector.locator(".projector__code"),
    ]) {
      const box = (await shown.boundingBox())!;
      expect(box.y + box.height, "on screen without scrolling").toBeLessThanOrEqual(viewport.height);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    }
  }
  await projector.setViewportSize({ width: 1280, height: 800 });
}
