import { defineConfig } from "@playwright/test";

// Every test runs twice on a 360x740 phone screen: once with JavaScript (and
// so WebAssembly) on, once with it off, in Debian's Chromium.
const port = process.env.VOICE_E2E_PORT ?? "3100";
export const demoPassword = "e2e demo password";

const phone = {
  viewport: { width: 360, height: 740 },
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  // One retry, for a machine too busy to answer in time; a test that fails
  // twice fails the run. (Pages that now and then never hydrated were a
  // bug, fixed: see static_file_or_not_found in server/src/router.rs.)
  retries: 1,
  // Whole journeys (several sign-ins, each hashed with argon2, and an axe-core
  // check per page) on a 2-core machine running two browsers at once.
  timeout: 60_000,
  // Pages on a busy 2-core machine can take longer than Playwright's 5 s.
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: { baseURL: `http://127.0.0.1:${port}`, trace: "off" },
  projects: [
    { name: "js", use: { ...phone, javaScriptEnabled: true } },
    { name: "no-js", use: { ...phone, javaScriptEnabled: false } },
  ],
  webServer: {
    // A fresh SQLite database for every run, with the demo accounts in it.
    command:
      `rm -rf ../target/e2e && mkdir -p ../target/e2e && cd .. && ` +
      `DATABASE_URL=sqlite://target/e2e/voice.db VOICE_DEMO_PASSWORD="${demoPassword}" ` +
      `LEPTOS_SITE_ADDR=127.0.0.1:${port} target/debug/voice serve --seed-demo-if-empty`,
    url: `http://127.0.0.1:${port}/help`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
  },
});
