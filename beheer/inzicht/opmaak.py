"""Small HTML pieces for the report: Dutch numbers and dates, tables with captions, a chart with its table."""

import re
from collections.abc import Iterable, Sequence
from datetime import date
from html import escape

_GETAL = re.compile(r"^[\d.,]+(?: %| / [\d.,]+)?$|^–$")
MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def getal(waarde: float) -> str:
    """10.000 and 2,5 as a Dutch reader writes them."""
    if isinstance(waarde, int) or float(waarde).is_integer():
        return f"{int(waarde):,}".replace(",", ".")
    return f"{waarde:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def procent(deel: int, geheel: int) -> str:
    return "–" if not geheel else getal(round(100 * deel / geheel, 1)) + " %"


def datum(dag: date) -> str:
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def kort_datum(dag: date) -> str:
    return f"{dag.day} {MAANDEN[dag.month - 1][:3]}"


def cel(waarde: object, kop: bool = False) -> str:
    tekst = getal(waarde) if isinstance(waarde, (int, float)) and not isinstance(waarde, bool) else str(waarde)
    klasse = ' class="getal"' if _GETAL.match(tekst) else ""  # numbers, percentages and "2 / 1" align right
    return f'<th scope="row"{klasse}>{escape(tekst)}</th>' if kop else f"<td{klasse}>{escape(tekst)}</td>"


def tabel(bijschrift: str, koppen: Sequence[str], rijen: Iterable[Sequence[object]]) -> str:
    """A table whose first column names the row; every other cell is text or a number."""
    kop = "".join(f'<th scope="col">{escape(k)}</th>' for k in koppen)
    lijnen = ["<tr>" + cel(r[0], kop=True) + "".join(cel(w) for w in r[1:]) + "</tr>" for r in rijen]
    leeg = f'<tr><td colspan="{len(koppen)}">Geen gegevens in deze periode.</td></tr>'
    return (
        f"<table><caption>{escape(bijschrift)}</caption><thead><tr>{kop}</tr></thead>"
        f"<tbody>{''.join(lijnen) or leeg}</tbody></table>"
    )


def figuur(svg: str, bijschrift: str, tabel_html: str) -> str:
    """A chart with its caption, and the same numbers as a table under a disclosure for who wants them."""
    return (
        f"<figure>{svg}<figcaption>{escape(bijschrift)}</figcaption></figure>"
        f"<details><summary>De cijfers van deze grafiek als tabel</summary>{tabel_html}</details>"
    )


def sectie(sleutel: str, kop: str, *delen: str) -> str:
    return (
        f'<section id="{sleutel}" aria-labelledby="{sleutel}-kop"><h2 id="{sleutel}-kop">{escape(kop)}</h2>'
        + "".join(delen)
        + "</section>"
    )


def alinea(tekst: str) -> str:
    return f"<p>{escape(tekst)}</p>"
