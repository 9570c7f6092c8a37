"""Both servers read the content (inhoud/) and check it against domain.yml before they listen: a wrong key stops
the start with one sentence that names the file and the key, not a wrong answer later."""

import inhoud
from dienst.versies import StartFout


def controleer() -> None:
    try:
        inhoud.bij_start()  # kept (lru_cache) for every message of this process
    except inhoud.InhoudFout as fout:
        raise StartFout(f"de inhoud klopt niet: {fout}") from None
