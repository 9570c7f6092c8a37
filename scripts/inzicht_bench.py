"""How long `make inzicht` takes on a large store: generates N conversations (default 10,000) into a temporary
SQLite store, times the report and prints the time and the size of the files it wrote.

    .venv/bin/python scripts/inzicht_bench.py [--gesprekken 10000] [--map DIR]

The conversations are made with the tests' builder (tests/beheer/voorbeelden.py), so they have the fields
the real server stores; the mix (channels, topics, 20 % of messages not understood, route checks, ratings,
violence routes, V-numbers) is fixed by a seed. With --map the store and the report stay there.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa

from beheer.inzicht.__main__ import TIJDZONE, maak_rapport
from beheer.inzicht.weergave import onderwerpen
from beheer.opruimen import tabel
from tests.beheer.voorbeelden import FALLBACK, Verloop, nu_min

KANALEN = [("socketio", 0.6), ("telegram", 0.15), ("rest", 0.25)]
ROUTES = [
    "huwelijk_relatie",
    "overlijden_partner",
    "kind_bij_ouder",
    "overlijden_ouder",
    "medische_behandeling",
    "buiten_schuld",
]
ZORG = ["huiselijk_geweld", "mensenhandel_slachtoffer", "mensenhandel_geen_aangifte", "mensenhandel_getuige"]
UITKOMSTEN = [("eligible", 0.4), ("possible", 0.2), ("not_eligible", 0.2), ("incomplete", 0.15), ("other_rules", 0.05)]
NIET_BEGREPEN = [
    ("Kan ik mijn pas ophalen in Zwolle?", "faq/na_aanvraag"),
    ("Hoe lang duurt het voordat ik antwoord krijg?", "faq/na_aanvraag"),
    ("Mijn aanvraag is afgewezen, wat nu?", "faq/na_aanvraag"),
    ("Ik wil bezwaar maken tegen de beslissing", "contact_mens"),
    ("Mag ik werken tijdens de aanvraag?", "situatie_veranderd"),
    ("Kan ik op vakantie terwijl mijn aanvraag loopt?", "faq/na_aanvraag"),
    ("Wat is een mvv?", "begrip/verblijfsvergunning"),
    ("Ik ben mijn brief van de IND kwijt", "contact_mens"),
    ("Waar moet ik mijn vingerafdrukken laten afnemen?", "faq/stappen"),
    ("Mijn naam staat verkeerd op mijn pas", "contact_mens"),
    ("Kan mijn moeder ook naar Nederland komen?", "ander_verblijfsdoel"),
    ("Hoeveel kost een paspoort?", "vraag_kosten"),
    ("Moet ik inburgeren voor deze vergunning?", "routes_overzicht"),
    ("Kan ik de leges in termijnen betalen?", "vraag_kosten"),
    ("Is er een wachtrij bij het loket?", "contact_mens"),
]
PERSOONLIJK = ["Mijn V-nummer is {v}. ", "Klantnummer {v}: ", "Bel me op 06{t}. ", ""]


def kies(keuzes, kans: random.Random):
    return kans.choices([k for k, _ in keuzes], [w for _, w in keuzes])[0]


def variant(tekst: str, kans: random.Random) -> str:
    """The same question as people type it: lower case, no question mark, a typo, personal data."""
    if kans.random() < 0.4:
        tekst = tekst.lower()
    if kans.random() < 0.4:
        tekst = tekst.rstrip("?")
    if kans.random() < 0.2 and len(tekst) > 8:
        i = kans.randrange(1, len(tekst) - 2)
        tekst = tekst[:i] + tekst[i + 1] + tekst[i] + tekst[i + 2 :]
    voor = kans.choice(PERSOONLIJK).format(v=kans.randrange(10**9, 10**10), t=kans.randrange(10**7, 10**8))
    return voor + tekst if kans.random() < 0.15 else tekst


def vraag(verloop: Verloop, kans: random.Random, begrepen: list[str]) -> None:
    if kans.random() < 0.2:
        tekst, dichtst = kans.choice(NIET_BEGREPEN)
        faq = dichtst if "/" in dichtst else ""
        verloop.zeg(variant(tekst, kans), FALLBACK, 0.5, naast=dichtst.split("/")[0], faq=faq)
        verloop.doe("action_two_stage_fallback", "utter_bedoelde_u")
        return
    onderwerp = kans.choice(begrepen)
    intent, _, sleutel = onderwerp.partition("/")
    verloop.zeg(
        onderwerpen()[onderwerp]["titel"],
        intent,
        round(kans.uniform(0.6, 1.0), 3),
        faq=onderwerp if sleutel else "",
        actie=f"utter_{intent}",
    )


def gesprek(kans: random.Random, begrepen: list[str]) -> Verloop:
    kanaal = kies(KANALEN, kans)
    # Within 28.5 days: all fall inside the report's 30 (Amsterdam) days, whatever the time of the run.
    verloop = Verloop(nu_min(kans.uniform(0.01, 28.5)), kanaal)
    if kanaal == "socketio":
        verloop.zeg("/greet", "greet", 1.0, actie="utter_welkom")
    for _ in range(kans.choice([1, 1, 2, 2, 3, 4, 6, 9])):
        vraag(verloop, kans, begrepen)
    if kans.random() < 0.05:
        route = kans.choice(ZORG)
        verloop.zeg("Ik durf niet naar huis, hij is gewelddadig", f"route_{route}", 0.9, actie="action_kies_route")
        verloop.zeg("ja", "affirm", 0.95).controle(route, None)
    elif kans.random() < 0.15:
        route = kans.choice(ROUTES)
        verloop.zeg(onderwerpen()[f"route_{route}"]["titel"], f"route_{route}", 0.9, actie="action_kies_route")
        verloop.zeg("ja", "affirm", 0.95).controle(route, kies(UITKOMSTEN, kans) if kans.random() < 0.6 else None)
    if kans.random() < 0.3:
        goed = kans.random() < 0.7
        opmerking = kans.choice(["", "", "Duidelijk, dank u", "Te lang antwoord", "Ik snap het nog niet"])
        verloop.oordeel("goed" if goed else "slecht", verloop.events[-2].text or "Antwoord.", opmerking)
    return verloop


def genereer(engine: sa.engine.Engine, aantal: int, zaad: int = 13) -> int:
    """Writes the conversations straight into the events table, as Rasa's SQL store lays them out."""
    events = tabel()
    events.metadata.create_all(engine, tables=[events])
    kans = random.Random(zaad)
    begrepen = [k for k in onderwerpen() if not k.startswith("route_")]
    totaal = 0
    with engine.begin() as verbinding:
        for nummer in range(aantal):
            rijen: list[dict] = []
            for event in gesprek(kans, begrepen).events:
                data = event.as_dict()
                rijen.append(
                    {
                        "sender_id": f"bench-{nummer}",
                        "type_name": event.type_name,
                        "timestamp": data["timestamp"],
                        "intent_name": None,
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            verbinding.execute(events.insert(), rijen)
            totaal += len(rijen)
    return totaal


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gesprekken", type=int, default=10_000)
    parser.add_argument("--map", type=Path, help="keep the store and the report here")
    argumenten = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="inzicht-bench-") as tijdelijk:
        werkmap = argumenten.map or Path(tijdelijk)
        werkmap.mkdir(parents=True, exist_ok=True)
        db = werkmap / "gesprekken.db"
        db.unlink(missing_ok=True)
        engine = sa.create_engine(f"sqlite:///{db}")
        begin = time.perf_counter()
        aantal_events = genereer(engine, argumenten.gesprekken)
        print(
            f"gegenereerd: {argumenten.gesprekken} gesprekken, {aantal_events} events, "
            f"{db.stat().st_size / 2**20:.1f} MB in {time.perf_counter() - begin:.1f} s"
        )
        vandaag = datetime.now(TIJDZONE).date()
        begin, cpu = time.perf_counter(), time.process_time()
        cijfers = maak_rapport(engine, vandaag - timedelta(days=29), vandaag, werkmap / "inzicht")
        duur, cpu = time.perf_counter() - begin, time.process_time() - cpu  # CPU too: the machine may be shared
        engine.dispose()
        html, kandidaten = werkmap / "inzicht" / "index.html", werkmap / "inzicht" / "kandidaten.yml"
        print(
            f"rapport: {duur:.1f} s ({cpu:.1f} s CPU) voor {cijfers.gesprekken} gesprekken ({cijfers.berichten} berichten); "
            f"index.html {html.stat().st_size / 1024:.0f} kB, kandidaten.yml {kandidaten.stat().st_size / 1024:.0f} kB"
        )
        begin = time.perf_counter()
        omgeving = {
            **os.environ,
            "ASSISTENT_VAR": str(werkmap),
            "GESPREKKEN_DB": str(db),
            "ASSISTENT_MODUS": "",
            "ENDPOINTS": "endpoints.yml",
        }
        opdracht = subprocess.run(
            [sys.executable, "-m", "beheer.inzicht", "--uit", str(werkmap / "opdracht")],
            cwd=ROOT,
            env=omgeving,
            capture_output=True,
            text=True,
            check=False,
        )
        if opdracht.returncode:
            print(opdracht.stderr.strip().splitlines()[-1], file=sys.stderr)
            return 1
        print(f"python -m beheer.inzicht als geheel (met het laden van Rasa): {time.perf_counter() - begin:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
