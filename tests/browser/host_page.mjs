// Pages of "another web site" that include the chat with its one script tag, answered by the browser itself
// (Playwright routes), with their own strict Content-Security-Policy. One of them has a hostile stylesheet.
// The site's origin is the chat page's address with 127.0.0.1 and localhost swapped: another origin, and one
// that the service's default RASA_CORS_ORIGINS allows.

export const HOSTILE_CSS = `
html { font-size: 8px !important; }
* { font-family: serif !important; color: #ff0000 !important; background: #ffff00 !important;
    line-height: 3 !important; letter-spacing: 3px !important; box-sizing: content-box !important;
    text-transform: uppercase !important; }
button { display: none !important; }
div, p, input, form { margin: 40px !important; padding: 0 !important; border: 5px dotted #00ff00 !important; }
assistent-chat { display: none !important; opacity: 0.1 !important; }
body > * { transform: scale(0.5); }
`;

export function siteOf(webUrl) {
  const url = new URL(webUrl);
  url.hostname = url.hostname === "localhost" ? "127.0.0.1" : "localhost";
  return url.origin;
}

export const QUICK_EXIT = "https://weer.example/vandaag";

function html(title, embedUrl, stylesheet) {
  return `<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  ${stylesheet ? `<link rel="stylesheet" href="${stylesheet}">` : ""}
  <script src="${embedUrl}" defer data-snel-weg="${QUICK_EXIT}"></script>
</head>
<body>
  <header><p>Gemeente Voorbeeld</p></header>
  <main>
    <h1>${title}</h1>
    <p>Informatie van de gemeente. Rechtsonder staat de chat van de assistent.</p>
    <p><a href="/andere-pagina.html">Naar een andere pagina</a></p>
  </main>
</body>
</html>`;
}

// A strict policy, as a careful site has it: scripts only from the chat's web address, no inline styles.
function policy(webUrl) {
  return [
    "default-src 'none'",
    `script-src ${new URL(webUrl).origin}`,
    "style-src 'self'",
    "connect-src http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*",
    "img-src 'self'",
    "base-uri 'none'",
  ].join("; ");
}

export async function serveHostSite(context, webUrl) {
  const site = siteOf(webUrl);
  const embedUrl = new URL("/embed.js", webUrl).href;
  const pages = {
    "/gewoon.html": html("Verblijf in de gemeente", embedUrl, null),
    "/andere-pagina.html": html("Een andere pagina", embedUrl, "/vijandig.css"),
    "/leeg.html": "<!doctype html><title>Leeg</title><p>leeg</p>",
  };
  await context.route(`${site}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/vijandig.css") return route.fulfill({ contentType: "text/css", body: HOSTILE_CSS });
    if (!(path in pages)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({
      contentType: "text/html; charset=utf-8", body: pages[path],
      headers: { "Content-Security-Policy": policy(webUrl) },
    });
  });
  await context.route(`${new URL(QUICK_EXIT).origin}/**`, (route) => route.fulfill({
    contentType: "text/html", body: "<!doctype html><title>Weer</title><p>Het weer</p>",
  }));
  return { site, plain: `${site}/gewoon.html`, hostile: `${site}/andere-pagina.html`, empty: `${site}/leeg.html` };
}
