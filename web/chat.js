// The chat on any web page: a launcher button in a corner and a chat panel, in a shadow root so that the page's
// CSS cannot reach it and it cannot reach the page. web/serve.py wraps this file into /embed.js together with
// CONFIG (the chat server's address), CSS (web/chat.css) and io (socket.io-client). Talks to the assistant over
// socket.io (rasaserver/kanalen/socketio.py). Whatever the user types or the server sends goes in as text, never as HTML.
// The only global name is window.AssistentChat ({ openen, sluiten }).
/* global CONFIG, CSS, io */
(function () {
  "use strict";

  if (window.AssistentChat) return;  // the script tag twice on one page: still one chat

  const TOKEN_KEY = "assistent.sessie";
  const OPEN_KEY = "assistent.open";
  const RATED_KEY = "assistent.beoordeeld";  // numbers of the answers rated in this conversation
  const MAX_LENGTH = 1000;
  const MAX_REMARK = 500;
  const ESCAPE_TWICE_MS = 1000;
  const TYPING_TIMEOUT_MS = 30000;
  const ANSWER_DONE_MS = 700;
  const TITLE = "Chat met de assistent";
  const DISCONNECTED = "De verbinding is verbroken. We proberen opnieuw te verbinden.";
  const RECONNECTED = "De verbinding is er weer.";
  const SVG = "http://www.w3.org/2000/svg";
  const CHAT_ICON = "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z";
  const THUMB_ICON = "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 " +
    "7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";

  // What becomes a link in bot text; only http(s) and tel: can ever be an address.
  const MARKDOWN_LINK = /\[([^\]\n]+)\]\(((?:https?:\/\/|tel:)[^\s)]+)\)/.source;
  const BARE_URL = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)])/.source;
  // 088 043 0430, 0800 2000, and the emergency number 112 (not inside another number or an amount)
  const PHONE = /(?<!\d)(0(?:[ -]?\d){9}|0[89]00[ -]?\d{4}|(?<![€.,] ?)112(?![.,]\d))(?!\d)/.source;
  const LINK = new RegExp([MARKDOWN_LINK, BARE_URL, PHONE].join("|"), "g");

  // --- Settings: from our server (CONFIG) and the script tag's data- attributes. ---

  const script = document.currentScript;
  const attributes = (script && script.dataset) || {};

  function webAddress(text) {
    try {
      const url = new URL(text, window.location.href);
      return /^https?:$/.test(url.protocol) ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  const settings = {
    socketUrl: CONFIG.socketUrl,
    socketPath: CONFIG.socketPath,
    quickExitUrl: (attributes.snelWeg && webAddress(attributes.snelWeg)) || CONFIG.snelWegUrl,
    left: attributes.positie === "links",
    startOpen: ["", "ja", "true"].includes(attributes.open),
  };

  // sessionStorage can be switched off or full; the chat then works, only without memory.
  const storage = {
    get(key) { try { return window.sessionStorage.getItem(key); } catch (error) { return null; } },
    set(key, value) { try { window.sessionStorage.setItem(key, value); } catch (error) { /* no memory */ } },
    remove(key) { try { window.sessionStorage.removeItem(key); } catch (error) { /* no memory */ } },
  };

  // --- Building elements: text only. ---

  function el(tag, props, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (name === "text") element.textContent = value;
      else if (value !== false && value !== null) element.setAttribute(name, value === true ? "" : value);
    }
    element.append(...children.filter((child) => child !== null));
    return element;
  }

  function icon(path) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const shape = document.createElementNS(SVG, "path");
    shape.setAttribute("d", path);
    svg.append(shape);
    return svg;
  }

  function hiddenText(text) {
    return el("span", { class: "sr-only", text });
  }

  function button(text, props, onClick) {
    const element = el("button", { type: "button", ...props }, text);
    element.addEventListener("click", onClick);
    return element;
  }

  let idCount = 0;
  function newId(prefix) {
    idCount += 1;
    return `${prefix}-${idCount}`;
  }

  // --- The panel ---

  function buildUi() {
    const ui = {};
    ui.host = el("assistent-chat");
    ui.root = ui.host.attachShadow({ mode: "open" });
    addStyles(ui.root);
    ui.launcher = el("button", { type: "button", class: "opener", "aria-expanded": "false", "aria-controls": "paneel" },
      icon(CHAT_ICON), TITLE);
    ui.close = el("button", { type: "button", class: "sluiten", "aria-label": "Chat sluiten" },
      el("span", { "aria-hidden": "true", text: "×" }));
    ui.quickExit = el("button", { type: "button", class: "snel-weg", "aria-describedby": "snel-weg-uitleg" }, "Snel weg");
    ui.newConversation = el("button", { type: "button" }, "Nieuw gesprek");
    ui.save = el("button", { type: "button" }, "Gesprek opslaan");
    ui.notice = el("p", { class: "melding", role: "status" });
    ui.log = el("div", { id: "berichten", class: "berichten", role: "log", "aria-live": "polite",
      "aria-label": "Gesprek met de assistent", tabindex: "0" });
    ui.typing = el("p", { class: "typt", role: "status" });
    ui.input = el("input", { id: "vraag", type: "text", maxlength: String(MAX_LENGTH), autocomplete: "off",
      "aria-describedby": "privacy", enterkeyhint: "send" });
    ui.form = el("form", { class: "invoer" },
      el("label", { for: "vraag", text: "Uw vraag of antwoord" }),
      el("div", { class: "invoer-regel" }, ui.input, el("button", { type: "submit", text: "Verstuur" })),
      el("p", { id: "privacy", class: "klein", text: "Schrijf geen naam, adres of BSN (burgerservicenummer) in de chat." }));
    ui.panel = el("div", { id: "paneel", class: "paneel", role: "dialog", "aria-modal": "true",
      "aria-labelledby": "titel", hidden: true },
      el("div", { class: "kop" }, el("h2", { id: "titel", text: TITLE }), ui.quickExit, ui.close),
      el("div", { class: "acties" }, ui.newConversation, ui.save,
        el("p", { id: "snel-weg-uitleg", class: "uitleg",
          text: "Snel weg: verlaat deze pagina direct. Of druk 2 keer op Esc." })),
      ui.notice, ui.log, ui.typing, ui.form);
    ui.wrapper = el("div", { class: settings.left ? "wortel links" : "wortel" }, ui.launcher, ui.panel);
    ui.root.append(ui.wrapper);
    return ui;
  }

  // Constructed style sheets need no 'unsafe-inline' in the host page's Content-Security-Policy.
  function addStyles(root) {
    if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      const href = script && script.src ? new URL("/chat.css", script.src).href : "/chat.css";
      root.append(el("link", { rel: "stylesheet", href }));
    }
  }

  const ui = buildUi();

  // --- Showing messages ---

  function link(title, href) {
    const a = el("a", { href, rel: "noopener noreferrer" }, title);
    if (href.startsWith("http")) {
      a.target = "_blank";
      a.append(hiddenText(" (opent in een nieuw venster)"));
    }
    return a;
  }

  function linkedText(text) {
    const nodes = [];
    let done = 0;
    for (const match of text.matchAll(LINK)) {
      const [whole, title, markdownUrl, bareUrl, phone] = match;
      nodes.push(document.createTextNode(text.slice(done, match.index)));
      if (phone) nodes.push(link(phone, "tel:" + phone.replace(/[ -]/g, "")));
      else nodes.push(link(title || bareUrl, markdownUrl || bareUrl));
      done = match.index + whole.length;
    }
    nodes.push(document.createTextNode(text.slice(done)));
    return nodes;
  }

  function buttonGroup(buttons) {
    const group = el("div", { class: "knoppen", role: "group", "aria-label": "Kies een antwoord" });
    for (const { title, payload } of buttons) {
      group.append(button(title, {}, () => chooseButton(payload, title)));
    }
    return group;
  }

  function disableButtons() {
    ui.log.querySelectorAll(".knoppen button").forEach((element) => { element.disabled = true; });
  }

  // The assistant ends a factual answer with its source on the IND page ("Bron: ind.nl, Kosten aanvraag"):
  // shown in small print under the answer.
  const SOURCE_LINE = /\n(Bron: [^\n]+)\s*$/;

  function messageElement(from, text, buttons) {
    const found = from === "gebruiker" ? null : (text || "").match(SOURCE_LINE);
    const body = found ? text.slice(0, found.index) : text;
    const message = el("div", { class: "bericht bericht-" + from },
      el("span", { class: "afzender", text: from === "gebruiker" ? "U" : "Assistent" }),
      el("p", { class: "bericht-tekst" }, ...linkedText((body || "").trim())));
    if (found) message.append(el("p", { class: "bron", text: found[1] }));
    if (buttons && buttons.length) message.append(buttonGroup(buttons));
    return message;
  }

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  // --- "Was dit antwoord nuttig?" under every answer: the assistant's messages after a question of the person,
  // unless they end with buttons (then the assistant asks something, e.g. in a check, and waits for a choice). ---

  const answer = { texts: [], timer: null, afterQuestion: false, asks: false, count: 0 };

  function ratedAnswers() {
    try {
      const rated = JSON.parse(storage.get(RATED_KEY) || "[]");
      return Array.isArray(rated) ? rated : [];
    } catch (error) {
      return [];
    }
  }

  function remember(number) {
    storage.set(RATED_KEY, JSON.stringify([...ratedAnswers(), number].slice(-200)));
  }

  function thanks(choice, text, hadFocus) {
    const note = el("p", { tabindex: "-1", text });
    choice.replaceChildren(note);
    if (hadFocus) note.focus();
  }

  const THANKS = "Dank u wel voor uw reactie.";

  function sendFeedback(choice, rating, text, remark) {
    const number = Number(choice.dataset.antwoord);
    const hadFocus = choice.contains(ui.root.activeElement);
    choice.querySelectorAll("button, input").forEach((element) => { element.disabled = true; });  // one rating
    socket.timeout(10000).emit("feedback", { oordeel: rating, antwoord: text, opmerking: remark }, (error, reply) => {
      const saved = !error && reply && reply.ok;
      if (saved) remember(number);
      thanks(choice, saved ? THANKS : "Uw reactie kon niet worden bewaard. Sorry.", hadFocus);
    });
  }

  function askWhatWasMissing(choice, text) {
    const id = newId("gemist");
    const field = el("input", { id, type: "text", maxlength: String(MAX_REMARK), autocomplete: "off" });
    const form = el("form", { class: "gemist" },
      el("label", { for: id, text: "Wat miste u? (Dit mag u leeg laten.)" }),
      field, el("button", { type: "submit", text: "Verstuur" }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      sendFeedback(choice, "slecht", text, field.value.trim().slice(0, MAX_REMARK));
    });
    choice.replaceChildren(form);
    field.focus();
  }

  function feedbackRow(text) {
    const id = newId("nuttig");
    answer.count += 1;
    const choice = el("div", { class: "keuze", "data-antwoord": String(answer.count) });
    const row = el("div", { class: "nuttig", role: "group", "aria-labelledby": id },
      el("p", { id, text: "Was dit antwoord nuttig?" }), choice);
    if (ratedAnswers().includes(answer.count)) {
      choice.append(el("p", { text: THANKS }));
      return row;
    }
    const up = button("", { class: "omhoog" }, () => sendFeedback(choice, "goed", text, ""));
    const down = button("", { class: "omlaag" }, () => askWhatWasMissing(choice, text));
    up.append(icon(THUMB_ICON), "Ja");
    down.append(icon(THUMB_ICON), "Nee");
    choice.append(up, down);
    return row;
  }

  function endAnswer() {
    clearTimeout(answer.timer);
    if (answer.texts.length && answer.afterQuestion && !answer.asks) {
      ui.log.append(feedbackRow(answer.texts.join("\n\n")));
      scrollDown();
    }
    answer.texts = [];
  }

  function showAssistant(text, buttons, live) {
    if (!text && !(buttons && buttons.length)) return;
    ui.log.append(messageElement("assistent", text, buttons));
    if (text) answer.texts.push(text);
    answer.asks = Boolean(buttons && buttons.length);
    clearTimeout(answer.timer);
    if (live) answer.timer = setTimeout(endAnswer, ANSWER_DONE_MS);
    scrollDown();
  }

  function showUser(text) {
    endAnswer();
    disableButtons();
    answer.afterQuestion = true;
    ui.log.append(messageElement("gebruiker", text));
    scrollDown();
  }

  function clearLog() {
    clearTimeout(answer.timer);
    answer.texts = [];
    answer.afterQuestion = false;
    answer.count = 0;
    ui.log.replaceChildren();
  }

  function shownCount() {
    return ui.log.querySelectorAll(".bericht").length;
  }

  function showHistory(messages) {
    if (messages.length === shownCount()) return;  // a reconnect: the conversation is on screen already
    clearLog();
    for (const message of messages) {
      if (message.van === "gebruiker") showUser(message.tekst);
      else showAssistant(message.tekst, message.knoppen, false);
    }
    endAnswer();
  }

  let typingTimer = null;
  function setTyping(waiting) {
    clearTimeout(typingTimer);
    ui.typing.textContent = waiting ? "De assistent typt…" : "";
    if (waiting) typingTimer = setTimeout(() => setTyping(false), TYPING_TIMEOUT_MS);
  }

  let noticeTimer = null;
  function showNotice(text, seconds) {
    clearTimeout(noticeTimer);
    if (ui.notice.textContent !== text) ui.notice.textContent = text;
    if (seconds) noticeTimer = setTimeout(() => showNotice(""), seconds * 1000);
  }

  // --- "Gesprek opslaan": a plain text file, made on this device; nothing is sent. ---

  function conversationText() {
    const lines = [TITLE, "Opgeslagen op " + new Date().toLocaleString("nl-NL"), ""];
    for (const message of ui.log.querySelectorAll(".bericht")) {
      const who = message.classList.contains("bericht-gebruiker") ? "U" : "Assistent";
      lines.push(`${who}: ${message.querySelector(".bericht-tekst").textContent}`, "");
    }
    lines.push("De assistent geeft informatie. Alleen de IND beslist over uw aanvraag.");
    return lines.join("\n");
  }

  function saveConversation() {
    const url = URL.createObjectURL(new Blob([conversationText()], { type: "text/plain;charset=utf-8" }));
    const day = new Date().toISOString().slice(0, 10);
    const a = el("a", { href: url, download: `gesprek-met-de-assistent-${day}.txt`, hidden: true });
    ui.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // --- Opening and closing; the panel is a dialog that keeps the focus. ---

  function isOpen() {
    return !ui.panel.hidden;
  }

  function open() {
    connect();
    ui.panel.hidden = false;
    ui.wrapper.classList.add("open");
    ui.launcher.setAttribute("aria-expanded", "true");
    storage.set(OPEN_KEY, "ja");
    fitToKeyboard();
    scrollDown();
    ui.input.focus({ preventScroll: true });
  }

  function close() {
    ui.panel.hidden = true;
    ui.wrapper.classList.remove("open");
    ui.launcher.setAttribute("aria-expanded", "false");
    storage.set(OPEN_KEY, "nee");
    ui.launcher.focus();
  }

  function focusable() {
    const selector = "button:not([disabled]), input:not([disabled]), a[href], [tabindex='0']";
    return [...ui.panel.querySelectorAll(selector)].filter((element) => element.getClientRects().length > 0);
  }

  function keepFocusInside(event) {
    const items = focusable();
    const active = ui.root.activeElement;
    const inside = ui.panel.contains(active);
    if (event.shiftKey && (!inside || active === items[0])) {
      event.preventDefault();
      items[items.length - 1].focus();
    } else if (!event.shiftKey && (!inside || active === items[items.length - 1])) {
      event.preventDefault();
      items[0].focus();
    }
  }

  // On a phone the keyboard covers part of the screen: the panel takes the part that is still visible.
  const phone = window.matchMedia("(max-width: 640px)");
  function fitToKeyboard() {
    const view = window.visualViewport;
    if (view && phone.matches && isOpen()) {
      ui.panel.style.height = `${view.height}px`;
      ui.panel.style.top = `${view.offsetTop}px`;
      scrollDown();  // the newest message stays in sight above the keyboard
    } else {
      ui.panel.style.removeProperty("height");
      ui.panel.style.removeProperty("top");
    }
  }

  // --- Snel weg: works before anything else, even when the chat server is unreachable. ---

  function quickExit() {
    forget();
    ui.log.replaceChildren();
    window.location.replace(settings.quickExitUrl);
  }

  function onKey(event) {
    if (event.key === "Tab" && isOpen()) keepFocusInside(event);
    if (event.key === "Escape" && isOpen()) close();
  }

  // Escape twice leaves: inside the chat, and anywhere on a page that has its own Snel weg button.
  let lastEscape = 0;
  function onEscapeTwice(event) {
    if (event.key !== "Escape") return;
    const here = event.composedPath().includes(ui.host) || document.querySelector("[data-assistent-snel-weg]");
    if (!here) return;
    const now = Date.now();
    if (now - lastEscape < ESCAPE_TWICE_MS) quickExit();
    lastEscape = now;
  }

  // --- Talking to the server (connected when the panel opens the first time). ---

  let socket = null;
  let sessionId = null;
  let wasDisconnected = false;

  function requestSession() {
    socket.emit("session_request", { session_id: storage.get(TOKEN_KEY) });
  }

  function send(message, shown) {
    if (!socket || !socket.connected || !sessionId) {
      showNotice(DISCONNECTED);
      return false;
    }
    showUser(shown);
    socket.emit("user_uttered", { message: message.slice(0, MAX_LENGTH), session_id: sessionId });
    setTyping(true);
    return true;
  }

  // The pressed button is disabled by the answer, so focus moves to the log: the next Tab reaches the new buttons.
  function chooseButton(payload, title) {
    if (send(payload, title)) ui.log.focus();
  }

  function forget() {
    [TOKEN_KEY, OPEN_KEY, RATED_KEY].forEach((key) => storage.remove(key));
  }

  function startNewConversation() {
    storage.remove(TOKEN_KEY);
    storage.remove(RATED_KEY);
    sessionId = null;
    clearLog();
    setTyping(false);
    if (socket && socket.connected) requestSession();
    ui.input.focus();
  }

  function onDisconnect(reason) {
    setTyping(false);
    wasDisconnected = true;
    showNotice(DISCONNECTED);
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), 1000);  // not retried by itself
  }

  function connect() {
    if (socket) return;
    socket = io(settings.socketUrl, {
      path: settings.socketPath,
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      reconnectionDelayMax: 5000,
    });
    socket.on("connect", () => {
      showNotice(wasDisconnected ? RECONNECTED : "", 4);
      wasDisconnected = false;
      requestSession();
    });
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", () => { wasDisconnected = true; showNotice(DISCONNECTED); });
    socket.on("session_confirm", (data) => {
      sessionId = data.session_id;
      storage.set(TOKEN_KEY, sessionId);
      if (data.nieuw) {
        storage.remove(RATED_KEY);
        clearLog();
      }
    });
    socket.on("geschiedenis", (data) => showHistory(data.berichten || []));
    socket.on("bot_uttered", (data) => {
      setTyping(false);
      showAssistant(data.text, data.quick_replies, true);
    });
    socket.on("sessie_verlopen", requestSession);
  }

  // --- Wiring ---

  ui.launcher.addEventListener("click", () => (isOpen() ? close() : open()));
  ui.close.addEventListener("click", close);
  ui.quickExit.addEventListener("click", quickExit);
  ui.newConversation.addEventListener("click", startNewConversation);
  ui.save.addEventListener("click", saveConversation);
  ui.root.addEventListener("keydown", onKey);
  document.addEventListener("keydown", onEscapeTwice);
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (text && send(text, text)) ui.input.value = "";
  });
  if (window.visualViewport) window.visualViewport.addEventListener("resize", fitToKeyboard);
  phone.addEventListener("change", fitToKeyboard);

  // Elements of the host page may open the chat or leave the page: data-assistent-open, data-assistent-snel-weg.
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.closest("[data-assistent-snel-weg]")) {
      event.preventDefault();
      quickExit();
    } else if (target && target.closest("[data-assistent-open]")) {
      event.preventDefault();
      open();
    }
  });

  function start() {
    document.body.append(ui.host);
    const remembered = storage.get(OPEN_KEY);
    if (remembered === "ja" || (remembered === null && settings.startOpen)) open();
  }

  window.AssistentChat = Object.freeze({ openen: open, sluiten: close });
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
