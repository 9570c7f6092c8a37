"""`python -m inhoud`: the start's check of the content (inhoud/ against domain.yml) on its own, in a second.

Prints what it read, or the sentence that would stop both servers' start (exit code 1).
"""

import sys

from inhoud import InhoudFout, bij_start


def main() -> int:
    try:
        inhoud = bij_start()
    except InhoudFout as fout:
        print(f"inhoud: {fout}", file=sys.stderr)
        return 1
    per_intent = ", ".join(f"{sum(a.startswith(r + '/') for a in inhoud.antwoorden)} {r}" for r in inhoud.retrieval)
    print(
        f"inhoud klopt: {len(inhoud.routes)} routes ({len(inhoud.zorgroutes)} met zorg), {per_intent}, "
        f"{len(inhoud.bronnen)} antwoorden met een bron, {len(inhoud.onderwerpen)} onderwerpen"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
