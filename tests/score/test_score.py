"""The score step: hand-computed cases for every rule, and properties for open-ended inputs.

Expected numbers are written out by hand (see the comment beside each) so that a change in a formula
shows up as a failure, not as a new "expected" value.
"""

from __future__ import annotations

import io
import math
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from analysis import places, score
from analysis import store
from analysis.score import engine
from analysis.__main__ import main
from analysis.rubric.load import load_rubric
from helpers.builders import (CRITERIA, HM, NAN, NATIONAL_JUDGES, PROVINCE_JUDGES, RUBRIC, TOP, applicant, forms,
                      marks, near_tie_year, panel, project, row, run, share, with_aggregation)

matplotlib.use("Agg")


# ------------------------------------------------------------------------ computed criteria
def test_a1_bands_at_their_edges():
    spec = RUBRIC["individual"].criterion("A1").computed
    got = score.band_points([100, 95, 94.99, 90, 89.99, 80, 79.99, 70, 69.99, 0], spec)
    assert got.tolist() == [15, 15, 12, 12, 9, 9, 6, 6, 3, 3]
    assert np.isnan(score.band_points([NAN], spec)[0])  # no rate: no points, not "otherwise"
    # 57% typed as 0.57 becomes 56.99999999999999 after * 100: it still reaches 57
    assert score.band_points([0.57 * 100], {"bands": [[57, 1]], "otherwise": 0})[0] == 1
    spec66 = load_rubric(CRITERIA / "2566.yaml")["individual"].criterion("A1").computed
    assert score.band_points([95, 94.99, 69.99], spec66).tolist() == [10, 8, 2]


def test_a2_ratio_bands_and_none_received():
    spec = RUBRIC["individual"].criterion("A2").computed
    f = pd.DataFrame({"complaints_resolved": pd.array([9, 27, 8, 3, 1, 0, 0, 5, 4], "Int64"),
                      "complaints_received": pd.array([10, 30, 10, 4, 2, 5, 0, None, 9], "Int64")})
    got = score.computed_points(f, spec)
    # 0.9 -> 10, 0.9 -> 10, 0.8 -> 7, 0.75 -> 7, 0.5 -> 4, 0 -> 2, none received -> 10, unknown, 0.44 -> 2
    assert got[:7].tolist() == [10, 10, 7, 7, 4, 2, 10]
    assert np.isnan(got[7]) and got[8] == 2


# ------------------------------------------------------------------------ combining judges
def cube(*slots):
    """(S, C=1, K=1) from one candidate's slot values."""
    return np.array(slots, dtype=float).reshape(len(slots), 1, 1)


def test_mean_skips_blank_slots():
    assert score.aggregate(cube(10, 20, NAN), "mean")[0, 0] == 15      # (10 + 20) / 2
    assert np.isnan(score.aggregate(cube(NAN, NAN), "mean")[0, 0])


def test_trimmed_mean_drops_one_high_one_low_whatever_the_number_of_scores():
    assert score.aggregate(cube(10, 12, 14, 16, 30), "trimmed_mean")[0, 0] == 14  # (12+14+16)/3
    assert score.aggregate(cube(10, 12, 14, 30), "trimmed_mean")[0, 0] == 13      # 4 scores: (12+14)/2
    assert score.aggregate(cube(10, 12, 30), "trimmed_mean")[0, 0] == 12          # 3 scores: the middle
    assert score.aggregate(cube(10, 30), "trimmed_mean")[0, 0] == 20              # 2: nothing to drop
    assert score.aggregate(cube(10, 12, 14, 16, 30, NAN), "trimmed_mean")[0, 0] == 14
    assert score.aggregate(cube(30, 10, 10, 20, 20), "trimmed_mean")[0, 0] == pytest.approx(50 / 3)


