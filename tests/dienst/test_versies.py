"""Start-up refuses library releases other than the ones the fence's modules were read against (dienst/versies.py)."""

import re

import pytest

from dienst import __main__ as dienst_main
from dienst import server, versies
from tests.conftest import PROJECT


def gepind() -> dict:
    regels = (PROJECT / "requirements.lock").read_text().splitlines()
    return {naam.lower(): versie for naam, versie in (r.split("==", 1) for r in regels if "==" in r)}


def test_de_grens_is_gelezen_tegen_de_versies_in_het_lock_bestand():
    lock = gepind()
    for distributie, versie in versies.VERSIES.items():
        assert lock.get(distributie) == versie, (
            f"{distributie}: dienst/versies.py {versie}, lock {lock.get(distributie)}"
        )
    for module, voor in versies.geschreven_voor().items():
        assert (PROJECT / module).exists(), module
        assert set(voor) <= set(versies.VERSIES), module


def test_de_geinstalleerde_versies_zijn_die_van_de_grens():
    assert versies.afwijkingen() == []


def test_een_andere_aiogram_noemt_de_module_en_beide_versies():
    anders = {"aiogram": "2.25.1"}
    with pytest.raises(versies.VersieFout) as fout:
        versies.controleer(lambda naam: anders.get(naam) or versies.geinstalleerd(naam))
    assert re.search(
        r"rasaserver/kanalen/telegram\.py is geschreven voor aiogram 2\.15, maar geïnstalleerd is aiogram 2\.25\.1",
        str(fout.value),
    )
    assert "rasaserver/patches/actieserver.py" not in str(fout.value)


def test_de_server_start_niet_op_een_andere_rasa(monkeypatch, capsys):
    echt = versies.geinstalleerd
    monkeypatch.setattr(versies, "geinstalleerd", lambda naam: "3.6.22" if naam == "rasa" else echt(naam))
    monkeypatch.setattr(server, "start", pytest.fail)  # must not be reached
    assert dienst_main.main(["server"]) == 2
    fout = capsys.readouterr().err
    assert "zijn geschreven voor rasa 3.6.21, maar geïnstalleerd is rasa 3.6.22" in fout
    for module in ("rasaserver/nlu/intentkeuze.py", "rasaserver/opslag/gesprekken.py", "rasaserver/kanalen/rest.py"):
        assert module in fout
    assert "make upgrade-check" in fout
