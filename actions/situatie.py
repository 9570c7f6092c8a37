"""Which of the page's situations a message tells about, from its words ("mijn man is overleden").

Returns one route, or the close routes it could be (partner or parent died; victim with or without a
report, or witness) so the assistant asks one short question instead of guessing. Plain Python.
"""
import re
from typing import List, Optional, Tuple

from actions.antwoorden import schoon

DOOD = re.compile(r"overl(e|ij)d|gestorven|sterven|stierf|\bdood\b|niet meer leeft|weduw|passed away|\bdied\b|\bdeath\b|verongelukt")
PARTNER = re.compile(r"\b(man|vrouw|partner|echtgeno\w*|vriend|vriendin|husband|wife|weduwe\w*|weduwnaar)\b")
OUDER = re.compile(r"\b(vader|moeder|ouders?|papa|mama|pa|ma|father|mother|parents?|stief\w+|pleegvader|pleegmoeder|pleegouders?)\b")
MENSENHANDEL = re.compile(
    r"mensenhandel|mensen handel|uitgebuit|uitbuit|loverboy|gedwongen (te |tot )?(werken|werk|prostitutie|seks)|"
    r"trafficking|mensensmokkel|gedwongen in de prostitutie|seksuele uitbuiting|arbeidsuitbuiting"
)
GETUIGE = re.compile(r"getuige|witness")
GEEN_AANGIFTE = re.compile(
    r"geen aangifte|zonder aangifte|nooit aangifte|niet aangeven|niet aan (te )?geven|geen aangifte (kan|wil|durf)|"
    r"durf (het )?niet|durf geen|te bang|ben bang|wil niet tegen|niet meewerken|not report|no report"
)
AANGIFTE = re.compile(
    r"aangifte (gedaan|ingediend)|heb aangifte|deed aangifte|meegewerkt|mee gewerkt|verklaring afgelegd|reported|"
    r"veroordeeld|rechtszaak|strafzaak|de dader|vrijgesproken"
)
GEWELD = re.compile(
    r"huiselijk|eergerelateerd|eer gerelateerd|eerwraak|mishandel|\bsla(at|an)\b|\bsloeg\b|geslagen|geweld|"
    r"vrouwenopvang|blijf van mijn lijf|domestic violence|abuse|\bhits me\b|bedreigd door (mijn )?(man|vrouw|schoonfamilie|familie|ex)"
)
RELATIE_VOORBIJ = re.compile(
    r"gescheiden|scheiding|scheiden|uit elkaar|relatie (is )?(voorbij|uit|over|beeindigd|verbroken|gestopt)|"
    r"huwelijk (is )?(voorbij|over|ontbonden|stuk|kapot)|divorc|separated|broke up|\bex\b|heeft me verlaten|bij mijn man weg|"
    r"weg bij mijn (man|vrouw|partner)|partnerschap (is )?(ontbonden|beeindigd)|op de klippen|niet meer samen|verblijf hangt aan|"
    r"\bna (een |het |mijn |ons )?(huwelijk|relatie)\b"
)
MEDISCH = re.compile(r"medisch|behandeling|ziekenhuis|\bziek\b|ziekte|chemo|kanker|dialyse|artikel 64|uitgesteld vertrek|uitstel van vertrek")
BUITEN_SCHULD = re.compile(
    r"buiten (mijn|uw|eigen) schuld|buitenschuld|kan (niet|nooit) terug|niet terug kan|geen paspoort|staatloos|"
    r"(niet|nooit) (kan|kunnen) verlaten|land wil (me|mij) niet|ambassade|humanitair tijdelijk"
)
KIND = re.compile(
    r"bij mijn (ouders?|vader|moeder|stief\w+|pleeg\w+|adoptie\w+|papa|mama)|pleegkind|adoptiekind|geadopteerd|"
    r"adoptie|pleeggezin|als kind|stiefvader|stiefmoeder|with my (parents|mother|father)"
)
DEFINITIEVRAAG = re.compile(r"^(wat (betekent|is|zijn|houdt|bedoel\w*)|betekenis|uitleg|leg .* uit|what (does|is))\b")

MENSENHANDEL_ROUTES = ["mensenhandel_slachtoffer", "mensenhandel_geen_aangifte", "mensenhandel_getuige"]
OVERLIJDEN_ROUTES = ["overlijden_partner", "overlijden_ouder"]


def herken(tekst: str) -> Tuple[Optional[str], List[str]]:
    """(route, []) when the words name one situation, (None, [close routes]) when they fit several, else (None, [])."""
    t = schoon(tekst)
    if DOOD.search(t):
        return _wie_overleed(tekst)
    if MENSENHANDEL.search(t):
        return _welke_mensenhandel(t)
    for patroon, route in ((GEWELD, "huiselijk_geweld"), (RELATIE_VOORBIJ, "huwelijk_relatie"), (MEDISCH, "medische_behandeling"),
                           (BUITEN_SCHULD, "buiten_schuld"), (KIND, "kind_bij_ouder")):
        if patroon.search(t):
            return route, []
    return None, []


def vraagt_betekenis(tekst: str) -> bool:
    """'Wat betekent humanitair niet-tijdelijk?' asks for a word's meaning, not about the person's situation."""
    return bool(DEFINITIEVRAAG.search(schoon(tekst)))


def _wie_overleed(tekst: str) -> Tuple[Optional[str], List[str]]:
    """The person word nearest to the word for dying, in the clause that says it."""
    for zin in re.split(r"[.,;!?]| en | maar ", schoon_met_leestekens(tekst)):
        zin = schoon(zin)
        dood = DOOD.search(zin)
        if not dood:
            continue
        kandidaten = [(abs(m.start() - dood.start()), "overlijden_partner") for m in PARTNER.finditer(zin)]
        kandidaten += [(abs(m.start() - dood.start()), "overlijden_ouder") for m in OUDER.finditer(zin)]
        if kandidaten:
            return min(kandidaten)[1], []
    return None, list(OVERLIJDEN_ROUTES)


def _welke_mensenhandel(t: str) -> Tuple[Optional[str], List[str]]:
    if GETUIGE.search(t) and "slachtoffer" not in t:
        return "mensenhandel_getuige", []
    if GEEN_AANGIFTE.search(t):
        return "mensenhandel_geen_aangifte", []
    if AANGIFTE.search(t):
        return "mensenhandel_slachtoffer", []
    return None, list(MENSENHANDEL_ROUTES)


def schoon_met_leestekens(tekst: str) -> str:
    return re.sub(r"\s+", " ", (tekst or "").lower())
