"""The steps after the classifiers, in order: where the words and the models agree, or the words rule a choice out.

Each step looks at one thing and returns True when the message is settled. The order matters: what the words rule
out first (an EU/EER/Swiss person, a death without words of death), then a question the words settle, then the
question asked for a situation, and last the situation itself over a general answer.
"""

import re
from typing import Callable, Sequence

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

import inhoud
from lezen.herkomst import TURKS
from lezen.lezing import AFGELEID
from lezen.situatie import (
    OVERLIJDEN_ROUTES,
    STERK,
    alleen_melden,
    noemt_familielid,
    noemt_overlijden,
    route_van_intrekken,
    uitleg_als_niet_voldaan,
    verblijf_bij_familie,
    vraagt_iets,
    vraagt_procedure,
    vraagt_voorwaarden,
)
from lezen.vragen import ook_met_situatie, vraag_uit_woorden
from rasaserver.nlu.ontleding import Ontleding

FALLBACK = DEFAULT_NLU_FALLBACK_INTENT_NAME
KOSTEN = "vraag_kosten"
ROUTE = "route_"
# Intent lists: inhoud/intents.yml (checked against the domain).
VRAGEN = inhoud.huidige().intents["situatie_vragen"]
VERVANGBAAR = inhoud.huidige().intents["situatie_vervangbaar"]
OVERLIJDEN_INTENTS = inhoud.huidige().intents["overlijden"]
# Without a situation, a clear FAQ pick wins only over these general answers.
ALGEMEEN_GEVRAAGD = inhoud.huidige().intents["situatie_algemeen_gevraagd"]
WOORDEN_WINNEN = ALGEMEEN_GEVRAAGD | {FALLBACK}
ONDUIDELIJK = {"overlijden_partner": "overlijden_onduidelijk", "mensenhandel_slachtoffer": "mensenhandel_onduidelijk"}
ONZEKER = "situatie_onzeker"
UITZONDERING = "uitzondering_nationaliteit"
ALGEMEEN = {"faq/algemene_voorwaarden"}  # with a situation, the conditions are the route's own (its introduction)
# What the IND looks at when a route's conditions are not met: "kijkt de IND daarnaar?", "heb ik nog een kans?"
UITLEG_BIJ_SITUATIE = {"begrip/bijzondere_omstandigheden", "begrip/klemmende_redenen"}
ANTWOORD_INTENTS = ("faq", "begrip")  # answered from the domain, then action_na_antwoord
# The model hears another purpose or a change in "niet van verblijfsdoel, alleen van school".
GEEN_ANDER_DOEL = {"ander_verblijfsdoel", "situatie_veranderd", FALLBACK}
ALLEEN_MELDEN = "situatie_nieuwe_werkgever"
FAQ_ZEKER = 0.3
# With a situation of STERK told, an FAQ pick whose subject the words do not name must be this sure: "mag een
# kind na de dood van de ouder in het buitenland wonen?" is no question about legalising documents.
FAQ_STERK = 0.8
FAQ_ZWAK = 0.5  # "ik kan niet meewerken aan het strafproces, kan ik blijven?": a situation, no FAQ asked
ANTWOORD = re.compile(r"\s*(ja|nee|jawel|neen|yes|no)\b")
VERHAAL_WOORDEN = 5  # "hij zegt dat hij me dood maakt als ik wegga" is no answer to a question, even if NLU says so
# "Voor personen met de nationaliteit van een EU/EER-land of Zwitserland en hun familieleden gelden andere
# voorwaarden": whatever they ask of the route, its form or its conditions, that is the page's answer.
ANDERE_VOORWAARDEN = {"eu_eer_zwitserland", "familie_eu"}

Stap = Callable[[Ontleding], bool]


def _is_route(intent: str) -> bool:
    return intent.startswith(ROUTE)


def meld_gevaar(o: Ontleding) -> bool:
    """The help lines show with whatever answer follows (actions/zorg.py)."""
    if o.gevaar:
        o.voeg_entiteit_toe("gevaar", o.gevaar)
    return False


def andere_voorwaarden(o: Ontleding) -> bool:
    """An EU/EER/Swiss person or family member asking about a route, its form or its conditions (not a fee: the
    fee answer says it for them; not a word's meaning)."""
    vraag = o.intent in VERVANGBAAR or _is_route(o.intent) or o.intent == "faq"
    if not vraag or (o.intent == "begrip" and o.betekenis) or o.herkomst not in ANDERE_VOORWAARDEN:
        return False
    o.zet(UITZONDERING)
    return True


def turkse_voorwaarden(o: Ontleding) -> bool:
    """ "Voor Turkse onderdanen en hun familieleden kunnen andere voorwaarden gelden": the conditions asked for a
    Turkish person without a situation (with one, the route's answer says it beside its conditions)."""
    vraag = o.intent in VERVANGBAAR or o.intent == "faq"
    if not vraag or o.situatie or o.kosten or not vraagt_voorwaarden(o.tekst):
        return False
    if o.herkomst not in TURKS:
        return False
    o.zet(UITZONDERING)
    return True


