"""Finds, with ast, every private part of Rasa, Sanic and aiogram that the project's code uses.

What counts (the names come out in the form dienst/versies.py lists them):

- `rasa.x.Y._z`: a name with a leading underscore imported from, read from, or called on a library module or class;
  in a subclass of a library class also `self._z` that our own classes do not define, and a method `_z` of ours
  that overrides the library's.
- `rasa.x.Y.z =`: a library attribute replaced (assigned, or `setattr` with a literal name): a patch.
- `class rasa.x.Y`: a library class subclassed that is not one of Rasa's documented extension points
  (`versies.UITBREIDINGSPUNTEN`): the subclass depends on how that class works inside.
- `getattr(…, '_z')`: a private attribute read by name from an object whose type the code does not say.

The scan imports a library class only to ask whether it has a method a subclass of ours overrides, so an
upgrade that renames such a method shows up here too: the list then names a part the code no longer overrides.
"""

import ast
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

from dienst import versies

PROJECT = Path(__file__).resolve().parents[2]
# Every package of the project (the processes, the shared ones, the operator's tools); not the developer's tools.
ONTWIKKELAAR = {"tests", "bench", "scripts"}
WEB = "web"  # the web page's server: a folder of modules, no package
GEWONE_DUNDERS = {"__main__", "__name__", "__doc__", "__module__", "__qualname__", "__version__", "__file__"}


def prive(naam: str) -> bool:
    return naam.startswith("_") and naam not in GEWONE_DUNDERS


def is_dunder(naam: str) -> bool:
    return naam.startswith("__") and naam.endswith("__")


def bibliotheek_van(pad: str) -> Optional[str]:
    wortel = pad.split(".")[0]
    return wortel if wortel in versies.BIBLIOTHEKEN else None


def modulenaam(bestand: Path) -> str:
    delen = list(bestand.relative_to(PROJECT).with_suffix("").parts)
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


def bestanden() -> List[Path]:
    gevonden = []
    pakketten = sorted({p.parent.name for p in PROJECT.glob("*/__init__.py")} - ONTWIKKELAAR | {WEB})
    for pakket in pakketten:
        for bestand in sorted((PROJECT / pakket).rglob("*.py")):
            if not any(deel.startswith(".") or deel == "node_modules" for deel in bestand.relative_to(PROJECT).parts):
                gevonden.append(bestand)
    return gevonden


def keten(knoop: ast.AST) -> Optional[List[str]]:
    """`a.b.c` as ["a", "b", "c"], or None when it does not start at a name."""
    delen: List[str] = []
    while isinstance(knoop, ast.Attribute):
        delen.insert(0, knoop.attr)
        knoop = knoop.value
    if isinstance(knoop, ast.Name):
        return [knoop.id, *delen]
    return None


def laad(pad: str) -> Optional[object]:
    """The library object at a dotted path (module, then attributes), or None."""
    delen = pad.split(".")
    for tot in range(len(delen), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(delen[:tot]))
        except ImportError:
            continue
        for deel in delen[tot:]:
            obj = getattr(obj, deel, None)
            if obj is None:
                return None
        return obj
    return None


@dataclass
class Klasse:
    module: str
    knoop: ast.ClassDef
    bases: List[Tuple[str, str]]  # ("bib", "rasa.x.Y") or ("eigen", "module.Klasse")
    eigen_namen: Set[str] = field(default_factory=set)  # methods, class attributes and self.x = ... of this class


@dataclass
class Module:
    naam: str
    pad: str  # relative to the project, as dienst/versies.py names it
    boom: ast.Module
    bib: Dict[str, str] = field(default_factory=dict)  # local name -> library path
    eigen: Dict[str, str] = field(default_factory=dict)  # local name -> project path (module.name)


def lees_module(bestand: Path) -> Module:
    return module_van(modulenaam(bestand), bestand.relative_to(PROJECT).as_posix(), bestand.read_text())


def module_van(naam: str, pad: str, tekst: str) -> Module:
    module = Module(naam, pad, ast.parse(tekst))
    for knoop in ast.walk(module.boom):
        if isinstance(knoop, ast.Import):
            for alias in knoop.names:
                if bibliotheek_van(alias.name):
                    if alias.asname:
                        module.bib[alias.asname] = alias.name
                    else:
                        wortel = alias.name.split(".")[0]
                        module.bib[wortel] = wortel
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
            for alias in knoop.names:
                pad = f"{knoop.module}.{alias.name}"
                doel = module.bib if bibliotheek_van(knoop.module) else module.eigen
                doel[alias.asname or alias.name] = pad
    return module


