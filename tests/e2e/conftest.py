"""One running assistant shared by the end-to-end tests (started once: loading the model takes a while)."""

from pathlib import Path

import pytest

from tests.e2e.stack import MODEL, Stack


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
