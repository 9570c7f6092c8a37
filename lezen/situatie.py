"""Which of the page's situations a message tells about, from its words ("mijn man is overleden").

Returns one route, or the close routes it could be (partner or parent died; victim with or without a
report, or witness) so the assistant asks one short question instead of guessing. Plain Python.
"""

import re
from typing import List, Optional, Tuple

from lezen.antwoorden import schoon
from lezen.correctie import verbeterd
from lezen.getallen import rond_correctie
from lezen.lezing import NIETS, Lezing, afgeleid, gezegd
from lezen.taal import normaliseer

DOOD = re.compile(
    r"overl(e+|ij)d|gestorven|sterven|stierf|sterfgeval|\bdood\b|niet meer leeft|leeft niet meer|wed[eu]w|passed away|"
    r"\bdied\b|\bdeath\b|verongelukt|\bkwam (\w+ ){0,3}om\b(?!( \w+){0,5} te \w+)|\blost my (husband|wife|partner|father|mother|dad|mom|parents?)\b|"
    r"\b(man|vrouw|partner|echtgeno\w*|vader|moeder|ouders?) (verloren|begraven)\b|"
    + r"|".join(
        (
            r"begraven|begrafenis|uitvaart|crematie|gecremeerd|\bas (\w+ )?(verstrooid|uitgestrooid)|strijd (\w+ ){0,3}verloren",
            r"verloor (\w+ ){0,2}strijd|niet meer onder ons|niet meer in leven|is er niet meer|er niet meer is|omgekomen|"
            r"om het leven|\blost my\b|"
            r"(is|werd|zijn|werden) vermoord|ingeslapen|\bgraf\b|begraafplaats|niet meer wakker|rahmetli|"
            r"(man|vrouw|partner|vader|moeder|ouders?) kwijtgeraakt|kwijtgeraakt (\w+ ){0,2}(ze|hij) had",
            r"heengegaan|ontslapen|doodgegaan|dood gegaan|\bvefat|hayatini kaybetti|\bpassed\b",
        )
    )
)
# Told indirectly: the situation is inferred and confirmed before the check.
DOOD_INDIRECT = re.compile(
    r"begraven|begrafenis|uitvaart|crematie|gecremeerd|\bas (\w+ )?(verstrooid|uitgestrooid)|strijd|niet meer onder ons|"
    r"niet meer in leven|is er niet meer|er niet meer is|heengegaan|ontslapen|\bpassed\b|(man|vrouw|partner|vader|moeder|ouders?) verloren|"
    r"omgekomen|om het leven|ingeslapen|\bgraf\b|begraafplaats|niet meer wakker|rahmetli|kwijtgeraakt|vermoord"
)
# "mijn man is niet dood", "de relatie is dood": no death.
GEEN_DOOD = re.compile(
    r"(niet|geen|nooit) (\w+ )?(dood|overleden|gestorven)|(relatie|huwelijk|liefde|gevoel) is (\w+ )?dood|dood ?moe|doodop"
)
# A threat in words of death is never a death: "hij wil me dood", "hij maakt me af", "ze vermoorden me".
DREIGING = re.compile(
    r"dreig|bedreig|\bwil(len|de|den)? (me|mij|ons) (\w+ )?(dood|vermoorden|doden|afmaken|iets aandoen)|"
    r"(maakt|maken|maak) (me|mij|ons|je|jou) (\w+ )?(dood|af|kapot)|(dood|af|kapot) (te )?maken|vermoorden|vermoordt|doodmaken|"
    r"(gaat|zal|gaan|zullen) (me|mij|ons) (\w+ )?(doden|vermoorden|afmaken|dood maken)|maakt (hij|ze|zij) (me|mij) (dood|af|kapot)|"
    r"(me|mij) afmaken|steek (je|jou|me|mij) neer|vindt (me|mij|je) (waar|overal)|(me|mij) (\w+ )?vinden|stalk|chanteer|chantage|"
    r"(me|mij|ons|mijn \w+) (\w+ )?(dood|af|kapot) (te )?(maakt|maken|maak|zal maken|gaat maken)|doodt|afmaakt|"
    r"\bwil (me|mij) dood hebben|(me|mij) (iets )?aan te doen|kill (me|us)|threat"
)
# The page's "Bestaat de dreiging niet meer?": a threat that ended tells of one before ("mijn ex laat me nu met rust").
DREIGING_VOORBIJ = re.compile(
    r"(geen|niet meer|nooit meer) (\w+ ){0,2}(dreiging|bedreig\w*)|dreiging (\w+ ){0,6}(weg|voorbij|over|niet meer|"
    r"gestopt|opgehouden|verdwenen)|bedreigt (me|mij|ons) niet meer|(laat|laten) (me|mij|ons) (\w+ ){0,2}met rust|"
    r"threat (is |has )?(gone|over|ended|stopped)|no (more|longer) (a )?threat"
)
# An orphan has lost a parent: "een wees", "ik ben wees" (never "wees gerust").
WEES = re.compile(r"\b(een|ben|als|werd|is|zijn|halve|volle) wees\b|\bweeskind|\borphan(ed)?\b")
PARTNER = re.compile(
    r"\b(man|vrouw|partner|echtgeno\w*|vriend|vriendin|husband|wife|weduwe\w*|weduwnaar|zawj|zawja|kocam|esim|karim)\b"
)
OUDER = re.compile(
    r"(vader|moeder|ouders?)\b|\b(papa|mama|pa|ma|dad|mom|mum|father|mother|parents?|babam|annem|baba|anne|abi|oumi)\b"
)
MENSENHANDEL = re.compile(
    r"mensenhandel|mensen handel|uitgebuit|uitbuit|loverboy|gedwongen (te |tot )?(werken|werk|prostitutie|seks)|"
    r"moest (\w+ ){0,3}(in de )?prostitutie|prostitutie (\w+ ){0,2}moest|valse belofte|"
    r"(moest|moesten) (\w+ ){0,6}werken (\w+ ){0,4}zonder (geld|loon|betaling)|"
    r"trafficking|mensensmokkel|gedwongen in de prostitutie|seksuele uitbuiting|arbeidsuitbuiting|"
    r"dwongen (me|mij|ons) (in de |tot )?(prostitutie|seks|werken)|loon afgeven|prostitutie (\w+ )?dwong|dwong (\w+ ){0,3}prostitutie|"
    r"paspoort (af|in)|paspoort afgepakt|afgepakt (\w+ )?paspoort|geld afgeven|met mannen slapen|"
    r"werken zonder (loon|geld|betaling)|zonder loon|(bijna )?niets betaald|(bijna )?geen loon|gelokt|"
    r"schuld (\w+ ){0,3}afbetalen|moest (al )?mijn (loon|geld) afgeven"
)
KOSTEN = re.compile(
    r"\b(kost|kosten|betaal\w*|leges|prijs|bedrag|euro|fee|cost|costs|pay)\b|\b(hoeveel|wat) (\w+ ){0,3}betalen\b|how much|"
    # "wat moet mijn cliënte (32 jaar, Nigeriaans) betalen?", not "wat moet ik doen om te betalen?"
    r"\bwat (moet|moeten|gaat|gaan|zal|zullen) (?!(\w+ ){0,3}doen\b)(\w+ ){0,6}betalen\b"
)
GETUIGE = re.compile(
    r"getuig|witness|\bgezien\b|\bzag\b|niet zelf (het )?slachtoffer|zelf niet (het )?(slachtoffer|uitgebuit)"
)
NIET_ZELF = re.compile(r"niet zelf|zelf niet|geen slachtoffer")
GEEN_AANGIFTE = re.compile(
    r"geen aangifte|zonder aangifte|nooit aangifte|niet aangeven|niet aan (te )?geven|aangifte niet mogelijk|"
    r"aangifte (doen )?(kan|kon|wil|durf)\w* ik niet|(kan|kon|wil|durf)\w* (ik )?geen (aangifte|verklaring)|"
    r"geen verklaring afleggen|te ziek om|durf(de)? (ik |het )?niet|niet (kunnen|kan|kon) meewerken|(kan|kon) (ik )?niet meewerken|niet naar de politie|"
    r"not report|no report|(didnt|didn t|did not) report"
)
AANGIFTE = re.compile(
    r"aangifte (\w+ )?(gedaan|ingediend)|heb aangifte|deed (wel )?aangifte|met aangifte|meegewerkt|mee gewerkt|"
    r"verklaring(en)? afgelegd|aangegeven|aan de politie verteld|naar de politie|reported|"
    r"veroordeeld|rechtszaak|strafzaak|de dader|vrijgesproken|aangifte (\w+ ){0,2}(deden|deed)|die aangifte|"
    r"(politie|justitie) geholpen|geholpen (\w+ ){0,4}(politie|strafzaak|zaak|onderzoek|strafproces)|"
    r"straf gekregen|gevangenisstraf|in de gevangenis"
)
# "Geen aangifte, maar wel op een andere manier meegewerkt": the page's victim route ("aangifte gedaan of op een
# andere manier meegewerkt"), whatever the negation before it.
ANDERS_MEEGEWERKT = re.compile(
    r"(geen|niet) aangifte (\w+ ){0,4}(maar|wel) (\w+ ){0,8}(meegewerkt|mee gewerkt|geholpen|verklaring(en)? afgelegd)|"
    r"andere manier (\w+ ){0,4}(meegewerkt|mee gewerkt|geholpen)|(meegewerkt|geholpen) op een andere manier"
)
GETUIGE_AANGEVER = re.compile(r"getuige ?aangever")
# On this page only the trafficking route speaks of not being able to take part in the criminal case.
STRAFPROCES_NIET = re.compile(
    r"niet (kan |kon |kunnen )?meewerken aan (het|de) (strafproces|strafzaak|strafonderzoek|onderzoek)"
)
# Afraid to report, not afraid of what may happen: "ik ben bang dat ze mijn familie iets aandoen" tells no case.
BANG = re.compile(
    r"durf (het )?niet|durf geen|te bang|(ben|was|zijn|waren) bang (om|voor) (\w+ ){0,3}(aangifte|politie|verklaring|te praten|te vertellen)|"
    r"wil niet tegen"
)
GEWELD = re.compile(
    r"huiselijk|eergerelateerd|eer gerelateerd|eerwraak|mishandel|\bsla(at|an)\b|\bsloeg\b|geslagen|geweld|"
    r"vrouwenopvang|blijf van mijn lijf|domestic violence|abuse|\b(hits|hit|beats|beat) me\b|bedreig|\bde eer\b|familie-eer|honou?r|"
    r"doet (me|mij) pijn|pijn gedaan|\bschopt\b|\bgeschopt\b|opgesloten|sluit (me|mij) op|wurg|"
    r"(ben|zijn|was) bang (voor|van) (hem|haar|mijn|m n|hen|die)|duwde|geduwd|uithuwelijk|gedwongen (te )?trouwen|"
    r"niet veilig (thuis|bij)|laat (me|mij) niet (met rust|los)|zoekt (me|mij)|wil (me|mij) (nog steeds |nog )?dood"
)
# Danger now: the help lines show with whatever answer follows (112 first).
GEVAAR = re.compile(
    r"staat voor de deur|achtervolgt|volgt (me|mij)|ben (nu )?(niet veilig|in gevaar)|in gevaar|"
    r"ben (nog steeds |heel |zo |erg )?bang$|ben (nog steeds |heel |zo |erg )?bang (want|omdat|voor (hem|haar|mijn|zijn|hun))|"
    r"doodsbang|help me|help mij|\bhelp\b|took my passport|passport (was )?taken|cannot leave the house"
)
RELATIE_VOORBIJ = re.compile(
    r"gescheiden|scheiding|scheiden|uit elkaar|relatie (is )?(voorbij|uit|over|beeindigd|verbroken|gestopt)|"
    r"huwelijk (is )?(voorbij|over|ontbonden|stuk|kapot)|divorc|separated|broke up|\bex\b|heeft me verlaten|bij mijn man weg|"
    r"weg bij mijn (man|vrouw|partner)|partnerschap (is )?(ontbonden|beeindigd)|op de klippen|niet meer samen|niet (meer|langer) getrouwd|verblijf hangt aan|"
    r"\bhet is uit\b|\buit tussen ons\b|\b(is|zijn) (\w+ ){0,2}uit\b(?! (mijn|mn|m n|zijn|haar|hun|ons|onze|de|het|een|je|jouw|uw|dit|deze|die|dat|huis|nederland)\b)|(man|vrouw|partner|vriend|vriendin) (is )?vertrokken|"
    r"(man|vrouw|partner|vriend|vriendin) is weg|hebben het uitgemaakt|uitgemaakt|bosandik|\bbosanma|talaq|"
    r"wil niet meer (met (mij|me) )?verder|weer single|(vriendin|vriend|vrouw|man) kwijt|weggegaan|heeft (mij|me) verlaten|"
    r"\bna (een |het |mijn |ons )?(huwelijk|relatie)\b|einde van (de |een |mijn |ons |het )?(relatie|huwelijk)|"
    r"(relatie|huwelijk) (is )?(ge)?eindigd"
)
MEDISCH = re.compile(
    r"medisch|behandeling|\b(ik|me|mij)\b (\w+ ){0,5}behandeld|chemo|dialyse|artikel 64|uitgesteld vertrek|uitstel van vertrek|"
    r"\bmedical (treatment|reasons?)\b"
)
# Illness words tell the medical route only when nobody else is ill: "mijn moeder in Ghana is ziek" is no treatment
# of the person's own.
ZIEK = re.compile(r"ziekenhuis|\bziek\b|ziekte|kanker")
ANDER_ZIEK = re.compile(
    r"\b(moeder|vader|ouders?|papa|mama|zus|broer|oma|opa|tante|oom|familie|zoon|dochter|neef|nicht|kind|kinderen|"
    r"man|vrouw|partner|echtgeno\w*)\b"
)
BUITEN_SCHULD = re.compile(
    r"buiten (mijn|uw|eigen|zijn|haar|hun|m n|mn) (eigen )?schuld|buitenschuld|kan (niet|nooit) terug|niet terug kan|geen paspoort|staatloos|"
    r"(niet|nooit) (kan|kunnen) verlaten|land wil (me|mij) niet|ambassade|humanitair tijdelijk"
)
KIND = re.compile(
    r"bij mijn (ouders?|vader|moeder|stief\w+|pleeg\w+|adoptie\w+|papa|mama)|pleegkind|adoptiekind|geadopteerd|"
    r"\b(kind|kinderen|zoon|dochter|minderjarige\w*|jongere\w*) (\w+ ){0,4}bij (zijn|haar|hun|de|z n|d r) "
    r"(ouders?|vader|moeder|stief\w+|pleeg\w+|adoptie\w+)|"
    r"adoptie|pleeggezin|als kind|stiefvader|stiefmoeder|with my (parents|mother|father|stepfather|stepmother)|"
    r"stepfather|stepmother|step-father|step-mother|foster|adopted|"
    r"\b(zoon|dochter|son|daughter|child) (\w+ ){0,6}(woont|lives|living|stays) (\w+ ){0,2}(bij (mij|ons)|with (me|us))\b"
)
DEFINITIEVRAAG = re.compile(
    r"^(wat (betekent|is|zijn|houdt|bedoel\w*)|betekenis|uitleg|leg .* uit|what (does|is))\b|"
    r"\bwat (is|betekent) dat\b|\bwat betekent\b|\bis dat hetzelfde\b|\bwat wordt .* bedoeld|\bwhat does .* mean\b|\bbetekenis\b"
)
# A question about the procedure (a form, documents, paying, ...) as opposed to telling what happened.
PROCEDUREVRAAG = re.compile(
    r"\?|\b(wat|welk\w*|hoe|waar|wanneer|hoeveel|hoelang|how|what|which|where|when)\b|"
    r"\b(moet|mag|kan) ik\b.*\b(formulier|document\w*|kopie\w*|papieren|betal\w*|opsturen|sturen|indienen|ophalen|reizen)"
)
# A question about one step of the procedure, asked beside a situation: "slachtoffer van huiselijk geweld, welk
# formulier?" gets that answer first (the route's conditions are asked with "voorwaarden" and stay the route's).
PROCEDURE_ONDERWERP = re.compile(
    r"formul\w*|formulir|document|papieren|stukken|bijvoegen|meesturen|erbij doen|kopie|opsturen|opgestuurd|indienen|per post|online|digitaal|betalen|betaal ik|"
    r"\bwerken\b|\bbaan\b|\btwv\b|tewerkstelling|beslis|hoe lang duurt|duurt het|reizen|terugkeervisum|buitenland op vakantie|"
    r"\btravel\w*|\bfly\b|\bflight\b|\bvliegen\b|\bcome back\b|\bterugkomen\b|re ?entry|return visa|"
    r"biometri|vingerafdruk|pasfoto|ophalen|bezwaar|legaliser|vertal|ontvangstbevestiging|verlengen|vervangen|kwijt|"
    r"gestolen|verloren pas|v-nummer|v nummer|inburgeringsdiploma|\bduo\b|naturalis|nederlander worden|geldig|"
    r"onbepaalde tijd|herstel verzuim|brief van de ind|kijkt de ind|telt (dat|dit) mee|nog een kans|"
    r"nog een mogelijkheid|andere mogelijkheid"
)
STERK = (
    "overlijden_partner",
    "overlijden_ouder",
    "mensenhandel_geen_aangifte",
    "mensenhandel_slachtoffer",
    "mensenhandel_getuige",
    "huiselijk_geweld",
)

