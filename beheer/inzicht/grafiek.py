"""Charts as inline SVG: no script, no outside file, readable by a screen reader through title and description.

Every chart in the report also has a table with the same numbers next to it; the SVG is for the eye.
"""

from collections.abc import Sequence
from html import escape

from beheer.inzicht.opmaak import getal

Rij = tuple[str, int]

KLEUR = "#1f5c99"  # 7:1 against white (WCAG AA and AAA for text and graphics)
TEKST = "#1a1a1a"
LIJN = "#767676"
BREEDTE = 720
LABEL_BREEDTE = 330
RIJ_HOOGTE = 26
MAX_LABEL = 44


def kort(tekst: str, maximaal: int = MAX_LABEL) -> str:
    return tekst if len(tekst) <= maximaal else tekst[: maximaal - 1] + "…"


def _svg(sleutel: str, titel: str, beschrijving: str, hoogte: int, inhoud: list[str]) -> str:
    # No xmlns: inline SVG in HTML does not need it, and the report holds no outside address at all.
    return (
        f'<svg class="grafiek" viewBox="0 0 {BREEDTE} {hoogte}" role="img" '
        f'aria-labelledby="{sleutel}-titel {sleutel}-uitleg">'
        f'<title id="{sleutel}-titel">{escape(titel)}</title>'
        f'<desc id="{sleutel}-uitleg">{escape(beschrijving)}</desc>' + "".join(inhoud) + "</svg>"
    )


def beschrijf(rijen: Sequence[Rij]) -> str:
    return "; ".join(f"{label}: {getal(waarde)}" for label, waarde in rijen) or "geen gegevens"


def staven(sleutel: str, titel: str, rijen: Sequence[Rij]) -> str:
    """Horizontal bars, one per row, the label left and the number at the end of the bar."""
    hoogte = max(1, len(rijen)) * RIJ_HOOGTE + 8
    grootste = max((waarde for _, waarde in rijen), default=0) or 1
    ruimte = BREEDTE - LABEL_BREEDTE - 60
    inhoud = []
    for i, (label, waarde) in enumerate(rijen):
        y = 4 + i * RIJ_HOOGTE
        lengte = round(ruimte * waarde / grootste)
        inhoud.append(
            f'<text x="{LABEL_BREEDTE - 8}" y="{y + 17}" text-anchor="end" fill="{TEKST}">{escape(kort(label))}</text>'
            f'<rect x="{LABEL_BREEDTE}" y="{y + 3}" width="{max(lengte, 1)}" height="{RIJ_HOOGTE - 8}" fill="{KLEUR}"/>'
            f'<text x="{LABEL_BREEDTE + lengte + 6}" y="{y + 17}" fill="{TEKST}">{getal(waarde)}</text>'
        )
    return _svg(sleutel, titel, beschrijf(rijen), hoogte, inhoud)


def kolommen(sleutel: str, titel: str, rijen: Sequence[Rij], labels_om: int = 5) -> str:
    """Vertical columns in time order (conversations per day); every `labels_om`-th day is labelled."""
    hoogte, boven, onder, links = 240, 24, 36, 40
    grootste = max((waarde for _, waarde in rijen), default=0) or 1
    stap = (BREEDTE - links - 10) / max(1, len(rijen))
    vlak = hoogte - boven - onder
    inhoud = [
        f'<line x1="{links}" y1="{hoogte - onder}" x2="{BREEDTE - 10}" y2="{hoogte - onder}" stroke="{LIJN}"/>',
        f'<text x="{links - 6}" y="{boven + 4}" text-anchor="end" fill="{TEKST}">{getal(grootste)}</text>',
        f'<text x="{links - 6}" y="{hoogte - onder}" text-anchor="end" fill="{TEKST}">0</text>',
    ]
    for i, (label, waarde) in enumerate(rijen):
        x = links + i * stap
        lengte = round(vlak * waarde / grootste)
        inhoud.append(
            f'<rect x="{x + stap * 0.15:.1f}" y="{hoogte - onder - lengte}" width="{stap * 0.7:.1f}" '
            f'height="{lengte}" fill="{KLEUR}"/>'
        )
        if i % labels_om == 0 or i == len(rijen) - 1:
            inhoud.append(
                f'<text x="{x + stap / 2:.1f}" y="{hoogte - onder + 18}" text-anchor="middle" '
                f'fill="{TEKST}">{escape(label)}</text>'
            )
    return _svg(sleutel, titel, beschrijf(rijen), hoogte, inhoud)