def geen_overlijden_zonder_woorden(o: Ontleding) -> bool:
    """No death without words of death: "mijn vergunning verloopt" tells none, so ask, never condole."""
    if o.intent in OVERLIJDEN_INTENTS and not noemt_overlijden(o.tekst):
        o.zet(FALLBACK, zonder=OVERLIJDEN_INTENTS)
    return False


def kosten_uit_eerste_keuzes(o: Ontleding) -> bool:
    """A fee when the fee words and one of the model's first choices agree ("What is her fee?")."""
    if o.intent == FALLBACK and o.kosten and KOSTEN in o.eerste_keuzes():
        o.zet(KOSTEN)
    return False


def onthoud_vervangbaar(o: Ontleding) -> bool:
    """Whether the model's intent, as corrected, may give way. The model heard a fee in "welk formuliertje moet ik
    invulle?": without fee words it may be another question."""
    o.vervangbaar = o.intent in VERVANGBAAR or _is_route(o.intent) or (o.intent == KOSTEN and not o.kosten)
    return False


def uitleg_bij_niet_voldaan(o: Ontleding) -> bool:
    """What the IND weighs for the situation when its conditions are not met ("heb ik nog een kans?")."""
    uitleg = uitleg_als_niet_voldaan(o.tekst, [o.route] if o.route else o.kandidaten)
    if not uitleg or not (o.vervangbaar or o.intent == "faq"):
        return False
    if not o.route and o.sleutel in {uitleg_als_niet_voldaan(o.tekst, [k]) for k in o.kandidaten}:
        uitleg = o.sleutel  # close situations weigh different things: the answer model's pick among them
    o.kies_antwoord(uitleg)
    o.zet(uitleg.split("/")[0])
    if o.route and o.lezing.zeker:  # a situation only inferred is not offered for a check
        o.voeg_entiteit_toe("route", o.route)
    return True


def vraag_in_de_woorden(o: Ontleding) -> bool:
    """The question the words settle ("mijn pas is gestolen, wat nu?"), over a general answer, a fallback, a route
    the words do not tell, another answer a situation may replace, or an FAQ pick that is unsure or has the words'
    answer among its first choices. With a situation told, only an answer the situation does not change
    (lezen/vragen.yml) and only when the message asks something; the offer to check follows ("het is afgewezen
    en ik ben het er niet mee eens, kan ik nog iets doen?")."""
    sleutel = vraag_uit_woorden(o.tekst) or next(iter(o.vragen_per_deel), None)  # or its first question's
    if not sleutel or (o.situatie and not (sleutel in ook_met_situatie() and vraagt_iets(o.tekst))):
        return False
    wijkt = o.intent in WOORDEN_WINNEN or o.intent in VERVANGBAAR or _is_route(o.intent)
    algemeen = wijkt and not (o.intent == KOSTEN and o.kosten)
    eens = o.intent == "faq" and (o.keuze_zekerheid < FAQ_ZWAK or sleutel in o.eerste_antwoorden())
    if not (algemeen or eens):
        return False
    o.kies_antwoord(sleutel)
    o.zet(sleutel.split("/")[0])
    if o.route and o.lezing.zeker:
        o.voeg_entiteit_toe("route", o.route)
    return True


def alleen_een_melding(o: Ontleding) -> bool:
    """ "Ik verander niet van verblijfsdoel, alleen van school": no other purpose, the page's answer on reporting."""
    if o.situatie or not alleen_melden(o.tekst) or o.intent not in GEEN_ANDER_DOEL:
        return False
    o.zet(ALLEEN_MELDEN)
    return True


def voorwaarde_van_een_route(o: Ontleding) -> bool:
    """A condition of a few routes, asked for one ("telt het mee als de IND tijdens mijn huwelijk een reden had om
    mijn pas in te trekken?"): that route's conditions."""
    route = route_van_intrekken(o.tekst)
    if o.situatie or o.kosten or o.betekenis or not route:
        return False
    if not (o.vervangbaar or o.intent in WOORDEN_WINNEN or o.intent == "faq"):
        return False
    o.zet(ROUTE + route)
    return True


def kosten_voor_situatie(o: Ontleding) -> bool:
    """The fee, for the situation told ("wat betaal ik als slachtoffer van mensenhandel?"); close situations share
    one fee (actions/leges.py)."""
    if o.situatie and o.kosten and (o.vervangbaar or (o.intent == "faq" and o.sleutel != "faq/betalen")):
        o.zet(KOSTEN)
    return False


def bedrag_bij_betalen(o: Ontleding) -> bool:
    """An amount asked, not how to pay ("betalen Turken minder?")."""
    if o.intent == "faq" and o.sleutel == "faq/betalen" and o.bedrag:
        o.zet(KOSTEN)
    return False