def test_mean_end_to_end_with_a_blank_judge():
    f = [applicant("5001", rate=94.99, received=4, resolved=3)]          # A1 12, A2 7 (0.75)
    s = marks("individual", "province", "ป1", "5001", {"A3": 20, "B1": 24, "C1": 15})
    s += marks("individual", "province", "ป2", "5001", {"A3": 22, "B1": 27, "C1": NAN})
    s += marks("individual", "province", "ป3", "5001", {"A3": 24, "B1": NAN, "C1": 17})
    r = row(run(f, s)["results"], "individual", "province", "5001")
    assert (r["A1"], r["A2"], r["A3"], r["B1"], r["C1"]) == (12, 7, 22, 25.5, 16)
    assert r["total"] == 12 + 7 + 22 + 25.5 + 16                      # 82.5
    assert r["n_judges_min"] == 2 and r["few_judges"] and not r["incomplete"]
    assert r["spread_max"] == 4                                          # A3: 24 - 20


@pytest.mark.parametrize("judge", [None, ""])
def test_a_score_row_without_a_judge_is_no_judges_mark(judge):
    """The clean step holds such rows back; if one came anyway, it must not take another judge's
    slot in the cube (and overwrite that judge's mark): it counts for nobody."""
    f = [applicant("5001", rate=94.99, received=4, resolved=3)]          # A1 12, A2 7
    s = marks("individual", "province", "ป1", "5001", {"A3": 20, "B1": 24, "C1": 15})
    s += marks("individual", "province", "ป2", "5001", {"A3": 22, "B1": 26, "C1": 17})
    s += marks("individual", "province", judge, "5001", {"A3": 0, "B1": 0, "C1": 0})
    scores = pd.DataFrame(s).astype({"judge": "str"}) if judge == "" else pd.DataFrame(s)
    r = row(score.score_year(forms(f), scores, RUBRIC, draws=50)["results"],
            "individual", "province", "5001")
    if judge is None:  # no judge at all: not counted
        assert (r["A3"], r["B1"], r["C1"]) == (21, 25, 16) and r["n_judges_min"] == 2
    else:  # a judge named "" is a name, so a third judge: counted, and nobody overwritten
        assert (r["A3"], r["B1"], r["C1"]) == (14, 50 / 3, 32 / 3) and r["n_judges_min"] == 3


def test_trimmed_mean_end_to_end():
    f = [project("11")]
    s = panel("province", "national", "11", [0.1, 0.5, 0.6, 0.7, 1.0])
    out = run(f, s, rubric=with_aggregation("province", "trimmed_mean"))
    r = row(out["results"], "province", "national", "11")
    assert r["P3"] == pytest.approx(18)          # (15 + 18 + 21) / 3 on 30 points
    assert r["total"] == pytest.approx(60)
    j = out["judging"].query("criterion == 'P3'").iloc[0]
    assert (j["n_judges"], j["min"], j["max"], j["spread"]) == (5, 3, 30, 27)
    assert j["mean"] == pytest.approx(17.4)      # raw mean (3 + 15 + 18 + 21 + 30) / 5
    assert j["aggregated"] == pytest.approx(18)


def judges_cube(table: dict[str, list]) -> np.ndarray:
    """judge -> scores for candidates 0, 1, 2 (NaN = blank): a one-panel (S, C, K=1) cube."""
    return np.array(list(table.values()), dtype=float)[:, :, None]


ONE_PANEL = np.zeros(3, dtype=int)


def test_standardised_by_hand():
    # J1 10 12 14 (mean 12, sd 2), J2 20 24 28 (mean 24, sd 4), J3 scored one candidate: keeps raw.
    # round mean = (10+12+14+20+24+28+25) / 7 = 19; pooled sd = sqrt((8 + 32) / (2 + 2)) = sqrt(10)
    raw = judges_cube({"J1": [10, 12, 14], "J2": [20, 24, 28], "J3": [25, NAN, NAN]})
    got = score.standardise(raw, ONE_PANEL, 1, np.array([30.0]))[:, :, 0]
    r10 = math.sqrt(10)
    expected = [[19 - r10, 19, 19 + r10], [19 - r10, 19, 19 + r10], [25, NAN, NAN]]
    np.testing.assert_allclose(got, expected, equal_nan=True)


