import { expect, Page, TestInfo, test } from "@playwright/test";
import { demo, open, signIn } from "./helpers";

// Quick exit must be on screen and usable on the smallest phones and with
// large text, and no page may scroll sideways (issue 16, point 1, for the
// pages young people and visitors use).
const screens = [
  { name: "320 px wide", viewport: { width: 320, height: 640 }, rootFontSize: "" },
  { name: "360 px wide, text at 200%", viewport: { width: 360, height: 740 }, rootFontSize: "200%" },
];

const signedOut = ["/sign-in", "/help", "/join", "/activate"];
const youngPerson = ["/", "/promises", "/promises/rate/1", "/promises/history", "/surveys", "/rights", "/rights/new", "/you-said-we-did"];

/** The elements that reach past `width` or overflow their own box, to say what is too wide. */
async function tooWide(page: Page, width: number): Promise<string> {
  return page.evaluate(
    (width) =>
      [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > width || e.scrollWidth > e.clientWidth + 1)
        .slice(0, 8)
        .map((e) => `${e.tagName}.${e.className} (right ${Math.round(e.getBoundingClientRect().right)}, ${e.scrollWidth}/${e.clientWidth})`)
        .join("; "),
    width,
  );
}

async function checkFits(page: Page, path: string, rootFontSize: string) {
  if (rootFontSize) {
    await page.evaluate((size) => (document.documentElement.style.fontSize = size), rootFontSize);
  }
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${path} scrolls sideways: ${await tooWide(page, clientWidth)}`).toBeLessThanOrEqual(clientWidth);
  const exit = page.getByRole("link", { name: "Quick exit" });
  const box = await exit.boundingBox();
  expect(box, `${path}: Quick exit is not shown`).not.toBeNull();
  expect(box!.x, `${path}: Quick exit starts off screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${path}: Quick exit runs off screen`).toBeLessThanOrEqual(clientWidth);
  expect(box!.height, `${path}: Quick exit is too small to tap`).toBeGreaterThanOrEqual(44);
  // Nothing covers it: a real click would land on it.
  await exit.click({ trial: true });
}

for (const screen of screens) {
  test(`Quick exit stays on screen and nothing scrolls sideways at ${screen.name}`, async ({ browser }, testInfo: TestInfo) => {
    const context = await browser.newContext({ ...testInfo.project.use, viewport: screen.viewport });
    const page = await context.newPage();
    for (const path of signedOut) {
      await open(page, path, testInfo);
      await checkFits(page, path, screen.rootFontSize);
    }
    await signIn(page, demo.youngPerson, testInfo);
    for (const path of youngPerson) {
      await open(page, path, testInfo);
      await checkFits(page, path, screen.rootFontSize);
    }
    await context.close();
  });
}

// The five faces' words never run over each other: five across on a
// 320 px phone, more rows with text at 200% (issue 16, point 1).
for (const screen of screens) {
  test(`the face labels do not overlap at ${screen.name}`, async ({ browser }, testInfo: TestInfo) => {
    const context = await browser.newContext({ ...testInfo.project.use, viewport: screen.viewport });
    const page = await context.newPage();
    await signIn(page, demo.youngPerson, testInfo);
    await open(page, "/promises/rate/1", testInfo);
    if (screen.rootFontSize) {
      await page.evaluate((size) => (document.documentElement.style.fontSize = size), screen.rootFontSize);
    }
    const boxes = await page.locator(".face__label").evaluateAll((labels) =>
      labels.map((label) => {
        const box = label.getBoundingClientRect();
        // The words' own extent: wider than the box when they spill out.
        return { left: box.left, right: box.left + Math.max(box.width, label.scrollWidth), top: box.top, bottom: box.bottom };
      }),
    );
    expect(boxes).toHaveLength(5);
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const [x, y] = [boxes[a], boxes[b]];
        const overlap = x.left < y.right - 1 && y.left < x.right - 1 && x.top < y.bottom - 1 && y.top < x.bottom - 1;
        expect(overlap, `faces ${a + 1} and ${b + 1} overlap: ${JSON.stringify([x, y])}`).toBe(false);
      }
    }
    if (!screen.rootFontSize) {
      expect(new Set(boxes.map((box) => Math.round(box.top))).size, "five across at normal text size").toBe(1);
    }
    await context.close();
  });
}

// Staff pages too, with each role's navigation in the header (issue 16,
// points 1 and 11): the lists, their filters and the navigation wrap.
const staffPages: [string, string[]][] = [
  [demo.admin, ["/admin/accounts", "/admin/audit", "/advocate", "/admin/right-to-rights", "/admin/promises", "/admin/forums"]],
  [demo.officer, ["/officer/promises", "/officer/quotes", "/officer/surveys", "/officer/reports"]],
  [demo.facilitator, ["/facilitator"]],
];

for (const screen of screens) {
  test(`staff pages fit and keep Quick exit on screen at ${screen.name}`, async ({ browser }, testInfo: TestInfo) => {
    for (const [login, paths] of staffPages) {
      const context = await browser.newContext({ ...testInfo.project.use, viewport: screen.viewport });
      const page = await context.newPage();
      await signIn(page, login, testInfo);
      for (const path of paths) {
        await open(page, path, testInfo);
        await expect(page.getByRole("navigation", { name: "Staff pages" })).toBeVisible();
        await checkFits(page, path, screen.rootFontSize);
      }
      await context.close();
    }
  });
}

// Every control a young person taps is at least 44x44 CSS px (issue 16,
// point 2): the numbers to call on /help first.
test("the numbers to call for help are large enough to tap", async ({ page }, testInfo: TestInfo) => {
  await open(page, "/help", testInfo);
  for (const number of ["999", "0800 1111"]) {
    const box = await page.getByRole("link", { name: number }).boundingBox();
    expect(box, `${number} is not shown`).not.toBeNull();
    expect(box!.height, `${number} is too short to tap`).toBeGreaterThanOrEqual(44);
    expect(box!.width, `${number} is too narrow to tap`).toBeGreaterThanOrEqual(44);
  }
});

// One visible focus style for everything that takes focus (issue 16,
// point 3): a written answer gets the same yellow ring as every input.
test("a text area shows the same focus ring as inputs", async ({ page }, testInfo: TestInfo) => {
  await signIn(page, demo.youngPerson, testInfo);
  await open(page, "/promises/rate/1", testInfo);
  const field = page.locator("textarea").first();
  await field.focus();
  const ring = await field.evaluate((e) => {
    const style = getComputedStyle(e);
    return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
  });
  expect(ring).toBe("solid 3px rgb(255, 221, 0)");
});
