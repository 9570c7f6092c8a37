// The chat page in a real browser against the running assistant: one conversation, step by step.
// Start the assistant with its web page (scripts/run.sh, page on :8080, or `.venv/bin/python tests/e2e/stack.py`,
// which prints the page address), then: WEB_URL=http://127.0.0.1:8080/ node --test tests/browser/
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import {
  ANSWER_MS, AXE_SOURCE, FIRST_ANSWER_MS, OPEN_BUTTONS, ROOT, ask, botCount, countByImpact, focusIsVisible,
  lastUserText, messages, openBrowser, tabTo, waitForAnswer,
} from "./chat_page.mjs";

const WEB_URL = process.env.WEB_URL;
const TOKEN_KEY = "assistent.sessie";
const SCREENSHOT = join(ROOT, "test-output/browser/chat.png");
const XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>";
const STEP = { timeout: 3 * ANSWER_MS };

describe("chat page", { timeout: 20 * ANSWER_MS }, () => {
  let browser;
  let page;
  const dialogs = [];
  const pageErrors = [];

  const token = () => page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);

  before(async () => {
    assert.ok(WEB_URL, "Set WEB_URL to the chat page, e.g. WEB_URL=http://127.0.0.1:8080/");
    browser = await openBrowser();
    page = browser.page;
    page.on("dialog", (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) pageErrors.push(message.text());
    });
  });

  after(async () => {
    await browser?.close();
  });

  it("shows the welcome message with buttons and a phone link", { timeout: FIRST_ANSWER_MS + ANSWER_MS }, async () => {
    await page.goto(WEB_URL);
    await page.waitForSelector(OPEN_BUTTONS, { timeout: FIRST_ANSWER_MS });
    await waitForAnswer(page, 0);
    assert.equal(await page.locator("html").getAttribute("lang"), "nl");
    assert.ok(await token(), "the session token is kept in sessionStorage");
    assert.equal(await page.locator('#berichten a[href="tel:0880430430"]').count() > 0, true);
    assert.equal(await page.getAttribute("#vraag", "maxlength"), "1000");
  });

  it("a quick-reply button sends its payload and shows its title", STEP, async () => {
    const button = await page.$(OPEN_BUTTONS);
    const title = await button.textContent();
    const before = await botCount(page);
    await button.click();
    const answer = await waitForAnswer(page, before);
    assert.equal(await lastUserText(page), title);
    assert.ok(answer.length > 0);
    assert.equal(await button.isDisabled(), true, "old buttons are disabled once the user answered");
  });

  it("answers the fee question with a euro amount, saying meanwhile that it types", STEP, async () => {
    await page.evaluate(() => {
      const typing = document.getElementById("typt");
      new MutationObserver(() => { window.sawTyping ||= typing.textContent === "De assistent typt…"; })
        .observe(typing, { childList: true, characterData: true, subtree: true });
    });
    const answer = await ask(page, "Wat kost de aanvraag?");
    assert.match(answer.map((m) => m.tekst).join("\n"), /€\s?\d/);
    assert.equal(await page.evaluate(() => window.sawTyping), true, "'De assistent typt…' was shown");
    assert.equal(await page.textContent("#typt"), "");
  });

  it("shows the same conversation after a reload", STEP, async () => {
    const shown = await messages(page);
    const kept = await token();
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll("#berichten .bericht").length >= n, shown.length);
    assert.deepEqual(await messages(page), shown);
    assert.equal(await token(), kept);
  });

  it("works with the keyboard alone, with a visible focus", STEP, async () => {
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "snel-weg", "Snel weg is the first Tab stop");
    assert.ok(await focusIsVisible(page), "focus visible on Snel weg");
    assert.ok(await tabTo(page, "#vraag"), "Tab reaches the input");
    assert.ok(await focusIsVisible(page), "focus visible on the input");

    const before = await botCount(page);
    await page.keyboard.type("Mijn situatie is veranderd");
    await page.keyboard.press("Enter");
    await waitForAnswer(page, before);
    await page.waitForSelector(OPEN_BUTTONS);

    assert.ok(await tabTo(page, ".knoppen button:not([disabled])", "Shift+Tab"), "Shift+Tab reaches a quick reply");
    assert.ok(await focusIsVisible(page), "focus visible on the quick reply");
    const title = await page.evaluate(() => document.activeElement.textContent);
    const count = await botCount(page);
    await page.keyboard.press("Enter");
    await waitForAnswer(page, count);
    assert.equal(await lastUserText(page), title);
  });

  it("has no serious or critical axe-core violations (WCAG 2.1 A/AA)", STEP, async () => {
    await mkdir(join(ROOT, "test-output/browser"), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.evaluate(await readFile(AXE_SOURCE, "utf8"));
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }));
    const counts = countByImpact(result.violations);
    console.log(`axe: ${counts.critical} critical, ${counts.serious} serious, ${counts.moderate} moderate, ${counts.minor} minor`);
    const grave = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
    assert.deepEqual(grave.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`), []);
  });

  it("shows HTML from the user as text, and runs none of it", STEP, async () => {
    await ask(page, XSS);
    assert.equal(await lastUserText(page), XSS);
    assert.equal(await page.locator("#berichten img, #berichten script").count(), 0);
    assert.deepEqual(dialogs, []);
  });

  it("'Nieuw gesprek' starts over with an empty history", STEP, async () => {
    const oldToken = await token();
    await page.click("#nieuw-gesprek");
    await page.waitForSelector(OPEN_BUTTONS);
    await waitForAnswer(page, 0);
    assert.notEqual(await token(), oldToken);
    assert.deepEqual((await messages(page)).filter((m) => m.van === "gebruiker"), []);
    await page.reload();
    await page.waitForSelector(OPEN_BUTTONS);
    assert.deepEqual((await messages(page)).filter((m) => m.van === "gebruiker"), []);
  });

  it("'Snel weg' leaves at once, clears the session and Back does not return", STEP, async () => {
    const exitUrl = new URL(await page.evaluate(() => window.ASSISTENT_CONFIG.snelWegUrl));
    await page.route(`${exitUrl.origin}/**`, (route) => route.fulfill({
      contentType: "text/html", body: "<!doctype html><title>Weer</title><p>Het weer</p>",
    }));
    assert.ok(await token());
    await page.click("#snel-weg");
    await page.waitForURL((url) => url.origin === exitUrl.origin);

    // Back from the neutral site must not show the chat again.
    await page.goBack().catch(() => null);
    assert.ok(!page.url().startsWith(WEB_URL), `Back returned to ${page.url()}`);

    // An empty page on the chat's own address (answered by the test) shows what the tab still remembers.
    const emptyPage = new URL("/leeg-voor-test", WEB_URL).href;
    await page.route(emptyPage, (route) => route.fulfill({ contentType: "text/html", body: "<p>leeg</p>" }));
    await page.goto(emptyPage);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  });

  it("Escape twice also leaves at once", STEP, async () => {
    await page.goto(WEB_URL);
    await page.waitForSelector(OPEN_BUTTONS);
    const exitUrl = new URL(await page.evaluate(() => window.ASSISTENT_CONFIG.snelWegUrl));
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.waitForURL((url) => url.origin === exitUrl.origin);
  });

  it("raised no script errors and no Content-Security-Policy violations", () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