def test_standardised_clips_to_the_scale_and_keeps_constant_judges_raw():
    # J1 0 0 20: mean 20/3, sd 11.547; J2 gives 10 to all (sd 0: raw). Round mean 50/6, pooled sd
    # = J1's sd, so J1 -> 50/6 + (x - 20/3): 5/3, 5/3, 65/3 -> clipped to 20.
    raw = judges_cube({"J1": [0, 0, 20], "J2": [10, 10, 10]})
    got = score.standardise(raw, ONE_PANEL, 1, np.array([20.0]))[:, :, 0]
    np.testing.assert_allclose(got, [[5 / 3, 5 / 3, 20], [10, 10, 10]])


def test_a_judge_drawn_twice_counts_twice_in_the_round_scale():
    """In a panel draw a judge drawn twice fills two slots: the round's mean and pooled sd weigh
    that judge twice, exactly as if two judges had given those scores."""
    twice = judges_cube({"J1": [10, 12, 14], "J1b": [10, 12, 14], "J2": [20, 24, 28]})
    once = judges_cube({"J1": [10, 12, 14], "J2": [20, 24, 28]})
    a = score.standardise(twice, ONE_PANEL, 1, np.array([30.0]))[:, :, 0]
    # round mean (2*36 + 72)/9 = 16, pooled sd sqrt((2*8 + 32)/(2*2 + 2)) = sqrt(8)
    np.testing.assert_allclose(a[0], 16 + np.array([-1, 0, 1]) * math.sqrt(8))
    b = score.standardise(once, ONE_PANEL, 1, np.array([30.0]))[:, :, 0]
    assert not np.allclose(a[0], b[0])


def test_standardised_end_to_end():
    f = [project(p) for p in ("11", "12", "13")]
    s = []
    for judge, p3, cands in (("J1", [10, 12, 14], "123"), ("J2", [20, 24, 28], "123"), ("J3", [25], "1")):
        for c, v in zip(cands, p3):
            values = {"P1": 10, "P2": 10, "P3": v, "P4": 10, "P5": 10}
            s += marks("province", "national", judge, f"1{c}", values)
    out = run(f, s, rubric=with_aggregation("province", "standardised"))["results"]
    r10 = math.sqrt(10)
    # P3 of 11 = mean of (19 - sqrt10, 19 - sqrt10, 25); other criteria: constant judges keep raw 10
    assert row(out, "province", "national", "11")["P3"] == pytest.approx((2 * (19 - r10) + 25) / 3)
    assert row(out, "province", "national", "13")["total"] == pytest.approx(40 + 19 + r10)
    # 11: (2 * 15.84 + 25) / 3 = 18.89 < 19 of 12
    assert out.set_index("province_code")["rank_national"].to_dict() == {"13": 1, "12": 2, "11": 3}


# ------------------------------------------------------------------------ ranks
def test_every_tie_break_step():
    f = pd.DataFrame({
        "name": list("fbcdaeg"),
        "total": [81, 80, 80, 80.0000000001, 80, 80, 79],
        "B1": [20, 26, 25, 25, 25, 25, 30],
        "A3": [20, 10, 21, 20, 20, 20, 25],
        "submitted_at": pd.to_datetime(["2021-07-30", "2021-07-25", "2021-07-25", "2021-07-19",
                                        "2021-07-20", "2021-07-20", "2021-07-01"])})
    ranks = score.rank_order(f, RUBRIC["individual"].tie_break)
    # f best total; b higher B1; c higher A3; d (same total after rounding) earlier; a and e tie
    assert dict(zip(f["name"], ranks)) == {"f": 1, "b": 2, "c": 3, "d": 4, "a": 5, "e": 5, "g": 7}
    no_total = f.assign(total=[NAN, 1, 1, 1, 1, 1, 1])
    assert score.rank_order(no_total)[0] is pd.NA


