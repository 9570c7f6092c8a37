"""Start-up refuses library releases the patches in rasaserver/ were not written for (dienst/versies.py)."""

import re

import pytest

from dienst import __main__ as dienst_main
from dienst import server, versies
from tests.conftest import PROJECT


def gepind() -> dict:
    regels = (PROJECT / "requirements.lock").read_text().splitlines()
    return {naam.lower(): versie for naam, versie in (r.split("==", 1) for r in regels if "==" in r)}


def test_elke_patch_is_geschreven_voor_de_versie_in_het_lock_bestand():
    lock = gepind()
    for patch, voor in versies.GESCHREVEN_VOOR.items():
        assert (PROJECT / patch).exists(), patch
        for distributie, versie in voor.items():
            assert lock.get(distributie) == versie, f"{patch}: {distributie} {versie}, lock {lock.get(distributie)}"


def test_de_geinstalleerde_versies_zijn_die_van_de_patches():
    assert versies.afwijkingen() == []


def test_een_andere_sanic_noemt_de_patch_en_beide_versies():
    anders = {"sanic": "22.9.1"}
    with pytest.raises(versies.VersieFout) as fout:
        versies.controleer(lambda naam: anders.get(naam) or versies.geinstalleerd(naam))
    assert re.search(
        r"rasaserver/patches/werkers\.py is geschreven voor sanic 21\.12\.2, maar geïnstalleerd is sanic 22\.9\.1",
        str(fout.value),
    )
    assert "rasaserver/patches/actieserver.py" not in str(fout.value)


def test_de_server_start_niet_op_een_andere_rasa(monkeypatch, capsys):
    echt = versies.geinstalleerd
    monkeypatch.setattr(versies, "geinstalleerd", lambda naam: "3.6.22" if naam == "rasa" else echt(naam))
    monkeypatch.setattr(server, "start", pytest.fail)  # must not be reached
    assert dienst_main.main(["server"]) == 2
    fout = capsys.readouterr().err
    assert "rasaserver/patches/versnelling.py is geschreven voor rasa 3.6.21, maar geïnstalleerd is rasa 3.6.22" in fout
