// The browser and the chat as the browser test sees them: start Debian's chromium, read the conversation
// (inside the chat's shadow root: Playwright's selectors go into open shadow roots), wait for answers, move
// with the keyboard.
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(new URL("../../web/", import.meta.url));
const { chromium } = require("playwright-core");

export const ROOT = new URL("../../", import.meta.url).pathname;
export const AXE_SOURCE = join(ROOT, "web/node_modules/axe-core/axe.min.js");
export const ANSWER_MS = Number(process.env.ANSWER_MS || 60_000);  // shorter for quick runs on the fake server
export const FIRST_ANSWER_MS = 2 * ANSWER_MS;

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  // The test answers the host site itself (Playwright routes): Chromium would count it as a public site and
  // refuse its requests to the chat on loopback (Local Network Access). A real site and chat are both public.
  "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights"];
const POLL_MS = 200;

const MESSAGE = "#berichten .bericht";
const BOT = "#berichten .bericht-assistent";
export const OPEN_BUTTONS = "#berichten .knoppen button:not([disabled])";

export async function openBrowser() {
  const profile = await mkdtemp(join(tmpdir(), "chat-browser-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, locale: "nl-NL",
    viewport: { width: 1280, height: 800 }, acceptDownloads: true,
  });
  context.setDefaultTimeout(ANSWER_MS);
  const page = context.pages()[0] || await context.newPage();
  const close = async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  };
  return { page, context, close };
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

// One question may bring several bot messages. `answered()` says how many parts the server's answer has (null
// while the server has not recorded it yet): wait until the chat shows that many, never for a quiet moment.
export async function waitForAnswer(page, botsBefore, answered, timeout = ANSWER_MS) {
  const end = Date.now() + timeout;
  for (;;) {
    const parts = await answered();
    const shown = (await messages(page)).filter((m) => m.van === "assistent").slice(botsBefore);
    if (parts && shown.length >= parts) return shown;
    if (Date.now() > end) {
      throw new Error(`no whole answer within ${timeout} ms: the server sent ${parts} part(s), the chat shows ${shown.length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// Sends `text` and waits for the whole answer. `turn()` reads the server's record of the conversation:
// { users: its user messages, parts: the parts of the answer to the last one }.
export async function ask(page, text, turn) {
  const before = await botCount(page);
  const { users } = await turn();
  await page.fill("#vraag", text);
  await page.press("#vraag", "Enter");
  return waitForAnswer(page, before, async () => {
    const now = await turn();
    return now.users > users ? now.parts : null;
  });
}

export async function lastUserText(page) {
  const all = (await messages(page)).filter((m) => m.van === "gebruiker");
  return all.at(-1)?.tekst;
}

// The focused element, also inside a shadow root: where it is and what it is.
export async function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const panel = document.querySelector("assistent-chat")?.shadowRoot?.getElementById("paneel");
    return {
      id: element?.id || "", tag: element?.tagName.toLowerCase() || "", text: element?.textContent.trim() || "",
      inPanel: Boolean(panel?.contains(element)), launcher: Boolean(element?.classList.contains("opener")),
    };
  });
}

export async function activeMatches(page, selector) {
  return page.evaluate((s) => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return Boolean(element?.matches(s));
  }, selector);
}

// Presses the key until the focused element matches the selector; returns false after `max` presses.
export async function tabTo(page, selector, key = "Tab", max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await activeMatches(page, selector)) return true;
  }
  return false;
}

export async function focusIsVisible(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
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