def test_ranks_by_region_and_within_province():
    f = [applicant("5001"), applicant("5002"), applicant("5101"), applicant("4001")]
    s = []
    for cand, frac in (("5001", 0.6), ("5002", 0.8), ("5101", 0.7), ("4001", 0.5)):
        s += panel("individual", "province", cand, [frac] * 3, PROVINCE_JUDGES)
    r = run(f, s)["results"].set_index("district_code")
    assert r["rank_province"].to_dict() == {"5001": 2, "5002": 1, "5101": 1, "4001": 1}
    assert r["rank_region"].to_dict() == {"5001": 3, "5002": 1, "5101": 2, "4001": 1}
    assert r["rank_national"].to_dict() == {"5001": 3, "5002": 1, "5101": 2, "4001": 4}


# ------------------------------------------------------------------------ awards
def test_award_rules_individual():
    rules = RUBRIC["individual"].award_rules
    f = pd.DataFrame({"rank_region": pd.array([1, 2, 3, 4], "Int64"), "total": [70, 85, 79.99, 79]})
    assert score.decide_awards(f, rules, "rank_region").tolist() == [TOP, HM, "", ""]
    f = pd.DataFrame({"rank_region": pd.array([1, 1, 3, 4], "Int64"), "total": [90, 90, 80, 80]})
    assert score.decide_awards(f, rules, "rank_region").tolist() == [TOP, TOP, HM, ""]


def test_award_rules_province():
    rules = RUBRIC["province"].award_rules
    ranks = list(range(1, 11)) + [None]
    totals = [99, 98, 60, 92, 80, 74.99, 76, 75, 95, 95, NAN]
    f = pd.DataFrame({"rank_national": pd.array(ranks, "Int64"), "total": totals})
    assert score.decide_awards(f, rules, "rank_national").tolist() == [
        TOP, TOP, TOP, HM, HM, "", HM, HM, "", "", ""]


def test_awards_end_to_end_per_region_with_tie_break():
    f = [applicant(d) for d in ("5001", "5101", "5201", "5301", "9001")]   # A1 15 + A2 10 each
    s = panel("individual", "national", "5001", [0.8] * 5)                 # 25 + 60 = 85
    s += marks("individual", "national", "ก", "5101", {"A3": 20, "B1": 25, "C1": 15})
    s += marks("individual", "national", "ก", "5201", {"A3": 20, "B1": 26, "C1": 14})
    s += panel("individual", "national", "5301", [0.5] * 5)                # 25 + 37.5 = 62.5
    s += panel("individual", "national", "9001", [0.2] * 5)                # 25 + 15 = 40
    r = run(f, s)["results"].set_index("district_code")
    # 5001, 5101 and 5201 all total 85: B1 24, 25, 26 decides
    assert r["rank_region"].to_dict() == {"5001": 3, "5101": 2, "5201": 1, "5301": 4, "9001": 1}
    assert r["award"].to_dict() == {"5001": HM, "5101": HM, "5201": TOP, "5301": "", "9001": TOP}
    assert r.loc["9001", "rank_national"] == 5        # best of the south, whatever the nation says
    assert r.loc["5101", "few_judges"] and not r.loc["5001", "few_judges"]


# ------------------------------------------------------------------------ nominees and flags
def test_nominee_not_nominee_and_no_province_round():
    f = [applicant(d) for d in ("5001", "5002", "5101", "5102", "5201")]
    s = []
    for cand, frac in (("5001", 0.9), ("5002", 0.6), ("5101", 0.7), ("5102", 0.8)):
        s += panel("individual", "province", cand, [frac] * 3, PROVINCE_JUDGES)
    for cand in ("5002", "5102", "5201"):     # 5002 was not Chiang Mai's nominee; Lampang held no round
        s += panel("individual", "national", cand, [0.7] * 5)
    r = run(f, s)["results"]
    prov = r[r["round"] == "province"].set_index("district_code")
    assert prov["nominee"].to_dict() == {"5001": True, "5002": False, "5101": False, "5102": True}
    nat = r[r["round"] == "national"].set_index("district_code")
    assert nat["nominee"].to_dict() == {"5002": False, "5102": True, "5201": False}
    assert nat["not_nominee"].to_dict() == {"5002": True, "5102": False, "5201": False}
    assert nat["no_province_round"].to_dict() == {"5002": False, "5102": False, "5201": True}
    assert not prov["not_nominee"].any()


