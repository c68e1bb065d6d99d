import { expect, test } from "@playwright/test";
import { demo, expectAccessible, hydrated, newYoungPerson, open, signIn, unique } from "./helpers";

test("a young person rates every promise, changes one and sees their history", async ({ page }, testInfo) => {
  await newYoungPerson(page, testInfo, "Sam");
  await open(page, "/promises", testInfo);
  await expect(page.getByText("You have rated 0 of 9 promises.")).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole("link", { name: "Start rating" }).click();
  await hydrated(page, testInfo);

  // Sending without a face says so beside the faces and keeps what was typed.
  await page.getByLabel("Why did you choose that? (optional)").fill("My social worker calls back");
  await page.getByRole("button", { name: "Save and go to the next promise" }).click();
  await expect(page.locator("#rating-error")).toContainText("Choose a face");
  await expect(page.getByLabel("Why did you choose that? (optional)")).toHaveValue("My social worker calls back");
  await expectAccessible(page, testInfo);

  const faces = ["Really happy", "OK", "Not sure"];
  for (let promise = 1; promise <= 9; promise++) {
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText(`Promise ${promise} ·`)).toBeVisible();
    await page.getByLabel(faces[promise % faces.length], { exact: true }).check();
    const button = promise < 9 ? "Save and go to the next promise" : "Save my rating";
    await page.getByRole("button", { name: button }).click();
    await hydrated(page, testInfo);
  }
  await expect(page.getByText("Thank you. Your rating is saved.")).toBeVisible();
  await expect(page.getByText("You have rated 9 of 9 promises.")).toBeVisible();

  // A change goes back to the overview, with the new face showing.
  await page.getByRole("link", { name: "Change your rating for promise 3" }).click();
  await hydrated(page, testInfo);
  await expect(page.getByLabel("Really happy", { exact: true })).toBeChecked();
  await page.getByLabel("Unhappy", { exact: true }).check();
  await page.getByRole("button", { name: "Save my rating" }).click();
  await hydrated(page, testInfo);
  await expect(page.getByText("Thank you. Your rating is saved.")).toBeVisible();
  await expect(page.locator(".card", { hasText: "Promise 3" })).toContainText("You said: Unhappy");

  await page.getByRole("link", { name: "See how you have rated the promises over time" }).click();
  await hydrated(page, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Your ratings over time" })).toBeVisible();
  await expect(page.locator(".card", { hasText: "Promise 3" })).toContainText("Unhappy");
  await expectAccessible(page, testInfo);
});

test("an officer publishes an action that young people see beside the promise", async ({ page, browser }, testInfo) => {
  const youSaid = unique("Bus passes run out before the end of the month ", testInfo);
  await signIn(page, demo.officer, testInfo);
  await open(page, "/officer/promises", testInfo);
  await expectAccessible(page, testInfo);
  await open(page, "/officer/quotes", testInfo);
  await expectAccessible(page, testInfo);

  await open(page, "/officer/you-said-we-did/new", testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel("You said").fill(youSaid);
  await page.getByLabel("We did").fill("Passes now last the whole month.");
  await page.getByLabel("In progress").check();
  await page.getByRole("button", { name: "Publish" }).click();
  // No promise chosen: said beside the promises, the words kept.
  await expect(page.locator("#promise_ids-error")).toBeVisible();
  await expect(page.getByLabel("You said")).toHaveValue(youSaid);
  await expectAccessible(page, testInfo);
  await page.getByLabel(/^Promise 2:/).check();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("The board is up to date.")).toBeVisible();
  const card = page.locator(".card", { hasText: youSaid });
  await expect(card).toContainText("In progress");
  await expectAccessible(page, testInfo);
  // Later the work is finished.
  await card.getByLabel("Where has it got to?").selectOption("done");
  await card.getByRole("button", { name: "Update the status" }).click();
  await hydrated(page, testInfo);
  await expect(page.locator(".card", { hasText: youSaid }).locator(".tag")).toHaveText("Done");

  // A young person sees it on promise 2's rating page and on the board.
  const phone = await browser.newContext(testInfo.project.use);
  const young = await phone.newPage();
  await signIn(young, demo.youngPerson, testInfo);
  await open(young, "/promises", testInfo);
  await young.getByRole("link", { name: /promise 2\b/ }).click();
  await hydrated(young, testInfo);
  await expect(young.getByRole("region", { name: "You said, we did" })).toContainText(youSaid);
  await expectAccessible(young, testInfo);

  await open(young, "/you-said-we-did", testInfo);
  const filter = young.getByLabel("Show actions about");
  const promiseOption = (position: number) =>
    filter.locator("option", { hasText: new RegExp(`^Promise ${position}:`) }).getAttribute("value");
  await filter.selectOption((await promiseOption(5))!);
  await young.getByRole("button", { name: "Show" }).click();
  await hydrated(young, testInfo);
  await expect(young.getByText(youSaid)).toHaveCount(0);
  await filter.selectOption((await promiseOption(2))!);
  await young.getByRole("button", { name: "Show" }).click();
  await hydrated(young, testInfo);
  await expect(young.getByText(youSaid)).toBeVisible();
  await expectAccessible(young, testInfo);
  await phone.close();
});

test("an admin rewords a promise after fixing a mistake in a new one", async ({ page }, testInfo) => {
  await signIn(page, demo.admin, testInfo);
  await open(page, "/admin/promises", testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel("The promise").fill("We will answer your calls.");
  await page.getByRole("button", { name: "Add the promise" }).click();
  await expect(page.locator("#easy_read-error")).toBeVisible();
  await expect(page.getByLabel("The promise")).toHaveValue("We will answer your calls.");
  await expectAccessible(page, testInfo);

  await page.getByRole("link", { name: "Change promise 9" }).click();
  await hydrated(page, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Change promise 9" })).toBeVisible();
  await expectAccessible(page, testInfo);
  const easyRead = page.getByLabel("Easy-read line");
  await expect(easyRead).not.toHaveValue("");
  const reworded = unique("Are we helping you find work or training? ", testInfo);
  await easyRead.fill(reworded);
  await page.getByRole("button", { name: "Save the promise" }).click();
  await hydrated(page, testInfo);
  await expect(page.locator(".card", { hasText: "Promise 9" })).toContainText(reworded);
});
