// Loads Voice's pages again and again in Chromium (JavaScript on, 360x740)
// and counts how many came out right: a page with an island (<leptos-island>)
// must hydrate; any other page must load no WebAssembly and say nothing in
// the console. Prints what the browser said about any that did not.
// Usage, with Voice serving the demo data at BASE:
//   BASE=http://127.0.0.1:3300 PASSWORD=... ROUNDS=5 node bench/hydration.cjs
const { chromium } = require("../end2end/node_modules/playwright-core");

const base = process.env.BASE ?? "http://127.0.0.1:3300";
const password = process.env.PASSWORD ?? "e2e demo password";
const rounds = Number(process.env.ROUNDS ?? 5);
const wait = Number(process.env.WAIT_MS ?? 30000);

const visits = {
  "": ["/sign-in", "/help"],
  "demo.young": ["/", "/promises", "/promises/history", "/surveys", "/you-said-we-did"],
  "officer@voice.example": ["/", "/officer/surveys", "/officer/surveys/new", "/officer/promises", "/officer/you-said-we-did/new"],
  "admin@voice.example": ["/admin/accounts", "/admin/accounts/new-young-person", "/admin/audit", "/admin/promises"],
};

async function signIn(page, login) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Username or email address").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: /Hello/ }).waitFor();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  let loads = 0;
  let right = 0;
  const started = Date.now();
  for (let round = 0; round < rounds; round++) {
    for (const [login, paths] of Object.entries(visits)) {
      // A new context each round: nothing cached, as for a first visit.
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      const said = [];
      page.on("console", (m) => said.push(`console ${m.type()}: ${m.text()}`));
      page.on("pageerror", (e) => said.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => said.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
      if (login) await signIn(page, login);
      for (const path of paths) {
        said.length = 0;
        const wasm = [];
        const onRequest = (r) => r.url().endsWith(".wasm") && wasm.push(r.url());
        page.on("request", onRequest);
        const began = Date.now();
        const response = await page.goto(`${base}${path}`);
        const policy = (await response?.headerValue("content-security-policy")) ?? "none";
        loads++;
        const islands = await page.locator("leptos-island").count();
        let problem = "";
        if (islands > 0) {
          try {
            await page.locator("body[data-hydrated]").waitFor({ state: "attached", timeout: wait });
          } catch {
            problem = `${islands} island(s) not hydrated`;
          }
        } else {
          await page.waitForLoadState("networkidle");
          if (wasm.length > 0) problem = `no island, yet loaded ${wasm.join(", ")}`;
          else if (said.length > 0) problem = "the browser said something";
        }
        page.off("request", onRequest);
        const what = islands > 0 ? `hydrated ${islands} island(s)` : "plain HTML";
        if (!problem) {
          right++;
          console.log(`ok   ${path} as ${login || "nobody"}: ${what} in ${Date.now() - began} ms`);
        } else {
          console.log(`FAIL ${path} as ${login || "nobody"} after ${Date.now() - began} ms: ${problem}\n  status ${response?.status()}, policy: ${policy}\n  ${said.join("\n  ")}`);
        }
      }
      await context.close();
    }
  }
  await browser.close();
  console.log(`${right} of ${loads} page loads came out right (${Math.round((Date.now() - started) / 1000)} s)`);
  process.exit(right === loads ? 0 : 1);
})();