def test_few_judges_and_incomplete():
    f = [project(p) for p in ("11", "12", "13")]
    s = panel("province", "national", "11", [0.9, 0.9, None, None, None])   # 2 judges of 5
    s += panel("province", "national", "12", [0.5] * 5)
    s += panel("province", "national", "13", [0.95] * 5)
    s = [x for x in s if not (x["province_code"] == "13" and x["criterion"] == "P3")]  # P3 never scored
    r = run(f, s)["results"].set_index("province_code")
    assert r.loc["11", "few_judges"] and r.loc["11", "n_judges_min"] == 2 and not r.loc["11", "incomplete"]
    assert r.loc["13", "incomplete"] and np.isnan(r.loc["13", "total"])
    assert r.loc["13", "rank_national"] is pd.NA and r.loc["13", "award"] == ""
    assert r.loc["13", "rank_p05"] is pd.NA and r.loc["13", "n_judges_min"] == 0
    assert r["rank_national"].dropna().to_dict() == {"11": 1, "12": 2}
    assert not r.loc["12", "few_judges"]


# ------------------------------------------------------------------------ properties
scores_01 = st.integers(0, 10).map(lambda i: 0.45 + 0.01 * i)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), n_cands=st.integers(3, 6), n_judges=st.integers(3, 5),
       shift=st.integers(-10, 10).filter(bool).map(lambda m: m / 10))
def test_standardised_ranks_ignore_a_lenient_judge(data, n_cands, n_judges, shift):
    provinces = ["11", "12", "13", "14", "15", "16"][:n_cands]
    judges = [f"J{i}" for i in range(n_judges)]
    keys = RUBRIC["province"].criteria
    table = {(j, p, c.key): data.draw(scores_01) * c.max for j in judges for p in provinces for c in keys}
    for j in judges:
        for c in keys:   # a judge who gives everyone the same keeps raw scores: not this property
            assume(len({table[j, p, c.key] for p in provinces}) > 1)
    lenient = data.draw(st.sampled_from(judges))
    rub = with_aggregation("province", "standardised")["province"]
    f = forms([project(p, submitted=f"2021-07-{10 + i}") for i, p in enumerate(provinces)])
    f = f.assign(cand=f["province_code"], panel="all")

    def ranks(extra):   # the path score_year takes for a round, without the intervals
        s = pd.DataFrame([x for j in judges for p in provinces for x in marks(
            "province", "national", j, p,
            {c.key: table[j, p, c.key] + (extra if j == lenient else 0) for c in keys})])
        frame = score.score_round(f, s.assign(cand=s["province_code"], panel="all"), rub,
                                  "province", "national")[0]
        return score.rank_order(frame, rub.tie_break).tolist()

    assert ranks(0.0) == ranks(shift)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), method=st.sampled_from(["mean", "trimmed_mean", "standardised"]),
       n=st.integers(1, 5))
def test_totals_stay_within_0_and_100(data, method, n):
    districts = ["5001", "5101", "5201", "5301", "9001"][:n]
    f, s = [], []
    for d in districts:
        received = data.draw(st.integers(0, 30))
        f.append(applicant(d, rate=data.draw(st.floats(0, 100)), received=received,
                           resolved=data.draw(st.integers(0, received))))
        for j in NATIONAL_JUDGES:
            values = {c.key: data.draw(st.one_of(st.just(NAN), st.floats(0, c.max)))
                      for c in RUBRIC["individual"].criteria if c.judged}
            s += marks("individual", "national", j, d, values)
    r = run(f, s, rubric=with_aggregation("individual", method), draws=20)["results"]
    complete = r[~r["incomplete"]]
    assert complete["total"].between(0, 100).all()
    assert r.loc[r["incomplete"], "total"].isna().all()
    assert (complete["rank_p95"] <= len(complete)).all() and (complete["rank_p05"] >= 1).all()