# The situations a story is most often mistaken for: offered beside the one read ("Gaat uw vraag over: ...?").
NABIJ = {
    "huwelijk_relatie": ["overlijden_partner", "huiselijk_geweld"],
    "overlijden_partner": ["overlijden_ouder", "huwelijk_relatie"],
    "overlijden_ouder": ["overlijden_partner", "kind_bij_ouder"],
    "kind_bij_ouder": ["overlijden_ouder"],
    "huiselijk_geweld": ["huwelijk_relatie", "mensenhandel_geen_aangifte"],
    "mensenhandel_slachtoffer": ["mensenhandel_geen_aangifte", "mensenhandel_getuige"],
    "mensenhandel_geen_aangifte": ["mensenhandel_slachtoffer", "mensenhandel_getuige"],
    "mensenhandel_getuige": ["mensenhandel_slachtoffer", "mensenhandel_geen_aangifte"],
    "medische_behandeling": ["buiten_schuld"],
    "buiten_schuld": ["medische_behandeling"],
}
MENSENHANDEL_ROUTES = ["mensenhandel_slachtoffer", "mensenhandel_geen_aangifte", "mensenhandel_getuige"]
OVERLIJDEN_ROUTES = ["overlijden_partner", "overlijden_ouder"]


def herken(tekst: str) -> Tuple[Optional[str], List[str]]:
    """(route, []) when the words name one situation, (None, [close routes]) when they fit several, else (None, [])."""
    return _herken(verbeterd(tekst))  # "mijn moeder is overleden, nee wacht, ik bedoel mijn vader"


