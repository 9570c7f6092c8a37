"""The upgrade fence: every private part of Rasa, Sanic and aiogram the project uses, and the test that shows it works.

A private part (a name with a leading underscore, a library attribute we replace, a library class we subclass that
is not one of Rasa's documented extension points) may be renamed by another release (loud) or kept and no longer
called (silent: our change is then simply gone). So:

- `GRENS` lists every such use, per module, with the tests that fail when it stops working.
  `tests/dienst/test_grens.py` reads the code with ast and fails on a private use that is not listed here, and on
  a listed one the code no longer has.
- The Rasa server refuses to start on another release of a library that a listed module uses, with one sentence
  that names the modules and both versions (`controleer`, called by `python -m dienst server` and `shell`).
- `make upgrade-check RASA=<version>` installs that release in a scratch virtualenv and runs exactly these tests,
  the fence's scan and a smoke test that trains and parses a small model with our pipeline through Rasa's API
  (README, "Upgrading Rasa").

Upgrading: run `make upgrade-check`, read each listed module against the new release, then change `VERSIES` and
requirements.lock (tests/dienst/test_versies.py checks that the two agree). Outside the fence, as developer tools:
`bench/pijplijn.py` (times the graph nodes by replacing `GraphNode.__call__`) and `scripts/`.
"""

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Callable, Dict, List, Optional, Tuple

# The libraries whose private parts the fence looks for, and the releases the listed modules were read against
# (only those a listed module uses; a library nobody uses privately needs no fence).
BIBLIOTHEKEN = ("rasa", "sanic", "aiogram")
VERSIES: Dict[str, str] = {"rasa": "3.6.21", "aiogram": "2.15"}

# Rasa's documented extension points (custom graph components, channels, tracker and lock stores, NLG): a subclass
# of one of these is not listed for subclassing alone, only for the private parts it uses.
UITBREIDINGSPUNTEN = frozenset(
    {
        "rasa.engine.graph.GraphComponent",
        "rasa.core.channels.channel.InputChannel",
        "rasa.core.channels.channel.OutputChannel",
        "rasa.core.tracker_store.TrackerStore",
        "rasa.core.lock_store.LockStore",
        "rasa.core.nlg.NaturalLanguageGenerator",
        "rasa.shared.exceptions.RasaException",
    }
)


@dataclass(frozen=True)
class Gebruik:
    """The private parts of one library that one module uses, and the tests that fail when they stop working.

    Names as tests/dienst/privedelen.py finds them: `pkg.Klasse._naam` (used or overridden), `pkg.Klasse.naam =`
    (replaced at start), `class pkg.Klasse` (subclassed), `getattr(…, '_naam')` (read by name)."""

    module: str
    bibliotheek: str
    namen: Tuple[str, ...]
    tests: Tuple[str, ...]  # pytest ids; the first ones run without servers (make upgrade-check), e2e ones follow
    waarom: str


_LRC = "rasa.nlu.classifiers.logistic_regression_classifier.LogisticRegressionClassifier"
ROOK = "tests/rasaserver/nlu/test_rook.py"  # trains and parses a small model with our pipeline through Rasa