# ------------------------------------------------------------------------ the fast paths agree
def _ranks_by_definition(f: pd.DataFrame, tie_break, by) -> list:
    """Rank of each row, row by row: 1 + the rows of its group (with a total) whose keys are
    strictly better, compared in turn (total and criteria higher, rounded; earlier submission)."""
    def key(r):
        when = r["submitted_at"]
        return tuple([-round(r["total"], 6)] + [
            (math.inf if pd.isna(when) else when.timestamp()) if t == "submitted_at"
            else -round(r[t], 6) for t in tie_break])
    rows = [r for _, r in f.iterrows()]
    group = [r[by] if by else 0 for r in rows]
    return [pd.NA if pd.isna(r["total"]) else 1 + sum(
        not pd.isna(o["total"]) and group[j] == group[i] and key(o) < key(r)
        for j, o in enumerate(rows)) for i, r in enumerate(rows)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), n=st.integers(0, 25))
def test_ranks_match_the_definition(data, n):
    """rank_orders (one sort shared by the scopes, keys packed into one number) against the
    definition, with many ties and some rows without a total or a submission date."""
    def pick(values):
        return data.draw(st.lists(st.sampled_from(values), min_size=n, max_size=n))

    f = pd.DataFrame({
        "total": pick([79.0, 80.0, 80.0000000001, 81.0, NAN]), "B1": pick([20.0, 25.0, 26.0]),
        "A3": pick([10.0, 20.0]), "region": pd.array(pick(["north", "south", "central"]), dtype="str"),
        "submitted_at": pd.to_datetime(pick(["2021-07-19", "2021-07-20", None]))})
    tie_break = RUBRIC["individual"].tie_break
    national, regional = score.rank_orders(f, tie_break, [None, "region"])
    assert list(national) == _ranks_by_definition(f, tie_break, None)
    assert list(regional) == _ranks_by_definition(f, tie_break, "region")
    assert national.equals(score.rank_order(f, tie_break))


def test_packed_keys_sort_like_the_keys_even_past_int64():
    rng = np.random.default_rng(0)
    keys = [rng.integers(0, 5000, 3000).astype(float) for _ in range(6)]    # 5000**6 > 2**62
    packed = engine._pack([engine._number(k) for k in keys])
    order = np.lexsort(keys[::-1])
    step = np.diff(packed[order])
    assert (step >= 0).all()
    same = np.all([np.diff(k[order]) == 0 for k in keys], axis=0)
    assert ((step == 0) == same).all()


def test_arrow_object_and_chunked_columns_score_alike():
    """The score rows' strings are encoded by pyarrow when Arrow-backed (as parquet loads them),
    by pandas otherwise; a frame built by concat holds several Arrow chunks; a candidate's rows
    come together (only the first of each run is looked up) unless shuffled."""
    f = [applicant(d, rate=r) for d, r in (("5001", 96.0), ("5002", 91.0), ("5101", 85.0))]
    f.append(applicant("4001", rate=99.0))                   # no national rows: not in that round
    s = []
    for d, fracs in (("5001", [0.9, 0.8, 0.7, None, 0.9]), ("5002", [0.6] * 5),
                     ("5101", [0.75, 0.8, 0.85, 0.7, 0.9])):
        s += panel("individual", "national", d, fracs)
        s += panel("individual", "province", d, [0.5, 0.6, 0.7], PROVINCE_JUDGES)
    s += marks("individual", "national", "ก", "9999", share("individual", 0.5))   # no form
    s += marks("individual", "national", "ก", "5001", {"Z9": 3.0})                # not a criterion
    scores = pd.DataFrame(s)
    plain = score.score_year(forms(f), scores, RUBRIC, draws=50)
    objects = score.score_year(forms(f).astype({"district_code": object, "province_code": object}),
                               scores.astype({c: object for c in ("judge", "district_code",
                                                                  "criterion", "round")}),
                               RUBRIC, draws=50)
    half = len(scores) // 2
    chunked = score.score_year(forms(f), pd.concat([scores[:half], scores[half:]], ignore_index=True),
                               RUBRIC, draws=50)
    shuffled = score.score_year(forms(f), scores.sample(frac=1.0, random_state=0), RUBRIC, draws=50)
    for other in (objects, chunked, shuffled):
        cols = ["district_code", "round", "total", "rank_national", "rank_region", "rank_province",
                "n_judges_min", "spread_max", "few_judges", "incomplete"]
        pd.testing.assert_frame_equal(plain["results"][cols].astype(object),
                                      other["results"][cols].astype(object))
        pd.testing.assert_frame_equal(plain["judging"].astype(object), other["judging"].astype(object))
    national = plain["results"].query("round == 'national'").set_index("district_code")
    assert sorted(national.index) == ["5001", "5002", "5101"]
    assert national.loc["5001", "n_judges_min"] == 4