def familie_zonder_naam(o: Ontleding) -> bool:
    """The overview of routes for a stay with a family member who is not named ("ik had verblijf bij een
    familielid"). Not "van gezinshereniging naar werk" (a route the model chose stays) and not a question."""
    vraag = o.kosten or o.betekenis or o.procedure_onderwerp
    familie = verblijf_bij_familie(o.tekst) and not noemt_familielid(o.tekst) and not vraag
    if not familie or o.situatie or not (o.intent in WOORDEN_WINNEN or _is_route(o.intent)):
        return False
    o.zet("routes_overzicht")
    return True


def faq_voor_situatie(o: Ontleding) -> bool:
    """The FAQ answer asked for a situation ("huiselijk geweld: welk formulier?"), then the offer. Without a
    situation only a clear FAQ pick wins, and only over a general answer."""
    situatie = o.situatie or _is_route(o.intent)
    vraag_mag = situatie or (o.intent in ALGEMEEN_GEVRAAGD and not (o.intent == "begrip" and o.betekenis))
    kosten = o.intent == KOSTEN and (o.kosten or o.bedrag)  # "betalen Turken minder?" asks an amount
    if not o.vervangbaar or kosten or not vraag_mag or not o.procedure_onderwerp:
        return False
    gekozen = (o.sleutel.startswith("faq/") and o.sleutel not in ALGEMEEN) or o.sleutel in UITLEG_BIJ_SITUATIE
    if gekozen and o.keuze_zekerheid >= (FAQ_ZEKER if situatie else FAQ_ZWAK):
        o.zet(o.sleutel.split("/")[0])
    return False


def voorwaarden_van_de_route(o: Ontleding) -> bool:
    """The route's own conditions, not the general ones ("welke voorwaarden gelden voor een pleegkind?")."""
    if o.intent == "faq" and o.route and o.sleutel in ALGEMEEN:
        o.laat_los()
    return False


def situatie_zonder_procedurevraag(o: Ontleding) -> bool:
    """A situation told without a procedure asked ("ik heb mijn man verloren, hij had een vaste vergunning")."""
    zwak = o.keuze_zekerheid < FAQ_STERK and not o.procedure_onderwerp
    if o.intent == "faq" and o.route in STERK and (not vraagt_procedure(o.tekst) or zwak):
        o.laat_los()
    return False


def vraag_houdt_intent(o: Ontleding) -> bool:
    """A question (fee, FAQ) is answered for the situation: the words' route is surer than one the model guessed."""
    if o.intent not in VRAGEN:
        return False
    if o.route:
        o.voeg_entiteit_toe("route", o.route)
    return True


def betekenis_houdt_intent(o: Ontleding) -> bool:
    return o.intent == "begrip" and o.betekenis


def antwoord_blijft(o: Ontleding) -> bool:
    """An answer in a check ("ja", "weet ik niet", "waarom?") stays, unless it tells a danger in a story."""
    verhaal_met_gevaar = bool(
        o.gevaar and o.route and len(o.tekst.split()) >= VERHAAL_WOORDEN and not ANTWOORD.match(o.tekst.lower())
    )
    return bool(o.intent) and not (o.intent in VERVANGBAAR or _is_route(o.intent)) and not verhaal_met_gevaar


def situatie_wint(o: Ontleding) -> bool:
    """The situation the words tell: inferred ones are confirmed first, close ones asked apart."""
    if o.route and o.lezing.zekerheid == AFGELEID and o.route not in OVERLIJDEN_ROUTES:
        o.zet(ONZEKER)
        o.voeg_entiteit_toe("route", o.route)
    elif o.route and o.intent != ROUTE + o.route:
        o.zet(ROUTE + o.route)
    elif o.kandidaten and (not _is_route(o.intent) or o.intent[len(ROUTE) :] in o.kandidaten):
        o.zet(ONDUIDELIJK[o.kandidaten[0]])
    return True


STAPPEN: Sequence[Stap] = (
    meld_gevaar,
    andere_voorwaarden,
    turkse_voorwaarden,
    geen_overlijden_zonder_woorden,
    kosten_uit_eerste_keuzes,
    onthoud_vervangbaar,
    uitleg_bij_niet_voldaan,
    vraag_in_de_woorden,
    alleen_een_melding,
    voorwaarde_van_een_route,
    kosten_voor_situatie,
    bedrag_bij_betalen,
    familie_zonder_naam,
    faq_voor_situatie,
    voorwaarden_van_de_route,
    situatie_zonder_procedurevraag,
    vraag_houdt_intent,
    betekenis_houdt_intent,
    antwoord_blijft,
    situatie_wint,
)


def tweede_vraag(o: Ontleding) -> None:
    """A second question in the message ("mag ik werken? en hoe lang is hij geldig?"): its answer follows the first
    one (actions/aanbod.py), when the words of that question settle it."""
    if o.intent not in ANTWOORD_INTENTS:
        return
    tweede = next((sleutel for sleutel in o.vragen_per_deel if sleutel != o.sleutel), None)
    if tweede:
        o.zet_tweede_antwoord(tweede)


def stuur(o: Ontleding) -> None:
    for stap in STAPPEN:
        if stap(o):
            break
    tweede_vraag(o)
