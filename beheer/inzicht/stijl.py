"""The report's style sheet, inline in the page: the file must read well offline, with nothing to fetch."""

STIJL = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff;
  margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem; line-height: 1.5; }
h1 { font-size: 1.8rem; margin: 0.5rem 0 0; color: #154273; }
h2 { font-size: 1.35rem; color: #154273; border-bottom: 2px solid #154273; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; }
.periode { margin: 0.2rem 0 0.8rem; color: #4a4a4a; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }
a { color: #154273; }
a:focus, summary:focus { outline: 3px solid #b35900; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border-bottom: 1px solid #d0d0d0; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
.getal { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 0.5rem 0; }
figcaption { color: #4a4a4a; font-size: 0.9rem; }
.grafiek { width: 100%; height: auto; font-size: 13px; }
details { margin-bottom: 1rem; }
summary { cursor: pointer; color: #154273; }
.varianten { margin: 0.2rem 0 0; padding-left: 1.2rem; color: #4a4a4a; font-size: 0.9rem; }
.opmerkingen li { margin-bottom: 0.4rem; }
.bij { color: #4a4a4a; font-size: 0.9rem; }
footer { margin-top: 2.5rem; color: #4a4a4a; font-size: 0.9rem; border-top: 1px solid #d0d0d0; }
"""
