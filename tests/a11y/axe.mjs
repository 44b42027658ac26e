// Load a page in Debian's Chromium (never a downloaded browser), run axe-core for WCAG 2.2 AA
// plus best practices, print the violations as JSON. Optionally save a full-page screenshot.
// usage: node axe.mjs PAGE.html [SCREENSHOT.png [WIDTH]]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [page_path, screenshot, width] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  // The report's Content-Security-Policy forbids scripts; axe is injected by the test only.
  const context = await browser.newContext({
    bypassCSP: true, viewport: { width: Number(width || 1280), height: 900 },
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(resolve(page_path)).href, { waitUntil: "load" });
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
  });
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  const violations = result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
  console.log(JSON.stringify({ axe: result.testEngine.version, violations }, null, 2));
} finally {
  await browser.close();
}
