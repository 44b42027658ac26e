// Load a page in Debian's Chromium at each given width and print, as JSON, what does not fit:
// whether the page scrolls sideways, and every table wider than its box where that box does not
// scroll (a table may scroll inside its own box; the page itself must not), and every caption
// that reaches past the screen's edge.
// usage: node layout.mjs PAGE.html WIDTH [WIDTH...]
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [page_path, ...widths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const found = {};
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width: Number(width), height: 900 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(resolve(page_path)).href, { waitUntil: "load" });
    found[width] = await page.evaluate(() => {
      const root = document.documentElement;
      const tables = [];
      for (const table of document.querySelectorAll("table")) {
        const box = table.parentElement;
        const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
        const right = table.getBoundingClientRect().right;
        const limit = scrolls ? Infinity : box.getBoundingClientRect().right;
        if (right > limit + 1) {
          tables.push({ caption: (table.caption?.textContent || "").trim().slice(0, 80), right, limit });
        }
      }
      // A caption wider than the screen is cut off where its table's box scrolls.
      const captions = [...document.querySelectorAll("caption")]
        .filter((c) => c.getBoundingClientRect().right > window.innerWidth + 1)
        .map((c) => c.textContent.trim().slice(0, 80));
      return { page_width: root.scrollWidth, viewport: window.innerWidth, tables, captions };
    });
    await context.close();
  }
  console.log(JSON.stringify(found, null, 2));
} finally {
  await browser.close();
}