def _herken(tekst: str) -> Tuple[Optional[str], List[str]]:
    t = schoon(tekst)
    delen = rond_correctie(t)
    if delen and delen[1]:  # "overleden, nee sorry, we zijn gescheiden": what follows counts
        na = herken(delen[1])
        if na[0]:  # only when what follows names one situation ("nee wacht, ze zijn in hoger beroep" does not)
            return na
    if GETUIGE_AANGEVER.search(t):
        return "mensenhandel_getuige", []
    if MENSENHANDEL.search(t) or STRAFPROCES_NIET.search(t):
        return _welke_mensenhandel(t)
    if DREIGING.search(t) or DREIGING_VOORBIJ.search(t):
        return "huiselijk_geweld", []
    if WEES.search(t):
        return "overlijden_ouder", []
    if DOOD.search(GEEN_DOOD.sub(" ", t)):
        return _wie_overleed(GEEN_DOOD.sub(" ", tekst))
    for past, route in (
        (GEWELD.search, "huiselijk_geweld"),
        (RELATIE_VOORBIJ.search, "huwelijk_relatie"),
        (MEDISCH.search, "medische_behandeling"),
        (_zelf_ziek, "medische_behandeling"),
        (BUITEN_SCHULD.search, "buiten_schuld"),
        (KIND.search, "kind_bij_ouder"),
    ):
        if past(t):
            return route, []
    return None, []


