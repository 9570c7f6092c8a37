"""`python -m beheer.inzicht [--dagen N | --van JJJJ-MM-DD] [--tot JJJJ-MM-DD] [--uit MAP]` (`make inzicht`).

Reads the conversation store of the endpoints file the server uses (the same settings as `make run`) and
writes index.html and kandidaten.yml into the folder `inzicht/`. It prints only counts.
"""

import argparse
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import yaml

from beheer.inzicht import lezen
from beheer.inzicht.cijfers import Cijfers, bereken
from beheer.inzicht.groeperen import groepeer
from beheer.inzicht.kandidaten import yaml_tekst
from beheer.inzicht.opmaak import datum
from beheer.inzicht.weergave import pagina
from dienst import instellingen, opstart

TIJDZONE = ZoneInfo("Europe/Amsterdam")  # the people asking are in the Netherlands: a day is a Dutch day
STANDAARD_DAGEN = 30
RASA_DREMPEL = 0.3  # the FallbackClassifier's own default, when config.yml sets none


def datum_argument(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen datum als 2026-11-30") from None


def aantal_dagen(tekst: str) -> int:
    if not tekst.strip().isdigit() or int(tekst) < 1:
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen geheel aantal dagen van 1 of meer")
    return int(tekst)


def lees_argumenten(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m beheer.inzicht", description="Schrijft het inzichtrapport over de gesprekken van een periode."
    )
    parser.add_argument(
        "--dagen", type=aantal_dagen, default=STANDAARD_DAGEN, help="de laatste N dagen tot en met --tot (standaard 30)"
    )
    parser.add_argument("--van", type=datum_argument, help="eerste dag (in plaats van --dagen)")
    parser.add_argument("--tot", type=datum_argument, help="laatste dag, meegerekend (standaard vandaag)")
    parser.add_argument("--uit", type=Path, default=Path("inzicht"), help="map voor de bestanden (standaard inzicht)")
    return parser.parse_args(argv)


def periode(argumenten: argparse.Namespace, vandaag: date) -> tuple[date, date]:
    tot = argumenten.tot or vandaag
    van = argumenten.van or tot - timedelta(days=argumenten.dagen - 1)
    if van > tot:
        raise lezen.LeesFout(f"de periode begint ({van}) na haar laatste dag ({tot})")
    return van, tot


def grens(dag: date) -> float:
    return datetime(dag.year, dag.month, dag.day, tzinfo=TIJDZONE).timestamp()


def drempel(config: Path = Path("config.yml")) -> float:
    """The FallbackClassifier's threshold: below it the assistant itself treats a message as not understood."""
    pijplijn = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("pipeline") or []
    for onderdeel in pijplijn:
        if onderdeel.get("name") == "FallbackClassifier":
            return float(onderdeel.get("threshold", RASA_DREMPEL))
    return RASA_DREMPEL


def maak_rapport(
    engine: sa.engine.Engine | None, van: date, tot: date, uit: Path, nu: datetime | None = None
) -> Cijfers:
    """Reads the period's conversations and writes both files; returns the figures."""
    grenswaarde = drempel()
    afzenders = lezen.lees(engine, grens(van), grens(tot + timedelta(days=1))) if engine is not None else []
    cijfers = bereken(afzenders, van, tot, grenswaarde, TIJDZONE)
    groepen = groepeer(cijfers.niet_begrepen)
    uit.mkdir(parents=True, exist_ok=True)
    gemaakt = nu or datetime.now(TIJDZONE)
    (uit / "index.html").write_text(pagina(cijfers, groepen, grenswaarde, gemaakt), encoding="utf-8")
    periode_tekst = f"{datum(van)} tot en met {datum(tot)}"
    (uit / "kandidaten.yml").write_text(yaml_tekst(groepen, periode_tekst), encoding="utf-8")
    return cijfers


def main(argv: Sequence[str]) -> int:
    argumenten = lees_argumenten(argv)
    engine = None
    try:
        van, tot = periode(argumenten, datetime.now(TIJDZONE).date())
        engine = lezen.engine(instellingen.huidige())
        cijfers = maak_rapport(engine, van, tot, argumenten.uit)
    except (lezen.LeesFout, instellingen.InstellingFout) as fout:
        print(f"inzicht: niet gelukt: {fout}.", file=sys.stderr)
        return 2
    except Exception as fout:  # noqa: BLE001 - e.g. the database went away midway: one line, no traceback
        print(f"inzicht: niet gelukt: {type(fout).__name__}: {opstart.eerste_regel(fout)}.", file=sys.stderr)
        return 2
    finally:
        if engine is not None:
            engine.dispose()
    html = argumenten.uit / "index.html"
    print(
        f"inzicht: {cijfers.gesprekken} gesprekken van {datum(van)} tot en met {datum(tot)}; "
        f"{html} ({html.stat().st_size // 1024} kB) en {argumenten.uit / 'kandidaten.yml'} geschreven."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
