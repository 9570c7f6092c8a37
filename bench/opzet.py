"""The server configurations a run can measure, and `--configs name[@users],...` read into measurements."""

import os
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

LOAD, STORING, TRAINING, VLOED, LANG, UITVAL = "load", "storing", "training", "vloed", "lang", "uitval"


@dataclass(frozen=True)
class Opzet:
    bot: str  # "ours" or "starter"
    omgeving: Dict[str, str] = field(default_factory=dict)
    uitleg: str = ""
    replicas: int = 1  # separate `python -m dienst server` processes on one database; users stick to one
    soort: str = LOAD

    @property
    def productie(self) -> bool:
        return self.omgeving.get("ASSISTENT_MODUS") == "productie"

    @property
    def server(self) -> Tuple:
        """What a running set of servers is: consecutive measurements with the same one share it."""
        return self.bot, tuple(sorted(self.omgeving.items())), self.replicas


TF1 = {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"}
REPLICA = {"ASSISTENT_MODUS": "productie", "SANIC_WORKERS": "1"}
OPZETTEN = {
    "starter": Opzet("starter", {}, "rasa init starter bot, REST channel, in-memory tracker store"),
    "ours": Opzet("ours", {}, "embedded mode (default): SQLite tracker store, 1 process"),
    "replica1": Opzet("ours", REPLICA, "production mode (PostgreSQL + Redis), 1 Rasa replica", 1),
    "replica2": Opzet(
        "ours", REPLICA, "production mode, 2 Rasa replicas (own ports, one database, Redis, action server)", 2
    ),
    "tf1": Opzet("ours", TF1, "embedded, TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1"),
    "ours-timeout30": Opzet("ours", {"ACTIE_TIMEOUT": "30"}, "embedded, ACTIE_TIMEOUT=30 (dienst default 5 s)"),
    "storing": Opzet("ours", {}, "embedded; action server frozen (SIGSTOP) and killed during a check", soort=STORING),
    "vloed": Opzet(
        "ours", {}, "embedded; one sender id floods (200 messages, 20 connections), others chat quietly", soort=VLOED
    ),
    "lang": Opzet("ours", {}, "embedded; 300 questions in one conversation", soort=LANG),
    "uitval": Opzet(
        "ours",
        REPLICA,
        "production mode, 2 replicas; one is killed (SIGKILL) in the middle of a message under load",
        2,
        soort=UITVAL,
    ),
    "training": Opzet("ours", {}, "rasa train from scratch (empty cache), ours and the starter", soort=TRAINING),
}
DEFAULT_CONFIGS = "starter,ours,replica1,replica2,replica2@50,uitval,starter,ours,ours@50,storing,vloed,lang,training"
# Set by the caller's shell, they would change what a configuration means.
NIET_ERVEN = (
    "ACTION_SERVER_URL",
    "ENDPOINTS",
    "ASSISTENT_MODUS",
    "SANIC_WORKERS",
    "TF_NUM_INTRAOP_THREADS",
    "TF_NUM_INTEROP_THREADS",
    "TF_INTRA_OP_PARALLELISM_THREADS",
    "TF_INTER_OP_PARALLELISM_THREADS",
    "OMP_NUM_THREADS",
    "POSTGRES_DB",
    "GESPREKKEN_DB",
    "ASSISTENT_VAR",
    "MODEL",
    "ACTIE_TIMEOUT",
    "RASA_CACHE_DIRECTORY",
)


@dataclass(frozen=True)
class Meting:
    naam: str  # as given: name[@users]
    opzet: Opzet
    users: int

    @property
    def basis(self) -> str:
        return self.naam.split("@")[0]


def lees_configs(tekst: str, users: int, training: bool = True) -> List[Meting]:
    metingen = []
    for deel in filter(None, (d.strip() for d in tekst.split(","))):
        naam, at, aantal = deel.partition("@")
        if naam not in OPZETTEN:
            raise SystemExit(f"bench: unknown configuration '{naam}' (known: {', '.join(OPZETTEN)})")
        if at and not (aantal.isdigit() and int(aantal) > 0):
            raise SystemExit(f"bench: '{deel}': the number of users after @ must be a whole number above 0")
        if OPZETTEN[naam].soort == TRAINING and not training:
            continue
        metingen.append(Meting(deel, OPZETTEN[naam], int(aantal) if aantal else users))
    return metingen


def basis_omgeving() -> Dict[str, str]:
    omgeving = {k: v for k, v in os.environ.items() if k not in NIET_ERVEN}
    omgeving.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PYTHONHASHSEED": "0",
        }
    )
    return omgeving
