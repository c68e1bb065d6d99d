import { expect, Page, test, TestInfo } from "@playwright/test";
import { demo, expectAccessible, newYoungPerson, open, press, pressButton, signIn, trySignIn, unique } from "./helpers";

/** Presses a button that should bring back an error, on the same page. */
async function pressForError(page: Page, name: string) {
  await page.getByRole("button", { name, exact: true }).click();
}

async function addQuestion(
  page: Page,
  testInfo: TestInfo,
  kind: string,
  prompt: string,
  more: (page: Page) => Promise<void> = async () => {},
) {
  await page.getByLabel(kind, { exact: true }).check();
  await page.getByLabel("Question", { exact: true }).fill(prompt);
  await more(page);
  await press(page, "Add the question", testInfo);
  await expect(page.locator("#questions + ol")).toContainText(prompt);
}

/** Answers the question on the page and goes on. */
async function answer(page: Page, testInfo: TestInfo, heading: string, give: (page: Page) => Promise<void>) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await give(page);
  await press(page, "Continue", testInfo);
}

test("a survey is written, answered signed in and anonymously, and its results add up", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const title = unique("Where you live ", testInfo);

  // The officer writes the survey: a mistake first, then every kind of question.
  await signIn(page, demo.officer, testInfo);
  await open(page, "/officer/surveys", testInfo);
  await expectAccessible(page, testInfo);
  await page.getByRole("link", { name: "Create a survey" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a survey" })).toBeVisible();
  await page.getByLabel("Introduction (optional)").fill("Tell us about home.");
  await page.getByLabel("Children in care aged 11 to 18").check();
  await page.getByLabel("Opens on").fill("2026-01-01");
  await page.getByLabel("Closes on").fill("2099-12-31");
  await page.getByLabel("Allow anonymous answers through a link").check();
  await pressForError(page, "Create the survey");
  await expect(page.locator("#title-error")).toContainText("Enter a title");
  await expect(page.getByLabel("Introduction (optional)")).toHaveValue("Tell us about home.");
  await expectAccessible(page, testInfo);
  await page.getByLabel("Title").fill(title);
  await press(page, "Create the survey", testInfo);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const surveyPath = new URL(page.url()).pathname;

  await addQuestion(page, testInfo, "Yes, no or not sure", "Do you have a pet?");
  await addQuestion(page, testInfo, "Short text", "What is its name?", async (p) => {
    await p.getByLabel("Show this question").selectOption({ label: "Only if Question 1 is “Yes”" });
  });
  await addQuestion(page, testInfo, "Choose one", "Where do you live?", async (p) => {
    await p.getByLabel("Choices, one on each line").fill("Foster care\nChildren's home\nWith family");
  });
  await addQuestion(page, testInfo, "Choose any", "What do you like doing?", async (p) => {
    await p.getByLabel("Choices, one on each line").fill("Sport\nMusic\nGaming");
    await p.getByLabel(/Add “Other”/).check();
  });
  await addQuestion(page, testInfo, "Faces (1 to 5)", "How is school?");
  await addQuestion(page, testInfo, "Long text", "Anything else?", async (p) => {
    await p.getByLabel(/They must answer it/).uncheck();
  });
  await addQuestion(page, testInfo, "Rate promises", "How are we doing on these promises?", async (p) => {
    await p.getByLabel(/^Promise 1:/).check();
    await p.getByLabel(/^Promise 2:/).check();
  });
  await expect(page.getByText("Shown only if the answer to question 1 is “Yes”")).toBeVisible();

  // The officer corrects a question's words, then previews the survey.
  const school = page.locator("li.card", { has: page.getByRole("heading", { name: "Question 5: How is school?" }) });
  await school.getByText("Change the words").click();
  await school.getByLabel("The question’s words").fill("How is school going?");
  await pressButton(page, school.getByRole("button", { name: "Save the words" }), testInfo);
  await expect(page.getByRole("heading", { name: "Question 5: How is school going?" })).toBeVisible();
  await page.getByRole("link", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Do you have a pet?" })).toBeVisible();
  await expect(page.getByText(`Preview of ${title} · Question 1 of 7`)).toBeVisible();
  await page.getByRole("link", { name: "Next question" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "What is its name?" })).toBeVisible();
  await expect(page.getByText("Shown only if the answer to question 1 is “Yes”")).toBeVisible();
  await expectAccessible(page, testInfo);
  await open(page, surveyPath, testInfo);
  await press(page, "Open the survey", testInfo);
  await expect(page.locator("main .tag").first()).toHaveText("Open");
  await page.getByLabel("What it is for (optional)").fill("LACC session");
  await press(page, "Make the link", testInfo);
  const anonymousUrl = (await page.locator(".code-line").first().textContent())!.trim();
  await expect(page.getByRole("img", { name: "QR code that opens the survey" })).toBeVisible();
  await expectAccessible(page, testInfo);

  // A young person answers half, closes the page, signs in again and finishes.
  const phone = await browser.newContext(testInfo.project.use);
  let young = await phone.newPage();
  const username = await newYoungPerson(young, testInfo, "Kai");
  await open(young, "/surveys", testInfo);
  await expectAccessible(young, testInfo);
  await young.getByRole("link", { name: `Start: ${title}`, exact: true }).click();
  await expect(young.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(young, testInfo);
  await young.getByRole("link", { name: "Start", exact: true }).click();
  await expect(young.getByText("Question 1 of 6")).toBeVisible();
  await expectAccessible(young, testInfo);
  await answer(young, testInfo, "Do you have a pet?", (p) => p.getByLabel("Yes", { exact: true }).check());
  await expect(young.getByText("Question 2 of 7")).toBeVisible();
  await answer(young, testInfo, "What is its name?", (p) => p.getByLabel("What is its name?").fill("Biscuit"));
  // Nothing chosen: the error is beside the answers.
  await pressForError(young, "Continue");
  await expect(young.locator("#answer-error")).toContainText("Answer the question, or tick “Prefer not to say”");
  await expectAccessible(young, testInfo);
  await answer(young, testInfo, "Where do you live?", (p) => p.getByLabel("Foster care").check());
  await phone.close();

  const again = await browser.newContext(testInfo.project.use);
  young = await again.newPage();
  await trySignIn(young, username, testInfo, "green apple door");
  await expect(young.getByRole("heading", { level: 1, name: "Hello, Kai" })).toBeVisible();
  await open(young, "/surveys", testInfo);
  await young.getByRole("link", { name: `Carry on: ${title}`, exact: true }).click();
  await expect(young.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await young.getByRole("link", { name: "Start", exact: true }).click();
  await answer(young, testInfo, "What do you like doing?", async (p) => {
    await p.getByLabel("Sport").check();
    await p.getByLabel("Music").check();
    await p.getByLabel("Other (say what)").fill("Chess");
  });
  await answer(young, testInfo, "How is school going?", (p) => p.getByLabel("Happy", { exact: true }).check());
  await answer(young, testInfo, "Anything else?", async () => {});
  await answer(young, testInfo, "How are we doing on these promises?", async (p) => {
    await p.getByRole("group", { name: /^Promise 1:/ }).getByLabel("Really happy").check();
    await p.getByRole("group", { name: /^Promise 2:/ }).getByLabel("Not sure").check();
  });
  await expect(young.getByRole("heading", { level: 1, name: "Check your answers" })).toBeVisible();
  await expect(young.locator(".summary")).toContainText("Biscuit");
  await expect(young.locator(".summary")).toContainText("Sport, Music, Other: Chess");
  await expectAccessible(young, testInfo);
  await press(young, "Send my answers", testInfo);
  await expect(young.getByRole("heading", { name: "Thank you. Your answers are sent." })).toBeVisible();
  await expectAccessible(young, testInfo);
  await again.close();

  // Someone else answers through the anonymous link, with no account.
  const stranger = await browser.newContext(testInfo.project.use);
  const anon = await stranger.newPage();
  await open(anon, new URL(anonymousUrl).pathname, testInfo);
  await expect(anon.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(anon, testInfo);
  await press(anon, "Start", testInfo);
  await expectAccessible(anon, testInfo);
  await answer(anon, testInfo, "Do you have a pet?", (p) => p.getByLabel("No", { exact: true }).check());
  // No pet, so no name: straight on to question 2 of 6.
  await expect(anon.getByText("Question 2 of 6")).toBeVisible();
  await answer(anon, testInfo, "Where do you live?", (p) => p.getByLabel("With family").check());
  await answer(anon, testInfo, "What do you like doing?", (p) => p.getByLabel("Prefer not to say").check());
  await answer(anon, testInfo, "How is school going?", (p) => p.getByLabel("OK", { exact: true }).check());
  await answer(anon, testInfo, "Anything else?", (p) => p.getByLabel("Anything else?").fill("More trips please"));
  await answer(anon, testInfo, "How are we doing on these promises?", (p) => p.getByLabel("Prefer not to say").check());
  await expectAccessible(anon, testInfo);
  await press(anon, "Send my answers", testInfo);
  await expect(anon.getByRole("heading", { name: "Thank you. Your answers are sent." })).toBeVisible();
  await expectAccessible(anon, testInfo);
  await stranger.close();

  // The officer sees both, and the CSV says the same.
  await open(page, `${surveyPath}/results`, testInfo);
  // Two is a small number: shown as "fewer than 5", like every count beside it.
  await expect(page.getByText("fewer than 5 sent")).toBeVisible();
  const written = (words: string) => page.locator("li.card", { has: page.locator("blockquote", { hasText: words }) });
  await expect(written("Biscuit")).toBeVisible();
  await expect(written("Chess")).toBeVisible();
  await expectAccessible(page, testInfo);
  // The officer approves an edited quote for reports.
  await written("More trips please").getByLabel("Words to quote").fill("More trips, please");
  await pressButton(page, written("More trips please").getByRole("button", { name: "Approve the quote" }), testInfo);
  await expect(written("More trips please").getByText("Approved")).toBeVisible();
  await expect(written("More trips please").locator("blockquote").nth(1)).toHaveText("More trips, please");
  await expectAccessible(page, testInfo);
  const csv = await page.request.get(`${surveyPath}/results.csv`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(`${title},1,Responses,All,fewer than 5,`);
  expect(text).toContain(`${title},1,Responses,Through an anonymous link,fewer than 5,`);
  expect(text).toContain(`${title},1,1. Do you have a pet?,Yes,fewer than 5,`);
});
