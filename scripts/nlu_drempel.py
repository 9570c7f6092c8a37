"""Checks the held-out NLU set's figures against the bar: intent F1 macro >= 0.90, every route intent >= 0.85.

Reads the report `rasa test nlu --nlu tests/nlu` wrote; prints the figures and exits 1 below the bar.
"""

import json
import sys
from pathlib import Path

MACRO = 0.90
ROUTE = 0.85


def main(folder: str) -> int:
    rapport = json.loads((Path(folder) / "intent_report.json").read_text())
    macro = rapport["macro avg"]["f1-score"]
    print(f"held-out intent F1 macro {macro:.3f} (bar {MACRO}), weighted {rapport['weighted avg']['f1-score']:.3f}")
    te_laag = []
    for naam, cijfers in sorted(rapport.items()):
        if naam.startswith("route_"):
            print(f"  {naam:36s} F1 {cijfers['f1-score']:.3f} (n={cijfers['support']})")
            if cijfers["f1-score"] < ROUTE:
                te_laag.append(naam)
    zwak = sorted(
        (c["f1-score"], n) for n, c in rapport.items() if isinstance(c, dict) and "support" in c and n != "accuracy"
    )
    print("  weakest: " + ", ".join(f"{n} {f:.2f}" for f, n in zwak[:5]))
    if macro < MACRO or te_laag:
        print(f"BELOW THE BAR: macro {macro:.3f}; route intents under {ROUTE}: {te_laag}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