def _zelf_ziek(t: str) -> bool:
    """An illness word in a clause that names no other ill person."""
    return any(ZIEK.search(deel) and not ANDER_ZIEK.search(deel) for deel in re.split(r" (?:en|maar|want) ", t))


def lees_situatie(tekst: str) -> Lezing:
    """The route (or the close routes, as a list) a message tells about; inferred when told indirectly."""
    verbeterde = verbeterd(tekst)
    route, kandidaten = _herken(verbeterde)
    if not route and not kandidaten:
        return NIETS
    t = schoon(tekst)
    indirect = (
        route in OVERLIJDEN_ROUTES
        and DOOD_INDIRECT.search(t)
        and not re.search(r"overl(e|ij)d|gestorven|\bdood\b|died", t)
        or (route == "huiselijk_geweld" and not GEWELD.search(t))
        or (route == "huwelijk_relatie" and _INDIRECT_UIT.search(t) and not _ZEKER_UIT.search(t))
        or verbeterde != tekst
    )
    waarde = route or list(kandidaten)
    return afgeleid(waarde, tekst) if indirect or kandidaten else gezegd(waarde, tekst)


_ZEKER_UIT = re.compile(
    r"gescheiden|scheiding|scheiden|uit elkaar|relatie (is )?(voorbij|uit|over)|divorc|het is uit|is het uit|"
    r"heeft (me|mij) verlaten|(bij|van) (me|mij) weggegaan"
)
_INDIRECT_UIT = re.compile(
    r"vertrokken|is weg\b|\b(is|zijn|was) (\w+ ){0,2}uit\b(?! (mijn|mn|m n|zijn|haar|hun|ons|onze|de|het|een|je|jouw|uw|dit|deze|die|dat|huis|nederland)\b)|verlaten|weggegaan|kwijt|single|talaq|niet meer (met (mij|me) )?verder"
)


