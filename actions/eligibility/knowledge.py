"""The route conditions, facts and fees of the IND page, loaded from YAML and checked once at start-up."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Optional

import yaml

import inhoud

KNOWLEDGE_DIR = inhoud.KENNIS  # the content package holds the knowledge beside the other content
FACT_TYPES = {"bool", "jaren", "keuze"}
EIS_PER_TYPE = {"bool": "is", "jaren": "minimaal", "keuze": "een_van"}


class KnowledgeError(ValueError):
    """The knowledge files contradict themselves; raised at load time, never mid-conversation."""


@dataclass(frozen=True)
class Feit:
    naam: str
    type: str
    standaard: Any = None
    waarden: tuple = ()


@dataclass(frozen=True)
class Eis:
    soort: str
    waarde: Any

    def voldaan(self, value: Any) -> bool:
        if self.soort == "is":
            return value is self.waarde
        if self.soort == "minimaal":
            return value >= self.waarde
        return value in self.waarde


@dataclass(frozen=True)
class Voorwaarde:
    feit: str
    eis: Eis
    zin: str = ""
    bron: str = ""
    alleen_als: tuple = ()  # ((feit, (waarden, ...)), ...)
    alternatief: tuple = ()  # (Voorwaarde, ...) that together also satisfy this one


@dataclass(frozen=True)
class Discretionair:
    feit: str
    vervangt: frozenset
    zin: str
    bron: str


@dataclass(frozen=True)
class Route:
    naam: str
    titel: str
    leges_categorie: str
    voorwaarden: tuple
    discretionair: Optional[Discretionair]
    uitkomst_als_voldaan: str

    @property
    def feiten(self) -> list:
        """The facts this route's conditions ask about, in the order the page gives them."""
        names = [v.feit for v in self.voorwaarden]
        names += [a.feit for v in self.voorwaarden for a in v.alternatief]
        if self.discretionair:
            names.append(self.discretionair.feit)
        return list(dict.fromkeys(names))

    def voorwaarde(self, feit: str) -> Optional[Voorwaarde]:
        return next((v for v in self.voorwaarden if v.feit == feit), None)


@dataclass(frozen=True)
class LegesPeriode:
    geldig_vanaf: date
    turkse_nationaliteit: int
    categorieen: dict


@dataclass(frozen=True)
class Kennis:
    feiten: dict
    routes: dict
    leges: tuple  # LegesPeriode, oldest first
    leges_bron: str


def _read(name: str) -> dict:
    with open(KNOWLEDGE_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _eis(raw: dict, feit: Feit, where: str) -> Eis:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise KnowledgeError(f"{where}: 'eis' moet precies één regel hebben, niet {raw!r}")
    soort, waarde = next(iter(raw.items()))
    if soort != EIS_PER_TYPE[feit.type]:
        raise KnowledgeError(f"{where}: eis '{soort}' past niet bij feit '{feit.naam}' van type {feit.type}")
    if soort == "een_van":
        if not set(waarde) <= set(feit.waarden):
            raise KnowledgeError(f"{where}: {waarde!r} zijn geen waarden van '{feit.naam}'")
        waarde = tuple(waarde)
    return Eis(soort, waarde)


def _voorwaarde(raw: dict, feiten: dict, where: str) -> Voorwaarde:
    naam = raw.get("feit")
    if naam not in feiten:
        raise KnowledgeError(f"{where}: onbekend feit {naam!r}")
    alleen_als = tuple((k, tuple(v)) for k, v in (raw.get("alleen_als") or {}).items())
    for gate, _ in alleen_als:
        if gate not in feiten:
            raise KnowledgeError(f"{where}: onbekend feit {gate!r} in alleen_als")
    return Voorwaarde(
        feit=naam,
        eis=_eis(raw.get("eis"), feiten[naam], where),
        zin=raw.get("zin", ""),
        bron=raw.get("bron", ""),
        alleen_als=alleen_als,
        alternatief=tuple(_voorwaarde(a, feiten, f"{where} (alternatief)") for a in raw.get("alternatief", [])),
    )


def _route(naam: str, raw: dict, feiten: dict, categorieen: set) -> Route:
    where = f"route {naam}"
    voorwaarden = tuple(_voorwaarde(v, feiten, where) for v in raw["voorwaarden"])
    for v in voorwaarden:
        if not v.zin or not v.bron:
            raise KnowledgeError(f"{where}: voorwaarde '{v.feit}' mist 'zin' of 'bron'")
    if raw.get("leges") not in categorieen:
        raise KnowledgeError(f"{where}: onbekende legescategorie {raw.get('leges')!r}")
    discretionair = None
    if raw.get("discretionair"):
        d = raw["discretionair"]
        vervangt = frozenset(d["vervangt"])
        if not vervangt <= {v.feit for v in voorwaarden} or feiten.get(d["feit"], Feit("", "")).type != "bool":
            raise KnowledgeError(f"{where}: discretionair pad klopt niet met de voorwaarden")
        discretionair = Discretionair(d["feit"], vervangt, d["zin"], d["bron"])
    uitkomst = raw.get("uitkomst_als_voldaan", "eligible")
    if uitkomst not in {"eligible", "possible"}:
        raise KnowledgeError(f"{where}: uitkomst_als_voldaan moet eligible of possible zijn")
    return Route(naam, raw["titel"], raw["leges"], voorwaarden, discretionair, uitkomst)


def _feiten(raw: dict) -> dict:
    feiten = {}
    for naam, spec in raw.items():
        if spec.get("type") not in FACT_TYPES:
            raise KnowledgeError(f"feit {naam}: type moet een van {sorted(FACT_TYPES)} zijn")
        feiten[naam] = Feit(naam, spec["type"], spec.get("standaard"), tuple(spec.get("waarden", ())))
    return feiten


def _leges(raw: dict) -> tuple:
    perioden = []
    for p in raw["perioden"]:
        if not isinstance(p.get("geldig_vanaf"), date):
            raise KnowledgeError("leges: elke periode heeft een datum 'geldig_vanaf' (JJJJ-MM-DD)")
        for naam, cat in p["categorieen"].items():
            if not all(isinstance(b, int) and b >= 0 for b in cat.values()):
                raise KnowledgeError(f"leges {p['geldig_vanaf']}: bedragen van '{naam}' zijn hele euro's")
        perioden.append(LegesPeriode(p["geldig_vanaf"], int(p["turkse_nationaliteit"]), p["categorieen"]))
    return tuple(sorted(perioden, key=lambda p: p.geldig_vanaf))


@lru_cache(maxsize=1)
def laad_kennis() -> Kennis:
    feiten = _feiten(_read("feiten.yml")["feiten"])
    leges_raw = _read("leges.yml")
    leges = _leges(leges_raw)
    categorieen = set.intersection(*(set(p.categorieen) for p in leges))
    routes = {naam: _route(naam, spec, feiten, categorieen) for naam, spec in _read("routes.yml")["routes"].items()}
    return Kennis(feiten, routes, leges, leges_raw.get("bron", ""))
