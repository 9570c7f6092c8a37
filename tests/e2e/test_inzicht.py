"""`make inzicht` on conversations played through the running assistant (REST and the widget's socket.io)."""

import json
import os
import re
import secrets
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.training_data.loading import load_data

from beheer.inzicht.__main__ import maak_rapport
from beheer.inzicht.privacy import ZORG_INTENTS
from tests.beheer.test_inzicht import bewaar, periode
from tests.e2e.stack import ROOT, teksten
from tests.e2e.test_socketio import Bezoeker

V_NUMMER = "2345678901"
TELEFOON = "0612345678"
# Not understood; the model may think the second closest to a trafficking route (it did): then it must stay out.
ONBEGREPEN = ["Hoe laat gaat de zon onder op Texel?", "Qwx zzvb plorf kwaak gnorp"]
GEWELD = [
    "Mijn man slaat mij en ik durf niet meer naar huis",
    "Ik ben slachtoffer van huiselijk geweld door mijn partner",
]


pytestmark = pytest.mark.usefixtures("geen_losse_taken")


def gebruikersberichten(stack, afzender):
    return [e.get("parse_data") or {} for e in stack.gebeurtenissen(afzender) if e["event"] == "user"]


def intents(stack, afzender):
    return [p.get("intent", {}).get("name") for p in gebruikersberichten(stack, afzender)]


def dichtstbij(stack, afzender) -> str:
    """The intent the model thought closest to a not-understood message (the first after nlu_fallback)."""
    ranking = gebruikersberichten(stack, afzender)[0].get("intent_ranking") or []
    return next(r["name"] for r in ranking if r["name"] != "nlu_fallback")


def speel_rest(stack, naam: str) -> dict:
    """Six conversations over REST; returns their sender ids."""
    soorten = ("begrepen", "onbegrepen-0", "onbegrepen-1", "gestopt", "vnummer", "geweld")
    afzender = {k: f"inzicht-{naam}-{k}" for k in soorten}
    assert "€" in teksten(stack.zeg(afzender["begrepen"], "Wat kost de aanvraag?"))
    for i, tekst in enumerate(ONBEGREPEN):
        stack.zeg(afzender[f"onbegrepen-{i}"], tekst)
    stack.zeg(afzender["gestopt"], "Mijn partner is overleden")
    assert "nationaliteit" in teksten(stack.zeg(afzender["gestopt"], "/start_controle"))  # then they leave
    stack.zeg(afzender["vnummer"], f"Mijn V-nummer is {V_NUMMER}, wanneer krijg ik mijn verblijfspas?")
    for tekst in GEWELD:
        stack.zeg(afzender["geweld"], tekst)
    return afzender


async def speel_widget(stack) -> str:
    """A conversation in the widget with a 'niet nuttig' and a remark; returns the rated answer."""
    tab = Bezoeker(stack)
    sessie = await tab.verbind()
    await tab.wacht_op("bot_uttered")
    await tab.zeg("Welk formulier moet ik gebruiken?", sessie["session_id"])
    antwoord = (await tab.wacht_op("bot_uttered", 2))["text"]
    beoordeling = {"oordeel": "slecht", "antwoord": antwoord, "opmerking": f"Te vaag. Bel mij op {TELEFOON}"}
    bevestiging = await tab.client.call("feedback", beoordeling, timeout=30)
    await tab.sluit()
    assert bevestiging == {"ok": True, "fout": None}
    return antwoord


def kopie_met_alleen(bron: Path, doel: Path, sinds: float) -> None:
    """The store as it is now, with only the conversations this test started (the stack is shared)."""
    doel.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(bron) as van, sqlite3.connect(doel) as naar:
        van.backup(naar)
        naar.execute(
            "DELETE FROM events WHERE sender_id IN "
            "(SELECT sender_id FROM events GROUP BY sender_id HAVING MIN(timestamp) < ?)",
            (sinds,),
        )


