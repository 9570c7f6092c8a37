"""The assistant's content in one checked place, read by both servers and the operator's tools; plain Python.

    kennis/           the engine's knowledge: routes.yml (each route's title, care flag `zorg` and conditions),
                      feiten.yml, leges.yml; actions/eligibility reads the conditions and fees
    faq.yml           every FAQ and glossary answer: its page heading(s), topic title and button question
    bronnen.yml       the page's headings (`koppen`), the heading of every other factual response, and the
                      responses that are no fact of the page (`zonder_bron`)
    onderwerpen.yml   topic titles of the other intents (the fallback's buttons, the insight report)
    formulieren.yml   how the route forms read answers (intents, stop and waarom words)
    intents.yml       groups of intents the code acts on

`huidige()` reads it once and checks it in itself; `controleer(inhoud, domain)` lists what does not fit
domain.yml; `bij_start()` does both, as `python -m dienst server` and `acties` do before they listen, and raises
InhoudFout with a sentence that names the file and the key. `python -m inhoud` runs the same check alone.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

import yaml

MAP = Path(__file__).resolve().parent
KENNIS = MAP / "kennis"
DOMAIN = MAP.parent / "domain.yml"
BESTANDEN = (
    "kennis/routes.yml",
    "kennis/feiten.yml",
    "kennis/leges.yml",
    "faq.yml",
    "bronnen.yml",
    "onderwerpen.yml",
    "formulieren.yml",
    "intents.yml",
)
ZORG = ("geweld", "mensenhandel")  # the dangers the help lines know (the `gevaar` entity's values)
RASA_INTENTS = ("nlu_fallback",)  # Rasa's own: no domain lists it
PLAATSHOUDER = "SCHRIJF HIER HET ANTWOORD"  # what scripts/nieuwe_faq.py puts in a new answer; the start refuses it
FORMULIER_INTENTS = ("ja_intent", "nee_intent", "weet_niet_intent", "waarom_intent", "stop_intent")
LADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: domain.yml in 0.03 s instead of 0.3 s


class InhoudFout(ValueError):
    """The content does not fit together or with domain.yml; the message names the file and the key."""


@dataclass(frozen=True)
class Route:
    naam: str
    titel: str
    zorg: Optional[str]  # geweld or mensenhandel on the care routes, else None


@dataclass(frozen=True)
class Antwoord:
    """An FAQ or glossary answer: Rasa's retrieval intent faq/<key> or begrip/<key>."""

    sleutel: str  # faq/formulier
    koppen: Tuple[str, ...]
    titel: str = ""
    vraag: str = ""

    @property
    def response(self) -> str:
        return f"utter_{self.sleutel}"


@dataclass(frozen=True)
class Inhoud:
    routes: Dict[str, Route]
    retrieval: Tuple[str, ...]  # faq, begrip: the sections of faq.yml
    antwoorden: Dict[str, Antwoord]  # by key: faq/formulier
    koppen: Tuple[str, ...]
    bronnen: Dict[str, Tuple[str, ...]]  # every sourced response, FAQ and glossary answers included
    zonder_bron: FrozenSet[str]
    onderwerpen: Dict[str, Dict[str, str]]  # per intent or FAQ key: titel, vraag
    formulieren: Dict[str, Any]
    intents: Dict[str, FrozenSet[str]]

    @property
    def zorgroutes(self) -> Dict[str, str]:
        """Route -> the danger its help lines are for."""
        return {naam: route.zorg for naam, route in self.routes.items() if route.zorg}


def _lees(map: Path, naam: str) -> Dict[str, Any]:
    try:
        data = yaml.load((map / naam).read_text(encoding="utf-8"), Loader=LADER)
    except OSError as fout:
        raise InhoudFout(f"inhoud/{naam} is niet te lezen: {fout.strerror}") from None
    except yaml.YAMLError as fout:
        raise InhoudFout(f"inhoud/{naam} is geen geldige YAML: {' '.join(str(fout).split())}") from None
    if not isinstance(data, dict):
        raise InhoudFout(f"inhoud/{naam} is geen lijst van sleutels")
    return data


def _tekst(waarde: Any, waar: str, veld: str) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        raise InhoudFout(f"{waar} mist '{veld}'")
    return waarde


