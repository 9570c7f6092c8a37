"""Applies one route's conditions to the facts a person gave: the decision rules of the IND page."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

from .knowledge import Feit, Route, Voorwaarde, laad_kennis
from .leges import leges_voor, periode_op

PERSOONSFEITEN = ("eu_eer_zwitserland", "turkse_nationaliteit", "familielid_turkse_onderdaan", "minderjarig")


@dataclass
class Toets:
    """The state of one condition: met, failed (with the facts that failed) or waiting for facts."""

    voorwaarde: Voorwaarde
    unmet: list = field(default_factory=list)
    missing: list = field(default_factory=list)

    @property
    def voldaan(self) -> bool:
        return not self.unmet and not self.missing


def assess(route: str, facts: dict, *, peildatum: Optional[date] = None) -> dict:
    """Decide whether `facts` meet the conditions of `route`; see README for the result's keys."""
    kennis = laad_kennis()
    if route not in kennis.routes:
        raise ValueError(f"Onbekende route {route!r}; kies uit: {', '.join(kennis.routes)}")
    gegeven = _check_facts(facts, kennis.feiten)
    r = kennis.routes[route]
    turks = gegeven.get("turkse_nationaliteit") or gegeven.get("familielid_turkse_onderdaan")
    notes = ["turkse_onderdanen_andere_voorwaarden"] if turks else []
    if gegeven.get("eu_eer_zwitserland"):
        return _result("other_rules", None, [], [], notes + ["eu_eer_andere_voorwaarden"], [])
    fee = leges_voor(
        r, periode_op(kennis, peildatum), gegeven.get("turkse_nationaliteit", False), gegeven.get("minderjarig", False)
    )
    toetsen = [_toets(v, gegeven, kennis.feiten) for v in r.voorwaarden]
    outcome, unmet, missing = _uitkomst(r, toetsen, gegeven)
    if outcome == "possible":
        notes.append("ind_beoordeelt_omstandigheden")
    met = [t.voorwaarde.feit for t in toetsen if t.voldaan]
    return _result(outcome, fee, unmet, missing, notes, met)


def _result(outcome, fee, unmet, missing, notes, met) -> dict:
    return {
        "outcome": outcome,
        "fee_eur": fee,
        "unmet": list(dict.fromkeys(unmet)),
        "missing": list(dict.fromkeys(missing)),
        "notes": notes,
        "met": met,
    }


def _uitkomst(route: Route, toetsen: list, gegeven: dict) -> tuple:
    discretionair = route.discretionair
    vervangbaar = discretionair.vervangt if discretionair else frozenset()
    hard = [t for t in toetsen if t.voorwaarde.feit not in vervangbaar]
    zacht = [t for t in toetsen if t.voorwaarde.feit in vervangbaar]
    unmet = [k for t in toetsen for k in t.unmet]
    if any(t.unmet for t in hard):
        return "not_eligible", unmet, []
    hard_missing = [k for t in hard for k in t.missing]
    if not any(t.unmet for t in zacht):
        missing = hard_missing + [k for t in zacht for k in t.missing]
        return ("incomplete" if missing else route.uitkomst_als_voldaan), unmet, missing
    # A replaceable condition failed: only the discretionary path can still help.
    keuze = gegeven.get(discretionair.feit)
    if keuze is False:
        return "not_eligible", unmet + [discretionair.feit], []
    missing = hard_missing + ([discretionair.feit] if keuze is None else [])
    return ("incomplete" if missing else "possible"), unmet, missing


def _toets(voorwaarde: Voorwaarde, gegeven: dict, feiten: dict) -> Toets:
    toets = Toets(voorwaarde)
    for gate, waarden in voorwaarde.alleen_als:
        if gegeven.get(gate) not in waarden:
            return toets  # does not apply (or not yet known: the gate is asked for by its own condition)
    value = _waarde(voorwaarde.feit, gegeven, feiten)
    if value is None:
        toets.missing.append(voorwaarde.feit)
    elif not voorwaarde.eis.voldaan(value):
        _probeer_alternatief(toets, gegeven, feiten)
    return toets


def _probeer_alternatief(toets: Toets, gegeven: dict, feiten: dict) -> None:
    hoofd = toets.voorwaarde
    failed, missing = [], []
    for alt in hoofd.alternatief:
        value = _waarde(alt.feit, gegeven, feiten)
        if value is None:
            missing.append(alt.feit)
        elif not alt.eis.voldaan(value):
            failed.append(alt.feit)
    if failed or not hoofd.alternatief:
        named = [k for k in failed if k != hoofd.feit and k in gegeven]
        toets.unmet.extend([hoofd.feit] + named)
    else:
        toets.missing.extend(missing)


def _waarde(naam: str, gegeven: dict, feiten: dict) -> Any:
    if naam in gegeven:
        return gegeven[naam]
    return feiten[naam].standaard


def _check_facts(facts: Any, feiten: dict) -> dict:
    """Known facts with the right type; `None` means unknown. Facts the page never asks about are ignored."""
    if not isinstance(facts, dict):
        raise ValueError(f"facts moet een dict zijn, niet {type(facts).__name__}")
    gegeven = {}
    for naam, value in facts.items():
        if naam not in feiten or value is None:
            continue
        _check_type(feiten[naam], value)
        gegeven[naam] = value
    for naam in PERSOONSFEITEN:
        gegeven.setdefault(naam, feiten[naam].standaard)
    return gegeven


def _check_type(feit: Feit, value: Any) -> None:
    if feit.type == "bool" and not isinstance(value, bool):
        raise ValueError(f"Feit '{feit.naam}' moet true of false zijn, niet {value!r}")
    if feit.type == "jaren":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"Feit '{feit.naam}' moet een heel aantal jaren zijn, niet {value!r}")
        if value < 0:
            raise ValueError(f"Feit '{feit.naam}' kan niet negatief zijn ({value})")
    if feit.type == "keuze" and value not in feit.waarden:
        raise ValueError(f"Feit '{feit.naam}' moet een van {list(feit.waarden)} zijn, niet {value!r}")
