"""The benchmark's pure parts: conversations as data, configurations, statistics, the goals' judgement."""

import math

import pytest

from bench import belasting, doelen, gesprekken, opzet, statistiek
from bench.storing import StoringUitslag
from bench.training import TrainingUitslag

GIB = 2**30
MIB = 2**20


def test_gesprekken_yml_laadt_met_drie_eigen_en_drie_starter_gesprekken():
    alle = gesprekken.laad()
    assert [len(s) for s in alle.van("ours")] == [12, 9, 8]
    assert [len(s) for s in alle.van("starter")] == [4, 4, 4]
    assert alle.van("ours")[0][2] == (
        "Ik ben gescheiden, kan ik humanitair niet-tijdelijk krijgen?",
        "Zal ik met een paar vragen",
    )
    assert alle.storing.tijdens.verwacht == gesprekken.STORING


@pytest.mark.parametrize(
    "tekst",
    [
        "ons: {a: [[hallo, Welkom, extra]]}\nstarter: {b: [[hi, Hey]]}",
        "ons: {a: []}\nstarter: {b: [[hi, Hey]]}",
        "starter: {b: [[hi, Hey]]}",
        "ons: {a: [[hallo, Welkom]]}\nstarter: {b: [[hi, Hey]]}\nstoring: {voor: [[a, b]], tijdens: [x]}",
    ],
)
def test_een_kapot_gesprek_geeft_een_fout_met_de_plek(tekst):
    with pytest.raises(ValueError):
        gesprekken.lees(tekst)


def test_configs_met_aantal_users_en_zonder_training():
    metingen = opzet.lees_configs("starter, ours@50,replica2,training", users=10)
    assert [(m.naam, m.users, m.opzet.replicas) for m in metingen] == [
        ("starter", 10, 1),
        ("ours@50", 50, 1),
        ("replica2", 10, 2),
        ("training", 10, 1),
    ]
    assert [m.naam for m in opzet.lees_configs("ours,training", 10, training=False)] == ["ours"]


@pytest.mark.parametrize("tekst", ["onbekend", "ours@", "ours@nul", "ours@0"])
def test_foute_config_stopt_met_een_zin(tekst):
    with pytest.raises(SystemExit, match="bench:"):
        opzet.lees_configs(tekst, users=10)


def test_storing_deelt_de_server_van_ours_maar_replicas_niet():
    o = opzet.OPZETTEN
    assert o["storing"].server == o["ours"].server
    assert o["replica1"].server != o["replica2"].server
    assert o["replica1"].productie and not o["ours"].productie
    assert "training" in opzet.DEFAULT_CONFIGS and "storing" in opzet.DEFAULT_CONFIGS


def test_percentiel_interpoleert_zoals_numpy():
    waarden = [4, 1, 3, 2]
    assert statistiek.percentiel(waarden, 50) == 2.5
    assert statistiek.percentiel(waarden, 95) == pytest.approx(3.85)
    assert statistiek.percentiel(waarden, 100) == 4
    assert statistiek.percentiel([7], 99) == 7
    assert math.isnan(statistiek.percentiel([], 50))


@pytest.mark.parametrize(
    "status, inhoud, verwacht",
    [
        (200, b'[{"text": "Welkom bij de IND"}]', (None, False)),
        (200, b'[{"text": "Iets anders"}]', (None, True)),
        (200, b"[]", ("empty reply", False)),
        (200, b"geen json", ("reply is not JSON", False)),
        (200, b'[{"text": "Sorry, er is nu een technische storing."}]', ("apology (utter_storing)", False)),
        (500, b"", ("http 500", False)),
    ],
)
def test_oordeel_over_een_antwoord(status, inhoud, verwacht):
    assert belasting.oordeel(status, inhoud, "Welkom") == verwacht


def test_een_gebruiker_begint_na_het_gesprek_een_nieuw():
    script = [gesprekken.Beurt("a", "A"), gesprekken.Beurt("b", "B")]
    assert [(afzender, b.tekst) for afzender, b in belasting.beurten(script, 5, "u")] == [
        ("u-0", "a"),
        ("u-0", "b"),
        ("u-1", "a"),
        ("u-1", "b"),
        ("u-2", "a"),
    ]


def resultaat(nummer, naam, bot="ours", per_seconde=10.0, fouten=0, eerste=math.nan, rss=None, piek=None):
    users = int(naam.split("@")[1]) if "@" in naam else 10
    return statistiek.Resultaat(
        nummer=nummer,
        naam=naam,
        bot=bot,
        users=users,
        replicas=2 if naam.startswith("replica2") else 1,
        berichten=int(per_seconde * 10),
        duur=10.0,
        latenties_p={"p50": 0.1, "p95": 0.2, "p99": 0.3},
        fouten={"timeout": fouten} if fouten else {},
        afwijkend=0,
        eerste_antwoord_s=eerste,
        rss_na=rss or {},
        piek_rss=piek or rss or {},
        cpu_ms={"rasa": 20.0},
        andere_cores=0.0,
        load="0 0 0",
        draden_rasa=1,
    )


