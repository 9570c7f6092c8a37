"""The report as one HTML file: Dutch, offline (style inline, charts as inline SVG, no script), accessible."""

from collections import Counter
from datetime import datetime, timedelta
from html import escape

import inhoud
from beheer.inzicht import grafiek
from beheer.inzicht.cijfers import LENGTES, Cijfers
from beheer.inzicht.groeperen import Groep
from beheer.inzicht.opmaak import alinea, datum, figuur, getal, kort_datum, procent, sectie, tabel
from beheer.inzicht.stijl import STIJL

KANALEN = {
    "socketio": "Web (chat)",
    "telegram": "Telegram",
    "whatsapp": "WhatsApp",
    "rest": "REST",
    "cmdline": "Terminal",
}
UITKOMSTEN = {
    "eligible": "lijkt te voldoen",
    "possible": "misschien mogelijk",
    "not_eligible": "voldoet niet",
    "incomplete": "nog niet te zeggen",
    "other_rules": "andere regels (EU/EER)",
}
OORDEEL = {"goed": "nuttig", "slecht": "niet nuttig"}  # words, not emoji: every font and screen reader has them
MAX_ONDERWERPEN = 20
MAX_ANTWOORDEN = 50
MAX_OPMERKINGEN = 100
MAX_GROEPEN = 100
MAX_VARIANTEN = 3


def onderwerpen() -> dict[str, dict[str, str]]:
    return inhoud.huidige().onderwerpen


def onderwerp_titel(onderwerp: str) -> str:
    titel = onderwerpen().get(onderwerp, {}).get("titel")
    return f"{onderwerp} — {titel}" if titel else onderwerp


def route_titel(route: str) -> str:
    gevonden = inhoud.huidige().routes.get(route)
    return gevonden.titel if gevonden else route


def kerncijfers(c: Cijfers) -> str:
    rijen = [
        ("Gesprekken", c.gesprekken, "met minstens één bericht van de persoon"),
        (
            "Berichten van personen",
            c.berichten,
            "gemiddeld " + getal(round(c.berichten / c.gesprekken, 1)) + " per gesprek" if c.gesprekken else "",
        ),
        ("Berichten begrepen", procent(c.begrepen, c.berichten), "niet de terugvaloptie, niet te onzeker"),
        ("Eerste bericht meteen begrepen", procent(c.direct_begrepen, c.gesprekken), "van de gesprekken"),
        ("Vroeg naar een mens", procent(c.mens, c.gesprekken), f"{getal(c.mens)} gesprekken"),
        ("Eindigde zonder antwoord", procent(c.zonder_antwoord, c.gesprekken), "laatste bericht niet begrepen"),
        (
            "Antwoorden nuttig / niet nuttig",
            f"{getal(c.goed)} / {getal(c.slecht)}",
            procent(c.goed, c.goed + c.slecht) + " nuttig",
        ),
        ("Chat geopend zonder vraag", c.zonder_vraag, "niet meegeteld als gesprek"),
    ]
    return tabel("Kerncijfers van de periode", ["Wat", "Cijfer", "Toelichting"], rijen)


