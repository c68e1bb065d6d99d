import { expect, test } from "@playwright/test";
import { demo, expectAccessible, newYoungPerson, open, press, signIn, unique } from "./helpers";

const advocate = "advocate@voice.example";

test("a concern is raised, answered, extended, and taken to the next stage; an officer is refused it", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const what = unique("My new carer reads my messages ", testInfo);

  // The young person raises it, one thing per page.
  await newYoungPerson(page, testInfo, "Robin");
  await open(page, "/rights", testInfo);
  await expect(page.getByText("You have not sent anything yet.")).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole("link", { name: "Raise something new" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "What would you like to do?" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#kind-error")).toContainText("Choose what you would like to do");
  await expectAccessible(page, testInfo);
  await page.getByLabel("A worry or complaint about the service").check();
  await press(page, "Continue", testInfo);

  await expect(page.getByRole("heading", { level: 1, name: "What has happened?" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#details-error")).toContainText("Write something");
  await expectAccessible(page, testInfo);
  await page.getByLabel("Tell us in your own words").fill(what);
  await press(page, "Continue", testInfo);

  await expect(page.getByRole("heading", { level: 1, name: "What would you like to happen?" })).toBeVisible();
  await page.getByLabel("What would make it right for you? (optional)").fill("Some privacy");
  await press(page, "Continue", testInfo);

  await expect(page.getByRole("heading", { level: 1, name: "How should we contact you?" })).toBeVisible();
  await page.getByLabel("Text message").check();
  await page.getByLabel("When is it safe to contact you? (optional)").fill("Don't call after 6pm");
  await page.getByRole("button", { name: "Continue" }).click();
  // A text needs a number: said beside it, and the safe times kept.
  await expect(page.locator("#contact_number-error")).toBeVisible();
  await expect(page.getByLabel("When is it safe to contact you? (optional)")).toHaveValue("Don't call after 6pm");
  await expectAccessible(page, testInfo);
  await page.getByLabel("Phone number (for a call or a text)").fill("07700 900 982");
  await press(page, "Continue", testInfo);

  await expect(page.getByRole("heading", { level: 1, name: "Check your answers" })).toBeVisible();
  await expect(page.locator(".summary")).toContainText(what);
  await expect(page.locator(".summary")).toContainText("Text message: 07700900982");
  await expectAccessible(page, testInfo);
  await press(page, "Send to Right to Rights", testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Sent to Right to Rights" })).toBeVisible();
  const reference = (await page.locator(".reference").textContent())!.trim();
  expect(reference).toMatch(/^RTR-[2-9A-Z]{4}$/);
  // Received Tuesday 24 November 2026 or later: the answer is due 10 working days on.
  await expect(page.getByText(/You will get an answer by \w+day \d+ \w+ \d{4}\./)).toBeVisible();
  await expectAccessible(page, testInfo);
  const concernPath = new URL(page.url()).pathname;
  // Their list names it as one phrase: the reference and what it is about.
  await open(page, "/rights", testInfo);
  await expect(
    page.getByRole("link", { name: `${reference}: A worry or complaint about the service`, exact: true }),
  ).toBeVisible();

  // The advocate finds it in the queue, gives it to themself, replies and extends.
  const desk = await browser.newContext(testInfo.project.use);
  const staff = await desk.newPage();
  await signIn(staff, advocate, testInfo);
  await open(staff, "/advocate", testInfo);
  await expectAccessible(staff, testInfo);
  await staff.getByRole("link", { name: reference }).click();
  await expect(staff.getByRole("heading", { level: 1, name: `${reference}: A worry or complaint about the service` })).toBeVisible();
  await expect(staff.getByText(what)).toBeVisible();
  await expect(staff.getByText("Don't call after 6pm")).toBeVisible();
  await expectAccessible(staff, testInfo);
  await press(staff, "Give it to them", testInfo);
  await expect(staff.locator(".facts")).toContainText("With an advocate");
  await staff.getByLabel("Write a reply or a note").fill("I have spoken to your carer about your phone.");
  await staff.getByLabel("A reply: the young person sees it").check();
  await press(staff, "Add", testInfo);
  await staff.getByLabel("Write a reply or a note").fill("Carer was defensive; follow up in a week.");
  await staff.getByLabel("An internal note: only advocates see it").check();
  await press(staff, "Add", testInfo);
  await staff.getByRole("button", { name: "Extend to 20 working days" }).click();
  await expect(staff.locator("#reason-error")).toContainText("Say why it needs longer");
  await staff.getByLabel("Why does it need longer?").fill("Waiting to meet the carer");
  await press(staff, "Extend to 20 working days", testInfo);
  await expect(staff.locator(".facts")).toContainText("Waiting to meet the carer");
  await staff.getByLabel("Answered", { exact: true }).check();
  await press(staff, "Update the status", testInfo);
  await expect(staff.locator(".facts")).toContainText("Answered");
  await expectAccessible(staff, testInfo);
  await desk.close();

  // The young person sees the reply (never the note) and is not happy.
  await open(page, concernPath, testInfo);
  await expect(page.getByText("I have spoken to your carer about your phone.")).toBeVisible();
  await expect(page.getByText("Carer was defensive")).toHaveCount(0);
  // Who answered, said once: the advocate's name and their role.
  await expect(page.locator(".message__who strong").filter({ hasText: "advocate" })).toHaveText("Ash (advocate)");
  await expectAccessible(page, testInfo);
  await page.getByLabel("No, I am not happy with it").check();
  await press(page, "Tell us", testInfo);
  await expect(page.getByRole("heading", { name: "We have asked for it to be looked at again" })).toBeVisible();
  await expect(page.getByText("independent advocate")).toBeVisible();
  await expect(page.locator(".facts")).toContainText("Being looked into");
  await expectAccessible(page, testInfo);

  // A participation officer is refused the concern's page.
  const office = await browser.newContext(testInfo.project.use);
  const officer = await office.newPage();
  await signIn(officer, demo.officer, testInfo);
  const caseUrl = concernPath.replace("/rights/", "/advocate/concerns/");
  const refused = await officer.goto(caseUrl);
  expect(refused!.status()).toBe(403);
  await expect(officer.getByText("Your account does not have access to this.")).toBeVisible();
  await expect(officer.getByText(what)).toHaveCount(0);
  await office.close();
});

test("writing that suggests harm brings up help at once and is flagged for the duty advocate", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const title = unique("After the forum ", testInfo);

  // An officer makes a one-question survey with an anonymous link.
  await signIn(page, demo.officer, testInfo);
  await open(page, "/officer/surveys/new", testInfo);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Children in care aged 11 to 18").check();
  await page.getByLabel("Opens on").fill("2026-01-01");
  await page.getByLabel("Closes on").fill("2099-12-31");
  await page.getByLabel("Allow anonymous answers through a link").check();
  await press(page, "Create the survey", testInfo);
  await page.getByLabel("Long text", { exact: true }).check();
  await page.getByLabel("Question", { exact: true }).fill("How are things at home?");
  await press(page, "Add the question", testInfo);
  await press(page, "Open the survey", testInfo);
  await press(page, "Make the link", testInfo);
  const link = new URL((await page.locator(".code-line").first().textContent())!.trim()).pathname;

  // Someone answers anonymously and writes something worrying.
  const stranger = await browser.newContext(testInfo.project.use);
  const phone = await stranger.newPage();
  await open(phone, link, testInfo);
  await press(phone, "Start", testInfo);
  await phone.getByLabel("How are things at home?").fill("Not good. Sometimes I want to HURT MYSELF.");
  await press(phone, "Continue", testInfo);
  await expect(phone.getByRole("heading", { level: 1, name: "Are you OK?" })).toBeVisible();
  await expect(phone.getByRole("heading", { name: "You can get help now" })).toBeVisible();
  await expect(phone.getByRole("link", { name: "0800 1111" })).toBeVisible();
  await expectAccessible(phone, testInfo);
  // They want to be contacted but forget to say how: said beside the field.
  await phone.getByLabel("Yes, please contact me").check();
  await phone.getByLabel("Your first name (if you want to be contacted)").fill("Jo");
  await phone.getByRole("button", { name: "Continue" }).click();
  await expect(phone.locator("#contact_method-error")).toBeVisible();
  await expect(phone.getByLabel("Your first name (if you want to be contacted)")).toHaveValue("Jo");
  await phone.getByLabel("Through my social worker or personal adviser").check();
  await press(phone, "Continue", testInfo);
  // Back to the survey, where they left it.
  await expect(phone.getByRole("heading", { level: 1, name: "Check your answers" })).toBeVisible();
  await stranger.close();

  // The duty advocate sees it at the top of the queue, marked.
  const desk = await browser.newContext(testInfo.project.use);
  const staff = await desk.newPage();
  await signIn(staff, advocate, testInfo);
  await open(staff, "/advocate", testInfo);
  const flagged = staff.locator(".card--flagged", { hasText: `Survey: ${title}, question 1` });
  await expect(flagged).toContainText("anonymous");
  await expect(flagged).toContainText("Asked to be contacted");
  await flagged.getByRole("link").click();
  await expect(staff.getByText("Sometimes I want to HURT MYSELF.")).toBeVisible();
  await expect(staff.locator(".facts")).toContainText("Jo");
  await expectAccessible(staff, testInfo);
  await staff.getByLabel("What was done?").fill("Asked Jo's social worker to call today.");
  await press(staff, "Mark as dealt with", testInfo);
  await expect(staff.locator(".card--flagged", { hasText: `Survey: ${title}, question 1` })).toHaveCount(0);
  await desk.close();
});

test("an admin keeps the Right to Rights contact, phrases and bank holidays", async ({ page }, testInfo) => {
  await signIn(page, demo.admin, testInfo);
  await open(page, "/admin/right-to-rights", testInfo);
  await expect(page.getByLabel("Phrase list")).toContainText("kill myself");
  await expectAccessible(page, testInfo);
  await page.getByLabel("Name", { exact: true }).fill("Extra bank holiday");
  await page.getByRole("button", { name: "Add the bank holiday" }).click();
  await expect(page.locator("#day-error")).toContainText("Enter the date");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Extra bank holiday");
  await expectAccessible(page, testInfo);
});
