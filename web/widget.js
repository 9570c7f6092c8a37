// The chat on the page: talks to the assistant over socket.io (see kanalen/socketio.py) and shows the
// conversation. Whatever the user types or the server sends goes onto the page as text nodes, never as HTML.
(function () {
  "use strict";

  const config = Object.assign({
    socketUrl: window.location.origin,
    socketPath: "/socket.io",
    snelWegUrl: "https://www.google.nl/search?q=weer",
  }, window.ASSISTENT_CONFIG);

  const TOKEN_KEY = "assistent.sessie";
  const MAX_LENGTH = 1000;
  const ESCAPE_TWICE_MS = 1000;
  const TYPING_TIMEOUT_MS = 30000;
  const DISCONNECTED = "De verbinding is verbroken. We proberen opnieuw te verbinden.";

  const page = {
    quickExit: document.getElementById("snel-weg"),
    newConversation: document.getElementById("nieuw-gesprek"),
    notice: document.getElementById("verbinding"),
    log: document.getElementById("berichten"),
    typing: document.getElementById("typt"),
    form: document.getElementById("invoer"),
    input: document.getElementById("vraag"),
  };

  // What becomes a link in bot text; only http(s) and tel: can ever be an address.
  const MARKDOWN_LINK = /\[([^\]\n]+)\]\(((?:https?:\/\/|tel:)[^\s)]+)\)/.source;
  const BARE_URL = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)])/.source;
  const PHONE = /(?<!\d)(0(?:[ -]?\d){9}|0[89]00[ -]?\d{4})(?!\d)/.source;  // 088 043 0430, 0800 2000
  const LINK = new RegExp([MARKDOWN_LINK, BARE_URL, PHONE].join("|"), "g");

  // --- Snel weg: works before anything else, even when the chat server is unreachable. ---

  function quickExit() {
    sessionStorage.clear();
    page.log.replaceChildren();
    window.location.replace(config.snelWegUrl);
  }

  let lastEscape = 0;
  function onEscapeTwice(event) {
    if (event.key !== "Escape") return;
    const now = Date.now();
    if (now - lastEscape < ESCAPE_TWICE_MS) quickExit();
    lastEscape = now;
  }

  page.quickExit.addEventListener("click", quickExit);
  document.addEventListener("keydown", onEscapeTwice);

  // --- Showing messages ---

  function link(title, href) {
    const a = document.createElement("a");
    a.href = href;
    a.rel = "noopener noreferrer";
    a.textContent = title;
    if (href.startsWith("http")) {
      a.target = "_blank";
      a.append(hiddenText(" (opent in een nieuw venster)"));
    }
    return a;
  }

  function hiddenText(text) {
    const span = document.createElement("span");
    span.className = "sr-only";
    span.textContent = text;
    return span;
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
    const group = document.createElement("div");
    group.className = "knoppen";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Kies een antwoord");
    for (const { title, payload } of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = title;
      button.addEventListener("click", () => chooseButton(payload, title));
      group.append(button);
    }
    return group;
  }

  function disableButtons() {
    page.log.querySelectorAll(".knoppen button").forEach((button) => { button.disabled = true; });
  }

  function showMessage(from, text, buttons) {
    if (!text && !(buttons && buttons.length)) return;
    if (from === "gebruiker") disableButtons();
    const message = document.createElement("div");
    message.className = "bericht bericht-" + from;
    const sender = document.createElement("span");
    sender.className = "afzender";
    sender.textContent = from === "gebruiker" ? "U" : "Assistent";
    const body = document.createElement("p");
    body.className = "bericht-tekst";
    body.append(...linkedText((text || "").trim()));
    message.append(sender, body);
    if (buttons && buttons.length) message.append(buttonGroup(buttons));
    page.log.append(message);
    page.log.scrollTop = page.log.scrollHeight;
  }

  let typingTimer = null;
  function setTyping(waiting) {
    clearTimeout(typingTimer);
    page.typing.textContent = waiting ? "De assistent typt…" : "";
    if (waiting) typingTimer = setTimeout(() => setTyping(false), TYPING_TIMEOUT_MS);
  }

  function showNotice(text) {
    page.notice.textContent = text;
  }

  // --- Talking to the server ---

  let sessionId = null;
  const socket = window.io(config.socketUrl, {
    path: config.socketPath,
    transports: ["websocket", "polling"],
    tryAllTransports: true,
  });

  function requestSession() {
    socket.emit("session_request", { session_id: sessionStorage.getItem(TOKEN_KEY) });
  }

  function send(message, shown) {
    if (!socket.connected || !sessionId) {
      showNotice(DISCONNECTED);
      return false;
    }
    showMessage("gebruiker", shown);
    socket.emit("user_uttered", { message: message.slice(0, MAX_LENGTH), session_id: sessionId });
    setTyping(true);
    return true;
  }

  // The pressed button is disabled by the answer, so focus moves to the log: the next Tab reaches the new buttons.
  function chooseButton(payload, title) {
    if (send(payload, title)) page.log.focus();
  }

  function startNewConversation() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionId = null;
    page.log.replaceChildren();
    setTyping(false);
    requestSession();
  }

  socket.on("connect", () => {
    showNotice("");
    requestSession();
  });
  socket.on("disconnect", () => {
    setTyping(false);
    showNotice(DISCONNECTED);
  });
  socket.on("connect_error", () => showNotice(DISCONNECTED));

  socket.on("session_confirm", (data) => {
    sessionId = typeof data === "string" ? data : data.session_id;
    sessionStorage.setItem(TOKEN_KEY, sessionId);
    if (data.nieuw) page.log.replaceChildren();
  });
  socket.on("geschiedenis", (data) => {
    page.log.replaceChildren();
    for (const message of data.berichten || []) showMessage(message.van, message.tekst, message.knoppen);
  });
  socket.on("bot_uttered", (data) => {
    setTyping(false);
    showMessage("assistent", data.text, data.quick_replies);
  });
  socket.on("sessie_verlopen", requestSession);

  page.newConversation.addEventListener("click", startNewConversation);
  page.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = page.input.value.trim();
    if (text && send(text, text)) page.input.value = "";
  });
})();
