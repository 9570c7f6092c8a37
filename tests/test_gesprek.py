"""kanalen/gesprek.py: Rasa works on at most BERICHTEN_TEGELIJK messages at once, the others wait in turn."""

import asyncio
from types import SimpleNamespace

import pytest
from rasa.core.channels.channel import CollectingOutputChannel

from kanalen import gesprek


def agent() -> SimpleNamespace:
    return SimpleNamespace(domain=SimpleNamespace(responses={"utter_storing": [{"text": "storing"}]}))


async def speel(aantal: int, tegelijk_toegestaan: int, monkeypatch) -> int:
    """Sends `aantal` messages at once; returns how many Rasa had in hand at the same time, at most."""
    monkeypatch.setenv("BERICHTEN_TEGELIJK", str(tegelijk_toegestaan))
    monkeypatch.setattr(gesprek, "_beurten", type(gesprek._beurten)())
    bezig, hoogste = 0, 0

    async def rasa(bericht) -> None:
        nonlocal bezig, hoogste
        bezig += 1
        hoogste = max(hoogste, bezig)
        await asyncio.sleep(0.01)  # waits for the action server: the loop could start other messages now
        bezig -= 1

    uit = CollectingOutputChannel()
    await asyncio.gather(
        *(gesprek.verwerk(agent(), rasa, f"vraag {i}", uit, f"persoon-{i}", "rest") for i in range(aantal))
    )
    assert uit.messages == []  # no apology: every message reached Rasa
    return hoogste


@pytest.mark.parametrize("toegestaan", [1, 2, 5])
async def test_niet_meer_berichten_tegelijk_dan_ingesteld(toegestaan, monkeypatch):
    assert await speel(10, toegestaan, monkeypatch) == toegestaan


async def test_een_fout_geeft_de_beurt_vrij(monkeypatch):
    monkeypatch.setenv("BERICHTEN_TEGELIJK", "1")
    monkeypatch.setattr(gesprek, "_beurten", type(gesprek._beurten)())

    async def kapot(bericht) -> None:
        raise RuntimeError("model kapot")

    uit = CollectingOutputChannel()
    for _ in range(2):  # the second message is not stuck behind the first one's failure
        await asyncio.wait_for(gesprek.verwerk(agent(), kapot, "vraag", uit, "persoon", "rest"), 1)
    assert [m["text"] for m in uit.messages] == ["storing", "storing"]
