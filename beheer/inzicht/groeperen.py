"""Grouping the not-understood messages: the same question in other words belongs together, most frequent first.

No model is needed: a message is compared by the character trigrams of its normalised text, which still match
when Dutch glues words together or a word is misspelt. Wordings are visited commonest first; each joins the
group whose first wording it resembles most (Jaccard similarity at least GELIJKENIS), or starts a new group.
"""

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from beheer.inzicht.cijfers import NietBegrepen

GELIJKENIS = 0.5
_GEEN_WOORD = re.compile(r"[^\w*]+")


@dataclass
class Groep:
    teksten: Counter = field(default_factory=Counter)  # wording -> times seen
    suggesties: Counter = field(default_factory=Counter)  # intent the model thought closest -> times
    zekerheid: float = 0.0  # summed, for the mean

    @property
    def aantal(self) -> int:
        return sum(self.teksten.values())

    @property
    def voorbeeld(self) -> str:
        return self.teksten.most_common(1)[0][0]

    @property
    def varianten(self) -> list[str]:
        """Other wordings, commonest first; one per normalised form (case and punctuation alone are no news)."""
        gezien = {normaal(self.voorbeeld)}
        anders = []
        for tekst, _ in self.teksten.most_common():
            if normaal(tekst) not in gezien:
                gezien.add(normaal(tekst))
                anders.append(tekst)
        return anders

    @property
    def suggestie(self) -> str:
        return self.suggesties.most_common(1)[0][0]

    @property
    def gemiddelde_zekerheid(self) -> float:
        return self.zekerheid / self.aantal

    def voeg_toe(self, bericht: NietBegrepen) -> None:
        self.teksten[bericht.tekst] += 1
        self.suggesties[bericht.suggestie] += 1
        self.zekerheid += bericht.zekerheid


def normaal(tekst: str) -> str:
    """Lower case, no accents, no punctuation: "Wát kost dat?" and "wat kost dat" are one wording."""
    zonder_accenten = "".join(t for t in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(t))
    return " ".join(_GEEN_WOORD.sub(" ", zonder_accenten.lower()).split())


def trigrammen(tekst: str) -> frozenset[str]:
    omlijst = f" {tekst} "
    return frozenset(omlijst[i : i + 3] for i in range(len(omlijst) - 2)) or frozenset({omlijst})


def per_vorm(berichten: Iterable[NietBegrepen]) -> dict[str, Groep]:
    vormen: dict[str, Groep] = defaultdict(Groep)
    for bericht in berichten:
        vormen[normaal(bericht.tekst)].voeg_toe(bericht)
    return vormen


def groepeer(berichten: Iterable[NietBegrepen]) -> list[Groep]:
    """The groups, largest first (ties: in the order they were found)."""
    groepen: list[Groep] = []
    leiders: list[frozenset[str]] = []
    index: dict[str, list[int]] = defaultdict(list)  # trigram -> groups whose first wording has it
    vormen = per_vorm(berichten)
    for vorm in sorted(vormen, key=lambda v: -vormen[v].aantal):
        grammen = trigrammen(vorm)
        gedeeld: Counter = Counter(nummer for gram in grammen for nummer in index.get(gram, ()))
        beste, score = -1, 0.0
        for nummer, samen in gedeeld.items():
            jaccard = samen / (len(grammen) + len(leiders[nummer]) - samen)
            if jaccard > score:
                beste, score = nummer, jaccard
        if score >= GELIJKENIS:
            samenvoegen(groepen[beste], vormen[vorm])
            continue
        for gram in grammen:
            index[gram].append(len(groepen))
        groepen.append(vormen[vorm])
        leiders.append(grammen)
    return sorted(groepen, key=lambda g: -g.aantal)


def samenvoegen(doel: Groep, bron: Groep) -> None:
    doel.teksten.update(bron.teksten)
    doel.suggesties.update(bron.suggesties)
    doel.zekerheid += bron.zekerheid