# "Er is in die jaren geen reden geweest om uw verblijfsvergunning in te trekken" is a condition of three routes;
# the words of one of them name which ("tijdens mijn huwelijk", "bij mijn ouders").
INTREKKEN = re.compile(
    r"\b(intrek\w*|ingetrokken|in te trekken|trekt? (\w+ ){1,4}in\b|af te nemen|afnemen|afgenomen|afpakken|"
    r"afgepakt|revok\w*|withdr[ae]w\w*)"
)
ROUTE_WOORDEN = (
    (
        "huwelijk_relatie",
        re.compile(r"\b(huwelijk|getrouwd|relatie|partner|man|vrouw|echtgeno\w*|marriage|married|husband|wife)\b"),
    ),
    ("kind_bij_ouder", re.compile(r"\b(ouders?|vader|moeder|pleegkind|adoptie\w*|parents?)\b")),
    ("medische_behandeling", re.compile(r"\b(medisch\w*|behandeling|medical|treatment)\b")),
)


def route_van_intrekken(tekst: str) -> Optional[str]:
    """The route whose condition about withdrawing the permit a message asks after, when its words name one."""
    t = schoon(tekst)
    if not INTREKKEN.search(t):
        return None
    routes = [route for route, woorden in ROUTE_WOORDEN if woorden.search(t)]
    return routes[0] if len(routes) == 1 else None


