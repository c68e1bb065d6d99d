// Opens a page in a fresh Chromium profile on a 360x740 screen, waits for
// hydration, and prints every response with the bytes that crossed the
// network (headers included) and the bytes after decompression.
// Usage: node bench/first-visit.cjs URL   (from the workspace root)
const path = require("path");
const { chromium } = require(
  require.resolve("@playwright/test", { paths: [path.resolve("end2end")] }),
);

(async () => {
  const url = process.argv[2];
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const responses = new Map();
  cdp.on("Network.responseReceived", (event) => {
    responses.set(event.requestId, { url: event.response.url, transferred: 0, decoded: 0 });
  });
  cdp.on("Network.dataReceived", (event) => {
    const response = responses.get(event.requestId);
    if (response) response.decoded += event.dataLength;
  });
  cdp.on("Network.loadingFinished", (event) => {
    const response = responses.get(event.requestId);
    if (response) response.transferred = event.encodedDataLength;
  });
  await page.goto(url);
  await page.waitForSelector("body[data-hydrated]");
  await page.waitForLoadState("networkidle");
  console.log(JSON.stringify([...responses.values()]));
  await browser.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