def _koppen(waarde: Any, koppen: Tuple[str, ...], waar: str) -> Tuple[str, ...]:
    if not isinstance(waarde, list) or not waarde:
        raise InhoudFout(f"{waar} mist 'bron' (de kop of koppen van de pagina)")
    for kop in waarde:
        if kop not in koppen:
            raise InhoudFout(f"{waar}: kop {kop!r} staat niet onder koppen: in inhoud/bronnen.yml")
    return tuple(waarde)


def _routes(map: Path) -> Dict[str, Route]:
    routes = {}
    for naam, spec in (_lees(map, "kennis/routes.yml").get("routes") or {}).items():
        waar = f"inhoud/kennis/routes.yml: route {naam}"
        zorg = spec.get("zorg")
        if zorg is not None and zorg not in ZORG:
            raise InhoudFout(f"{waar}: zorg {zorg!r} is geen van {', '.join(ZORG)}")
        routes[naam] = Route(naam, _tekst(spec.get("titel"), waar, "titel"), zorg)
    if not routes:
        raise InhoudFout("inhoud/kennis/routes.yml noemt geen routes")
    return routes


def _antwoorden(map: Path, koppen: Tuple[str, ...]) -> Dict[str, Antwoord]:
    antwoorden = {}
    for intent, sleutels in _lees(map, "faq.yml").items():
        for sleutel, spec in (sleutels or {}).items():
            naam, spec = f"{intent}/{sleutel}", spec or {}
            waar = f"inhoud/faq.yml: {naam}"
            titel, vraag = spec.get("titel", ""), spec.get("vraag", "")
            if intent == "faq" or titel or vraag:  # every FAQ answer is a topic; a glossary answer may be one
                _tekst(titel, waar, "titel")
                _tekst(vraag, waar, "vraag")
            antwoorden[naam] = Antwoord(naam, _koppen(spec.get("bron"), koppen, waar), titel, vraag)
    return antwoorden


def lees(map: Optional[Path] = None) -> Inhoud:
    """The content in `map` (inhoud/), checked in itself; InhoudFout names the first thing wrong."""
    map = map or MAP
    bronnen_yml = _lees(map, "bronnen.yml")
    koppen = tuple(bronnen_yml.get("koppen") or ())
    antwoorden = _antwoorden(map, koppen)
    retrieval = tuple(_lees(map, "faq.yml"))
    bronnen = {}
    for response, lijst in (bronnen_yml.get("bronnen") or {}).items():
        if response.startswith(tuple(f"utter_{r}/" for r in retrieval)):
            raise InhoudFout(f"inhoud/bronnen.yml: {response} hoort in inhoud/faq.yml")
        bronnen[response] = _koppen(lijst, koppen, f"inhoud/bronnen.yml: {response}")
    bronnen.update({a.response: a.koppen for a in antwoorden.values()})
    zonder_bron = frozenset(bronnen_yml.get("zonder_bron") or ())
    for response in sorted(zonder_bron & set(bronnen)):
        raise InhoudFout(f"inhoud/bronnen.yml: {response} staat onder bronnen: en onder zonder_bron:")
    onderwerpen = {}
    for intent, spec in (_lees(map, "onderwerpen.yml").get("onderwerpen") or {}).items():
        waar = f"inhoud/onderwerpen.yml: {intent}"
        if "/" in intent:
            raise InhoudFout(f"{waar} hoort in inhoud/faq.yml (titel en vraag bij het antwoord)")
        onderwerpen[intent] = {
            "titel": _tekst(spec.get("titel"), waar, "titel"),
            "vraag": _tekst(spec.get("vraag"), waar, "vraag"),
        }
    onderwerpen.update({a.sleutel: {"titel": a.titel, "vraag": a.vraag} for a in antwoorden.values() if a.titel})
    formulieren = _lees(map, "formulieren.yml")
    for veld in ("vraag_intents", *FORMULIER_INTENTS, "trefwoorden"):
        if not formulieren.get(veld):
            raise InhoudFout(f"inhoud/formulieren.yml mist '{veld}'")
    intents = {groep: frozenset(namen or ()) for groep, namen in _lees(map, "intents.yml").items()}
    return Inhoud(_routes(map), retrieval, antwoorden, koppen, bronnen, zonder_bron, onderwerpen, formulieren, intents)