def klassen_van(module: Module) -> Dict[str, Klasse]:
    gevonden = {}
    for knoop in ast.walk(module.boom):
        if not isinstance(knoop, ast.ClassDef):
            continue
        bases = []
        for base in knoop.bases:
            delen = keten(base)
            if not delen:
                continue
            if delen[0] in module.bib:
                bases.append(("bib", ".".join([module.bib[delen[0]], *delen[1:]])))
            elif delen[0] in module.eigen and len(delen) == 1:
                bases.append(("eigen", module.eigen[delen[0]]))
            elif len(delen) == 1:
                bases.append(("eigen", f"{module.naam}.{delen[0]}"))
        klasse = Klasse(module.naam, knoop, bases)
        for deel in knoop.body:
            if isinstance(deel, (ast.FunctionDef, ast.AsyncFunctionDef)):
                klasse.eigen_namen.add(deel.name)
            elif isinstance(deel, (ast.Assign, ast.AnnAssign)):
                for doel in deel.targets if isinstance(deel, ast.Assign) else [deel.target]:
                    if isinstance(doel, ast.Name):
                        klasse.eigen_namen.add(doel.id)
        for sub in ast.walk(knoop):
            if isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Store) and keten(sub) == ["self", sub.attr]:
                klasse.eigen_namen.add(sub.attr)
        gevonden[f"{module.naam}.{knoop.name}"] = klasse
    return gevonden


@dataclass
class Scan:
    modules: List[Module]
    klassen: Dict[str, Klasse]

    def bibliotheekvoorouder(self, klasse: Klasse) -> Optional[str]:
        for soort, pad in klasse.bases:
            if soort == "bib":
                return pad
            ouder = self.klassen.get(pad)
            if ouder is not None:
                gevonden = self.bibliotheekvoorouder(ouder)
                if gevonden:
                    return gevonden
        return None

    def eigen_namen(self, klasse: Klasse) -> Set[str]:
        namen = set(klasse.eigen_namen)
        for soort, pad in klasse.bases:
            if soort == "eigen" and pad in self.klassen:
                namen |= self.eigen_namen(self.klassen[pad])
        return namen


def scan(modules: Optional[List[Module]] = None) -> Scan:
    modules = [lees_module(bestand) for bestand in bestanden()] if modules is None else modules
    klassen: Dict[str, Klasse] = {}
    for module in modules:
        klassen.update(klassen_van(module))
    return Scan(modules, klassen)


def in_module(module: Module, gescand: Scan) -> Iterator[str]:
    """The private parts of a library that one module uses."""
    yield from (f"{pad}" for pad in module.bib.values() if any(prive(d) for d in pad.split(".")[1:]))
    for knoop in ast.walk(module.boom):
        if isinstance(knoop, ast.Attribute):
            delen = keten(knoop)
            if delen and delen[0] in module.bib:
                pad = [module.bib[delen[0]], *delen[1:]]
                for i, deel in enumerate(delen[1:], start=1):
                    if prive(deel):
                        yield ".".join([module.bib[delen[0]], *delen[1 : i + 1]])
                if isinstance(knoop.ctx, ast.Store):
                    yield ".".join(pad) + " ="
        elif isinstance(knoop, ast.Call) and isinstance(knoop.func, ast.Name) and len(knoop.args) >= 2:
            naam = knoop.args[1]
            if knoop.func.id not in ("getattr", "setattr", "hasattr", "delattr"):
                continue
            if not (isinstance(naam, ast.Constant) and isinstance(naam.value, str)):
                continue
            delen = keten(knoop.args[0])
            if delen and delen[0] in module.bib:
                pad = ".".join([module.bib[delen[0]], *delen[1:], naam.value])
                if knoop.func.id in ("setattr", "delattr"):
                    yield pad + " ="
                elif prive(naam.value):
                    yield pad
            elif prive(naam.value) and not is_dunder(naam.value) and (not delen or delen[0] != "self"):
                yield f"getattr(…, '{naam.value}')"
    for klasse in gescand.klassen.values():
        if klasse.module == module.naam:
            yield from in_klasse(klasse, gescand)


def in_klasse(klasse: Klasse, gescand: Scan) -> Iterator[str]:
    voorouder = gescand.bibliotheekvoorouder(klasse)
    if voorouder is None:
        return
    for soort, pad in klasse.bases:
        if soort == "bib" and pad not in versies.UITBREIDINGSPUNTEN:
            yield f"class {pad}"
    van_bibliotheek = laad(voorouder)
    for deel in klasse.knoop.body:
        if isinstance(deel, (ast.FunctionDef, ast.AsyncFunctionDef)) and prive(deel.name) and not is_dunder(deel.name):
            if van_bibliotheek is not None and hasattr(van_bibliotheek, deel.name):
                yield f"{voorouder}.{deel.name}"
    eigen = gescand.eigen_namen(klasse)
    for sub in ast.walk(klasse.knoop):
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id in ("self", "cls"):
            if prive(sub.attr) and not is_dunder(sub.attr) and sub.attr not in eigen:
                yield f"{voorouder}.{sub.attr}"


def gebruikt() -> Dict[str, Set[str]]:
    """Per module (path from the project root), the private library parts it uses."""
    gescand = scan()
    uitkomst: Dict[str, Set[str]] = {}
    for module in gescand.modules:
        namen = set(in_module(module, gescand))
        if namen:
            uitkomst[module.pad] = namen
    return uitkomst
