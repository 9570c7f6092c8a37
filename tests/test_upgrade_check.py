"""scripts/upgrade_check.py (`make upgrade-check`): a lock pin the candidate release conflicts with is found in pip's
report and left to pip; the others stay pinned."""

from scripts import upgrade_check

# pip 24's report when a candidate needs another release of a pinned package (here: an older Rasa).
PIP = """ERROR: Cannot install -r eisen.txt (line 2) and rasa==3.5.17 because these package versions have conflicting dependencies.

The conflict is caused by:
    The user requested rasa-sdk==3.6.2
    rasa 3.5.17 depends on rasa-sdk<3.6.0 and >=3.5.1
    The user requested APScheduler==3.9.1.post1
    rasa 3.5.17 depends on apscheduler<3.10 and >=3.6

To fix this you could try to:
1. loosen the range of package versions you've specified
"""


def test_de_botsende_pins_uit_het_verslag_van_pip():
    pins = upgrade_check.pins()
    assert pins["rasa"].startswith("rasa==") and "rasa-sdk" in pins and "apscheduler" in pins
    overig = {naam: regel for naam, regel in pins.items() if naam != "rasa"}
    assert upgrade_check.botsende_pins(PIP, overig) == {"rasa-sdk", "apscheduler"}
    assert upgrade_check.botsende_pins("Successfully installed rasa-3.6.21", overig) == set()
