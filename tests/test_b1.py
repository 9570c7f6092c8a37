"""Plain Dutch (B1): the assistant's own sentences are short and say "u"; quoted page sentences may be longer."""

import re
from pathlib import Path

import pytest

from actions.eligibility import laad_kennis
from tests.conftest import PROJECT

MAX_WOORDEN = 20
BRON = PROJECT.parent / "shared" / "source"


def norm(tekst: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", tekst.lower())).strip()


PAGINA = norm("\n".join(p.read_text(encoding="utf-8") for p in Path(BRON).glob("*.txt")))


def langste_titel() -> str:
    return max((r.titel for r in laad_kennis().routes.values()), key=lambda titel: len(titel.split()))


def ingevuld(tekst: str) -> str:
    """A route's title is read as the words it stands for (the longest one); any other variable as one word."""
    tekst = tekst.replace("{titel}", langste_titel())
    return re.sub(r"\{[a-z_]+\}", "X", tekst)


def zinnen(tekst: str) -> list:
    """Sentences as a reader meets them: they end at ".", "?" or "!", a new line or a bullet; a ":" or ";" goes on."""
    delen = re.split(r"(?<=[.?!])\s+|\n|•", ingevuld(tekst))
    return [d.strip(" -") for d in delen if d.strip(" -")]


def te_lang(tekst: str) -> list:
    """Sentences over the limit that are not the page's own words."""
    return [z for z in zinnen(tekst) if len(z.split()) > MAX_WOORDEN and norm(z) not in PAGINA]


def teksten(domain):
    for naam, varianten in domain["responses"].items():
        for variant in varianten:
            yield naam, variant.get("text") or ""
    for route in laad_kennis().routes.values():
        for voorwaarde in route.voorwaarden:
            yield f"routes.yml {route.naam}", voorwaarde.zin
        if route.discretionair:
            yield f"routes.yml {route.naam} discretionair", route.discretionair.zin


def test_korte_zinnen(domain):
    lang = [(naam, z) for naam, tekst in teksten(domain) for z in te_lang(tekst)]
    overzicht = "\n".join(f"{naam}: {len(z.split())} woorden: {z}" for naam, z in lang)
    assert not lang, f"Zinnen van meer dan {MAX_WOORDEN} woorden:\n{overzicht}"


@pytest.mark.parametrize("woord", ["je", "jij", "jou", "jouw", "jullie"])
def test_altijd_u(domain, woord):
    fout = [naam for naam, tekst in teksten(domain) if re.search(rf"\b{woord}\b", tekst.lower())]
    assert not fout, f"'{woord}' in: {fout}"
