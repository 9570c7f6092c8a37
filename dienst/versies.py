"""Each patch in rasaserver/ was written against one release of the library whose private parts it changes.

Another release may rename those parts (loud) or keep the names and stop calling them (silent: the patch is
then simply gone). So the Rasa server refuses to start on any other release, with one sentence that says
which patch and which library. Upgrading means: read the patch against the new release, then change the
version here and in requirements.lock (tests/dienst/test_versies.py checks that the two agree).
"""

from importlib.metadata import PackageNotFoundError, version
from typing import Callable, Dict, List, Optional

# patch module -> {distribution: the release it was written for}
GESCHREVEN_VOOR: Dict[str, Dict[str, str]] = {
    "rasaserver/patches/actieserver.py": {"rasa": "3.6.21"},  # RemoteAction's run and response check
    "rasaserver/opslag/gesprekken.py": {"rasa": "3.6.21"},  # SQLTrackerStore's save loop and session query
    "rasaserver/patches/modelladen.py": {"rasa": "3.6.21"},  # SpacyNLP.load_model
    "rasaserver/opslag/slot.py": {"rasa": "3.6.21"},  # RedisLockStore's ticket handling
    "rasaserver/patches/versnelling.py": {"rasa": "3.6.21"},  # Event.resolve_by_type
    "rasaserver/patches/werkers.py": {"sanic": "21.12.2"},  # serve_multiple's socket and serve
}


class StartFout(Exception):
    """The assistant cannot start; the message says why."""


class VersieFout(StartFout):
    """A library has another release than a patch was written for."""


def geinstalleerd(distributie: str) -> str:
    try:
        return version(distributie)
    except PackageNotFoundError:
        return "geen"


def afwijkingen(versie_van: Optional[Callable[[str], str]] = None) -> List[str]:
    """One sentence per patch whose library has another release than the one it was written for."""
    versie_van = versie_van or geinstalleerd
    zinnen = []
    for patch, voor in GESCHREVEN_VOOR.items():
        for distributie, verwacht in voor.items():
            gevonden = versie_van(distributie)
            if gevonden != verwacht:
                zinnen.append(
                    f"{patch} is geschreven voor {distributie} {verwacht}, "
                    f"maar geïnstalleerd is {distributie} {gevonden}"
                )
    return zinnen


def controleer(versie_van: Optional[Callable[[str], str]] = None) -> None:
    gevonden = afwijkingen(versie_van)
    if gevonden:
        raise VersieFout(
            "De assistent start niet: "
            + "; ".join(gevonden)
            + ". Lees de patch na voor die versie en pas dan dienst/versies.py aan."
        )
