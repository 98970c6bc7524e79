"""The judges: leniency from the two-way fit (and the ``adjusted`` method built on it), what a blank
does, and rater agreement, each against a case whose answer is known without the package: a
published worked example, a least-squares solve, or a closed form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.score import agreement as agree
from analysis.score import engine, rules
from helpers.builders import NAN, NATIONAL_JUDGES, RUBRIC, forms, marks, project, run, share, with_aggregation

# Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges. Published: ICC(2,1) = 0.29 and
# ICC(2,4) = 0.62, which are McGraw & Wong's ICC(A,1) and ICC(A,k).
SHROUT_FLEISS = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]],
                         dtype=float)

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers x 12 units,
# published alpha (interval) = 0.849.
KRIPPENDORFF = [[1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
                [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
                [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
                [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN]]


def test_icc_reproduces_the_published_worked_example():
    out = agree.icc([SHROUT_FLEISS])
    assert round(out["icc_a1"], 2) == 0.29 and round(out["icc_ak"], 2) == 0.62
    assert out["icc_a1"] == pytest.approx(0.28976, abs=1e-4)      # to more digits than printed


def test_icc_pooled_over_panels_is_the_formula_when_they_are_alike():
    """Two committees with the same data give the same ICC as one of them (pooling changes the
    degrees of freedom, not the estimate, when the panels are alike)."""
    one = agree.icc([SHROUT_FLEISS])
    two = agree.icc([SHROUT_FLEISS, SHROUT_FLEISS + 3])            # a second panel, all 3 higher
    assert two["icc_a1"] == pytest.approx(one["icc_a1"], abs=0.02)
    assert agree.icc([SHROUT_FLEISS[:1]])["icc_a1"] != agree.icc([SHROUT_FLEISS[:1]])["icc_a1"]  # NaN


def _round_of(matrix) -> engine.Round:
    """A national province-category round from a judges x units matrix on P1 (NaN = not scored)."""
    provinces = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22"][:len(matrix[0])]
    f = [project(p) for p in provinces]
    s = []
    for j, row in zip(NATIONAL_JUDGES, matrix):
        for p, v in zip(provinces, row):
            s += marks("province", "national", j, p, {"P1": v, "P2": 10, "P3": 10, "P4": 10, "P5": 5})
    ff, ss = engine.prepare(forms(f), "province"), engine.prepare(pd.DataFrame(s), "province")
    return engine.score_and_rank(ff, ss, RUBRIC["province"], "province", "national")[2]


def test_krippendorff_alpha_through_the_round_reproduces_the_published_example():
    r = _round_of(KRIPPENDORFF)
    assert agree.krippendorff_alpha(r.raw[..., 0], r) == pytest.approx(0.849, abs=5e-4)


def test_judge_effects_are_least_squares_with_blanks_and_plain_differences_without():
    gen = np.random.default_rng(0)
    quality, lenient = gen.normal(10, 3, 6), np.array([2.0, -1.0, 0.5, -1.5])
    raw = quality[None, :, None] + lenient[:, None, None] + gen.normal(0, 0.5, (4, 6, 1))
    panel = np.zeros(6, dtype=int)
    full = rules.judge_effects(raw, panel, 1)
    np.testing.assert_allclose(full["b"][:, 0, 0], raw[:, :, 0].mean(axis=1) - raw[:, :, 0].mean())
    np.testing.assert_allclose(full["a"][:, 0], raw[:, :, 0].mean(axis=0))   # no blank: the mean
    raw[0, 2, 0] = raw[1, 4, 0] = NAN
    fit = rules.judge_effects(raw, panel, 1)
    design, y = [], []
    for s in range(4):
        for c in range(6):
            if not np.isnan(raw[s, c, 0]):
                v = np.zeros(10)
                v[c], v[6 + s] = 1, 1
                design.append(v)
                y.append(raw[s, c, 0])
    design.append(np.r_[np.zeros(6), np.ones(4)])
    y.append(0.0)
    solved = np.linalg.lstsq(np.array(design), np.array(y), rcond=None)[0]
    np.testing.assert_allclose(fit["b"][:, 0, 0], solved[6:], atol=1e-10)
    np.testing.assert_allclose(fit["a"][:, 0], solved[:6], atol=1e-10)
    assert fit["df"][0, 0] == 22 - 6 - 3


def test_leniency_standard_error_is_the_textbook_one_for_a_complete_panel():
    """Complete two-way data: Var(b_j) = sigma^2 (1 - 1/k) / n (k judges, n candidates)."""
    gen = np.random.default_rng(1)
    raw = gen.normal(0, 1, (5, 8, 1))
    fit = rules.judge_effects(raw, np.zeros(8, dtype=int), 1)
    sigma2 = fit["rss"][0, 0] / fit["df"][0, 0]
    np.testing.assert_allclose(np.diag(fit["m_inv"][0, 0]) * sigma2, sigma2 * (1 - 1 / 5) / 8)


def test_adjusted_keeps_the_mean_without_blanks_and_drops_the_absent_judges_leniency():
    """Judge ก is 10 points more lenient than the rest on every project. Project 11 was not scored
    by ก (a conflict of interest): under the mean it loses ก's leniency (a fifth of 10, minus ก's
    share of the panel mean: 10 * (1 - 1/5) / 4 = 2 points on each criterion); under ``adjusted`` it
    gets back exactly what the other judges' scores say net of their leniency."""
    f = [project(p) for p in ("11", "12", "13", "14")]
    s = []
    for p, frac in (("11", 0.6), ("12", 0.5), ("13", 0.7), ("14", 0.4)):
        for j in NATIONAL_JUDGES:
            values = {k: v + (10 if j == "ก" else 0) for k, v in share("province", frac).items()}
            if j == "ก" and p == "11":
                values = dict.fromkeys(values, NAN)
            s += marks("province", "national", j, p, values)
    mean = run(f, s, draws=20)["results"].set_index("province_code")
    adj = run(f, s, rubric=with_aggregation("province", "adjusted"), draws=20)["results"].set_index("province_code")
    for p, frac in (("12", 0.5), ("13", 0.7), ("14", 0.4)):      # scored by everyone: same either way
        assert adj.loc[p, "total"] == pytest.approx(mean.loc[p, "total"])
    # 12..14 carry ก's +10 / 5 = +2 per criterion; 11's mean does not; adjusted puts it on their footing
    assert mean.loc["11", "total"] == pytest.approx(60.0)
    assert adj.loc["11", "total"] == pytest.approx(60.0 + 5 * 2.0)
    assert mean.loc["11", "blank_shift"] == pytest.approx(-10.0)
    assert np.isnan(mean.loc["12", "blank_shift"])
    assert mean.loc["11", "blank_judges"] == "ก"