def per_dag(c: Cijfers) -> str:
    dagen = [c.van + timedelta(days=i) for i in range((c.tot - c.van).days + 1)]
    rijen = [(kort_datum(dag), c.per_dag.get(dag, 0)) for dag in dagen]
    svg = grafiek.kolommen("per-dag", "Gesprekken per dag", rijen, labels_om=max(1, len(rijen) // 6))
    return figuur(
        svg,
        "Gesprekken per dag, naar de dag van het eerste bericht.",
        tabel("Gesprekken per dag", ["Dag", "Gesprekken"], [(datum(d), c.per_dag.get(d, 0)) for d in dagen]),
    )


def lengtes(c: Cijfers) -> str:
    rijen = [(label, c.lengtes.get(label, 0)) for _, _, label in LENGTES]
    svg = grafiek.staven("lengte", "Berichten per gesprek", rijen)
    return figuur(
        svg,
        "Aantal gesprekken naar het aantal berichten van de persoon.",
        tabel("Berichten per gesprek", ["Berichten", "Gesprekken"], rijen),
    )


def kanalen(c: Cijfers) -> str:
    rijen = [(KANALEN.get(k, k or "onbekend"), n) for k, n in c.kanalen.most_common()]
    return figuur(
        grafiek.staven("kanaal", "Gesprekken per kanaal", rijen),
        "Gesprekken per kanaal.",
        tabel("Gesprekken per kanaal", ["Kanaal", "Gesprekken"], rijen),
    )


def onderwerpen_deel(c: Cijfers) -> str:
    meest = c.onderwerpen.most_common()
    titels = {o: onderwerpen().get(o, {}).get("titel", "") for o, _ in meest}
    svg = grafiek.staven(
        "onderwerp",
        f"De {MAX_ONDERWERPEN} meest gevraagde onderwerpen",
        [(titels[o] or o, n) for o, n in meest[:MAX_ONDERWERPEN]],
    )
    return figuur(
        svg,
        f"Begrepen berichten per onderwerp (intent of FAQ-vraag), de {MAX_ONDERWERPEN} grootste.",
        tabel("Alle onderwerpen", ["Intent", "Onderwerp", "Berichten"], [(o, titels[o], n) for o, n in meest]),
    )


def controles(c: Cijfers) -> str:
    koppen = ["Route", "Gestart", "Afgerond", "Gestopt"] + list(UITKOMSTEN.values())
    rijen = [
        [route_titel(r), rc.gestart, rc.afgerond, rc.gestopt] + [rc.uitkomsten.get(u, 0) for u in UITKOMSTEN]
        for r, rc in sorted(c.routes.items(), key=lambda item: -item[1].gestart)
    ]
    uitleg = alinea(
        "Een controle start als de assistent de vragen van een route gaat stellen; afgerond is ze als "
        "de uitkomst is gegeven. Gestopt: de persoon stopte of ging weg voor de uitkomst."
    )
    return uitleg + tabel("Controles per route en hun uitkomsten", koppen, rijen)


def opmerkingen(c: Cijfers) -> str:
    """The remarks, 'niet nuttig' first (they say what to improve); the same remark on one answer once."""
    geteld = Counter((o.oordeel, o.tekst, o.antwoord) for o in c.opmerkingen)
    volgorde = sorted(geteld.items(), key=lambda item: (item[0][0] != "slecht", -item[1]))
    regels = "".join(
        f'<li><span class="oordeel">{OORDEEL[oordeel]}</span>'
        f"{f' ({getal(aantal)}×)' if aantal > 1 else ''}: {escape(tekst)} "
        f'<span class="bij">bij: {escape(grafiek.kort(antwoord, 90))}</span></li>'
        for (oordeel, tekst, antwoord), aantal in volgorde[:MAX_OPMERKINGEN]
    )
    rest = len(volgorde) - MAX_OPMERKINGEN
    meer = alinea(f"En nog {getal(rest)} andere opmerkingen.") if rest > 0 else ""
    return f'<ul class="opmerkingen">{regels}</ul>{meer}' if regels else alinea("Geen opmerkingen in deze periode.")


def feedback(c: Cijfers) -> str:
    rijen = [
        (grafiek.kort(a, 160), b.goed, b.slecht)
        for a, b in sorted(c.beoordelingen.items(), key=lambda item: (-item[1].slecht, -item[1].goed))
    ]
    return (
        alinea(
            f"Op 'Was dit antwoord nuttig?' kwam {getal(c.goed)} keer 'nuttig' en {getal(c.slecht)} keer 'niet nuttig'."
        )
        + tabel(
            f"Beoordeling per antwoord, het vaakst niet nuttig eerst (hoogstens {MAX_ANTWOORDEN})",
            ["Antwoord", "Nuttig", "Niet nuttig"],
            rijen[:MAX_ANTWOORDEN],
        )
        + "<h3>Opmerkingen</h3>"
        + opmerkingen(c)
    )


def niet_begrepen(c: Cijfers, groepen: list[Groep]) -> str:
    rijen = "".join(
        f'<tr><th scope="row" class="getal">{getal(g.aantal)}</th><td>{escape(g.voorbeeld)}'
        + (
            f'<ul class="varianten">{"".join(f"<li>{escape(v)}</li>" for v in g.varianten[:MAX_VARIANTEN])}</ul>'
            if g.varianten
            else ""
        )
        + f'</td><td>{escape(onderwerp_titel(g.suggestie))}</td><td class="getal">'
        f"{getal(round(g.gemiddelde_zekerheid, 2))}</td></tr>"
        for g in groepen[:MAX_GROEPEN]
    )
    leeg = '<tr><td colspan="4">Geen gegevens in deze periode.</td></tr>'
    return (
        alinea(
            f"{getal(c.niet_begrepen_totaal)} berichten werden niet begrepen; {getal(len(groepen))} groepen "
            "van gelijkende berichten, de grootste eerst. Persoonsgegevens zijn gemaskeerd als [***]."
        )
        + alinea(
            f"{getal(c.verborgen)} van die berichten staan hier niet: ze komen uit gesprekken over geweld of "
            "mensenhandel, of lijken daarover te gaan. Ze zijn wel meegeteld."
        )
        + "<table><caption>Niet begrepen berichten, gegroepeerd</caption><thead><tr>"
        '<th scope="col">Aantal</th><th scope="col">Bericht (en andere woorden ervoor)</th>'
        '<th scope="col">Intent die het model het dichtst vond</th><th scope="col">Zekerheid daarvan</th>'
        f"</tr></thead><tbody>{rijen or leeg}</tbody></table>"
        + alinea(
            "Dezelfde berichten staan met de voorgestelde intent in kandidaten.yml, om te beoordelen en "
            "eventueel naar data/nlu/ te verplaatsen."
        )
    )


def pagina(c: Cijfers, groepen: list[Groep], drempel: float, gemaakt: datetime) -> str:
    periode = f"{datum(c.van)} tot en met {datum(c.tot)}"
    delen = [
        sectie(
            "kern",
            "Kerncijfers",
            kerncijfers(c),
            alinea(
                f"{getal(c.gevoelig)} gesprekken gingen over geweld of mensenhandel: ze tellen mee in de "
                "cijfers, maar niets van wat daar is gezegd, staat in dit rapport."
            ),
        ),
        sectie("per-dag-deel", "Gesprekken per dag", per_dag(c)),
        sectie("lengte-deel", "Berichten per gesprek", lengtes(c)),
        sectie("kanaal-deel", "Kanalen", kanalen(c)),
        sectie("onderwerpen", "Onderwerpen", onderwerpen_deel(c)),
        sectie("controles", "Controles van de voorwaarden", controles(c)),
        sectie("feedback", "Was dit antwoord nuttig?", feedback(c)),
        sectie("niet-begrepen", "Wat niet begrepen werd", niet_begrepen(c, groepen)),
    ]
    uitleg = (
        f"Niet begrepen: het model koos de terugvaloptie (nlu_fallback), was minder dan {getal(drempel)} zeker "
        "(de drempel van de FallbackClassifier in config.yml), of het gesprek viel terug op "
        "action_default_fallback. Een gesprek is één sessie; de opening van de chat telt niet als bericht."
    )
    inhoud = "".join(
        f'<li><a href="#{s}">{escape(k)}</a></li>'
        for s, k in (
            ("kern", "Kerncijfers"),
            ("per-dag-deel", "Per dag"),
            ("lengte-deel", "Berichten per gesprek"),
            ("kanaal-deel", "Kanalen"),
            ("onderwerpen", "Onderwerpen"),
            ("controles", "Controles"),
            ("feedback", "Beoordelingen"),
            ("niet-begrepen", "Niet begrepen"),
        )
    )
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Inzicht in de assistent, {escape(periode)}</title><style>{STIJL}</style></head><body>"
        f'<header><h1>Inzicht in de assistent</h1><p class="periode">{escape(periode)} · '
        f"{getal(c.gesprekken)} gesprekken · gemaakt op {escape(datum(gemaakt.date()))} om "
        f"{gemaakt:%H:%M}</p>"
        f'<nav aria-label="Onderdelen"><ul>{inhoud}</ul></nav></header><main>{"".join(delen)}</main>'
        f"<footer>{alinea(uitleg)}</footer></body></html>"
    )
