import { expect, test } from "@playwright/test";
import { demo, expectAccessible, newYoungPerson, open, signIn, unique } from "./helpers";

test("a young person rates every promise, changes one and sees the history", async ({ page }, testInfo) => {
  await newYoungPerson(page, testInfo);
  await open(page, "/promises", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The council's promises to you");
  await expectAccessible(page, testInfo);
  await page.getByRole("link", { name: "Start rating" }).click();

  // The first promise: a mistake first, then a face and a reason.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("safe place");
  await page.getByLabel("Why did you choose that? (optional)").fill("I like where I live");
  await page.getByRole("button", { name: "Save and go to the next promise" }).click();
  await expect(page.locator("#rating-error")).toContainText("Choose a face, or choose Not sure");
  await expect(page.getByLabel("Why did you choose that? (optional)")).toHaveValue("I like where I live");
  await expectAccessible(page, testInfo);
  await page.getByLabel("Really happy", { exact: true }).check();
  await page.getByRole("button", { name: "Save and go to the next promise" }).click();

  // The rest: OK for each, "not sure" for the last.
  for (let step = 0; step < 30; step++) {
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const last = page.getByRole("button", { name: "Save my rating" });
    if (await last.count()) {
      await page.getByLabel("Not sure", { exact: true }).check();
      await last.click();
      break;
    }
    await page.getByLabel("OK", { exact: true }).check();
    await page.getByRole("button", { name: "Save and go to the next promise" }).click();
  }
  await expect(page.getByText("Thank you. Your rating is saved.")).toBeVisible();
  await expect(page.getByText(/You have rated (\d+) of \1 promises/)).toBeVisible();

  // Change promise 3.
  await page.getByRole("link", { name: "Change your rating for promise 3" }).click();
  await expect(page.getByLabel("OK", { exact: true })).toBeChecked();
  await page.getByLabel("Unhappy", { exact: true }).check();
  await page.getByRole("button", { name: "Save my rating" }).click();
  await expect(page.getByText("Thank you. Your rating is saved.")).toBeVisible();
  const promise3 = page.locator("li.card", { has: page.getByRole("heading", { name: "Promise 3" }) });
  await expect(promise3).toContainText("You said: Unhappy");
  await expectAccessible(page, testInfo);

  await page.getByRole("link", { name: "See how you have rated the promises over time" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your ratings over time");
  const history3 = page.locator("li.card", { has: page.getByRole("heading", { name: "Promise 3" }) });
  await expect(history3).toContainText("Unhappy");
  const history1 = page.locator("li.card", { has: page.getByRole("heading", { name: "Promise 1" }) });
  await expect(history1).toContainText("Really happy");
  await expectAccessible(page, testInfo);
});

test("an officer publishes an action for promise 2 and young people see it beside promise 2", async ({ page, browser }, testInfo) => {
  const saying = unique("Reviews should be ours ", testInfo);
  await signIn(page, demo.officer, testInfo);
  await open(page, "/officer/you-said-we-did/new", testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel("You said").fill(saying);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.locator("#promise_ids-error")).toContainText("Choose the promises this is about");
  await expect(page.getByLabel("You said")).toHaveValue(saying);
  await expectAccessible(page, testInfo);

  await page.getByLabel("We did").fill("Young people now chair their own reviews");
  await page.getByLabel(/^Promise 2:/).check();
  await page.getByLabel("In progress").check();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You said, we did");
  await expect(page.getByText(saying)).toBeVisible();
  await expectAccessible(page, testInfo);

  await open(page, "/officer/promises", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Promise ratings");
  await expectAccessible(page, testInfo);

  // A young person finds it beside promise 2, and not beside promise 3.
  const phone = await browser.newContext(testInfo.project.use);
  const young = await phone.newPage();
  await signIn(young, demo.youngPerson, testInfo);
  await open(young, "/promises", testInfo);
  await young.locator("li.card", { has: young.getByRole("heading", { name: "Promise 2" }) }).getByRole("link").click();
  await expect(young.getByRole("heading", { level: 1 })).toContainText("listen to what you have to say");
  await expect(young.getByRole("region", { name: "You said, we did" })).toContainText(saying);
  await expectAccessible(young, testInfo);

  await open(young, "/you-said-we-did", testInfo);
  await young.getByLabel("Show actions about").selectOption({ label: "Promise 3: Do you get help to learn at school or college?" });
  await young.getByRole("button", { name: "Show" }).click();
  await expect(young.getByLabel("Show actions about")).toHaveValue("3");
  await expect(young.getByText(saying)).toHaveCount(0);
  await young.getByLabel("Show actions about").selectOption({ label: "Promise 2: Do people listen to you and change things?" });
  await young.getByRole("button", { name: "Show" }).click();
  await expect(young.getByText(saying)).toBeVisible();
  await expectAccessible(young, testInfo);
  await phone.close();
});

test("an admin's promise pages pass axe-core and explain mistakes", async ({ page }, testInfo) => {
  await signIn(page, demo.admin, testInfo);
  await open(page, "/admin/promises", testInfo);
  await expectAccessible(page, testInfo);
  await page.getByLabel("The promise").fill("We will help you stay in touch with your family.");
  await page.getByRole("button", { name: "Add the promise" }).click();
  await expect(page.locator("#easy_read-error")).toContainText("Enter the easy-read line");
  await expect(page.getByLabel("The promise")).toHaveValue("We will help you stay in touch with your family.");
  await expectAccessible(page, testInfo);

  await page.getByRole("link", { name: "Change promise 9" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change promise 9");
  await expect(page.getByLabel("Easy-read line")).toHaveValue(/work/);
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: "Save the promise" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Promises");
});