def test_leniency_table_names_the_lenient_judge_with_a_clear_interval():
    gen = np.random.default_rng(2)
    provinces = [str(p) for p in range(11, 31)]
    f = [project(p) for p in provinces]
    s = []
    for p in provinces:
        q = gen.uniform(0.4, 0.8)
        for j in NATIONAL_JUDGES:
            values = {k: min(v + (4 if j == "ค" else 0) + gen.normal(0, 1), 30) for k, v in
                      share("province", q).items()}
            s += marks("province", "national", j, p, values)
    out = run(f, s, draws=20)
    lt = out["leniency"]
    total = lt[lt["criterion"] == "รวม"].set_index("judge")
    assert total["leniency"].idxmax() == "ค"
    assert total.loc["ค", "leniency"] - 2 * total.loc["ค", "se"] > 0           # clearly lenient
    others = total.drop("ค")
    assert (others["leniency"] < 0).all() and (total["se"] > 0).all()
    assert total["leniency"].sum() == pytest.approx(0.0, abs=1e-9)
    assert (total["n_scored"] == 20).all()


def test_agreement_is_high_for_agreeing_judges_and_low_for_random_ones():
    gen = np.random.default_rng(3)
    truth = gen.uniform(5, 25, 12)
    agreeing = [list(truth + gen.normal(0, 0.5, 12)) for _ in NATIONAL_JUDGES]
    random_ = [list(gen.uniform(5, 25, 12)) for _ in NATIONAL_JUDGES]
    high = agree.agreement(_round_of(agreeing)).set_index("criterion").loc["P1"]
    low = agree.agreement(_round_of(random_)).set_index("criterion").loc["P1"]
    assert high["icc_a1"] > 0.9 and high["alpha"] > 0.9 and high["icc_ak"] > high["icc_a1"]
    assert low["icc_a1"] < 0.3 and low["alpha"] < 0.3


def test_leniency_chart_names_judges_only_when_asked(sample):
    """PDPA: a chart's labels are pixels in the report and cannot be masked afterwards."""
    from analysis import charts

    lt = pd.read_parquet(sample / "clean" / "2564" / "leniency.parquet")
    named = charts.leniency(lt, "individual", "national")
    plain = charts.leniency(lt, "individual", "national", names=False)
    judges = set(lt.loc[(lt["round"] == "national") & (lt["category"] == "individual"), "judge"])
    assert {n.removeprefix("กรรมการ ") for n in charts.row_names(named.axes[0])} == judges
    assert charts.row_names(plain.axes[0]) == [f"กรรมการคนที่ {i}" for i in range(5, 0, -1)]