def test_a_candidate_twice_in_a_round_is_an_error():
    f = [applicant("5001"), applicant("5001", rate=80.0)]
    s = panel("individual", "national", "5001", [0.9] * 5)
    with pytest.raises(ValueError, match="twice"):
        run(f, s)


# ------------------------------------------------------------------------ edges and tables
def test_run_score_and_cmd_score_write_the_outputs(tmp_path):
    f, s = near_tie_year()
    folder = tmp_path / "2564"
    folder.mkdir()
    forms(f).to_parquet(folder / "submissions.parquet")
    pd.DataFrame(s).to_parquet(folder / "scores.parquet")
    store.seal(folder, "clean", rubric=CRITERIA / "2564.yaml")  # made by hand: take it as the clean step's
    assert main(["score", "--clean-dir", str(tmp_path), "--year", "2564", "--criteria-dir",
                 str(CRITERIA), "--draws", "100", "--seed", "1"]) == 0
    results = pd.read_parquet(folder / "results.parquet")
    need = ["year", "category", "round", "province_code", "district_code", "region", "name",
            "project_title", "P1", "P5", "A1", "total", "rank_national", "rank_region", "rank_province",
            "award_scope", "rank_scope", "award", "nominee", "not_nominee", "no_province_round",
            "few_judges", "incomplete", "n_judges_min", "spread_max", "rank_p05", "rank_median",
            "rank_p95", "p_same_award", "p_any_award", "award_review", "review_reason",
            "p_same_award_weights", "award_adjusted", "total_adjusted", "blank_shift", "submitted_at"]
    assert [c for c in need if c not in results.columns] == []
    assert "close_call" not in results.columns            # replaced by the award probabilities
    assert len(results) == 8 and set(results["award"]) == {TOP, HM, ""}
    judging = pd.read_parquet(folder / "judging.parquet")
    assert list(judging.columns) == score.JUDGING_COLUMNS and len(judging) == 8 * 5
    for name in score.OUTPUTS:
        assert (folder / f"{name}.parquet").is_file()
    assert len(pd.read_parquet(folder / "weights.parquet")) == 100     # one row per weight draw (one round)
    assert set(pd.read_parquet(folder / "leniency.parquet")["judge"]) == set(NATIONAL_JUDGES)
    with pytest.raises(FileNotFoundError):
        score.run_score(tmp_path, 2599, RUBRIC)


