"""Faults: action server down or hanging, Rasa restarted in the middle of a form.

Runs last (tests/e2e/conftest.py puts it there), because it stops and restarts the shared servers."""

import os
import signal
import socket
import time

from tests.e2e.stack import teksten


def test_actieserver_uit_geeft_snel_excuus_en_daarna_weer_antwoord(stack):
    stack.stop("acties")
    try:
        begin = time.monotonic()
        antwoord = teksten(stack.zeg("storing", "Wat kost de aanvraag?"))
        assert time.monotonic() - begin < 10
        assert "storing" in antwoord and "088 043 0430" in antwoord
    finally:
        stack.start_acties()
    assert "€" in teksten(stack.zeg("storing", "Wat kost de aanvraag?"))


def test_hangende_actieserver_geeft_excuus_binnen_seconden(stack):
    stack.stop("acties")
    hangt = socket.socket()
    hangt.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    hangt.bind(("127.0.0.1", stack.actie_poort))
    hangt.listen(16)  # accepts connections, never answers
    try:
        begin = time.monotonic()
        antwoord = teksten(stack.zeg("hangt", "Wat kost de aanvraag?"))
        assert time.monotonic() - begin < 5 + 2  # ACTIE_TIMEOUT (5 s) for the whole message
        assert "storing" in antwoord
    finally:
        hangt.close()
        stack.start_acties()
    assert "€" in teksten(stack.zeg("hangt", "Wat kost de aanvraag?"))


def test_bevroren_actieserver_midden_in_controle_excuus_binnen_de_wachttijd_en_daarna_verder(stack):
    """A form runs several custom actions for one message (validate, ask): together they wait ACTIE_TIMEOUT
    (5 s here), not each; after the thaw the same answer goes on with the check."""
    afzender = "bevroren"
    stack.zeg(afzender, "Mijn partner is overleden")
    assert "nationaliteit" in teksten(stack.zeg(afzender, "ja"))
    groep = stack.processen["acties"].pid
    os.killpg(groep, signal.SIGSTOP)
    try:
        begin = time.monotonic()
        antwoord = teksten(stack.zeg(afzender, "Turks"))
        duur = time.monotonic() - begin
    finally:
        os.killpg(groep, signal.SIGCONT)
    assert "storing" in antwoord and "088 043 0430" in antwoord
    assert duur < 5 + 2, f"the apology came after {duur:.1f} s"
    assert "echtgenoot of partner" in teksten(stack.zeg(afzender, "Turks"))


def test_herstart_midden_in_formulier_gaat_verder_waar_het_was(stack):
    afzender = "herstart"
    stack.zeg(afzender, "Mijn partner is overleden")
    assert "nationaliteit" in teksten(stack.zeg(afzender, "ja"))
    assert "echtgenoot of partner" in teksten(stack.zeg(afzender, "Turks"))
    stack.stop("rasa")
    stack.start_rasa()
    assert "hoofdverblijf" in teksten(stack.zeg(afzender, "ja"))
