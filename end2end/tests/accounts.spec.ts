import { expect, test } from "@playwright/test";
import { demo, expectAccessible, open, signIn, trySignIn, unique, withJs } from "./helpers";

test("a young person signs in and out", async ({ page }, testInfo) => {
  await signIn(page, demo.youngPerson, testInfo);
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Jordan" })).toBeVisible();
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
});

test("a wrong password is explained beside the field and the username is kept", async ({ page }, testInfo) => {
  await trySignIn(page, demo.youngPerson, testInfo, "not the password");
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.locator("#login-error")).toContainText("The username, email address or password is not right");
  await expect(page.getByLabel("Username or email address")).toHaveValue(demo.youngPerson);
  await expectAccessible(page, testInfo);
});

test("an empty form says what is missing", async ({ page }, testInfo) => {
  await open(page, "/sign-in", testInfo);
  await page.getByLabel("Username or email address").fill("someone");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#password-error")).toContainText("Enter your password");
  await expect(page.getByLabel("Username or email address")).toHaveValue("someone");
});

test("an admin creates a young person who activates their account", async ({ page, browser }, testInfo) => {
  const username = unique("riley", testInfo);
  await signIn(page, demo.admin, testInfo);
  await open(page, "/admin/accounts/new-young-person", testInfo);
  await expectAccessible(page, testInfo);

  // A mistake first: the errors show and what was typed stays.
  await page.getByLabel("First name").fill("Riley");
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#cohort-error")).toContainText("Choose whether they are in care or a care leaver");
  await expect(page.getByLabel("Username")).toHaveValue(username);
  await expectAccessible(page, testInfo);

  await page.getByLabel("Care leaver").check();
  await page.getByLabel("Month and year of birth").fill("2007-06");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Account created" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code that opens the activation page" })).toBeVisible();
  const code = (await page.locator(".code").textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectAccessible(page, testInfo);

  // The young person, on their own phone, sets up the account with the code.
  const phone = await browser.newContext(testInfo.project.use);
  const young = await phone.newPage();
  await open(young, "/activate", testInfo);
  await expectAccessible(young, testInfo);
  await young.getByLabel("Your code").fill(code.toLowerCase());
  await young.getByLabel("Choose a password").fill("blue river stone");
  await young.getByLabel("Type the password again").fill("blue river stone");
  await young.getByRole("button", { name: "Set up my account" }).click();
  await expect(young.getByRole("heading", { level: 1, name: "Hello, Riley" })).toBeVisible();
  await phone.close();

  // The admin sees the account is active now.
  await open(page, "/admin/accounts", testInfo);
  const card = page.locator(".card", { hasText: username });
  await expect(card).toContainText("Active");
  await expectAccessible(page, testInfo);
  await card.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Riley" })).toBeVisible();
  await expectAccessible(page, testInfo);
});

test("quick exit leaves Voice for a neutral site", async ({ page }, testInfo) => {
  // The neutral site is answered here: the test machine has no internet.
  await page.route("https://www.bbc.co.uk/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Weather</title><h1>Weather</h1>" }),
  );
  await open(page, "/", testInfo);
  await open(page, "/help", testInfo);
  await page.getByRole("link", { name: "Quick exit" }).click();
  await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
  if (withJs(testInfo)) {
    // The help page was replaced in the history: going back skips it.
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
  }
});

test("every public page passes axe-core", async ({ page }, testInfo) => {
  for (const path of ["/", "/sign-in", "/activate", "/help", "/no-such-page"]) {
    await open(page, path, testInfo);
    await expect(page.getByRole("link", { name: "Quick exit" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Get help" }).first()).toBeVisible();
    await expectAccessible(page, testInfo);
  }
});

test("admin pages pass axe-core and are refused to others", async ({ page }, testInfo) => {
  await signIn(page, demo.admin, testInfo);
  for (const path of ["/admin/accounts", "/admin/accounts/new-staff", "/admin/audit"]) {
    await open(page, path, testInfo);
    await expectAccessible(page, testInfo);
  }
  // The log reads in words, not the codes it stores.
  await expect(page.locator(".card__title", { hasText: "Account created" }).first()).toBeVisible();
  await expect(page.getByText("account.created")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();

  await signIn(page, demo.officer, testInfo);
  await open(page, "/admin/accounts", testInfo);
  await expect(page.getByText("Your account does not have access to this.")).toBeVisible();
});

// The admin finds accounts with the filters above the list: a plain form,
// so the address says what is shown and Back returns to it, with or
// without JavaScript.
test("the admin finds accounts by role and search, and Back returns to the list as it was", async ({ page }, testInfo) => {
  await signIn(page, demo.admin, testInfo);
  await open(page, "/admin/accounts", testInfo);
  await page.getByLabel("Role").selectOption("advocate");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\?.*role=advocate/);
  await expect(page.getByRole("status").filter({ hasText: "1 account" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ash" })).toBeVisible();
  await expect(page.getByLabel("Role")).toHaveValue("advocate");

  await page.getByLabel("Role").selectOption("");
  await page.getByLabel("Name, username or email").fill("demo.you");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 account" })).toBeVisible();
  await expect(page.getByLabel("Name, username or email")).toHaveValue("demo.you");

  await page.goBack();
  await expect(page.getByLabel("Role")).toHaveValue("advocate");
  await expect(page.getByRole("link", { name: "Ash" })).toBeVisible();
  await expectAccessible(page, testInfo);
});
