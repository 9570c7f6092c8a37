// The browser and the chat page as the browser test sees them: start Debian's chromium, read the
// conversation, wait for answers, move with the keyboard.
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(new URL("../../web/", import.meta.url));
const { chromium } = require("playwright-core");

export const ROOT = new URL("../../", import.meta.url).pathname;
export const AXE_SOURCE = join(ROOT, "web/node_modules/axe-core/axe.min.js");
export const ANSWER_MS = 60_000;
export const FIRST_ANSWER_MS = 120_000;

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const QUIET_MS = 1500;

const MESSAGE = "#berichten .bericht";
const BOT = "#berichten .bericht-assistent";
export const OPEN_BUTTONS = "#berichten .knoppen button:not([disabled])";

export async function openBrowser() {
  const profile = await mkdtemp(join(tmpdir(), "chat-browser-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, locale: "nl-NL",
    viewport: { width: 1000, height: 1000 },
  });
  context.setDefaultTimeout(ANSWER_MS);
  const page = context.pages()[0] || await context.newPage();
  const close = async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  };
  return { page, close };
}

export async function messages(page) {
  return page.$$eval(MESSAGE, (all) => all.map((m) => ({
    van: m.classList.contains("bericht-gebruiker") ? "gebruiker" : "assistent",
    tekst: m.querySelector(".bericht-tekst").textContent,
  })));
}

export async function botCount(page) {
  return page.locator(BOT).count();
}

// One question may bring several bot messages: wait for the first, then until none arrive for a moment.
export async function waitForAnswer(page, botsBefore, timeout = ANSWER_MS) {
  await page.waitForFunction(([selector, before]) => document.querySelectorAll(selector).length > before,
    [BOT, botsBefore], { timeout });
  let count = -1;
  while (count !== await botCount(page)) {
    count = await botCount(page);
    await page.waitForTimeout(QUIET_MS);
  }
  return (await messages(page)).filter((m) => m.van === "assistent").slice(botsBefore);
}

export async function ask(page, text) {
  const before = await botCount(page);
  await page.fill("#vraag", text);
  await page.press("#vraag", "Enter");
  return waitForAnswer(page, before);
}

export async function lastUserText(page) {
  const all = (await messages(page)).filter((m) => m.van === "gebruiker");
  return all.at(-1)?.tekst;
}

// Presses the key until the focused element matches the selector; returns false after `max` presses.
export async function tabTo(page, selector, key = "Tab", max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return true;
  }
  return false;
}

export async function focusIsVisible(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return element.matches(":focus-visible") && (outline || style.boxShadow !== "none");
  });
}

export function countByImpact(violations) {
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const violation of violations) counts[violation.impact] = (counts[violation.impact] || 0) + 1;
  return counts;
}
