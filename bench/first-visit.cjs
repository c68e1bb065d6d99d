// First visits in Chromium: a fresh browser context (nothing cached, no
// cookies but those given) on a 360x740 screen for every visit.
//
// A visit lasts until the load event and, on a page that loads WebAssembly
// or has an island (<leptos-island>), until the page is hydrated
// (body[data-hydrated]); then until the network is idle (500 ms with no
// request in flight; event streams, which stay open, are left out).
//
// Usage (from the workspace root):
//   node bench/first-visit.cjs URL
//     one visit; prints every response as JSON: url, type, bytes that crossed
//     the network (headers included) and bytes after decompression.
//   node bench/first-visit.cjs --plan PLAN.json
//     the visits PLAN.json lists, in its order; prints the results as JSON.
//     PLAN.json: {"throttle": {latencyMs, downloadBitsPerSecond,
//     uploadBitsPerSecond, cpuSlowdown}, "visits": [{"id", "url",
//     "cookies": [{"name", "value"}], "throttled": bool}]}.
//     An unthrottled visit reports its responses; a throttled one reports
//     when the page was ready (milliseconds from the start of navigation).
// Run through bench/first-visit.sh, which starts the servers and prints tables.
const fs = require("fs");
const path = require("path");
const { chromium } = require(
  require.resolve("@playwright/test", { paths: [path.resolve("end2end")] }),
);

const IDLE_MS = 500;
const WAIT_MS = 120000;

// Records when the page was hydrated, on the page's own clock.
const HYDRATION_WATCH = () => {
  const seen = () => {
    if (!window.__benchHydratedAt && document.body?.hasAttribute("data-hydrated")) {
      window.__benchHydratedAt = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {
    attributes: true,
    subtree: true,
    attributeFilter: ["data-hydrated"],
  });
};

function kind(response) {
  const url = response.url.split("?")[0];
  if (response.mimeType === "application/wasm" || url.endsWith(".wasm")) return "wasm";
  switch (response.resourceType) {
    case "Document": return "document";
    case "Script": return "script";
    case "Stylesheet": return "css";
    default: return "other";
  }
}

async function visit(browser, job, throttle) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    if (job.cookies?.length) {
      await context.addCookies(job.cookies.map((c) => ({ name: c.name, value: c.value, url: job.url })));
    }
    const page = await context.newPage();
    await page.addInitScript(HYDRATION_WATCH);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    if (job.throttled) {
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: throttle.latencyMs,
        downloadThroughput: throttle.downloadBitsPerSecond / 8,
        uploadThroughput: throttle.uploadBitsPerSecond / 8,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle.cpuSlowdown });
    }

    const requests = new Map();
    const inFlight = new Set();
    let lastActivity = Date.now();
    cdp.on("Network.requestWillBeSent", (event) => {
      lastActivity = Date.now();
      if (!requests.has(event.requestId)) {
        requests.set(event.requestId, {
          url: event.request.url,
          resourceType: event.type,
          mimeType: "",
          status: 0,
          transferred: 0,
          decoded: 0,
          finished: false,
        });
      }
      if (event.type !== "EventSource") inFlight.add(event.requestId);
    });
    cdp.on("Network.responseReceived", (event) => {
      const request = requests.get(event.requestId);
      if (!request) return;
      request.resourceType = event.type;
      request.mimeType = event.response.mimeType;
      request.status = event.response.status;
      request.fromCache = Boolean(event.response.fromDiskCache || event.response.fromPrefetchCache);
      if (event.type === "EventSource") inFlight.delete(event.requestId);
    });
    cdp.on("Network.dataReceived", (event) => {
      const request = requests.get(event.requestId);
      if (!request) return;
      request.decoded += event.dataLength;
      // Until the request finishes (an event stream never does here), the
      // bytes on the wire are what has arrived so far.
      if (!request.finished) request.transferred += event.encodedDataLength;
    });
    const finish = (event, failed) => {
      lastActivity = Date.now();
      inFlight.delete(event.requestId);
      const request = requests.get(event.requestId);
      if (!request) return;
      request.finished = true;
      if (failed) request.failed = event.errorText;
      else request.transferred = event.encodedDataLength;
    };
    cdp.on("Network.loadingFinished", (event) => finish(event, false));
    cdp.on("Network.loadingFailed", (event) => finish(event, true));

    const started = Date.now();
    const response = await page.goto(job.url, { waitUntil: "load", timeout: WAIT_MS });
    const islands = await page.locator("leptos-island").count();
    const wasm = [...requests.values()].some((r) => r.url.split("?")[0].endsWith(".wasm"));
    const hydrates = islands > 0 || wasm;
    let hydrated = false;
    if (hydrates) {
      await page.locator("body[data-hydrated]").waitFor({ state: "attached", timeout: WAIT_MS });
      hydrated = true;
    }
    while (inFlight.size > 0 || Date.now() - lastActivity < IDLE_MS) {
      if (Date.now() - started > WAIT_MS) throw new Error(`${job.url}: the network never went idle`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const timing = await page.evaluate(() => {
      const navigation = performance.getEntriesByType("navigation")[0];
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return {
        load: navigation.loadEventEnd,
        firstContentfulPaint: paint ? paint.startTime : null,
        hydrated: window.__benchHydratedAt ?? null,
      };
    });
    if (hydrates && timing.hydrated === null) throw new Error(`${job.url}: hydration time not seen`);
    const ready = hydrates ? Math.max(timing.load, timing.hydrated) : timing.load;
    return {
      id: job.id,
      url: job.url,
      status: response?.status() ?? 0,
      throttled: Boolean(job.throttled),
      islands,
      hydrates,
      hydrated,
      readyMs: ready,
      loadMs: timing.load,
      hydratedMs: timing.hydrated,
      firstContentfulPaintMs: timing.firstContentfulPaint,
      responses: [...requests.values()].map((r) => ({
        url: r.url,
        type: kind(r),
        resourceType: r.resourceType,
        status: r.status,
        // CDP reports no bytes on the wire for an event stream still open:
        // its bytes so far are counted as they arrived (headers left out).
        transferred: r.finished ? r.transferred : Math.max(r.transferred, r.decoded),
        decoded: r.decoded,
        open: !r.finished,
        failed: r.failed,
      })),
    };
  } finally {
    await context.close();
  }
}

async function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

(async () => {
  const browser = await launch();
  try {
    if (process.argv[2] === "--plan") {
      const plan = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
      const results = [];
      for (const job of plan.visits) {
        const result = await visit(browser, job, plan.throttle);
        process.stderr.write(
          `${job.id}: ${result.status}, ready ${Math.round(result.readyMs)} ms` +
          `${result.hydrates ? " (hydrated)" : ""}, ${result.responses.length} responses\n`,
        );
        results.push(result);
      }
      console.log(JSON.stringify(results));
    } else {
      const result = await visit(browser, { id: "visit", url: process.argv[2] }, null);
      console.log(JSON.stringify(result.responses));
    }
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
