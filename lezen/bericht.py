"""One entry for reading a message: the answer to the question asked, or what a free message tells."""

import re
from datetime import date
from typing import Optional

from lezen.antwoorden import lees_ja_nee, lees_strafzaak
from lezen.feiten import leeftijd, nederlands_familielid
from lezen.getallen import CORRECTIE, lees_jaren
from lezen.herkomst import herkomst
from lezen.lezing import Lezing, gezegd

JAREN_VRAGEN = ("jaren_vergunning", "jaren_vergunning_medisch", "jaren_uitgesteld_vertrek")
FAMILIELID = {"partner_nederlander_of_niet_tijdelijk": "partner", "ouder_nederlander_of_niet_tijdelijk": "ouder"}


def lees_antwoord(tekst: str, vraag: str, vandaag: Optional[date] = None) -> Lezing:
    """The answer to the question about `vraag` (a slot name), with its certainty; NIETS when not answered."""
    if vraag in JAREN_VRAGEN:
        jaren = lees_jaren(tekst, vandaag)
        if not jaren.gelezen and (
            lees_ja_nee(tekst).waarde == "onbekend" or re.search(r"\bweet (ik )?(het )?niet\b", tekst.lower())
        ):
            return gezegd("onbekend", tekst)
        if not jaren.gelezen and vraag == "jaren_uitgesteld_vertrek" and lees_ja_nee(tekst).waarde is False:
            return gezegd(0, tekst)  # "nee", "nooit gehad" to "Typ 0 als u dat niet had"
        if (
            not jaren.gelezen
            and vraag == "jaren_uitgesteld_vertrek"
            and re.search(r"\b(niet|nooit) (gehad|had)\b|had ik niet", tekst.lower())
        ):
            return gezegd(0, tekst)
        return jaren
    if vraag == "strafzaak":
        return lees_strafzaak(tekst)
    if vraag == "herkomst_groep":
        return herkomst(tekst)
    if vraag == "minderjarig":
        kaal = re.fullmatch(r"(bijna )?(\d{1,2})( jaar)?( oud)?", tekst.lower().strip(" .!"))
        if kaal:
            return gezegd(int(kaal.group(2)) - (1 if kaal.group(1) else 0) < 18, tekst)
        jaar = leeftijd(tekst)
        if jaar is not None:
            return gezegd(jaar < 18, tekst)
    eerste = tekst.strip().lower()[:3]
    gewoon = eerste not in ("ja", "ja,", "ja ", "nee") and not CORRECTIE.search(tekst.lower())
    if vraag in FAMILIELID and gewoon and nederlands_familielid(tekst, FAMILIELID[vraag]):
        return gezegd(True, tekst)
    return lees_ja_nee(tekst, vraag)
