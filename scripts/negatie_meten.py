"""Negation scope by rules or by spaCy's parse: which reads answers right more often (issue 21, point 5).

python scripts/negatie_meten.py  -> for the answers of tests/lezen/leestabel/gevallen.yml that hold a negation, how many
the rules of lezen.antwoorden read as the table expects, and how many a reader does that takes the scope of each
negation from the dependency parse (the clause its head governs) instead of from the words "maar", "wel", ",".
"""

import sys
from pathlib import Path

import spacy
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lezen.antwoorden import lees_ja_nee, schoon
from lezen.bericht import lees_antwoord
from lezen.lezing import NIETS, afgeleid

ONTKENNING = {"niet", "geen", "nooit", "nee", "not", "no"}
KLAUSHOOFD = {"ROOT", "conj", "advcl", "ccomp", "parataxis", "acl:relcl"}
BEDOELD = {"ja": True, "nee": False, "onbekend": "onbekend", "onduidelijk": None}


def klauzen(doc):
    """The clauses of the answer: each clause head with the tokens it governs outside other clauses."""
    hoofden = [t for t in doc if t.dep_ in KLAUSHOOFD]
    bij = {}
    for token in doc:
        hoofd = token
        while hoofd not in hoofden and hoofd.head is not hoofd:
            hoofd = hoofd.head
        bij.setdefault(hoofd.i, []).append(token)
    return [sorted(tokens, key=lambda t: t.i) for tokens in bij.values()]


def lees_met_parse(nlp, tekst, vraag):
    """Yes/no read clause by clause, the clauses and so the scope of each negation taken from the parse; within
    a clause the same word lists as the rules. A "ja"/"nee" first word answers unless a clause says B."""
    t = schoon(tekst)
    if not t:
        return NIETS
    lezingen = [lees_ja_nee(" ".join(tok.text for tok in klaus), vraag) for klaus in klauzen(nlp(t))]
    waarden = [lezing.waarde for lezing in lezingen if lezing.gelezen]
    if "onbekend" in waarden:
        return lees_ja_nee(tekst, vraag)
    if True in waarden:
        return afgeleid(True, tekst)
    if False in waarden:
        return afgeleid(False, tekst)
    return NIETS


def main() -> None:
    tabel = yaml.safe_load((Path(__file__).resolve().parent.parent / "tests/lezen/leestabel/gevallen.yml").read_text())
    nlp = spacy.load("nl_core_news_sm")
    gevallen = [
        g
        for g in tabel["gevallen"]
        if g.get("vraag")
        and "antwoord" in g["verwacht"]
        and g["verwacht"]["antwoord"] in BEDOELD
        and set(schoon(g["bericht"]).split()) & ONTKENNING
    ]
    regels = parse = 0
    for g in gevallen:
        bedoeld = BEDOELD[g["verwacht"]["antwoord"]]
        regels += lees_antwoord(g["bericht"], g["vraag"]).waarde == bedoeld
        parse += lees_met_parse(nlp, g["bericht"], g["vraag"]).waarde == bedoeld
    print(f"answers with a negation: {len(gevallen)}")
    print(f"rules (lezen.antwoorden): {regels} right")
    print(f"dependency parse scope:  {parse} right")


if __name__ == "__main__":
    main()
