"""Chat session ids are signed: a client cannot make one up or take someone else's (rasaserver/kanalen/sessie.py)."""

from rasaserver.kanalen.sessie import nieuw_token, sessie_van

GEHEIM = "een-geheim-van-de-server-32-tekens"


def test_eigen_token_geeft_de_sessie_terug():
    token = nieuw_token(GEHEIM)
    assert sessie_van(GEHEIM, token) == token.split(".")[0]


def test_tokens_zijn_uniek_en_lang():
    tokens = {nieuw_token(GEHEIM) for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(len(t.split(".")[0]) >= 32 for t in tokens)


def test_verzonnen_of_gewijzigd_token_wordt_geweigerd():
    sessie_id, handtekening = nieuw_token(GEHEIM).split(".")
    assert sessie_van(GEHEIM, sessie_id) is None
    ander_teken = "B" if handtekening.endswith("A") else "A"  # a real change, also when it ended in "A"
    assert sessie_van(GEHEIM, f"{sessie_id}.{handtekening[:-1]}{ander_teken}") is None
    assert sessie_van(GEHEIM, f"ander{sessie_id}.{handtekening}") is None
    assert sessie_van("ander-geheim-van-een-andere-server", f"{sessie_id}.{handtekening}") is None


def test_rommel_is_geen_token():
    for rommel in (None, 12, "", ".", "a.b.c", {"id": 1}, "x" * 500):
        assert sessie_van(GEHEIM, rommel) is None