def test_vergelijk_kiest_de_dichtstbijzijnde_starter_met_evenveel_users():
    alle = [
        resultaat(1, "starter", "starter"),
        resultaat(2, "ours"),
        resultaat(3, "ours"),
        resultaat(4, "ours"),
        resultaat(5, "starter", "starter"),
        resultaat(6, "ours@50"),
    ]
    assert [statistiek.vergelijk(r, alle) and statistiek.vergelijk(r, alle).nummer for r in alle] == [
        None,
        1,
        1,
        5,
        None,
        None,
    ]


def regels_van(resultaten, storingen=(), trainingen=()):
    return {
        r.doel.split(",")[0].split(" <=")[0]: r
        for r in doelen.beoordeel(resultaten, list(storingen), list(trainingen), 10)
    }


def test_doelen_gehaald_en_niet_gehaald():
    goed = [
        resultaat(1, "starter", "starter", 50.0, eerste=20.0),
        resultaat(2, "ours", per_seconde=40.0, eerste=29.9, rss={"rasa": GIB - 1, "acties": 150 * MIB}),
        resultaat(3, "ours@50", per_seconde=40.0),
    ]
    regels = regels_van(
        goed,
        [StoringUitslag("frozen", 7.0, 6.9, True, True, True, "", "")],
        [
            TrainingUitslag("ours", 179.0, True, ""),
            TrainingUitslag("starter", 60.0, True, ""),
        ],
    )
    assert regels["first answer after start"].gehaald is True
    assert regels["Rasa server RSS after 60 messages"].gehaald is True
    assert regels["action server RSS after 60 messages"].gehaald is True
    assert regels["0 errors at 50 users (embedded)"].gehaald is True
    assert regels["training from scratch"].gehaald is True
    assert regels["action server frozen: apology within 7 s"].gehaald is True
    assert regels["action server dead: apology within ACTIE_TIMEOUT + 2 s"].gehaald is None
    assert "ratio msg/s 0.80" in regels["embedded vs starter at 10 users"].gemeten
    assert regels["embedded vs starter at 10 users"].gehaald is False  # 0.80x the starter's msg/s
    gelijk = regels_van([resultaat(1, "starter", "starter", 50.0), resultaat(2, "ours", per_seconde=50.0)])
    assert gelijk["embedded vs starter at 10 users"].gehaald is True  # as fast, the same p95

    slecht = [
        resultaat(1, "ours", eerste=math.inf),
        resultaat(2, "ours", eerste=20.0, rss={"rasa": GIB + 1, "acties": 201 * MIB}),
        resultaat(3, "ours@50", fouten=1),
    ]
    regels = regels_van(
        slecht,
        [StoringUitslag("frozen", 7.0, 6.0, True, False, True, "", "")],
        [TrainingUitslag("ours", 120.0, False, "")],
    )
    assert regels["first answer after start"].gemeten == "ours no answer, 20.0 s"
    assert [
        regels[naam].gehaald
        for naam in (
            "first answer after start",
            "Rasa server RSS after 60 messages",
            "action server RSS after 60 messages",
            "0 errors at 50 users (embedded)",
            "training from scratch",
            "action server frozen: apology within 7 s",
        )
    ] == [False] * 6


def test_te_laat_excuus_haalt_het_doel_niet():
    assert not StoringUitslag("dead", 7.0, 7.5, True, True, True, "", "").gehaald
    assert not StoringUitslag("dead", 7.0, 1.0, False, True, True, "", "").gehaald
    assert StoringUitslag("dead", 7.0, 1.0, True, True, True, "", "").gehaald


def test_niet_gemeten_is_geen_oordeel():
    assert all(r.gehaald is None for r in doelen.beoordeel([], [], [], 10))


def test_json_schrijft_niet_gemeten_als_null():
    from bench.verslag import zonder_nan

    assert zonder_nan({"a": [1.5, math.nan], "b": {"c": math.inf}}) == {"a": [1.5, None], "b": {"c": None}}


def test_vloed_telt_de_antwoorden_en_verdeelt_de_berichten_over_de_verbindingen():
    from bench import vloed

    assert vloed.tel(["429", "200", "429", "timeout", "429"]) == {"429": 3, "200": 1, "timeout": 1}
    assert list(vloed.tel(["200", "429", "429"])) == ["429", "200"]  # the most common first
    assert vloed.aandelen(200, 20) == [10] * 20
    assert vloed.aandelen(7, 3) == [3, 2, 2]
    assert vloed.statussen_tekst({"429": 191, "200": 9}) == "191× 429, 9× 200"


