"""The score step's statistics held against the sample generator's truth (``sample_marks``): each
candidate's hidden quality and expected total, each judge's hidden leniency. Fresh panels are
drawn from the generator's own model, as many as needed, to say what "another panel" would have
done; the figures the committee reads must agree with them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.sample import marks as sample_marks
from analysis.rubric.load import load_rubric
from analysis.score import engine, read_cleaned, rules
from analysis.score import uncertainty as unc
from helpers.files import CRITERIA, SAMPLE_YEARS

FRESH = 400            # fresh panels per year and category
NOISE = 300            # noise draws for the blank test (the real judges, new marks)


def _truth(sample, year, name):
    return pd.read_csv(sample / "truth" / str(year) / name, dtype={"province_code": str, "district_code": str,
                                                                   "panel": str, "home_province": str})


def _with_truth(sample, year, results, category, rnd):
    r = results[(results["category"] == category) & (results["round"] == rnd)].copy()
    t = _truth(sample, year, "candidates_truth.csv")
    t = t[(t["category"] == category) & (t["round"] == rnd)].fillna({"district_code": ""})
    r["dc"] = r["district_code"].fillna("")
    m = r.merge(t[["province_code", "district_code", "quality", "expected_total"]],
                left_on=["province_code", "dc"], right_on=["province_code", "district_code"],
                how="left", suffixes=("", "_truth"))
    assert m.loc[m["total"].notna(), "quality"].notna().all()      # every ranked candidate has a truth
    return m


def _true_rank(m: pd.DataFrame) -> pd.Series:
    group = {"region": "region", "national": "year", "province": "province_code"}[m["award_scope"].iloc[0]]
    return m.groupby(group)["expected_total"].rank(ascending=False, method="min")


@pytest.fixture(scope="module")
def results(sample):
    return {y: pd.read_parquet(sample / "clean" / str(y) / "results.parquet") for y in SAMPLE_YEARS}


def test_rank_intervals_cover_the_true_rank_85_to_95_percent(sample, results):
    """The 5th-95th percentile of a candidate's rank over the panel draws holds its true rank (by
    expected total, in the award scope) for 85-95% of candidates, every round of every year."""
    hit = n = 0
    per_round = {}
    for year in SAMPLE_YEARS:
        for category, rnd in (("individual", "province"), ("individual", "national"), ("province", "national")):
            m = _with_truth(sample, year, results[year], category, rnd)
            m = m[m["rank_p05"].notna()]
            inside = (m["rank_p05"] <= _true_rank(m)) & (_true_rank(m) <= m["rank_p95"])
            per_round[year, category, rnd] = round(float(inside.mean()), 3)
            hit, n = hit + int(inside.sum()), n + len(m)
    assert 0.85 <= hit / n <= 0.95, per_round


def _fresh_awards(sample, year, results, category, rubric):
    """The award each national candidate gets from each of FRESH new committees drawn from the
    generator's model, scored by the rubric (its aggregation, ranks with tie-breaks, rules)."""
    m = _with_truth(sample, year, results, category, "national")
    m = m[m["total"].notna()].reset_index(drop=True)
    rub = rubric[category]
    judged = [c for c in rub.criteria if c.judged]
    gen = np.random.default_rng([year, 1 if category == "individual" else 2])
    cube = sample_marks.fresh_committees(gen, sample_marks.model_for(year), category, "national", FRESH,
                                         m["quality"], m["province_code"], [c.max for c in judged])
    points = np.repeat(m[rub.keys].to_numpy(dtype=float)[None], FRESH, axis=0)
    for k, c in enumerate(judged):            # the rubric's aggregation of each fresh committee
        points[..., rub.keys.index(c.key)] = rules.aggregate(cube[..., k], rub.aggregation, axis=1)
    r = engine.Round(category, "national", rub, m, [], np.zeros((1, len(m), 0)), np.zeros(len(m), int),
                     pd.Index([0]), np.array([[""]], dtype=object))
    group = unc.scope_groups(r, m)
    rank = unc.rank_within(unc.rank_keys(r, points, unc.submitted_key(m)), group, np.ones(len(m), bool))
    names = np.array([x["award"] for x in rub.award_rules] + [""], dtype=object)
    return m, names[rules.award_levels(rank, points.sum(axis=-1), rub.award_rules)]


@pytest.fixture(scope="module")
def fresh(sample, results):
    return _fresh_agreement(sample, results)


def _fresh_agreement(sample, results):
    """Per national candidate of every year and category: its p_same_award, whether it has an
    award, and the share of fresh panels giving it that same decision."""
    rows = []
    for year in SAMPLE_YEARS:
        rubric = load_rubric(CRITERIA / f"{year}.yaml")
        for category in ("individual", "province"):
            m, fresh = _fresh_awards(sample, year, results[year], category, rubric)
            agree = (fresh == m["award"].to_numpy()[None]).mean(axis=0)
            rows.append(pd.DataFrame({"year": year, "category": category, "p": m["p_same_award"],
                                      "awarded": m["award"] != "", "fresh": agree}))
    return pd.concat(rows, ignore_index=True)


