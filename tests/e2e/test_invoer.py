"""Fuzz: hundreds of bad inputs to the REST channel; every one gets a reply or a 4xx, never a 5xx."""

import json
import random
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import List, Tuple

from tests.e2e.stack import teksten

RAND = random.Random(20261129)
TALEN = [
    "كم تكلفة الطلب؟",
    "ማመልከቻ ስንት ያስከፍላል?",
    "Başvuru ne kadar tutar?",
    "申请要多少钱？",
    "Сколько стоит заявление?",
    "How much does the application cost?",
    "Скільки коштує заява?",
    "Combien coûte la demande ?",
    "درخواست چقدر هزینه دارد؟",
    "Ile kosztuje wniosek?",
]
HTML = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<b>vet</b> wat kost het?",
    "<iframe src='javascript:alert(1)'></iframe>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "<svg onload=alert(1)>",
]
SQL = [
    "'; DROP TABLE events; --",
    "1 OR 1=1",
    '" OR ""="',
    "Robert'); DROP TABLE students;--",
    "UNION SELECT sender_id FROM events",
    "admin'--",
]
EMOJI = ["😀", "🇳🇱🇹🇷", "👨‍👩‍👧‍👦", "🙏🏽", "💶💶💶", "❤️‍🔥", "🤷‍♀️ geen idee"]
STUURTEKENS = ["\x00", "\x07", "\x1b[31m", "\u202e", "\ufeff", "\u200b", "\r\n", "\t", "\x7f", "\ud800", "\udfff"]
COMMANDO = [
    "/restart",
    "/session_start",
    '/inform{"jaren_vergunning": 99}',
    "/affirm",
    "/stop",
    "//",
    "/nlu_fallback",
    '/route_huwelijk_relatie{"route": "x"}',
    "/action_listen",
    "/ ",
]


def berichten() -> List[object]:
    goed = ["Wat kost de aanvraag?", "Mijn partner is overleden", "ja", "nee", "stop", "weet ik niet"]
    uitvoer: List[object] = ["", " ", "\n\n", "\t \r\n", "   \u00a0  "]
    uitvoer += ["a" * 10_000, "wat kost het " * 800, "😀" * 5_000, "x" * 1001, "x" * 1000]
    for reeks, aantal in ((TALEN, 40), (HTML, 40), (SQL, 40), (EMOJI, 40), (COMMANDO, 40)):
        uitvoer += [RAND.choice(reeks) + RAND.choice(["", " ", " " + RAND.choice(goed)]) for _ in range(aantal)]
    uitvoer += [
        "".join(RAND.choice(STUURTEKENS + ["a", " ", "é"]) for _ in range(RAND.randint(1, 30))) for _ in range(40)
    ]
    uitvoer += ["".join(chr(RAND.randint(0x20, 0x2FFF)) for _ in range(RAND.randint(1, 80))) for _ in range(20)]
    return uitvoer


def lichamen() -> List[bytes]:
    """Request bodies that are not a valid message at all."""
    kapot = [
        b"",
        b"{",
        b"{bad json}",
        b"[1, 2]",
        b"null",
        b"42",
        b'"tekst"',
        b"\xff\xfe\x00",
        b"{'sender': 'a'}",
        b'{"sender": "a", "message": "x"',
        b"<xml/>",
        b"true",
    ]
    verkeerd = [
        {"sender": 1, "message": "hoi"},
        {"sender": None, "message": "hoi"},
        {"sender": "", "message": "x"},
        {"sender": "a" * 500, "message": "x"},
        {"message": "geen afzender"},
        {"sender": "a", "message": 12},
        {"sender": "a", "message": ["lijst"]},
        {"sender": "a", "message": {"tekst": 1}},
        {"sender": "a", "message": True},
        {"sender": ["a"], "message": "x"},
        {"sender": "a", "message": "x", "metadata": "geen object"},
        {"sender": "a", "message": "x", "metadata": [1]},
    ]
    return kapot + [json.dumps(v).encode() for v in verkeerd] * 2


def verstuur(url: str, lichaam: bytes) -> Tuple[int, bytes]:
    verzoek = urllib.request.Request(url, data=lichaam, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(verzoek, timeout=60) as antwoord:
            return antwoord.status, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.read()


def test_fuzz_elk_bericht_krijgt_antwoord_of_4xx(stack):
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    geldig = [json.dumps({"sender": f"fuzz-{i % 25}", "message": b}).encode() for i, b in enumerate(berichten())]
    ongeldig = lichamen()
    assert len(geldig) + len(ongeldig) >= 300
    with ThreadPoolExecutor(max_workers=4) as pool:
        geldige_uitkomsten = list(pool.map(lambda b: verstuur(url, b), geldig))
        ongeldige_uitkomsten = list(pool.map(lambda b: verstuur(url, b), ongeldig))

    for lichaam, (status, inhoud) in zip(geldig, geldige_uitkomsten, strict=True):
        assert status == 200, (lichaam[:80], status, inhoud[:200])
        assert teksten(json.loads(inhoud)), ("geen antwoord", lichaam[:80])
    for lichaam, (status, inhoud) in zip(ongeldig, ongeldige_uitkomsten, strict=True):
        assert 400 <= status < 500, (lichaam[:80], status, inhoud[:200])
    assert "€" in teksten(stack.zeg("na-fuzz", "Wat kost de aanvraag?"))


def test_te_lang_bericht_krijgt_uitleg(stack):
    assert "te lang" in teksten(stack.zeg("lang", "a" * 10_000))


def test_leeg_bericht_krijgt_uitleg(stack):
    assert "geen tekst" in teksten(stack.zeg("leeg", "   "))