# "Verandert u niet van verblijfsdoel, maar bijvoorbeeld alleen van werkgever of onderwijsinstelling? Dan is het
# melden van de wijziging aan de IND meestal voldoende."
ALLEEN_MELDEN = re.compile(
    r"\b(niet|geen) (van |een )?(ander(e)? )?(verblijfs)?doel\b|\b(het)?zelfde (verblijfs)?doel\b|"
    r"\balleen (\w+ ){0,2}(van |een )?(andere |nieuwe )?(werkgever|school|onderwijsinstelling|opleiding|universiteit|baas)\b"
)


def alleen_melden(tekst: str) -> bool:
    """The purpose stays, only the employer or school changes: reporting it is usually enough."""
    return bool(ALLEEN_MELDEN.search(schoon(tekst)))


def noemt_overlijden(tekst: str) -> bool:
    """Whether the words tell a death at all (plainly or indirectly); a model that hears one in "mijn vergunning
    verloopt" or "mijn moeder is ziek" is not followed."""
    t = schoon(tekst)
    return bool(DOOD.search(GEEN_DOOD.sub(" ", t)) or DOOD_INDIRECT.search(t) or WEES.search(t))


def gevaar(tekst: str) -> Optional[str]:
    """'mensenhandel' or 'geweld' when a message speaks of trafficking, violence, threats or fear; else None."""
    t = schoon(tekst)
    if MENSENHANDEL.search(t):
        return "mensenhandel"
    if GEWELD.search(t) or DREIGING.search(t) or GEVAAR.search(t):
        return "geweld"
    return None


