"""Between the conversation and the engine: which question a route's check asks next, and the facts so far.

Slots hold a fact's value, or ONBEKEND when the person does not know. Plain Python, no Rasa import.
"""

from typing import Optional

from actions.eligibility import assess, laad_kennis

ONBEKEND = "onbekend"
HERKOMST = "herkomst_groep"
MINDERJARIG = "minderjarig"
JAREN_GENOEMD = "jaren_genoemd"  # years the person mentioned without saying they were permit years
EU_GROEPEN = {"eu_eer_zwitserland", "familie_eu"}


def vragen_van_route(route: str) -> list:
    """Every slot the check of a route can ask, in the order it asks them (the form's required slots)."""
    r = laad_kennis().routes[route]
    return [HERKOMST] + r.feiten + ([MINDERJARIG] if _minderjarig_telt(route) else [])


def feiten_uit_slots(route: str, slots: dict) -> dict:
    feiten = {naam: slots.get(naam) for naam in laad_kennis().routes[route].feiten}
    feiten[MINDERJARIG] = slots.get(MINDERJARIG)
    herkomst = slots.get(HERKOMST)
    feiten["eu_eer_zwitserland"] = herkomst in EU_GROEPEN
    feiten["turkse_nationaliteit"] = herkomst == "turks"
    feiten["familielid_turkse_onderdaan"] = herkomst == "familie_turks"
    return {naam: waarde for naam, waarde in feiten.items() if waarde not in (None, ONBEKEND)}


def volgende_vraag(route: str, slots: dict) -> Optional[str]:
    """The next slot to ask, or None when the engine has what it needs (or the person said 'weet ik niet')."""
    if slots.get(HERKOMST) is None:
        return HERKOMST
    result = assess(route, feiten_uit_slots(route, slots))
    if result["outcome"] == "other_rules":
        return None
    if result["outcome"] == "incomplete":
        open_vragen = [f for f in result["missing"] if slots.get(f) is None]
        if open_vragen:
            return open_vragen[0]
    if result["outcome"] == "not_eligible":
        alternatief = _vraag_voor_alternatief(route, result["unmet"], slots)
        if alternatief:
            return alternatief
    # The fee is the person's own, also when the verdict was decided early.
    if leeftijd_telt(route, slots) and slots.get(MINDERJARIG) is None:
        return MINDERJARIG
    return None


def leeftijd_telt(route: str, slots: dict) -> bool:
    """Whether the person's age decides their fee (not for Turkish nationals: they pay the same at any age)."""
    return _minderjarig_telt(route) and slots.get(HERKOMST) != "turks"


def zin_voor(route: str, feit: str) -> str:
    """The page's sentence for the condition that checks `feit` (also on the article 64 or discretionary path)."""
    r = laad_kennis().routes[route]
    for voorwaarde in r.voorwaarden:
        if voorwaarde.feit == feit or any(a.feit == feit for a in voorwaarde.alternatief):
            return voorwaarde.zin
    if r.discretionair and r.discretionair.feit == feit:
        return r.discretionair.zin
    return ""


def _vraag_voor_alternatief(route: str, unmet: list, slots: dict) -> Optional[str]:
    """A failed condition with another path (article 64) may still be met: ask what that path needs.

    Facts of that path have a default, so the engine never calls them missing; ask them unless a known
    answer already closes the path.
    """
    r = laad_kennis().routes[route]
    for feit in unmet:
        voorwaarde = r.voorwaarde(feit)
        if not voorwaarde or not voorwaarde.alternatief:
            continue
        bekend = {a.feit: slots[a.feit] for a in voorwaarde.alternatief if slots.get(a.feit) not in (None, ONBEKEND)}
        if any(not a.eis.voldaan(bekend[a.feit]) for a in voorwaarde.alternatief if a.feit in bekend):
            continue
        open_vragen = [a.feit for a in voorwaarde.alternatief if slots.get(a.feit) is None]
        if open_vragen:
            return open_vragen[0]
    return None


def _minderjarig_telt(route: str) -> bool:
    """Whether being under 18 changes the fee of this route."""
    kennis = laad_kennis()
    categorie = kennis.routes[route].leges_categorie
    return any("minderjarig" in p.categorieen[categorie] for p in kennis.leges)
