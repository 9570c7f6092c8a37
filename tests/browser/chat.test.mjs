// The chat as another web site embeds it (one script tag), in a real browser, step by step: against the fake
// chat server by default (`node --test tests/browser/`), or against the running assistant with WEB_URL (and
// CONVERSATION_DB), as tests/e2e/test_browser.py runs it. See omgeving.mjs.
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import {
  ANSWER_MS, AXE_SOURCE, FIRST_ANSWER_MS, OPEN_BUTTONS, ROOT, ask, botCount, countByImpact, focusIsVisible,
  focused, lastUserText, messages, openBrowser, tabTo, waitForAnswer,
} from "./chat_page.mjs";
import { QUICK_EXIT, serveHostSite } from "./host_page.mjs";
import { startEnvironment } from "./omgeving.mjs";

const TOKEN_KEY = "assistent.sessie";
const OUTPUT = join(ROOT, "test-output/browser");
const XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>";
const REMARK = "Hoe lang het duurt. Bel mij op 0612345678";
const STEP = { timeout: 3 * ANSWER_MS };
const ESCAPE_TWICE_MS = 1100;  // web/chat.js: Escape twice within 1000 ms leaves
const ANSWER_DONE_MS = 700;  // web/chat.js: an answer is whole when no part came for this long
const PANEL = "#paneel";
const WCAG = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

// Computed styles that a host page's CSS would change if it could reach into the chat.
const LOOK = ["display", "visibility", "fontFamily", "fontSize", "color", "backgroundColor", "lineHeight",
  "letterSpacing", "textTransform", "margin", "padding", "borderTopStyle", "boxSizing", "transform"];

