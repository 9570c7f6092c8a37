"""The application fee (leges) for a route and a person, from the fee period that applies on a given day."""

from datetime import date
from typing import Optional

from .knowledge import Kennis, LegesPeriode, Route


def periode_op(kennis: Kennis, peildatum: Optional[date] = None) -> LegesPeriode:
    peildatum = peildatum or date.today()
    geldig = [p for p in kennis.leges if p.geldig_vanaf <= peildatum]
    if not geldig:
        raise ValueError(f"Er is geen legestarief bekend voor {peildatum.isoformat()}.")
    return geldig[-1]


def leges_voor(route: Route, periode: LegesPeriode, turks: bool, minderjarig: bool) -> int:
    if turks:
        return periode.turkse_nationaliteit
    categorie = periode.categorieen[route.leges_categorie]
    if minderjarig and "minderjarig" in categorie:
        return categorie["minderjarig"]
    return categorie["bedrag"]
