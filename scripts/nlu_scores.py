"""Prints intent F1 (macro, weighted) and entity F1 from the reports `rasa test nlu --cross-validation` wrote."""

import json
import sys
from pathlib import Path


def main(folder: str) -> None:
    out = Path(folder)
    intents = json.loads((out / "intent_report.json").read_text())
    print(f"intent F1 macro    {intents['macro avg']['f1-score']:.3f}")
    print(f"intent F1 weighted {intents['weighted avg']['f1-score']:.3f}")
    for path in sorted(out.glob("*Extractor_report.json")) + sorted(out.glob("DIETClassifier_report.json")):
        entities = json.loads(path.read_text())
        print(f"entity F1 weighted ({path.name.split('_')[0]}) {entities['weighted avg']['f1-score']:.3f}")
    selector = out / "response_selection_report.json"
    if selector.exists():
        report = json.loads(selector.read_text())
        print(f"response selection F1 weighted {report['weighted avg']['f1-score']:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
