"""One running assistant shared by the end-to-end tests (started once: loading the model takes a while)."""

from pathlib import Path

import pytest

from tests.e2e.stack import MODEL, Stack

# Stops and restarts the shared stack's servers: if a restart goes wrong, no other test is hit by it.
LAATST = "test_storingen.py"


def pytest_collection_modifyitems(items: list) -> None:
    items.sort(key=lambda item: item.path.name == LAATST)  # a stable sort: the rest keeps its order


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    # Debug logging on purpose: the log tests check that even then no personal data is written.
    draaiend = Stack("gedeeld", Path(tmp_path_factory.mktemp("gedeeld")), debug=True)
    try:
        yield draaiend.start(web=True)
    finally:
        draaiend.stop_alles()