def vloed_uitslag(tijdens, fouten=None):
    from bench.vloed import VloedUitslag

    return VloedUitslag(tijdens, tijdens + [5.0, 5.0, 5.0], fouten or {}, {"429": 190, "200": 10}, 0.4)


def test_vloed_oordeelt_over_de_mediaan_van_wat_anderen_tijdens_de_vloed_vroegen():
    snel = vloed_uitslag([0.04, 0.9, 0.05])
    assert (snel.mediaan, snel.slechtste, snel.gehaald) == (0.05, 0.9, True)  # the later 5-s replies do not count
    assert not vloed_uitslag([0.5, 1.0, 1.2]).gehaald  # median exactly 1 s: not under it
    assert not vloed_uitslag([0.04], {"timeout": 1}).gehaald
    leeg = vloed_uitslag([])
    assert math.isnan(leeg.mediaan) and math.isnan(leeg.slechtste) and not leeg.gehaald


def test_lang_vergelijkt_de_eerste_en_de_laatste_dertig_vragen():
    from bench.lang import LangUitslag, vragen

    latenties = [0.02] * 30 + [0.5] * 240 + [0.04] * 29 + [0.05]
    u = LangUitslag(latenties, {})
    assert (u.begin, u.eind, u.verhouding, u.gehaald) == (0.02, 0.04, 2.0, True)
    assert u.per_venster() == [0.02] + [0.5] * 8 + [0.04]
    assert not LangUitslag([0.02] * 30 + [0.05] * 30, {}).gehaald  # 2.5x
    assert not LangUitslag([0.02] * 60, {"http 500": 1}).gehaald
    kort = LangUitslag([0.02] * 40, {})
    assert math.isnan(kort.eind) and not kort.gehaald  # the two windows would overlap
    script = vragen(gesprekken.laad(), 300)
    assert len(script) == 300 and script[0].tekst == "hallo" and "doei" not in {b.tekst for b in script}


def test_vloed_en_lang_staan_bij_de_doelen():
    from bench.lang import LangUitslag

    regels = {r.doel.split(" (")[0].split(":")[0]: r for r in doelen.beoordeel([], [], [], 10)}
    assert regels["others' median reply while one client floods"].gehaald is None
    regels = doelen.beoordeel(
        [], [], [], 10, [vloed_uitslag([0.04, 0.05])], [LangUitslag([0.02] * 30 + [0.1] * 30, {})]
    )
    vloed_regel, lang_regel = regels[-3:-1]
    assert vloed_regel.gehaald is True and "190× 429, 10× 200" in vloed_regel.gemeten
    assert lang_regel.gehaald is False and "20 -> 100 ms (5.00x)" in lang_regel.gemeten
    assert {"vloed", "lang"} <= {m.naam for m in opzet.lees_configs(opzet.DEFAULT_CONFIGS, 10)}


def uitval_uitslag(seconden=5.2, in_vlucht=None, **anders):
    from bench.uitval import UitvalUitslag

    standaard = {"doel_s": 10.0, "berichten": 90, "fouten": {}, "afwijkend": [], "pogingen": 1, "gedood": True}
    return UitvalUitslag(seconden=seconden, in_vlucht={"u00": seconden, **(in_vlucht or {})}, **{**standaard, **anders})


def test_uitval_haalt_het_doel_alleen_zonder_verlies_dubbel_of_te_laat():
    assert uitval_uitslag().gehaald
    assert uitval_uitslag(in_vlucht={"u03": 9.9}).traagste == 9.9
    assert not uitval_uitslag(in_vlucht={"u03": 10.5}).gehaald  # another message that was on it came too late
    assert not uitval_uitslag(seconden=math.inf).gehaald  # never answered
    assert not uitval_uitslag(verloren=["u04"]).gehaald
    assert not uitval_uitslag(dubbel=["u04"]).gehaald
    assert not uitval_uitslag(fouten={"timeout": 1}).gehaald
    assert not uitval_uitslag(gedood=False).gehaald


def test_uitval_staat_bij_de_doelen_en_krijgt_daarna_verse_servers():
    regel = doelen.beoordeel([], [], [], 10)[-1]
    assert regel.doel.startswith("a replica killed") and regel.gehaald is None
    regel = doelen.beoordeel([], [], [], 10, uitvallen=[uitval_uitslag(in_vlucht={"u01": 6.0})])[-1]
    assert regel.gehaald is True and "5.2 s; 2 message(s) on it, slowest 6.0 s; lost 0, twice 0" in regel.gemeten
    o = opzet.OPZETTEN["uitval"]
    assert o.replicas == 2 and o.productie and o.server == opzet.OPZETTEN["replica2"].server
    assert "uitval" in {m.naam for m in opzet.lees_configs(opzet.DEFAULT_CONFIGS, 10)}
