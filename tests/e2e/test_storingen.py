"""Faults: action server down or hanging, Rasa restarted in the middle of a form.

Runs last (tests/e2e/conftest.py puts it there), because it stops and restarts the shared servers."""

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
        assert time.monotonic() - begin < 15
        assert "storing" in antwoord
    finally:
        hangt.close()
        stack.start_acties()
    assert "€" in teksten(stack.zeg("hangt", "Wat kost de aanvraag?"))


def test_herstart_midden_in_formulier_gaat_verder_waar_het_was(stack):
    afzender = "herstart"
    stack.zeg(afzender, "Mijn partner is overleden")
    assert "nationaliteit" in teksten(stack.zeg(afzender, "ja"))
    assert "echtgenoot of partner" in teksten(stack.zeg(afzender, "Turks"))
    stack.stop("rasa")
    stack.start_rasa()
    assert "hoofdverblijf" in teksten(stack.zeg(afzender, "ja"))
