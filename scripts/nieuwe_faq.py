"""python scripts/nieuwe_faq.py <key> --kop "<heading of the page>" --titel "<topic title>" --vraag "<question>"

Adds an FAQ answer in the three places it lives, and nowhere else:
  inhoud/faq.yml       its page heading(s) (`--kop`, repeatable; one of `koppen` in inhoud/bronnen.yml), the topic
                       title on the fallback's buttons and the question that button sends
  domain.yml           the response utter_faq/<key>, with a placeholder text to replace by the answer in B1
  data/nlu/faq.yml     the intent faq/<key>, with the question as its first example; write more as people ask it
`--begrip` adds a glossary answer instead (begrip/<key>, data/nlu/begrippen.yml; title and question optional).
`--project DIR` writes into another copy of the project. It changes no line that is there, and refuses a key that
exists or a heading the page does not have. tests/test_een_plek_per_route.py then says what is still to do (the
placeholder text, examples); `python -m inhoud` checks the content against the domain as both servers do at start.
"""

import argparse
import json
import re
import sys
from pathlib import Path
from typing import List, Optional

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import inhoud

PLAATSHOUDER = inhoud.PLAATSHOUDER  # `python -m inhoud` and the servers' start refuse a response that still has it
NLU = {"faq": "data/nlu/faq.yml", "begrip": "data/nlu/begrippen.yml"}
SLEUTEL = re.compile(r"[a-z][a-z0-9_]*")


def _kop(kop: str) -> str:
    return kop if re.fullmatch(r"[\w ()-]+", kop) else json.dumps(kop, ensure_ascii=False)


def faq_regel(sleutel: str, koppen: List[str], titel: str, vraag: str) -> str:
    delen = [f"bron: [{', '.join(map(_kop, koppen))}]"] + [
        f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in (("titel", titel), ("vraag", vraag)) if v
    ]
    return f"  {sleutel}: {{{', '.join(delen)}}}\n"


def response(intent: str, sleutel: str, koppen: List[str]) -> str:
    return f'\n  utter_{intent}/{sleutel}:\n  - text: "{PLAATSHOUDER} (bron: {", ".join(koppen)})"\n'


def nlu_stub(intent: str, sleutel: str, vraag: str) -> str:
    voorbeeld = vraag or sleutel.replace("_", " ")
    return f"- intent: {intent}/{sleutel}\n  examples: |\n    - {voorbeeld}\n"


def na_blok(regels: List[str], begin: str) -> int:
    """The line after the last block of `regels` whose first line starts with `begin`: a block ends where a line
    with the same or less indentation begins (a list item `- ` on the key's own indentation still belongs to it);
    blank lines at its end stay after it."""
    laatste = max(i for i, r in enumerate(regels) if r.startswith(begin))
    inspringen = len(begin) - len(begin.lstrip())
    einde = len(regels)
    for i in range(laatste + 1, len(regels)):
        regel = regels[i]
        diepte = len(regel) - len(regel.lstrip())
        if regel.strip() and (diepte < inspringen or diepte == inspringen and not regel.lstrip().startswith("- ")):
            einde = i
            break
    while einde > laatste + 1 and not regels[einde - 1].strip():
        einde -= 1
    return einde


def voeg_in(pad: Path, begin: str, tekst: str) -> None:
    regels = pad.read_text(encoding="utf-8").splitlines(keepends=True)
    plek = na_blok(regels, begin)
    pad.write_text("".join(regels[:plek] + [tekst] + regels[plek:]), encoding="utf-8")


def voeg_toe(pad: Path, tekst: str) -> None:
    bestaand = pad.read_text(encoding="utf-8")
    pad.write_text(bestaand + ("" if bestaand.endswith("\n") else "\n") + tekst, encoding="utf-8")


def fout(args: argparse.Namespace, project: Path, gelezen: inhoud.Inhoud) -> Optional[str]:
    intent = "begrip" if args.begrip else "faq"
    if not SLEUTEL.fullmatch(args.sleutel):
        return f"the key {args.sleutel!r} is lower case letters, digits and _ (formulier, geen_usb_cd)"
    if f"{intent}/{args.sleutel}" in gelezen.antwoorden:
        return f"{intent}/{args.sleutel} is already in inhoud/faq.yml"
    onbekend = [k for k in args.kop if k not in gelezen.koppen]
    if not args.kop or onbekend:
        return f"--kop {onbekend or ''} is not a heading of the page; koppen: in inhoud/bronnen.yml: " + "; ".join(
            gelezen.koppen
        )
    if intent == "faq" and not (args.titel and args.vraag):
        return "an FAQ answer needs --titel (the topic button) and --vraag (what the button sends)"
    if bool(args.titel) != bool(args.vraag):
        return "give --titel and --vraag together"
    return None


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sleutel", help="the key: faq/<key>, utter_faq/<key>")
    parser.add_argument("--kop", action="append", default=[], help="a heading of the page (repeatable)")
    parser.add_argument("--titel", default="", help="the topic title on the fallback's buttons")
    parser.add_argument("--vraag", default="", help="the question that button sends; also the first NLU example")
    parser.add_argument("--begrip", action="store_true", help="a glossary answer (begrip/<key>) instead of an FAQ")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the project to write into")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    gelezen = inhoud.lees(project / "inhoud")
    probleem = fout(args, project, gelezen)
    if probleem:
        print(f"nieuwe_faq: {probleem}", file=sys.stderr)
        return 2
    intent = "begrip" if args.begrip else "faq"
    regel = faq_regel(args.sleutel, args.kop, args.titel, args.vraag)
    voeg_in(project / "inhoud" / "faq.yml", f"{intent}:", regel)
    voeg_in(project / "domain.yml", f"  utter_{intent}/", response(intent, args.sleutel, args.kop))
    voeg_toe(project / NLU[intent], nlu_stub(intent, args.sleutel, args.vraag))
    print(
        f"Added {intent}/{args.sleutel} to inhoud/faq.yml, domain.yml and {NLU[intent]}. Now:\n"
        f"  domain.yml: replace the text of utter_{intent}/{args.sleutel} by the answer, in B1, from the page\n"
        f"  {NLU[intent]}: write more examples under {intent}/{args.sleutel}, as people ask it\n"
        "  pytest tests/test_een_plek_per_route.py && python -m inhoud   (what is still missing, and where)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