FAMILIE_VERBLIJF = re.compile(
    r"gezinshereniging|gezinsvorming|gezinsvergunning|familievergunning|"
    r"(verblijf|woon\w*|verble\w*) bij (een |mijn |haar |zijn |hun )?(familielid|familieleden|familie|gezin)\b|"
    r"bij (een |mijn |haar |zijn |hun )?(familielid|familieleden) (\w+ ){0,2}(woon\w*|verble\w*|verblijf\w*)|"
    r"family (permit|reunification|member)"
)


FAMILIELID = re.compile(
    r"\b(man|vrouw|partner|echtgeno\w*|vader|moeder|ouders?|stief\w*|pleeg\w*|adoptie\w*|papa|mama|zoon|dochter|"
    r"husband|wife|father|mother|parents?|stepfather|stepmother|dad|mom|son|daughter|child)\b"
)


def verblijf_bij_familie(tekst: str) -> bool:
    """'Een vergunning voor gezinshereniging', 'a family permit': a stay with a family member, route unnamed."""
    return bool(FAMILIE_VERBLIJF.search(schoon(tekst)))


def noemt_familielid(tekst: str) -> bool:
    """Which family member: 'bij mijn stiefvader', 'my husband'."""
    return bool(FAMILIELID.search(schoon(tekst)))


BEDRAG = re.compile(
    r"wat kost|hoeveel (\w+ ){0,3}(kost|betal\w*|geld|euro|leges)|betal\w* (\w+ ){0,3}minder|minder (betalen|kosten)|"
    r"goedkoper|duurder|bedrag|how much|korting"
)


def vraagt_bedrag(tekst: str) -> bool:
    """An amount asked ("hoeveel", "betalen Turken minder?"), not how to pay."""
    return bool(BEDRAG.search(schoon(tekst)))


def vraagt_kosten(tekst: str) -> bool:
    return bool(KOSTEN.search(schoon(tekst)))


def vraagt_procedure_onderwerp(tekst: str) -> bool:
    """A question (not a statement: "ik heb mijn inburgeringsdiploma") about one step of the procedure."""
    return any(PROCEDURE_ONDERWERP.search(zin) for zin in _vragende_zinnen(tekst))


def vraagt_iets(tekst: str) -> bool:
    """A sentence that asks something."""
    return bool(_vragende_zinnen(tekst))


def _vragende_zinnen(tekst: str) -> List[str]:
    """The sentences that ask: a question mark, or a question word at the start."""
    zinnen = re.findall(r"[^.!?]+[.!?]?", normaliseer(tekst))
    return [zin for zin in zinnen if zin.rstrip().endswith("?") or VRAAGWOORD.search(zin)]


VRAAGWOORD = re.compile(
    r"(^|, ?|: ?)\s*(welk\w*|wat|hoe|waar|wanneer|hoeveel|hoelang|mag|moet|kan|kun|heb|is|which|what|how|where|when|can)\b|"
    r"\b(welk\w*|hoeveel|hoelang|wanneer|hoe (moet|kan|lang|vraag|dien|krijg)|waar (moet|kan))\b"
)


# "Ik voldoe niet aan de voorwaarden, heb ik nog een kans?", "kijkt de IND daarnaar?": what the IND weighs when a
# route's conditions are not met. The page answers it for these situations only.
NIET_VOLDAAN = re.compile(
    r"voldo\w* (\w+ ){0,2}niet aan|niet aan (de|alle|deze) voorwaarden|rekening (mee )?(houden|gehouden)|"
    r"persoonlijke (situatie|omstandigheden)|bijzondere (individuele )?omstandigheden|klemmende reden(en)?|"
    r"kijkt (de )?ind\b|waar kijkt de ind|nog een kans|nog (een )?mogelijkheid|telt (\w+ ){0,8}mee\b|meetellen|"
    r"andere mogelijkheid|(weegt|wegen) (\w+ ){0,6}mee|meegewogen|speelt (\w+ ){0,8}mee\b|meespelen|"
    r"(speelt|spelen) (dat|dit) (\w+ ){0,2}rol|\b(neemt|nemen) (\w+ ){0,3}(dat|dit|daar|hier)\w* (\w+ ){0,3}mee\b|"
    r"\bmaakt (dat|dit) (\w+ ){0,3}uit\b|" + DREIGING_VOORBIJ.pattern
)
UITLEG_ALS_NIET_VOLDAAN = {
    "mensenhandel_slachtoffer": "begrip/bijzondere_omstandigheden",
    "mensenhandel_getuige": "begrip/bijzondere_omstandigheden",
    "mensenhandel_geen_aangifte": "begrip/klemmende_redenen",
    "huiselijk_geweld": "begrip/klemmende_redenen",
}