def rij(html: str, kop: str) -> list:
    """The cells after the row header `kop` in the report's tables."""
    gevonden = re.search(rf'<th scope="row"[^>]*>{re.escape(kop)}</th>(.*?)</tr>', html)
    assert gevonden, kop
    return re.findall(r"<td[^>]*>(.*?)</td>", gevonden.group(1))


async def test_rapport_over_gespeelde_gesprekken(stack, tmp_path):
    sinds = time.time()
    afzender = speel_rest(stack, secrets.token_hex(3))
    await speel_widget(stack)
    # What the model made of the messages decides what the report must say; check it did what this test needs.
    for i in range(len(ONBEGREPEN)):
        assert intents(stack, afzender[f"onbegrepen-{i}"]) == ["nlu_fallback"]
    zichtbaar = [
        t for i, t in enumerate(ONBEGREPEN) if dichtstbij(stack, afzender[f"onbegrepen-{i}"]) not in ZORG_INTENTS
    ]
    assert zichtbaar, "the model thinks every not-understood message is about trafficking or violence: pick others"
    assert ZORG_INTENTS & set(intents(stack, afzender["geweld"]))

    kopie_met_alleen(stack.werkmap / "gesprekken.db", tmp_path / "var" / "gesprekken.db", sinds)
    omgeving = {k: v for k, v in os.environ.items() if k not in ("ASSISTENT_MODUS", "GESPREKKEN_DB", "ENDPOINTS")}
    uit = tmp_path / "rapport"  # two days: the test may cross midnight (Amsterdam time)
    gedaan = subprocess.run(
        ["make", "-s", "inzicht", f"ARGS=--dagen 2 --uit {uit}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**omgeving, "ASSISTENT_VAR": str(tmp_path / "var")},
    )
    assert gedaan.returncode == 0, gedaan.stderr[-2000:]
    assert "inzicht: 7 gesprekken" in gedaan.stdout
    html = (uit / "index.html").read_text(encoding="utf-8")

    assert rij(html, "Gesprekken")[0] == "7"
    assert rij(html, "Berichten van personen")[0] == "9"  # the widget's own opening is not one of them
    assert rij(html, "Web (chat)") == ["1"] and rij(html, "REST") == ["6"]
    mens = sum("contact_mens" in intents(stack, a) for a in afzender.values())  # none asked, unless the model heard it
    assert rij(html, "Vroeg naar een mens")[1] == f"{mens} gesprekken"
    assert rij(html, "Na overlijden echtgenoot of partner")[:3] == ["1", "0", "1"]  # started, finished, stopped
    assert "0 keer &#x27;nuttig&#x27; en 1 keer &#x27;niet nuttig&#x27;" in html
    assert "Te vaag. Bel mij op [***]" in html
    for tekst in ONBEGREPEN:
        assert (tekst in html) == (tekst in zichtbaar), tekst
    assert "1 gesprekken gingen over geweld of mensenhandel" in html
    for geheim in [V_NUMMER, TELEFOON, *GEWELD, "http://", "https://"]:
        assert geheim not in html, geheim

    kandidaten = uit / "kandidaten.yml"
    voorbeelden = [m.get("text") for m in load_data(str(kandidaten)).intent_examples]
    assert [t for t in ONBEGREPEN if t in voorbeelden] == zichtbaar
    assert not any(V_NUMMER in v or any(g in v for g in GEWELD) for v in voorbeelden)


def test_rapport_zonder_wcag_fouten_en_zonder_verzoeken(tmp_path):
    """The page in a real browser: no axe-core WCAG 2.1 A/AA violation, and it fetches nothing at all."""
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "gesprekken.db"))
    bewaar(store)
    maak_rapport(store.engine, *periode(), tmp_path / "inzicht")
    store.engine.dispose()
    script = ROOT / "tests" / "e2e" / "inzicht_axe.mjs"
    uitvoer = subprocess.run(
        ["node", str(script), str(tmp_path / "inzicht" / "index.html")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    uitkomst = json.loads(uitvoer.stdout.strip().splitlines()[-1])
    assert uitkomst == {"violations": [], "requests": []}
