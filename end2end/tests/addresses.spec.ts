import { execFileSync } from "node:child_process";
import { Browser, expect, Page, test, TestInfo } from "@playwright/test";
import { demo, hydrated, newYoungPerson, open, press, signIn, unique, withJs } from "./helpers";

// Pages follow their address, a sent anonymous response cannot be read back
// from the tablet's history, writing survives a timed-out session, and
// Quick exit leaves nothing of the page being read behind Back.

/** Calls a server function as a page does, in the officer's session. */
async function call(page: Page, endpoint: string, form: Record<string, string>): Promise<string> {
  const answer = await page.request.post(`/api/${endpoint}`, {
    form,
    headers: { "sec-fetch-site": "same-origin" },
  });
  const body = await answer.text();
  expect(answer.status(), body).toBe(200);
  return body;
}

/** An open survey with two questions and an anonymous link; its address. */
async function anonymousSurvey(browser: Browser, testInfo: TestInfo): Promise<string> {
  const desk = await browser.newContext(testInfo.project.use);
  const officer = await desk.newPage();
  await signIn(officer, demo.officer, testInfo);
  const created = await call(officer, "save-survey", {
    title: unique("Addresses ", testInfo),
    introduction: "",
    "audience[]": "11-18",
    opens_on: "2026-01-01",
    closes_on: "2099-12-31",
    allow_anonymous: "yes",
  });
  const survey = created.match(/\/officer\/surveys\/([^"#/]+)/)![1];
  for (const [kind, prompt] of [
    ["yes_no", "Do you have a pet?"],
    ["short_text", "What do you like doing?"],
  ]) {
    await call(officer, "add-question", { survey_id: survey, kind, prompt, hint: "", required: "yes" });
  }
  await call(officer, "set-survey-status", { survey_id: survey, status: "open" });
  await call(officer, "create-survey-link", { survey_id: survey, label: "Tablet", max_responses: "" });
  await open(officer, `/officer/surveys/${survey}`, testInfo);
  const url = (await officer.locator(".code-line").first().textContent())!.trim();
  await desk.close();
  return new URL(url).pathname;
}

function heading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name });
}

test("Back on a question shows that question, and a changed answer is kept with the next", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const link = await anonymousSurvey(browser, testInfo);
  await open(page, link, testInfo);
  await press(page, "Start", testInfo);
  await expect(heading(page, "Do you have a pet?")).toBeVisible();
  await page.getByLabel("Yes", { exact: true }).check();
  await press(page, "Continue", testInfo);
  await expect(heading(page, "What do you like doing?")).toBeVisible();
  await page.getByLabel("What do you like doing?").fill("Drawing");
  await press(page, "Continue", testInfo);
  await expect(heading(page, "Check your answers")).toBeVisible();
  const check = page.url();

  // Back to the second question (the browser's Back), then the page's own
  // Back link to the first: each time the address and the question agree.
  await page.goBack();
  await hydrated(page, testInfo);
  await expect(page).toHaveURL(/\/questions\/2$/);
  await expect(heading(page, "What do you like doing?")).toBeVisible();
  // With JavaScript the router moves to the first question in place.
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await expect(page).toHaveURL(/\/questions\/1$/);
  await expect(heading(page, "Do you have a pet?")).toBeVisible();
  await expect(page.getByLabel("Yes", { exact: true })).toBeChecked();
  await page.getByLabel("No", { exact: true }).check();
  await press(page, "Continue", testInfo);
  await expect(heading(page, "What do you like doing?")).toBeVisible();
  await expect(page.getByLabel("What do you like doing?")).toHaveValue("Drawing");
  await press(page, "Continue", testInfo);
  await expect(page).toHaveURL(check);
  const summary = page.locator(".summary");
  const answerTo = (question: string) => summary.locator(".summary__row", { hasText: question }).locator("dd").first();
  await expect(answerTo("Do you have a pet?")).toHaveText("No");
  await expect(answerTo("What do you like doing?")).toHaveText("Drawing");

  // Sent: the check page and the questions, opened again from the history,
  // say only that the answers were sent.
  await press(page, "Send my answers", testInfo);
  await expect(page.getByRole("heading", { name: "Thank you. Your answers are sent." })).toBeVisible();
  await page.goBack();
  await hydrated(page, testInfo);
  await expect(page).toHaveURL(check);
  await expect(heading(page, "Your answers are sent")).toBeVisible();
  await expect(page.getByText("Drawing")).toHaveCount(0);
  await open(page, check.replace(/\/check$/, "/questions/2"), testInfo);
  await expect(heading(page, "Your answers are sent")).toBeVisible();
  await expect(page.getByLabel("What do you like doing?")).toHaveCount(0);
});

test("a concern written while the session timed out is kept through signing in again", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const username = await newYoungPerson(page, testInfo, "Quinn");
  await open(page, "/rights/new", testInfo);
  await page.getByLabel("A worry or complaint about the service").check();
  await press(page, "Continue", testInfo);
  await expect(heading(page, "What has happened?")).toBeVisible();
  const words = unique("It took me a long time to write this ", testInfo);
  await page.getByLabel("Tell us in your own words").fill(words);

  // The session has been idle longer than the server allows: its last use
  // is moved back in the database (the clock passed in, no waiting).
  execFileSync("sqlite3", [
    "../target/e2e/voice.db",
    "UPDATE login_sessions SET last_seen_at = last_seen_at - 86400 " +
      `WHERE account_id = (SELECT id FROM accounts WHERE username = '${username}')`,
  ]);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Please sign in to see this.")).toBeVisible();
  // The header says how things are.
  await expect(page.getByText("Signed in as")).toHaveCount(0);

  await page.locator("main").getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Username or email address").fill(username);
  await page.getByLabel("Password").fill("green apple door");
  await press(page, "Sign in", testInfo);
  await expect(heading(page, "What has happened?")).toBeVisible();
  await expect(page.getByText("we kept what you wrote")).toBeVisible();
  await expect(page.getByLabel("Tell us in your own words")).toHaveValue(words);
  await press(page, "Continue", testInfo);
  await expect(heading(page, "What would you like to happen?")).toBeVisible();
});

test("after Quick exit, Back does not return to the page being read", async ({ page }, testInfo) => {
  // The neutral site is answered here: the test machine has no internet.
  await page.route("https://www.bbc.co.uk/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Weather</title><h1>Weather</h1>" }),
  );
  await open(page, "/", testInfo);
  // With JavaScript the router moves to the help page in place.
  await page.getByRole("link", { name: "Get help" }).first().click();
  await expect(heading(page, "Get help")).toBeVisible();
  await page.getByRole("link", { name: "Quick exit" }).click();
  await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
  await page.goBack();
  if (withJs(testInfo)) {
    await expect(page).toHaveURL(/\/$/);
    await expect(heading(page, "Your voice counts")).toBeVisible();
    await expect(heading(page, "Get help")).toHaveCount(0);
  } else {
    // Without JavaScript the link is an ordinary link: as the help page says.
    await expect(page).toHaveURL(/\/help$/);
  }
});
