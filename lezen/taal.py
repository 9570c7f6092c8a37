"""Reading answers typed in everyday Dutch: numbers of years, nationality groups."""

import re
import unicodedata
from typing import Iterable, Optional

GETALWOORDEN = {
    "nul": 0,
    "geen": 0,
    "een": 1,
    "eén": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
    "anderhalf": 1.5,
    "half": 0.5,
}
MAANDEN = re.compile(r"^maand(en)?$")
JAREN = re.compile(r"^(jaar|jaren|jr|jaartjes?)$")
HERKOMST_GROEPEN = {"eu_eer_zwitserland", "turks", "nederlands"}
HERKOMST_WOORDEN = {
    "eu_eer_zwitserland": ("eu", "eer", "europese unie", "zwitser", "zwitserland"),
    "turks": ("turk", "turkije", "turks", "turkse"),
    "anders": ("ander land", "anders", "geen van", "buiten de eu", "niet eu"),
}


def normaliseer(tekst: str) -> str:
    zonder_accenten = unicodedata.normalize("NFKD", tekst or "")
    zonder_accenten = "".join(c for c in zonder_accenten if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", zonder_accenten.lower()).strip()


def herkomst_groep(tekst: str, entiteiten: Iterable[str] = ()) -> Optional[str]:
    """'eu_eer_zwitserland', 'turks', 'nederlands' or 'anders' from entity values or the words typed."""
    for waarde in entiteiten:
        if waarde in HERKOMST_GROEPEN:
            return waarde
    schoon = f" {normaliseer(tekst)} "
    for groep, woorden in HERKOMST_WOORDEN.items():
        if any(re.search(rf"\b{re.escape(w)}\b", schoon) for w in woorden):
            return groep
    return "anders" if list(entiteiten) else None


def entiteit_waarden(bericht: dict, naam: str) -> list:
    """The values NLU found for one entity in a message (after synonyms)."""
    return [str(e.get("value")) for e in bericht.get("entities", []) if e.get("entity") == naam]


ENGELS = {
    "i",
    "my",
    "the",
    "is",
    "am",
    "are",
    "can",
    "what",
    "how",
    "do",
    "does",
    "have",
    "has",
    "with",
    "for",
    "and",
    "to",
    "of",
    "me",
    "it",
    "will",
    "would",
    "please",
    "permit",
    "residence",
    "husband",
    "wife",
    "cost",
    "fee",
    "stay",
    "died",
    "divorced",
    "was",
    "you",
    "your",
    "get",
    "need",
    "which",
    "when",
    "where",
    "why",
}
NEDERLANDS_WOORDEN = {
    "ik",
    "mijn",
    "de",
    "het",
    "een",
    "is",
    "en",
    "van",
    "wat",
    "hoe",
    "kan",
    "niet",
    "met",
    "voor",
    "bij",
    "ben",
    "heb",
    "wij",
    "we",
    "zijn",
    "u",
    "mag",
    "moet",
    "na",
    "nog",
    "dat",
    "die",
    "er",
}


def is_engels(tekst: str) -> bool:
    """A message written in English ('my husband died, can I stay?'), not Dutch with an English word."""
    woorden = re.findall(r"[a-z']+", normaliseer(tekst))
    engels = sum(w in ENGELS and w != "is" for w in woorden)
    nederlands = sum(w in NEDERLANDS_WOORDEN and w != "is" for w in woorden)
    return len(woorden) >= 3 and engels >= 2 and engels > 2 * nederlands
