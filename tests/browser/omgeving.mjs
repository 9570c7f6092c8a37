// Where the browser test runs. With WEB_URL: against that page of the real service (tests/e2e/test_browser.py
// starts it and sets CONVERSATION_DB, the SQLite conversation store, so the test can read the stored events).
// Without WEB_URL: against the fake chat server (fake_server.mjs) and web/serve.py, both started here.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

import { ROOT } from "./chat_page.mjs";
import { startFakeServer } from "./fake_server.mjs";

const VENV_PYTHON = join(ROOT, ".venv/bin/python");
const PYTHON = existsSync(VENV_PYTHON) ? VENV_PYTHON : "python3";

// The events of one conversation in the SQLite store, as tests/e2e/stack.py reads them.
const READ_EVENTS = `
import json, sqlite3, sys
with sqlite3.connect(sys.argv[1]) as db:
    rows = db.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sys.argv[2],))
    print(json.dumps([json.loads(data) for (data,) in rows]))
`;

function storedEvents(token) {
  const database = process.env.CONVERSATION_DB;
  if (!database) throw new Error("Set CONVERSATION_DB to the conversation store (gesprekken.db) of the service");
  const result = spawnSync(PYTHON, ["-c", READ_EVENTS, database, token.split(".")[0]], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

// What the server recorded of a conversation's last turn (see ask() in chat_page.mjs): the real store keeps a turn
// after it sent the answer, so once it is there every part is on its way. The welcome is the answer to "/greet".
function lastTurn(events) {
  const users = events.filter((e) => e.event === "user");
  const last = events.lastIndexOf(users.at(-1));
  const parts = events.slice(last + 1).filter((e) => e.event === "bot")
    .flatMap((e) => (e.text || "").trim().split("\n\n")).filter((part) => part.trim());
  return { users: users.length, parts: parts.length };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch (error) {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

async function startFake() {
  const fake = await startFakeServer(0);
  const chatUrl = `http://127.0.0.1:${fake.port}`;
  const webPort = await freePort();
  const web = spawn(PYTHON, ["web/serve.py"], {
    cwd: ROOT, stdio: "ignore",
    env: { ...process.env, WEB_HOST: "127.0.0.1", WEB_PORT: String(webPort), RASA_PUBLIC_URL: chatUrl },
  });
  const webUrl = `http://127.0.0.1:${webPort}/`;
  await waitFor(webUrl);
  return {
    real: false,
    webUrl,
    events: async (token) => (await fetch(`${chatUrl}/nep/gebeurtenissen?sessie=${token}`)).json(),
    turn: async (token) => (await fetch(`${chatUrl}/nep/beurt?sessie=${token}`)).json(),
    stop: async () => {
      web.kill();
      await fake.close();
    },
  };
}

export async function startEnvironment() {
  if (!process.env.WEB_URL) return startFake();
  return {
    real: true,
    webUrl: process.env.WEB_URL,
    events: async (token) => storedEvents(token),
    turn: async (token) => lastTurn(storedEvents(token)),
    stop: async () => {},
  };
}
