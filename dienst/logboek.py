"""Keeps personal data out of the logs.

V-numbers, client numbers, citizen service numbers, dates of birth and phone numbers (also a WhatsApp id) are
masked; e-mail addresses and access tokens (Meta's, and any after "Bearer") too. A log line that speaks of
violence or trafficking in words is left out altogether: people tell the assistant about these, and no log
needs their story.
"""

import logging
import re
import traceback

GEMASKEERD = "[***]"
WEGGELATEN = "[regel weggelaten: gevoelig onderwerp]"

_PERSOONSGEGEVENS = [
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail
    re.compile(r"(?<![\w.])\+?\d(?:[ \-/]?\d){5,}(?!\w|\.\d)"),  # 6+ digits: V-nummer, klantnummer, BSN, phone
    re.compile(r"(?<![\w.])\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\w|\.\d)"),  # 1-2-1990, 01.02.1990
    re.compile(r"(?<=Bearer )[\w.~+/=-]+", re.IGNORECASE),  # an access token in an Authorization header
    re.compile(r"\bEAA[A-Za-z0-9]{20,}"),  # a Meta (WhatsApp) access token anywhere
    re.compile(r"\b\d{1,2} (?:jan|feb|maa|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.? \d{4}\b", re.IGNORECASE),
]
# Whole words only: identifiers such as form_mensenhandel or huiselijk_geweld stay readable.
_GEVOELIG = re.compile(
    r"\b(?:geweld\w*|mishandel\w*|mensenhandel|uitbuiting|uitgebuit|verkracht\w*|misbruik\w*|"
    r"geslagen|sloeg|slaat|bedreig\w*|eerwraak|loverboy\w*|prostitu\w*|seksue\w*|gedwongen|dwang\w*|"
    r"stalk\w*|slachtoffer\w*|aangifte)\b",
    re.IGNORECASE,
)


def maskeer(tekst: str) -> str:
    if _GEVOELIG.search(tekst):
        return WEGGELATEN
    for patroon in _PERSOONSGEGEVENS:
        tekst = patroon.sub(GEMASKEERD, tekst)
    return tekst


class PersoonsgegevensFilter(logging.Filter):
    """Rewrites a record's message (and traceback) with personal data masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = maskeer(record.getMessage())
        record.args = ()
        if record.exc_info:
            record.exc_text = maskeer("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        return True


def installeer() -> None:
    """Masks every record when it is made, so handlers that Rasa adds later are covered too."""
    maak_record = logging.getLogRecordFactory()
    filter_ = PersoonsgegevensFilter()

    def gemaskeerd_record(*args, **kwargs) -> logging.LogRecord:
        record = maak_record(*args, **kwargs)
        filter_.filter(record)
        return record

    logging.setLogRecordFactory(gemaskeerd_record)
