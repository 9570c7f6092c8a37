"""The report's figures, counted over the conversations of a period (one session is one conversation)."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from beheer.inzicht.lezen import Afzender
from beheer.inzicht.ontleden import Gesprek, ontleed
from beheer.inzicht.privacy import toonbaar

# Messages per conversation, as buckets: (from, up to and including or None, label).
LENGTES: list[tuple[int, int | None, str]] = [
    (1, 1, "1"),
    (2, 2, "2"),
    (3, 5, "3–5"),
    (6, 10, "6–10"),
    (11, 20, "11–20"),
    (21, None, "meer dan 20"),
]
IN_GEVOELIG_GESPREK = "(antwoord in een gesprek over geweld of mensenhandel: niet getoond)"


@dataclass
class RouteCijfers:
    gestart: int = 0
    afgerond: int = 0
    uitkomsten: Counter = field(default_factory=Counter)

    @property
    def gestopt(self) -> int:
        return self.gestart - self.afgerond


@dataclass
class Beoordeling:
    goed: int = 0
    slecht: int = 0


@dataclass
class NietBegrepen:
    tekst: str  # masked
    suggestie: str
    zekerheid: float  # the model's confidence in the suggestion


@dataclass
class Opmerking:
    oordeel: str
    antwoord: str
    tekst: str


@dataclass
class Cijfers:
    van: date
    tot: date  # the last day, included
    gesprekken: int = 0
    zonder_vraag: int = 0  # the chat was opened, nothing was asked
    berichten: int = 0
    begrepen: int = 0  # messages
    direct_begrepen: int = 0  # conversations whose first message was understood
    mens: int = 0  # conversations that asked for a person
    zonder_antwoord: int = 0  # conversations whose last message was not understood
    gevoelig: int = 0  # conversations on a violence or trafficking route
    verborgen: int = 0  # not-understood messages counted but not shown
    per_dag: Counter = field(default_factory=Counter)
    lengtes: Counter = field(default_factory=Counter)
    kanalen: Counter = field(default_factory=Counter)
    onderwerpen: Counter = field(default_factory=Counter)
    routes: dict[str, RouteCijfers] = field(default_factory=dict)
    beoordelingen: dict[str, Beoordeling] = field(default_factory=dict)
    opmerkingen: list[Opmerking] = field(default_factory=list)
    niet_begrepen: list[NietBegrepen] = field(default_factory=list)

    def tel(self, gesprek: Gesprek, tijdzone: tzinfo) -> None:
        if not gesprek.berichten:
            self.zonder_vraag += gesprek.geopend  # a session with only its start events was never opened
            return
        self.gesprekken += 1
        self.berichten += len(gesprek.berichten)
        self.per_dag[datetime.fromtimestamp(gesprek.begin or 0, tijdzone).date()] += 1
        self.lengtes[lengte_label(len(gesprek.berichten))] += 1
        self.kanalen[gesprek.kanaal] += 1
        self.direct_begrepen += gesprek.berichten[0].begrepen
        self.mens += gesprek.mens_gevraagd
        self.zonder_antwoord += gesprek.zonder_antwoord
        self.gevoelig += gesprek.gevoelig
        self._tel_berichten(gesprek)
        self._tel_controles(gesprek)
        self._tel_feedback(gesprek)

    def _tel_berichten(self, gesprek: Gesprek) -> None:
        for bericht in gesprek.berichten:
            if bericht.begrepen:
                self.begrepen += 1
                self.onderwerpen[bericht.onderwerp] += 1
                continue
            tekst = None if gesprek.gevoelig or bericht.verborgen else toonbaar(bericht.tekst)
            if tekst:
                self.niet_begrepen.append(NietBegrepen(tekst, bericht.suggestie, bericht.suggestie_zekerheid))
            else:
                self.verborgen += 1

    def _tel_controles(self, gesprek: Gesprek) -> None:
        for controle in gesprek.controles:
            route = self.routes.setdefault(controle.route, RouteCijfers())
            route.gestart += 1
            if controle.uitkomst:
                route.afgerond += 1
                route.uitkomsten[controle.uitkomst] += 1

    def _tel_feedback(self, gesprek: Gesprek) -> None:
        for oordeel in gesprek.feedback:
            antwoord = IN_GEVOELIG_GESPREK if gesprek.gevoelig else toonbaar(oordeel["antwoord"])
            antwoord = antwoord or IN_GEVOELIG_GESPREK
            beoordeling = self.beoordelingen.setdefault(antwoord, Beoordeling())
            setattr(beoordeling, oordeel["oordeel"], getattr(beoordeling, oordeel["oordeel"]) + 1)
            opmerking = None if gesprek.gevoelig else toonbaar(oordeel["opmerking"])
            if opmerking:
                self.opmerkingen.append(Opmerking(oordeel["oordeel"], antwoord, opmerking))

    @property
    def niet_begrepen_totaal(self) -> int:
        return self.berichten - self.begrepen

    @property
    def goed(self) -> int:
        return sum(b.goed for b in self.beoordelingen.values())

    @property
    def slecht(self) -> int:
        return sum(b.slecht for b in self.beoordelingen.values())


def lengte_label(aantal: int) -> str:
    return next(label for van, tot, label in LENGTES if aantal >= van and (tot is None or aantal <= tot))


def bereken(afzenders: Iterable[Afzender], van: date, tot: date, drempel: float, tijdzone: tzinfo) -> Cijfers:
    cijfers = Cijfers(van, tot)
    for afzender in afzenders:
        gesprekken = [ontleed(sessie, drempel) for sessie in afzender.sessies]
        # One session on a violence route makes every session of that person sensitive: the first one may be
        # where they told it, before the assistant knew which route it was.
        gevoelig = afzender.gevoelig or any(g.gevoelig for g in gesprekken)
        for gesprek in gesprekken:
            gesprek.gevoelig = gevoelig
            cijfers.tel(gesprek, tijdzone)
    return cijfers
