"""Builders of small score-step inputs, written out by hand so expected numbers can be too."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pandas as pd

from analysis import places, score
from analysis.rubric.load import load_rubric

CRITERIA = Path(__file__).resolve().parents[2] / "data" / "criteria"
RUBRIC = load_rubric(CRITERIA / "2564.yaml")
NAN = math.nan
TOP, HM = "ดีเด่น", "ชมเชย"
NATIONAL_JUDGES = ("ก", "ข", "ค", "ง", "จ")
PROVINCE_JUDGES = ("ป1", "ป2", "ป3")


def applicant(district, rate=95.0, received=0, resolved=0, submitted="2021-07-19"):
    p = district[:2]
    return dict(year=2564, category="individual", province_code=p, district_code=district,
                region=places.region_of(p), name=f"ผู้สมัคร {district}", report_rate=rate,
                complaints_received=received, complaints_resolved=resolved,
                submitted_at=pd.Timestamp(submitted), project_title=None)


def project(province, submitted="2021-07-19"):
    return dict(year=2564, category="province", province_code=province, district_code=None,
                region=places.region_of(province), name=None, report_rate=NAN,
                complaints_received=None, complaints_resolved=None,
                submitted_at=pd.Timestamp(submitted), project_title=f"โครงการ {province}")


def forms(rows) -> pd.DataFrame:
    f = pd.DataFrame(rows)
    for c in ("complaints_received", "complaints_resolved"):
        f[c] = f[c].astype("Int64")
    return f


def marks(category, rnd, judge, cand, values: dict) -> list[dict]:
    """One judge's row for one candidate (district code, or province code), long form."""
    return [dict(year=2564, category=category, round=rnd, judge=judge, province_code=cand[:2],
                 district_code=cand if category == "individual" else None, criterion=k,
                 score=float(v), source_file="t.xlsx", source_sheet="คะแนน", source_row=2)
            for k, v in values.items()]


def share(category, fraction) -> dict:
    """Every judged criterion at ``fraction`` of its maximum."""
    return {c.key: fraction * c.max for c in RUBRIC[category].criteria if c.judged}


def panel(category, rnd, cand, fractions, judges=NATIONAL_JUDGES) -> list[dict]:
    """A panel scoring one candidate: judge i gives ``fractions[i]`` of the maximum (None = blank)."""
    rows = []
    for judge, f in zip(judges, fractions):
        values = share(category, f) if f is not None else dict.fromkeys(share(category, 0), NAN)
        rows += marks(category, rnd, judge, cand, values)
    return rows


def run(form_rows, score_rows, rubric=RUBRIC, draws=200, seed=2564, futures=0):
    """The year scored; ``futures=0`` leaves out the more-judges and panel-size simulations (their
    own tests ask for them): most tests here are about totals, ranks and probabilities."""
    scores = pd.DataFrame(score_rows)
    out = score.score_year(forms(form_rows), scores, rubric, draws=draws, seed=seed, futures=futures)
    return out


def with_aggregation(category, method, rubric=RUBRIC):
    changed = dataclasses.replace(rubric[category], aggregation=method)
    return dataclasses.replace(rubric, categories={**rubric.categories, category: changed})


def row(results, category, rnd, cand):
    col = "district_code" if category == "individual" else "province_code"
    hit = results[(results["category"] == category) & (results["round"] == rnd) & (results[col] == cand)]
    assert len(hit) == 1
    return hit.iloc[0]


def near_tie_year():
    f = [project(p) for p in ("11", "12", "14", "15", "16", "17", "18", "19")]
    s = panel("province", "national", "11", [1.0] * 5)                          # 100
    s += panel("province", "national", "12", [0.9] * 5)                         # 90
    s += panel("province", "national", "14", [0.84, 0.76, 0.82, 0.78, 0.81])    # 80.2
    s += panel("province", "national", "15", [0.80, 0.79, 0.81, 0.80, 0.79])    # 79.8
    for p, frac in (("16", 0.5), ("17", 0.45), ("18", 0.4), ("19", 0.35)):
        s += panel("province", "national", p, [frac] * 5)
    return f, s
