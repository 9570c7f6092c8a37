"""One running assistant shared by the end-to-end tests (started once: loading the model takes a while).

Its Telegram channel is on, registered with a stand-in Bot API server (tests/e2e/nep_telegram.py), and its
WhatsApp channel sends through a stand-in Graph API (tests/e2e/nep_whatsapp.py), so neither channel's tests
need a server of their own."""

import asyncio
from pathlib import Path
from typing import Iterator

import pytest

from tests.e2e.nep_telegram import NepTelegram, telegram_omgeving
from tests.e2e.nep_whatsapp import NepGraphApi, whatsapp_omgeving
from tests.e2e.stack import MODEL, Stack

# Stops and restarts the shared stack's servers: if a restart goes wrong, no other test is hit by it.
LAATST = "test_storingen.py"


def pytest_collection_modifyitems(items: list) -> None:
    items.sort(key=lambda item: item.path.name == LAATST)  # a stable sort: the rest keeps its order


@pytest.fixture(scope="session")
def nep_telegram() -> Iterator[NepTelegram]:
    nep = NepTelegram().start()
    try:
        yield nep
    finally:
        nep.stop()


@pytest.fixture(scope="session")
def nep_whatsapp() -> Iterator[NepGraphApi]:
    nep = NepGraphApi().start()
    try:
        yield nep
    finally:
        nep.stop()


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory, nep_telegram: NepTelegram, nep_whatsapp: NepGraphApi
) -> Iterator[Stack]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    # Debug logging on purpose: the log tests check that even then no personal data is written.
    draaiend = Stack("gedeeld", Path(tmp_path_factory.mktemp("gedeeld")), debug=True)
    draaiend.omgeving.update(telegram_omgeving(draaiend.rasa_url, nep_telegram.url))
    draaiend.omgeving.update(whatsapp_omgeving(nep_whatsapp.url))
    try:
        yield draaiend.start(web=True)
    finally:
        draaiend.stop_alles()


@pytest.fixture
async def geen_losse_taken():
    """Ends the socket.io test clients' background tasks before pytest closes the event loop (modules whose
    clients leave polling tasks use it: pytestmark)."""
    yield
    taken = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for taak in taken:
        taak.cancel()
    await asyncio.gather(*taken, return_exceptions=True)