describe("the chat on another web site", { timeout: 30 * ANSWER_MS }, () => {
  let environment;
  let browser;
  let page;
  let site;
  const network = { down: false, sockets: [] };
  const dialogs = [];
  const pageErrors = [];

  const token = () => page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
  const turn = async () => environment.turn(await token());
  // The welcome of a new conversation (not of `before`, the one that was there).
  const welcomed = (before = null) => async () => {
    const current = await token();
    if (!current || current === before) return null;
    const { users, parts } = await environment.turn(current);
    return users >= 1 ? parts : null;
  };
  const launcher = () => page.getByRole("button", { name: "Chat met de assistent" });
  const panelOpen = () => page.locator(PANEL).isVisible();

  async function look() {
    return page.evaluate((properties) => {
      const root = document.querySelector("assistent-chat").shadowRoot;
      const elements = [".opener", "#titel", ".snel-weg", "#vraag", ".bericht-tekst", ".invoer", "#paneel"];
      return Object.fromEntries(elements.map((selector) => {
        const style = getComputedStyle(root.querySelector(selector));
        return [selector, Object.fromEntries(properties.map((p) => [p, style[p]]))];
      }));
    }, LOOK);
  }

  async function axe(context) {
    await page.evaluate(await readFile(AXE_SOURCE, "utf8"));
    const result = await page.evaluate((options) => window.axe.run(options.context || document, options.rules),
      { context, rules: WCAG });
    return result.violations;
  }

  function grave(violations) {
    return violations.filter((v) => ["serious", "critical"].includes(v.impact))
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
  }

  before(async () => {
    environment = await startEnvironment();
    browser = await openBrowser();
    page = browser.page;
    site = await serveHostSite(browser.context, environment.webUrl);
    await mkdir(OUTPUT, { recursive: true });
    // Every socket.io websocket goes through the test, so that it can cut the connection like a network would.
    await browser.context.routeWebSocket(/\/socket\.io\//, (socket) => {
      if (network.down) return socket.close({ code: 1006, reason: "netwerk weg" });
      network.sockets.push(socket);
      socket.connectToServer();
    });
    await browser.context.addInitScript(() => { window.namenVooraf = Object.getOwnPropertyNames(window); });
    page.on("dialog", (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) pageErrors.push(message.text());
    });
  });

  after(async () => {
    await browser?.close();
    await environment?.stop();
  });

  it("one script tag gives a launcher in a corner, one global name, and a dialog that takes the focus",
    { timeout: FIRST_ANSWER_MS + ANSWER_MS }, async () => {
      await page.goto(site.plain);
      await launcher().waitFor();
      const added = await page.evaluate(() => Object.getOwnPropertyNames(window)
        .filter((name) => !window.namenVooraf.includes(name) && name !== "namenVooraf"));
      assert.deepEqual(added, ["AssistentChat"]);
      const box = await launcher().boundingBox();
      assert.ok(box.x + box.width > 1280 - 60 && box.y + box.height > 800 - 60, `launcher in the corner: ${JSON.stringify(box)}`);
      assert.equal(await launcher().getAttribute("aria-expanded"), "false");
      assert.equal(await panelOpen(), false);

      await launcher().click();
      assert.equal(await panelOpen(), true);
      assert.equal(await launcher().getAttribute("aria-expanded"), "true");
      assert.equal(await page.locator(PANEL).getAttribute("role"), "dialog");
      assert.equal((await focused(page)).id, "vraag", "opening moves the focus into the input");
      await page.waitForSelector(OPEN_BUTTONS, { timeout: FIRST_ANSWER_MS });
      await waitForAnswer(page, 0, welcomed());
      assert.equal(await page.locator("#berichten").getAttribute("role"), "log");
      assert.ok(await page.locator('#berichten a[href="tel:0880430430"]').count() > 0);
      assert.ok(await token(), "the session token is kept in the site's sessionStorage");
    });

  it("looks the same on a page with a hostile stylesheet, and the conversation goes along", STEP, async () => {
    const plainLook = await look();
    const shown = await messages(page);
    const kept = await token();
    await page.click("text=Naar een andere pagina");
    await page.waitForURL(site.hostile);
    await page.waitForFunction((n) => {
      const root = document.querySelector("assistent-chat")?.shadowRoot;
      return root && root.querySelectorAll(".bericht").length >= n;
    }, shown.length);
    assert.equal(await panelOpen(), true, "the panel stays open on the next page");
    assert.equal(await token(), kept);
    assert.deepEqual(await messages(page), shown);
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("h1")).fontFamily), "serif",
      "the hostile stylesheet is in force on the page itself");
    assert.deepEqual(await look(), plainLook);
  });

  it("answers a question; 'De assistent typt…' is shown and announced once", STEP, async () => {
    await page.evaluate(() => {
      const typing = document.querySelector("assistent-chat").shadowRoot.querySelector(".typt");
      window.typingShown = 0;
      new MutationObserver(() => { if (typing.textContent === "De assistent typt…") window.typingShown += 1; })
        .observe(typing, { childList: true, characterData: true, subtree: true });
    });
    const answer = await ask(page, "Wat kost de aanvraag?", turn);
    assert.match(answer.map((m) => m.tekst).join("\n"), /€\s?\d/);
    assert.equal(await page.evaluate(() => window.typingShown), 1);
    assert.equal(await page.locator(".typt").textContent(), "");
    // The chat puts the question under an answer once no part came for ANSWER_DONE_MS: wait for it to be there.
    await page.getByRole("group", { name: "Was dit antwoord nuttig?" }).first().waitFor();
    assert.equal(await page.getByRole("group", { name: "Was dit antwoord nuttig?" }).count(), 1,
      "one question under the answer, none under the welcome");
  });

  it("👎 with 'Wat miste u?' is stored with the conversation, masked", STEP, async () => {
    const row = page.getByRole("group", { name: "Was dit antwoord nuttig?" }).last();
    await row.getByRole("button", { name: "Nee" }).click();
    const field = row.getByLabel(/Wat miste u\?/);
    assert.equal((await focused(page)).tag, "input", "the focus moves to the question");
    await field.fill(REMARK);
    await row.getByRole("button", { name: "Verstuur" }).click();
    await page.getByText("Dank u wel voor uw reactie.").waitFor();

    const events = await environment.events(await token());
    const ratings = events.filter((e) => e.event === "slot" && e.name === "feedback");
    assert.equal(ratings.length, 1, JSON.stringify(ratings));
    const { oordeel, antwoord, opmerking } = ratings[0].value;
    assert.equal(oordeel, "slecht");
    assert.match(antwoord, /€\s?\d/);
    assert.equal(opmerking, "Hoe lang het duurt. Bel mij op [***]");
    await page.screenshot({ path: join(OUTPUT, "chat-vijandige-css.png") });
  });

  it("has no serious or critical axe-core violations with the panel open (WCAG 2.1 A/AA)", STEP, async () => {
    const onHostile = await axe({ include: [["assistent-chat"]] });
    await page.goto(site.plain);
    await page.locator(".bericht").first().waitFor();
    assert.equal(await panelOpen(), true);
    assert.equal(await page.getByText("Dank u wel voor uw reactie.").count(), 1, "the rated answer stays rated");
    await page.screenshot({ path: join(OUTPUT, "chat-1280x800.png") });
    const onPage = await axe(null);
    for (const [where, violations] of [["host page", onPage], ["chat on the hostile page", onHostile]]) {
      const c = countByImpact(violations);
      console.log(`axe, ${where}: ${c.critical} critical, ${c.serious} serious, ${c.moderate} moderate, ${c.minor} minor`);
      assert.deepEqual(grave(violations), [], where);
    }
  });

  it("keeps Tab inside the panel with a visible focus; Escape closes and gives the focus to the launcher", STEP, async () => {
    await page.locator("#vraag").focus();
    const seen = new Set();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(i < 30 ? "Tab" : "Shift+Tab");
      const where = await focused(page);
      assert.ok(where.inPanel, `Tab ${i + 1} left the panel: ${JSON.stringify(where)}`);
      assert.ok(await focusIsVisible(page), `focus visible on ${JSON.stringify(where)}`);
      seen.add(where.id || where.text);
    }
    for (const stop of ["vraag", "berichten", "Snel weg", "Nieuw gesprek", "Gesprek opslaan"]) {
      assert.ok(seen.has(stop), `Tab reaches ${stop}: ${[...seen].join(" | ")}`);
    }
    assert.ok(await tabTo(page, "#vraag"));
    await page.keyboard.press("Escape");
    assert.equal(await panelOpen(), false);
    assert.equal((await focused(page)).launcher, true, "the focus is back on the launcher");
    assert.equal(await launcher().getAttribute("aria-expanded"), "false");
    // A second Escape within the chat's window would be "Snel weg": let the window pass (a timer, not a condition).
    await page.waitForTimeout(ESCAPE_TWICE_MS);
  });

  it("shows the conversation again after a reload of the host page", STEP, async () => {
    await page.keyboard.press("Enter");  // the launcher has the focus
    assert.equal(await panelOpen(), true);
    const shown = await messages(page);
    await page.reload();
    await page.locator(PANEL).waitFor();  // open again: the chat remembers it was open
    await page.waitForFunction((n) => {
      const root = document.querySelector("assistent-chat")?.shadowRoot;
      return root && root.querySelectorAll(".bericht").length >= n;
    }, shown.length);
    assert.deepEqual(await messages(page), shown);
    assert.ok(shown.some((m) => m.van === "gebruiker" && m.tekst === "Wat kost de aanvraag?"));
  });

  it("a lost connection shows a notice and comes back with the conversation", STEP, async () => {
    const shown = await messages(page);
    try {
      network.down = true;
      await browser.context.setOffline(true);  // no long polling either
      // Sockets of pages left earlier never answer a close: do not wait for them.
      network.sockets.splice(0).forEach((socket) => socket.close({ code: 1006, reason: "netwerk weg" }).catch(() => {}));
      await page.getByText("De verbinding is verbroken.").waitFor({ timeout: ANSWER_MS });
    } finally {
      network.down = false;
      await browser.context.setOffline(false);
    }
    await page.getByText("De verbinding is er weer.").waitFor({ timeout: ANSWER_MS });
    assert.deepEqual(await messages(page), shown);
    const rows = await page.locator(".nuttig").count();
    const answer = await ask(page, "Mijn situatie is veranderd", turn);
    assert.ok(answer.length > 0, "the chat answers again");
    if (await page.locator(".bericht").last().locator(".knoppen").count()) {
      // Something that must not appear: the chat would add it when its own timer (ANSWER_DONE_MS after the last
      // part) fires, so this waits for that timer, the one place where a time is the condition.
      await page.waitForTimeout(2 * ANSWER_DONE_MS);
      assert.equal(await page.locator(".nuttig").count(), rows, "no rating under a question with buttons");
    }
  });

  it("'Gesprek opslaan' downloads the conversation as a plain text file", STEP, async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("Gesprek opslaan").click()]);
    assert.match(download.suggestedFilename(), /^gesprek-met-de-assistent-\d{4}-\d{2}-\d{2}\.txt$/);
    const text = await readFile(await download.path(), "utf8");
    assert.match(text, /^Chat met de assistent\n/);
    assert.match(text, /\nU: Wat kost de aanvraag\?\n/);
    assert.match(text, /\nAssistent: /);
    assert.match(text, /€\s?\d/);
    assert.doesNotMatch(text, /<[a-z]/i);
  });

  // The chat follows a new viewport in its visualViewport "resize" handler, which runs some time after
  // setViewportSize returns (later on a busy machine): wait until the panel has taken the new size, never for a
  // time. If it never does, the assertions after the wait say what was measured.
  async function panelFollowsViewport(width, height) {
    await page.setViewportSize({ width, height });
    await page.waitForFunction(([w, h]) => {
      const root = document.querySelector("assistent-chat").shadowRoot;
      const panel = root.querySelector("#paneel").getBoundingClientRect();
      const input = root.querySelector("#vraag").getBoundingClientRect();
      const phone = w <= 640;
      return window.innerWidth === w && window.innerHeight === h
        && (phone ? panel.height === h && input.bottom <= h : root.querySelector("#paneel").style.height === "");
    }, [width, height], { timeout: 10_000 }).catch(() => {});
  }

  // After the focus: wait until the input lies within the visible height, as above, never for a time.
  async function inputWithin(height) {
    await page.waitForFunction((h) => {
      const input = document.querySelector("assistent-chat").shadowRoot.querySelector("#vraag");
      const box = input.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= h;
    }, height, { timeout: 10_000 }).catch(() => {});
  }

  it("fills a phone screen of 390 px and keeps the input above the keyboard", STEP, async () => {
    await panelFollowsViewport(390, 844);
    const panel = await page.locator(PANEL).boundingBox();
    assert.deepEqual([panel.x, panel.y, panel.width, panel.height], [0, 0, 390, 844]);
    const input = await page.locator("#vraag").boundingBox();
    assert.ok(input.y > 0 && input.y + input.height <= 844, `input on screen: ${JSON.stringify(input)}`);
    await page.screenshot({ path: join(OUTPUT, "chat-390x844.png") });
    // The keyboard takes the lower part of the screen: the visible part shrinks, the input stays in it.
    await panelFollowsViewport(390, 450);
    await page.locator("#vraag").focus();
    await inputWithin(450);
    const small = await page.locator("#vraag").boundingBox();
    assert.ok(small.y + small.height <= 450, `input above the keyboard: ${JSON.stringify(small)}`);
    await panelFollowsViewport(1280, 800);
  });

  it("shows HTML from the user as text, and runs none of it", STEP, async () => {
    await ask(page, XSS, turn);
    assert.equal(await lastUserText(page), XSS);
    assert.equal(await page.locator("#berichten img, #berichten script").count(), 0);
    assert.deepEqual(dialogs, []);
  });

  it("'Nieuw gesprek' starts over with an empty history", STEP, async () => {
    const oldToken = await token();
    await page.getByRole("button", { name: "Nieuw gesprek" }).click();
    await page.waitForSelector(OPEN_BUTTONS);
    await waitForAnswer(page, 0, welcomed(oldToken));
    assert.notEqual(await token(), oldToken);
    assert.deepEqual((await messages(page)).filter((m) => m.van === "gebruiker"), []);
  });

  it("'Snel weg' leaves at once and forgets the chat, not the site's own data", STEP, async () => {
    await page.evaluate(() => sessionStorage.setItem("gemeente.voorkeur", "groot"));
    await page.getByRole("button", { name: "Snel weg" }).click();
    await page.waitForURL(QUICK_EXIT);
    await page.goBack().catch(() => null);
    assert.notEqual(page.url(), site.plain, "Back does not return to the chat");
    await page.goto(site.empty);
    assert.equal(await page.evaluate(() => sessionStorage.getItem("gemeente.voorkeur")), "groot");
    assert.equal(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("assistent."))
      .length), 0);
  });

  it("the demo page uses the same embed: one chat, open from the start; Escape twice leaves", STEP, async () => {
    await page.goto(environment.webUrl);
    await page.waitForSelector(OPEN_BUTTONS, { timeout: FIRST_ANSWER_MS });
    assert.equal(await page.locator("assistent-chat").count(), 1);
    assert.equal(await page.locator("script[src]").count(), 1);
    assert.equal(await panelOpen(), true);
    assert.equal(await botCount(page) > 0, true);
    const exit = await page.getAttribute("#snel-weg", "href");
    await page.route(`${new URL(exit).origin}/**`, (route) => route.fulfill({ contentType: "text/html", body: "<p>weer</p>" }));
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.waitForURL((url) => url.origin === new URL(exit).origin);
  });

  it("raised no script errors and no Content-Security-Policy violations", () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  });
});