# The page's own words name the answer whatever the situation: "is dat een klemmende reden?"
UITLEG_GENOEMD = (
    (re.compile(r"klemmende reden(en)?"), "begrip/klemmende_redenen"),
    (re.compile(r"bijzondere (individuele )?omstandigheden"), "begrip/bijzondere_omstandigheden"),
)


def uitleg_als_niet_voldaan(tekst: str, routes: List[str]) -> Optional[str]:
    """The page's answer to "what if I do not meet the conditions?" for the first of these routes that has one."""
    t = schoon(tekst)
    if not NIET_VOLDAAN.search(t):
        return None
    genoemd = next((sleutel for woorden, sleutel in UITLEG_GENOEMD if woorden.search(t)), None)
    if genoemd and routes:
        return genoemd
    return next((UITLEG_ALS_NIET_VOLDAAN[r] for r in routes if r in UITLEG_ALS_NIET_VOLDAAN), None)


VOORWAARDEN = re.compile(r"\b(voorwaarden|voorwaarde|eisen|regels|requirements|conditions|rules)\b")


def vraagt_voorwaarden(tekst: str) -> bool:
    return bool(VOORWAARDEN.search(schoon(tekst)))


def vraagt_procedure(tekst: str) -> bool:
    return bool(PROCEDUREVRAAG.search(normaliseer(tekst)))


# "Wat zijn de eisen voor kinderen die ...?" asks the conditions, not what a word means.
ALLEEN_VOORWAARDEN = re.compile(r"^wat (zijn|is) (de |het )?(voorwaarden|voorwaarde|eisen|regels)\b")


def vraagt_betekenis(tekst: str) -> bool:
    """'Wat betekent humanitair niet-tijdelijk?' asks for a word's meaning, not about the person's situation."""
    t = schoon(tekst)
    return bool(DEFINITIEVRAAG.search(t)) and not ALLEEN_VOORWAARDEN.search(t)


def _wie_overleed(tekst: str) -> Tuple[Optional[str], List[str]]:
    """The person word nearest to the word for dying, in the clause that says it."""
    for zin in re.split(r"[.,;!?]| en | maar ", normaliseer(tekst)):
        zin = schoon(zin)
        dood = DOOD.search(zin)
        if not dood:
            continue
        gevonden = _dichtstbij(zin, dood.start())
        if gevonden:
            return gevonden, []
    heel = schoon(tekst)
    dood = DOOD.search(heel)
    gevonden = _dichtstbij(heel, dood.start()) if dood else None
    return (gevonden, []) if gevonden else (None, list(OVERLIJDEN_ROUTES))


def _dichtstbij(zin: str, positie: int) -> Optional[str]:
    kandidaten = [(abs(m.start() - positie), "overlijden_partner") for m in PARTNER.finditer(zin)]
    kandidaten += [(abs(m.start() - positie), "overlijden_ouder") for m in OUDER.finditer(zin)]
    return min(kandidaten)[1] if kandidaten else None


def _welke_mensenhandel(t: str) -> Tuple[Optional[str], List[str]]:
    if GETUIGE.search(t) and ("slachtoffer" not in t or NIET_ZELF.search(t)):
        return "mensenhandel_getuige", []
    if GEEN_AANGIFTE.search(t) and not ANDERS_MEEGEWERKT.search(t):
        return "mensenhandel_geen_aangifte", []
    if AANGIFTE.search(t):
        return "mensenhandel_slachtoffer", []
    if BANG.search(t):
        return "mensenhandel_geen_aangifte", []
    if "slachtoffer" in t and not GETUIGE.search(t):
        return None, ["mensenhandel_slachtoffer", "mensenhandel_geen_aangifte"]
    return None, list(MENSENHANDEL_ROUTES)
