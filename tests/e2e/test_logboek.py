"""Even with debug logging, no personal data and no story of violence reaches the log files."""

from tests.e2e.stack import teksten

GEHEIMEN = ["1234567890", "01-02-1990", "0612345678", "jan.jansen@voorbeeld.nl", "sloeg", "uitgebuit"]


def test_persoonsgegevens_en_gevoelige_berichten_niet_in_de_logs(stack):
    berichten = [
        "Mijn V-nummer is 1234567890 en ik ben geboren op 01-02-1990",
        "Bel mij op 0612345678 of mail jan.jansen@voorbeeld.nl",
        "Mijn man sloeg mij, kan ik blijven?",
        "Ik werd uitgebuit in een fabriek",
    ]
    for bericht in berichten:
        assert teksten(stack.zeg("logboek", bericht))
    logs = stack.log("rasa").read_text(errors="replace") + stack.log("acties").read_text(errors="replace")
    assert "[regel weggelaten" in logs and "[***]" in logs, "debug logging should have shown the messages"
    for geheim in GEHEIMEN:
        assert geheim not in logs
