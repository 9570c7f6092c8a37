// A stand-in for the assistant's socket.io channel (same events as rasaserver/kanalen/socketio.py, feedback included),
// with canned answers. The browser test starts it by itself when WEB_URL is not set:
//   node --test tests/browser/
// or by hand, for working on the widget without a trained model:
//   RASA_PORT=5006 node tests/browser/fake_server.mjs &
//   RASA_PORT=5006 .venv/bin/python web/serve.py &
// GET /nep/gebeurtenissen?sessie=<token> gives a conversation's stored events (as the real store keeps
// SlotSet events); GET /nep/beurt?sessie=<token> its user messages and the parts of the answer to the last one
// (the welcome counts as the answer to a first message, as the real store keeps "/greet"); GET /nep/verbreek
// drops every connection.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../web/", import.meta.url));
const { Server } = require("socket.io");

const HELP_BUTTONS = [
  { title: "Mijn situatie is veranderd", payload: "/situatie_veranderd" },
  { title: "Wat kost de aanvraag?", payload: "/vraag_kosten" },
];
const WELCOME = {
  text: "Welkom. Ik ben een computerprogramma (chatbot), geen mens.\nBel de IND: 088 043 0430.\nWaarmee kan ik u helpen?",
  buttons: HELP_BUTTONS,
};

function answer(message) {
  if (/kost/i.test(message)) {
    return { text: "De aanvraag kost:\n• standaard: € 210\n• na mensenhandel: € 0\n\nMeer op [ind.nl](https://ind.nl).", buttons: [] };
  }
  if (/situatie/i.test(message)) {
    return { text: "Is uw situatie veranderd? Dan moet u uw vergunning misschien wijzigen.", buttons: [
      { title: "Ik ben gescheiden", payload: "/route_huwelijk_relatie" },
      { title: "Ik heb geen werk meer", payload: "/situatie_werk_kwijt" },
    ] };
  }
  return { text: "Dat begrijp ik niet goed. Kies een onderwerp.", buttons: HELP_BUTTONS };
}

const conversations = new Map();

function toWidget({ text, buttons }) {
  const message = { text };
  if (buttons.length) message.quick_replies = buttons.map((b) => ({ content_type: "text", ...b }));
  return message;
}

// Like the real channel, an answer of several paragraphs arrives as one message per paragraph.
function say(socket, conversation, reply) {
  const parts = reply.text.split("\n\n");
  parts.forEach((part, i) => {
    const buttons = i === parts.length - 1 ? reply.buttons : [];
    conversation.history.push({ van: "assistent", tekst: part, knoppen: buttons });
    setTimeout(() => socket.emit("bot_uttered", toWidget({ text: part, buttons })), 300 + 100 * i);
  });
}

// The checks of rasaserver/kanalen/feedback.py, in short.
function feedbackEvent(conversation, data) {
  const { oordeel, antwoord, opmerking = "" } = data || {};
  const said = new Set(conversation.history.filter((m) => m.van === "assistent").map((m) => m.tekst.trim()));
  if (!["goed", "slecht"].includes(oordeel) || typeof antwoord !== "string" || typeof opmerking !== "string" ||
      opmerking.length > 500 || !antwoord.split("\n\n").every((part) => said.has(part.trim()))) return null;
  const masked = opmerking.trim().replace(/\+?\d(?:[ \-/]?\d){5,}/g, "[***]");  // phone numbers, as dienst/logboek.py
  return { event: "slot", name: "feedback", value: { oordeel, antwoord: antwoord.trim(), opmerking: masked } };
}

function serveTestPages(request, response) {
  const url = new URL(request.url, "http://nep");
  if (url.pathname === "/nep/gebeurtenissen") {
    const conversation = conversations.get(url.searchParams.get("sessie"));
    response.writeHead(conversation ? 200 : 404, { "Content-Type": "application/json" });
    return response.end(JSON.stringify(conversation ? conversation.events : []));
  }
  if (url.pathname === "/nep/beurt") {
    const history = conversations.get(url.searchParams.get("sessie"))?.history;
    const users = history ? 1 + history.filter((m) => m.van === "gebruiker").length : 0;
    const last = history ? history.map((m) => m.van).lastIndexOf("gebruiker") : -1;
    const parts = history ? history.slice(last + 1).filter((m) => m.van === "assistent").length : 0;
    response.writeHead(200, { "Content-Type": "application/json" });
    return response.end(JSON.stringify({ users, parts }));
  }
  if (url.pathname === "/nep/verbreek") {
    io.disconnectSockets(true);
    response.writeHead(200);
    return response.end("ok");
  }
  if (!url.pathname.startsWith("/socket.io")) {
    response.writeHead(404);
    response.end();
  }
}

const http = createServer(serveTestPages);
const io = new Server(http, { path: "/socket.io", cors: { origin: true } });

io.on("connection", (socket) => {
  let conversation = null;
  socket.on("session_request", ({ session_id: token } = {}) => {
    const nieuw = !conversations.has(token);
    if (nieuw) token = randomBytes(12).toString("base64url") + ".nep";
    if (nieuw) conversations.set(token, { history: [], events: [] });
    conversation = conversations.get(token);
    socket.emit("session_confirm", { session_id: token, nieuw });
    if (nieuw) say(socket, conversation, WELCOME);
    else socket.emit("geschiedenis", { berichten: conversation.history });
  });
  socket.on("user_uttered", ({ message } = {}) => {
    if (!conversation) return socket.emit("sessie_verlopen", {});
    const offered = conversation.history.at(-1)?.knoppen || [];
    const button = offered.find((b) => b.payload === message);
    conversation.history.push({ van: "gebruiker", tekst: button ? button.title : message, knoppen: [] });
    say(socket, conversation, answer(button ? button.title : message));
  });
  socket.on("feedback", (data, reply) => {
    const event = conversation && feedbackEvent(conversation, data);
    if (event) conversation.events.push(event);
    if (typeof reply === "function") reply({ ok: Boolean(event), fout: event ? null : "ongeldig" });
  });
});

export function startFakeServer(port = 0) {
  return new Promise((resolve) => {
    http.listen(port, "127.0.0.1", () => resolve({
      port: http.address().port,
      close: () => new Promise((done) => { io.close(); http.close(done); }),
    }));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { port } = await startFakeServer(Number(process.env.RASA_PORT || 5005));
  console.log(`Fake chat server on http://127.0.0.1:${port}`);
}
