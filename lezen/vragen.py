"""Words that settle which of the page's questions a message asks, when the models are unsure.

Like the situations (lezen/situatie.py), some questions have words that leave no doubt: a TWV that is or is not
needed, a permit that was stolen or is about to expire, how long the new permit is valid, travelling while the
IND decides. When more than one of these fits, none is chosen: the assistant asks.
"""

import re
from typing import Optional

from lezen.antwoorden import schoon

PAS = r"(pas|pasje|vergunning|verblijfsvergunning|verblijfsvergunnig|verblijfsdocument|verblijfspas|verblijfskaart|document|permit|card)"
VRAGEN = (
    (
        "faq/werken",
        re.compile(
            r"\b(twv|tewerkstellingsvergunning) (\w+ ){0,6}(nodig|need|needs|vereist|verplicht|required)\b|"
            r"\b(nodig|need|needs|vereist|verplicht|required)\b (\w+ ){0,6}\b(twv|tewerkstellingsvergunning)\b"
        ),
    ),
    (
        "faq/vervangen",
        re.compile(
            rf"\b{PAS}\b (\w+ ){{0,6}}(gestolen|kwijt|verloren|kwijtgeraakt|kapot|beschadigd|stolen|lost|broken)\b|"
            rf"\b(gestolen|kwijt|verloren|stolen|lost|broken) (\w+ ){{0,3}}{PAS}\b"
        ),
    ),
    (
        "faq/verlengen",
        re.compile(
            rf"\b{PAS}\b (\w+ ){{0,6}}(verloopt|verlopen|loopt (\w+ ){{0,4}}af|afloopt|niet meer geldig|expires?|expiring)\b|"
            r"\beinddatum\b"
        ),
    ),
    (
        "faq/geldigheid",
        re.compile(
            r"\bhoe lang (is|blijft|duurt) (\w+ ){0,5}(geldig|vergunning|humanitair)|\blooptijd\b|"
            r"\b(welke|hoeveel|voor welke) (periode|jaar|jaren)\b (\w+ ){0,6}(geldig|vergunning|afgegeven)|"
            r"\bhow long (is|does) (\w+ ){0,5}(valid|permit)|\bvergunning (\w+ ){0,4}(voor )?hoeveel (jaar|jaren)\b"
        ),
    ),
    (
        "faq/terugkeervisum",
        re.compile(
            r"\b(reizen|reis|op vakantie|naar het buitenland|erheen|travel|abroad) (\w+ ){0,20}"
            r"(aanvraag|beslissing|beslist|wachten|wacht|ligt bij|waiting|decision)\b|"
            r"\b(aanvraag|beslissing|wachten|wacht|ligt bij|waiting|decision) (\w+ ){0,20}"
            r"(reizen|reis|op vakantie|naar het buitenland|erheen|travel|abroad)\b"
        ),
    ),
)


# Travelling while the IND decides is the question also when the old permit expired meanwhile: the page's
# terugkeervisum passage is about exactly that.
VOORRANG = {"faq/terugkeervisum": {"faq/verlengen"}}


def vraag_uit_woorden(tekst: str) -> Optional[str]:
    """The FAQ answer (faq/...) whose words the message has, when exactly one fits; else None."""
    t = schoon(tekst)
    gevonden = [sleutel for sleutel, woorden in VRAGEN if woorden.search(t)]
    for sleutel, wijkt in VOORRANG.items():
        if sleutel in gevonden and set(gevonden) - {sleutel} <= wijkt:
            return sleutel
    return gevonden[0] if len(gevonden) == 1 else None
