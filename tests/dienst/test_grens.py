"""The upgrade fence (dienst/versies.py) is complete: every private part of Rasa, Sanic and aiogram the code uses is
listed, with tests that exist (tests/dienst/privedelen.py finds them with ast)."""

import ast
from typing import Dict, Set

from dienst import versies
from tests.conftest import PROJECT
from tests.dienst import privedelen


def gelijst() -> Dict[str, Set[str]]:
    uitkomst: Dict[str, Set[str]] = {}
    for gebruik in versies.GRENS:
        uitkomst.setdefault(gebruik.module, set()).update(gebruik.namen)
    return uitkomst


def test_elk_prive_gebruik_staat_in_de_grens_en_niets_meer():
    gevonden, lijst = privedelen.gebruikt(), gelijst()
    ontbreekt = sorted(f"{m}: {n}" for m, namen in gevonden.items() for n in namen - lijst.get(m, set()))
    assert not ontbreekt, (
        "Private parts of Rasa, Sanic or aiogram that dienst/versies.py does not list (add them to GRENS, with the "
        f"test that shows they work): {ontbreekt}"
    )
    weg = sorted(f"{m}: {n}" for m, namen in lijst.items() for n in namen - gevonden.get(m, set()))
    assert not weg, (
        "dienst/versies.py lists private parts the code no longer uses, or that the installed library no longer "
        f"has (an override of a renamed method no longer overrides anything): {weg}"
    )


def test_elke_naam_hoort_bij_de_bibliotheek_van_zijn_regel():
    assert set(versies.VERSIES) == {g.bibliotheek for g in versies.GRENS}
    for gebruik in versies.GRENS:
        assert gebruik.bibliotheek in versies.VERSIES, gebruik
        for naam in gebruik.namen:
            if not naam.startswith("getattr("):
                assert naam.removeprefix("class ").split(".")[0] == gebruik.bibliotheek, (gebruik.module, naam)


def test_elke_regel_heeft_tests_die_bestaan_en_een_zonder_servers():
    for gebruik in versies.GRENS:
        assert any(not t.startswith("tests/e2e/") for t in gebruik.tests), gebruik.module
        for test in gebruik.tests:
            bestand, _, naam = test.partition("::")
            assert (PROJECT / bestand).is_file(), test
            if naam:
                boom = ast.parse((PROJECT / bestand).read_text(encoding="utf-8"))
                functies = {f.name for f in boom.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
                assert naam in functies, test


def test_de_snelle_tests_zijn_de_niet_e2e_tests_van_de_grens():
    snel = versies.snelle_tests()
    assert len(snel) == len(set(snel)) and versies.ROOK in snel
    assert not [t for t in snel if t.startswith("tests/e2e/")]


VOORBEELD = """
import sanic.server.runners as runners
from rasa.core.lock_store import RedisLockStore
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.events import Event, _private_helper


class Opslag(TrackerStore):
    def __init__(self):
        self._eigen = 1

    def _ook_eigen(self):
        return self._eigen + self._ook_van_rasa


class Slot(RedisLockStore):
    async def _acquire_lock(self, *args):
        return self.red


Event.resolve_by_type = None
runners._iets()
"""


def test_de_scan_vindt_elke_soort_prive_gebruik():
    module = privedelen.module_van("voorbeeld", "voorbeeld.py", VOORBEELD)
    gevonden = set(privedelen.in_module(module, privedelen.scan([module])))
    assert gevonden == {
        "rasa.shared.core.events._private_helper",  # imported
        "rasa.shared.core.events.Event.resolve_by_type =",  # replaced
        "sanic.server.runners._iets",  # called
        "rasa.core.tracker_store.TrackerStore._ook_van_rasa",  # inherited, not ours
        "class rasa.core.lock_store.RedisLockStore",  # subclassed, no documented extension point
        "rasa.core.lock_store.RedisLockStore._acquire_lock",  # overridden
    }
