"""python -m actions.eligibility --route huwelijk_relatie --facts '{"jaren_vergunning": 6}'"""

import argparse
import json
import sys

from . import assess


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.eligibility", description=__doc__)
    parser.add_argument("--route", required=True, help="bijvoorbeeld huwelijk_relatie")
    parser.add_argument("--facts", default="{}", help="de feiten als JSON-object")
    args = parser.parse_args(argv)
    try:
        result = assess(args.route, json.loads(args.facts))
    except json.JSONDecodeError as error:
        print(f"--facts is geen geldige JSON: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
