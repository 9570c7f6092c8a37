"""rasaserver/kanalen/gesprek.py: Rasa works on at most BERICHTEN_TEGELIJK messages at once, the others wait in turn."""

import asyncio
from types import SimpleNamespace

import pytest
from rasa.core.channels.channel import CollectingOutputChannel

from rasaserver.kanalen import gesprek


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


class NepRasa:
    """Rasa as the channels see it: one message of a conversation at a time (agent.handle_message takes the
    conversation's lock), answered when the test says so."""

    def __init__(self) -> None:
        self.ontvangen: list = []
        self.sloten: dict = {}
        self.klaar: dict = {}

    def laat_antwoorden(self, tekst: str) -> None:
        self.klaar.setdefault(tekst, asyncio.Event()).set()

    async def __call__(self, bericht) -> None:
        async with self.sloten.setdefault(bericht.sender_id, asyncio.Lock()):
            self.ontvangen.append(bericht.text)
            await self.klaar.setdefault(bericht.text, asyncio.Event()).wait()


async def test_een_gesprek_heeft_een_bericht_in_werk_en_een_wachtend_de_rest_krijgt_te_snel(monkeypatch):
    monkeypatch.setattr(gesprek, "_beurten", type(gesprek._beurten)())
    rasa, uit = NepRasa(), CollectingOutputChannel()
    taken = [asyncio.create_task(gesprek.verwerk(agent(), rasa, f"vraag {i}", uit, "snel", "rest")) for i in range(5)]
    await asyncio.sleep(0)  # every message has arrived; the first is with Rasa, the second waits
    geweigerd = await asyncio.wait_for(asyncio.gather(*taken[2:]), 5)  # at once; 5 s only so a failure ends
    assert geweigerd == [False, False, False]
    assert [m["text"] for m in uit.messages] == [gesprek.TE_SNEL] * 3
    rasa.laat_antwoorden("vraag 0")
    rasa.laat_antwoorden("vraag 1")
    assert await asyncio.gather(*taken[:2]) == [True, True]
    assert rasa.ontvangen == ["vraag 0", "vraag 1"]  # the refused ones never reached Rasa: nothing stored
    assert gesprek.gesprekken() == {}  # nothing kept for a conversation with no message in work
    # The conversation may send again as soon as its answer is there.
    rasa.laat_antwoorden("daarna")
    assert await gesprek.verwerk(agent(), rasa, "daarna", uit, "snel", "rest") is True


async def test_een_wachtend_bericht_houdt_geen_beurt_vast(monkeypatch):
    """BERICHTEN_TEGELIJK=2: one conversation's second message waits for its first without taking the second
    turn, so another person is answered while that first message is still in work."""
    monkeypatch.setenv("BERICHTEN_TEGELIJK", "2")
    monkeypatch.setattr(gesprek, "_beurten", type(gesprek._beurten)())
    rasa, uit = NepRasa(), CollectingOutputChannel()
    eerste = asyncio.create_task(gesprek.verwerk(agent(), rasa, "a1", uit, "a", "rest"))
    tweede = asyncio.create_task(gesprek.verwerk(agent(), rasa, "a2", uit, "a", "rest"))
    await asyncio.sleep(0)
    rasa.laat_antwoorden("b1")
    # An upper bound only: without the fix this waits until a1 is answered, which the test never allows.
    assert await asyncio.wait_for(gesprek.verwerk(agent(), rasa, "b1", uit, "b", "rest"), 5) is True
    assert not eerste.done() and rasa.ontvangen == ["a1", "b1"]
    rasa.laat_antwoorden("a1")
    rasa.laat_antwoorden("a2")
    assert await asyncio.gather(eerste, tweede) == [True, True]
    assert rasa.ontvangen == ["a1", "b1", "a2"]


async def test_zonder_model_de_verontschuldiging_met_het_telefoonnummer():
    async def zonder_model(bericht) -> None:
        raise RuntimeError("Agent needs to be prepared before usage.")

    uit = CollectingOutputChannel()
    kaal = SimpleNamespace(domain=None, tracker_store=None)  # as Rasa's agent when the model did not load
    await gesprek.verwerk(kaal, zonder_model, "Wat kost de aanvraag?", uit, "iemand", "rest")
    assert [m["text"] for m in uit.messages] == [gesprek.STORING]
    assert "088 043 0430" in gesprek.STORING


class GedeeldSlot:
    """A shared lock store in which another server holds the conversation until the test lets go."""

    def __init__(self) -> None:
        self.bezet = {"a"}
        self.gevraagd = 0

    def is_someone_waiting(self, sender_id: str) -> bool:
        self.gevraagd += 1
        return sender_id in self.bezet


async def test_wachten_op_een_andere_server_houdt_geen_beurt_vast(monkeypatch):
    """BERICHTEN_TEGELIJK=1: a message whose conversation another server has in hand waits outside the turns, so
    another person's message passes it; when the other server is done, it goes on."""
    monkeypatch.setenv("BERICHTEN_TEGELIJK", "1")
    monkeypatch.setattr(gesprek, "_beurten", type(gesprek._beurten)())
    monkeypatch.setattr(gesprek, "ANDERE_SERVER_KIJKEN", 0.01)
    rasa, uit, slot = NepRasa(), CollectingOutputChannel(), GedeeldSlot()
    met_slot = SimpleNamespace(**vars(agent()), lock_store=slot)
    wachtend = asyncio.create_task(gesprek.verwerk(met_slot, rasa, "a1", uit, "a", "rest"))
    rasa.laat_antwoorden("b1")
    assert await asyncio.wait_for(gesprek.verwerk(met_slot, rasa, "b1", uit, "b", "rest"), 5) is True
    assert rasa.ontvangen == ["b1"] and not wachtend.done() and slot.gevraagd >= 2
    slot.bezet.clear()
    rasa.laat_antwoorden("a1")
    assert await asyncio.wait_for(wachtend, 5) is True
    assert rasa.ontvangen == ["b1", "a1"]