def test_tables_in_thai():
    f, s = near_tie_year()
    r = run(f, s, draws=1000)["results"]
    board = score.leaderboard_th(r, "province", "national")
    assert list(board["ลำดับระดับประเทศ"][:3]) == [1, 2, 3] and "คะแนนรวม" in board and "รางวัล" in board
    assert board["จังหวัด"][0] == "สมุทรปราการ"
    awards = score.awards_th(r)
    assert awards["รางวัล"].tolist() == [TOP, TOP, TOP, HM]
    assert awards["โอกาสได้ผลเดิม (จาก 100)"].tolist()[:2] == [100, 100]
    assert awards["ควรทบทวน"].tolist()[:2] == ["", ""] and awards["ควรทบทวน"][2] != ""
    review = score.review_th(r)
    assert review["เหตุที่ควรทบทวน"].iloc[0] == "รางวัลนี้อาจเปลี่ยนหากเปลี่ยนชุดกรรมการ"
    n = round(r.set_index("province_code").loc["14", "p_same_award"] * 100)
    assert review["ความหมาย"].iloc[0] == f"หากเปลี่ยนชุดกรรมการ 100 ครั้ง ได้รางวัลดีเด่นเหมือนเดิม {n} ครั้ง"
    people = run([applicant("5001")], panel("individual", "national", "5001", [0.9] * 5))["results"]
    assert "ชื่อ-สกุล" in score.leaderboard_th(people, "individual", "national")
    assert "ชื่อ-สกุล" not in score.leaderboard_th(people, "individual", "national", names=False)


# ------------------------------------------------------------------------ charts
def _glyph_warnings(draw) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw()
        fig.savefig(io.BytesIO(), format="png")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_default_font_has_no_thai_so_the_check_can_fail():
    import matplotlib.pyplot as plt

    def draw():
        fig, ax = plt.subplots()
        ax.set_title("ท้องถิ่นอำเภอดีเด่น")
        return fig

    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        assert _glyph_warnings(draw)


def test_rank_chart_draws_thai_without_missing_glyphs():
    from analysis import charts

    f, s = near_tie_year()
    r = run(f, s)["results"]
    with matplotlib.rc_context():
        ax_box = {}

        def draw():
            ax_box["ax"] = charts.rank_intervals(r, "province", "national")
            return ax_box["ax"].figure

        assert _glyph_warnings(draw) == []
        labels = charts.row_names(ax_box["ax"])[::-1]  # bottom row first
        assert len(labels) == 8 and labels[-1] == "จ.สมุทรปราการ"   # best at the top
        assert matplotlib.rcParams["font.family"] == ["Sarabun"]


def test_rank_chart_by_region_has_one_panel_per_region_in_rank_order(sample):
    """The four regional rankings of the national round in one figure: each panel holds its
    region's candidates and no other, best (rank_region 1) at the top, and each its own legend
    (a panel may be printed on a page of its own)."""
    from analysis import charts

    r = pd.read_parquet(sample / "clean" / "2564" / "results.parquet")
    box = {}

    def draw():
        box["fig"] = charts.rank_intervals_by_region(r, "national")
        return box["fig"]

    assert _glyph_warnings(draw) == []
    fig = box["fig"]
    assert len(fig.axes) == len(places.REGIONS)
    nat = r[(r["category"] == "individual") & (r["round"] == "national") & r["rank_median"].notna()]
    for ax, (region, region_th) in zip(fig.axes, places.REGIONS.items()):
        assert ax.get_title().endswith(region_th)
        mine = nat[nat["region"] == region].sort_values(["rank_region", "rank_median"])
        names = charts.row_names(ax)
        assert len(names) == len(mine) > 5
        assert names[0] == charts.ranks._label(mine.iloc[0]) and names[-1] == charts.ranks._label(mine.iloc[-1])
    assert [ax.get_legend() is not None for ax in fig.axes] == [True, True, True, True]
    assert charts.titles(fig).count("ประเภทบุคคล รอบประเทศ") == 4  # the image's alt text


def test_a_region_without_candidates_says_so(sample):
    from analysis import charts

    r = pd.read_parquet(sample / "clean" / "2564" / "results.parquet")
    fig = charts.rank_intervals_by_region(r[(r["category"] == "individual") & (r["region"] == "north")])
    north, *others = fig.axes
    assert charts.row_names(north) and charts.NO_RANKING not in [t.get_text() for t in north.texts]
    for ax in others:
        assert [t.get_text() for t in ax.texts] == [charts.NO_RANKING] and list(ax.get_xticks()) == []
    import matplotlib.pyplot as plt

    plt.close(fig)
