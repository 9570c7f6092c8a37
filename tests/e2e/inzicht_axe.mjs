// The insight report in Debian's chromium: axe-core's WCAG 2.1 A/AA rules, and every request the page makes.
// node tests/e2e/inzicht_axe.mjs <index.html>  ->  one JSON line {violations: [...], requests: [...]}
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../web/", import.meta.url));
const { chromium } = require("playwright-core");
const AXE = new URL("../../web/node_modules/axe-core/axe.min.js", import.meta.url);
const WCAG = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(`file://${process.argv[2]}`);
  await page.evaluate(await readFile(AXE, "utf8"));
  const result = await page.evaluate((rules) => window.axe.run(document, rules), WCAG);
  const violations = result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  console.log(JSON.stringify({ violations, requests: requests.filter((url) => !url.startsWith("file:")) }));
} finally {
  await browser.close();
}