def test_awards_sure_of_themselves_stand_with_fresh_panels(fresh):
    """Awards with p_same_award of at least 0.95 are the same award in at least 95% of fresh panels
    drawn from the generator's model, and p_same_award tracks the truth across the board: higher
    probabilities, steadier awards, and on average as often as they say (no optimism overall)."""
    f = fresh
    sure = f[f["awarded"] & (f["p"] >= 0.95)]
    doubtful = f[f["awarded"] & (f["p"] < 0.9)]
    assert len(sure) >= 15 and len(doubtful) >= 20
    assert sure["fresh"].mean() >= 0.95, sure.groupby(["year", "category"])["fresh"].agg(["size", "mean"])
    assert sure["fresh"].mean() > doubtful["fresh"].mean() + 0.2
    bins = pd.cut(f.loc[f["awarded"], "p"], [0, 0.5, 0.8, 0.95, 1.0], include_lowest=True)
    means = f.loc[f["awarded"]].groupby(bins, observed=True)["fresh"].mean()
    assert means.is_monotonic_increasing, means
    awarded = f[f["awarded"]]
    assert abs((awarded["p"] - awarded["fresh"]).mean()) <= 0.03, (awarded["p"] - awarded["fresh"]).mean()


def test_the_awards_sent_to_review_are_the_ones_the_truth_doubts(fresh):
    """The review (p_same_award under 0.9) sends back about as many awards as fresh panels show to
    be doubtful (the same award in under 90 of 100), catches nearly all of those, and spares most
    of the awards fresh panels reproduce at least 95 times in 100. (For a candidate without an
    award, ``p`` is the share of draws with no award and ``fresh`` that of fresh panels.)"""
    a = fresh[fresh["awarded"]]
    flagged, doubtful, steady = a["p"] < 0.9, a["fresh"] < 0.9, a["fresh"] >= 0.95
    assert abs(int(flagged.sum()) - int(doubtful.sum())) <= 0.15 * len(a), (int(flagged.sum()), int(doubtful.sum()))
    assert (flagged & doubtful).sum() >= 0.85 * doubtful.sum()
    assert (flagged & steady).sum() <= 0.4 * steady.sum()
    # and those without an award sent back as possible awards reach one about as often as p_any_award says
    none = fresh[~fresh["awarded"]]
    possible = none[1 - none["p"] >= 0.2]
    assert len(possible) >= 5
    assert abs((1 - possible["p"]).mean() - (1 - possible["fresh"]).mean()) <= 0.05


def test_under_adjusted_a_blank_moves_no_expected_total_by_more_than_0_3(sample):
    """For each national candidate a judge did not score, its expected judged points with that blank
    and without it, the real panel's judges (their hidden traits) marking anew NOISE times: under
    ``adjusted`` the blank moves none by more than 0.3 points; under the plain ``mean`` it does (the
    test can tell the two apart)."""
    worst = {"mean": 0.0, "adjusted": 0.0}
    for year in SAMPLE_YEARS:
        rubric = load_rubric(CRITERIA / f"{year}.yaml")
        subs, scores = read_cleaned(sample / "clean", year)
        judges = _truth(sample, year, "judges_truth.csv")
        model = sample_marks.model_for(year)
        for category in ("individual", "province"):
            f, s = engine.prepare(subs, category), engine.prepare(scores, category)
            frame, _, r = engine.score_and_rank(f, s, rubric[category], category, "national")
            m = _with_truth(sample, year, frame.assign(award_scope="national"), category, "national")
            mine = judges[(judges["category"] == category) & (judges["round"] == "national")].set_index("judge")
            seats = r.seats[:, 0]
            traits = mine.loc[seats, ["leniency", "spread", "noise_sd"]].to_numpy()
            gen = np.random.default_rng([year, 7])
            cube = sample_marks.marks_array(gen, model, *(np.tile(traits[:, i], (NOISE, 1)) for i in range(3)),
                                            m["quality"].fillna(0), r.maxima[r.judged_index])
            blank = np.isnan(r.raw).all(axis=-1)                                    # (S, C)
            has = blank.any(axis=0) & m["total"].notna().to_numpy()
            for method in worst:
                full = r.judged(method, raw=cube).sum(axis=-1).mean(axis=0)
                holed = r.judged(method, raw=np.where(blank[None, :, :, None], np.nan, cube)).sum(axis=-1).mean(axis=0)
                worst[method] = max(worst[method], float(np.abs(holed - full)[has].max()))
    assert worst["adjusted"] <= 0.3, worst
    assert worst["mean"] > 0.3, worst


def test_judges_leniency_meets_the_hidden_truth(sample):
    """Each national judge's estimated leniency (on the sum of the judged criteria) against the
    generator's: they rank alike, two standard errors hold the truth for most judges, and the
    outlier judge of 2565 and 2568 is the most lenient of its committee."""
    est, tru, inside = [], [], []
    for year in SAMPLE_YEARS:
        lt = pd.read_parquet(sample / "clean" / str(year) / "leniency.parquet")
        lt = lt[(lt["round"] == "national") & (lt["criterion"] == "รวม")]
        t = _truth(sample, year, "judges_truth.csv")
        m = lt.merge(t[t["round"] == "national"], on=["category", "judge"], suffixes=("", "_truth"))
        assert len(m) == len(lt) == 10
        est += list(m["leniency"])
        tru += list(m["leniency_points"])
        inside += list((m["leniency"] - m["leniency_points"]).abs() <= 2 * m["se"])
        for _, committee in m.groupby("category"):
            if committee["outlier"].any():
                assert committee.loc[committee["leniency"].idxmax(), "outlier"]
    assert np.corrcoef(est, tru)[0, 1] > 0.9
    assert np.mean(inside) >= 0.8, np.mean(inside)


def test_the_low_agreement_year_shows_low_agreement(sample):
    icc = {}
    for year in SAMPLE_YEARS:
        a = pd.read_parquet(sample / "clean" / str(year) / "agreement.parquet")
        a = a[(a["category"] == "individual") & (a["round"] == "national") & (a["criterion"] == "รวม")]
        icc[year] = float(a["icc_a1"].iloc[0])
    assert min(icc, key=icc.get) == 2567, icc
    assert icc[2567] < 0.5 and max(icc.values()) > 0.5, icc
