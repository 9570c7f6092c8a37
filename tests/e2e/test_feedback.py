"""The widget's "Was dit antwoord nuttig?" through the real socket.io channel: stored in the conversation, only
for an answer the assistant gave there, the remark masked (rasaserver/kanalen/feedback.py)."""

import pytest

from tests.e2e.test_socketio import Bezoeker

pytestmark = pytest.mark.usefixtures("geen_losse_taken")


def beoordelingen(stack, token: str):
    events = stack.gebeurtenissen(token.split(".")[0])
    return [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == "feedback"]


async def test_feedback_komt_als_slotset_in_het_gesprek(stack):
    tab = Bezoeker(stack)
    sessie = await tab.verbind()
    await tab.wacht_op("bot_uttered")
    await tab.zeg("Wat kost de aanvraag?", sessie["session_id"])
    antwoord = await tab.wacht_op_beurt(stack, sessie["session_id"], "Wat kost de aanvraag?")  # every part

    oordeel = {"oordeel": "slecht", "antwoord": "\n\n".join(antwoord), "opmerking": "Bel mij: 0612345678"}
    assert await tab.client.call("feedback", oordeel, timeout=20) == {"ok": True, "fout": None}
    assert beoordelingen(stack, sessie["session_id"]) == [{**oordeel, "opmerking": "Bel mij: [***]"}]

    for fout in (
        {"oordeel": "goed", "antwoord": "Dit heeft de assistent nooit gezegd."},
        {"oordeel": "top", "antwoord": antwoord[0]},
        {"oordeel": "goed", "antwoord": antwoord[0], "opmerking": "x" * 501},
        "goed",
    ):
        terug = await tab.client.call("feedback", fout, timeout=20)
        assert terug["ok"] is False and terug["fout"]
    assert len(beoordelingen(stack, sessie["session_id"])) == 1
    await tab.sluit()


async def test_feedback_zonder_sessie_wordt_geweigerd(stack):
    tab = Bezoeker(stack)
    await tab.client.connect(tab.url, headers={"Origin": tab.herkomst}, transports=["polling"])
    terug = await tab.client.call("feedback", {"oordeel": "goed", "antwoord": "Welkom."}, timeout=20)
    assert terug == {"ok": False, "fout": "geen sessie"}
    await tab.sluit()
