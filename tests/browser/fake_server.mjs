// A stand-in for the assistant's socket.io channel (same events as kanalen/socketio.py), with canned
// answers. For working on the widget without a trained model:
//   RASA_PORT=5006 node tests/browser/fake_server.mjs &
//   RASA_PORT=5006 .venv/bin/python web/serve.py &
//   WEB_URL=http://127.0.0.1:8080/ node --test tests/browser/
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
    return { text: "De aanvraag kost:\n• standaard: € 210\n• na mensenhandel: € 0\nMeer op [ind.nl](https://ind.nl).", buttons: [] };
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

function say(socket, history, reply) {
  history.push({ van: "assistent", tekst: reply.text, knoppen: reply.buttons });
  setTimeout(() => socket.emit("bot_uttered", toWidget(reply)), 300);
}

const http = createServer();
const io = new Server(http, { path: "/socket.io", cors: { origin: true } });

io.on("connection", (socket) => {
  let history = null;
  socket.on("session_request", ({ session_id: token } = {}) => {
    const nieuw = !conversations.has(token);
    if (nieuw) token = randomBytes(12).toString("base64url") + ".nep";
    if (nieuw) conversations.set(token, []);
    history = conversations.get(token);
    socket.emit("session_confirm", { session_id: token, nieuw });
    if (nieuw) say(socket, history, WELCOME);
    else socket.emit("geschiedenis", { berichten: history });
  });
  socket.on("user_uttered", ({ message } = {}) => {
    if (!history) return socket.emit("sessie_verlopen", {});
    const offered = history.at(-1)?.knoppen || [];
    const button = offered.find((b) => b.payload === message);
    history.push({ van: "gebruiker", tekst: button ? button.title : message, knoppen: [] });
    say(socket, history, answer(button ? button.title : message));
  });
});

const port = Number(process.env.RASA_PORT || 5005);
http.listen(port, "127.0.0.1", () => console.log(`Fake chat server on http://127.0.0.1:${port}`));