GRENS: Tuple[Gebruik, ...] = (
    Gebruik(
        "rasaserver/nlu/intentkeuze.py",
        "rasa",
        (f"class {_LRC}", f"{_LRC}._create_X", f"{_LRC}._model_storage", f"{_LRC}._resource"),
        ("tests/rasaserver/nlu/test_intentkeuze.py", ROOK),
        "Rasa's logistic regression stored without skops, its feature matrix in one step",
    ),
    Gebruik(
        "rasaserver/nlu/antwoordkeuze.py",
        "rasa",
        (f"{_LRC}._resource",),
        ("tests/rasaserver/nlu/test_antwoordkeuze.py", ROOK),
        "the FAQ answer, written where Rasa's ResponseSelector writes it",
    ),
    Gebruik(
        "rasaserver/opslag/gesprekken.py",
        "rasa",
        (
            "class rasa.core.tracker_store.SQLTrackerStore",
            "rasa.core.tracker_store.SQLTrackerStore._event_query",
            "rasa.core.tracker_store.SQLTrackerStore._additional_events",
            "getattr(…, '_tracker_store')",  # the store inside the agent's FailSafeTrackerStore (hele_sessie)
        ),
        ("tests/rasaserver/opslag/test_gesprekken.py", "tests/rasaserver/opslag/test_via_rasa.py"),
        "SQLTrackerStore's save loop and latest-session query, conversations in progress kept in memory",
    ),
    Gebruik(
        "rasaserver/opslag/slot.py",
        "rasa",
        (
            "class rasa.core.lock.Ticket",
            "class rasa.core.lock.TicketLock",
            "class rasa.core.lock_store.RedisLockStore",
            "rasa.core.lock_store.RedisLockStore._acquire_lock",
        ),
        ("tests/rasaserver/opslag/test_slot.py",),
        "RedisLockStore's tickets changed in one Redis transaction, renewed while their holder lives",
    ),
    Gebruik(
        "rasaserver/bronnen.py",
        "rasa",
        ("class rasa.core.nlg.TemplatedNaturalLanguageGenerator",),
        ("tests/rasaserver/test_via_rasa.py", "tests/rasaserver/test_bronnen.py"),
        "the NLG adds the source line in generate_from_slots, which Rasa's generate calls",
    ),
    Gebruik(
        "rasaserver/kanalen/rest.py",
        "rasa",
        ("class rasa.core.channels.rest.RestInput",),
        ("tests/rasaserver/kanalen/test_via_rasa.py", "tests/e2e/test_rest.py"),
        "Rasa's REST channel with our blueprint",
    ),
    Gebruik(
        "rasaserver/kanalen/socketio.py",
        "rasa",
        ("class rasa.core.channels.socketio.SocketBlueprint", "class rasa.core.channels.socketio.SocketIOInput"),
        ("tests/rasaserver/kanalen/test_via_rasa.py", "tests/e2e/test_socketio.py"),
        "Rasa's socket.io channel and blueprint with signed sessions",
    ),
    Gebruik(
        "rasaserver/kanalen/telegram.py",
        "rasa",
        ("class rasa.core.channels.telegram.TelegramInput", "class rasa.core.channels.telegram.TelegramOutput"),
        ("tests/rasaserver/kanalen/test_via_rasa.py", "tests/e2e/test_telegram.py"),
        "Rasa's Telegram channel with a secret token and a configurable Bot API address",
    ),
    Gebruik(
        "rasaserver/kanalen/telegram.py",
        "aiogram",
        ("aiogram.Bot.__init__",),  # called past TelegramOutput.__init__, to pass the API server and a timeout
        ("tests/rasaserver/kanalen/test_via_rasa.py", "tests/e2e/test_telegram.py"),
        "the Telegram output talks to the Bot API address we set",
    ),
    Gebruik(
        "rasaserver/patches/actieserver.py",
        "rasa",
        (
            "class rasa.core.actions.action.RemoteAction",
            "rasa.core.actions.action.RemoteAction._validate_action_result",
        ),
        ("tests/rasaserver/patches/test_actieserver.py",),
        "RemoteAction with an apology and a time limit, rebound in every module that holds Rasa's class",
    ),
    Gebruik(
        "rasaserver/patches/versnelling.py",
        "rasa",
        ("rasa.shared.core.events.Event.resolve_by_type =",),
        ("tests/rasaserver/patches/test_versnelling_actief.py", "tests/e2e/test_versnelling.py"),
        "event classes looked up in a table instead of walking every Event subclass per stored event",
    ),
    Gebruik(
        "beheer/opruimen.py",
        "rasa",
        ("rasa.core.tracker_store.SQLTrackerStore.SQLEvent.__table__",),
        ("tests/beheer/test_opruimen.py",),
        "the retention command deletes from the table Rasa's SQL tracker store writes",
    ),
)


def geschreven_voor() -> Dict[str, Dict[str, str]]:
    """Module -> {library: the release it was read against}."""
    uitkomst: Dict[str, Dict[str, str]] = {}
    for gebruik in GRENS:
        uitkomst.setdefault(gebruik.module, {})[gebruik.bibliotheek] = VERSIES[gebruik.bibliotheek]
    return uitkomst


def snelle_tests() -> List[str]:
    """The fence's tests that need no running servers, each once (what `make upgrade-check` runs)."""
    return list(dict.fromkeys(t for gebruik in GRENS for t in gebruik.tests if not t.startswith("tests/e2e/")))


class StartFout(Exception):
    """The assistant cannot start; the message says why."""


class VersieFout(StartFout):
    """A library has another release than the modules that use its private parts were read against."""


def geinstalleerd(distributie: str) -> str:
    try:
        return version(distributie)
    except PackageNotFoundError:
        return "geen"


def afwijkingen(versie_van: Optional[Callable[[str], str]] = None) -> List[str]:
    """One sentence per library whose installed release is not the one the fence was read against."""
    versie_van = versie_van or geinstalleerd
    zinnen = []
    for distributie, verwacht in VERSIES.items():
        gevonden = versie_van(distributie)
        if gevonden != verwacht:
            modules = sorted({g.module for g in GRENS if g.bibliotheek == distributie})
            zinnen.append(
                f"{', '.join(modules)} {'is' if len(modules) == 1 else 'zijn'} geschreven voor {distributie} "
                f"{verwacht}, maar geïnstalleerd is {distributie} {gevonden}"
            )
    return zinnen


def controleer(versie_van: Optional[Callable[[str], str]] = None) -> None:
    gevonden = afwijkingen(versie_van)
    if gevonden:
        raise VersieFout(
            "De assistent start niet: "
            + "; ".join(gevonden)
            + ". Draai make upgrade-check, lees die modules na voor die versie en pas dan dienst/versies.py aan."
        )