@lru_cache(maxsize=1)
def huidige() -> Inhoud:
    """The content of this process, read once (both servers read it at start, see bij_start)."""
    return lees()


def lees_domain(pad: Path) -> Dict[str, Any]:
    try:
        return yaml.load(pad.read_text(encoding="utf-8"), Loader=LADER) or {}
    except (OSError, yaml.YAMLError) as fout:
        raise InhoudFout(f"{pad.name} is niet te lezen: {' '.join(str(fout).split())}") from None


def _namen(lijst: List[Any]) -> List[str]:
    """Names of a domain list whose items may carry properties (`- greet: {use_entities: []}`)."""
    return [next(iter(item)) if isinstance(item, dict) else item for item in lijst or []]


def controleer(inhoud: Inhoud, domain: Dict[str, Any]) -> List[str]:
    """One sentence per thing in the content that domain.yml lacks, or in domain.yml that the content lacks."""
    intents = set(_namen(domain.get("intents"))) | set(RASA_INTENTS)
    responses = set(domain.get("responses") or {})
    fout = []
    domain_retrieval = {r[len("utter_") :].split("/")[0] for r in responses if r.startswith("utter_") and "/" in r}
    fout += [
        f"inhoud/faq.yml: {r} is geen retrieval-intent van domain.yml"
        for r in inhoud.retrieval
        if r not in domain_retrieval
    ]
    fout += [
        f"domain.yml: retrieval-intent {r} (utter_{r}/...) mist in inhoud/faq.yml"
        for r in sorted(domain_retrieval - set(inhoud.retrieval))
    ]
    fout += [
        f"inhoud/faq.yml: {a.sleutel}: domain.yml heeft geen antwoord {a.response}"
        for a in inhoud.antwoorden.values()
        if a.response not in responses
    ]
    eigen = {a.response for a in inhoud.antwoorden.values()}
    fout += [
        f"domain.yml: {r} mist in inhoud/faq.yml (bron, en titel en vraag voor een FAQ)"
        for r in sorted(responses)
        if r[len("utter_") :].split("/")[0] in inhoud.retrieval and "/" in r and r not in eigen
    ]
    fout += [
        f"inhoud/kennis/routes.yml: route {naam}: domain.yml heeft geen intent route_{naam}"
        for naam in inhoud.routes
        if f"route_{naam}" not in intents
    ]
    fout += [
        f"domain.yml: {r} heeft nog de tekst van scripts/nieuwe_faq.py: schrijf het antwoord"
        for r, varianten in sorted((domain.get("responses") or {}).items())
        if PLAATSHOUDER in str(varianten)
    ]
    bekend = set(inhoud.bronnen) | inhoud.zonder_bron
    fout += [f"inhoud/bronnen.yml: {r} staat niet in domain.yml" for r in sorted(bekend - responses - eigen)]
    fout += [
        f"domain.yml: {r} staat niet onder bronnen: of zonder_bron: in inhoud/bronnen.yml"
        for r in sorted(responses - bekend)
    ]
    fout += [
        f"inhoud/onderwerpen.yml: {i} is geen intent van domain.yml"
        for i in inhoud.onderwerpen
        if "/" not in i and i not in intents
    ]
    formulier = [*inhoud.formulieren["vraag_intents"], *(inhoud.formulieren[v] for v in FORMULIER_INTENTS)]
    fout += [f"inhoud/formulieren.yml: {i} is geen intent van domain.yml" for i in formulier if i not in intents]
    fout += [
        f"inhoud/intents.yml: {groep}: {i} is geen intent van domain.yml"
        for groep, namen in inhoud.intents.items()
        for i in sorted(namen)
        if i not in intents
    ]
    return fout


def bij_start(domain_pad: Optional[Path] = None) -> Inhoud:
    """This process's content, read and checked against domain.yml: InhoudFout says what is wrong and where."""
    inhoud = huidige()
    fouten = controleer(inhoud, lees_domain(domain_pad or DOMAIN))
    if fouten:
        rest = f" (en nog {len(fouten) - 3})" if len(fouten) > 3 else ""
        raise InhoudFout("; ".join(fouten[:3]) + rest)
    return inhoud
