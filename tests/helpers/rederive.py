"""An independent, deliberately plain re-derivation of points, totals, ranks and awards (brief section 7).

Written from the rubric and the cleaned data only, without the score module, the way an analyst
would check it by hand, one candidate and one criterion at a time:

- computed criteria: the bands of A1 and A2;
- judged criteria, by the rubric's ``aggregation``:
  ``mean``: the mean of the scores given;
  ``trimmed_mean``: with 3 or more scores, drop one highest and one lowest, mean of the rest;
  ``standardised``: each judge's scores z-scored (sample sd) and put back on the round's scale
  (round mean + z * pooled within-judge sd), clipped to [0, max], then the mean;
  ``adjusted``: each judge's leniency b from the least-squares fit score = a(candidate) + b(judge)
  with the b's of a panel summing to 0 (solved by ``numpy.linalg.lstsq`` with that constraint as
  one more equation), then the mean of (score - b) over the judges who scored, clipped to [0, max];
- ranks: sort by total (rounded to 6 decimals), then the tie-breaks; rows equal on all of them
  share the better rank (1, 2, 2, 4); national, regional, and in the province round within the
  province;
- awards: in the rubric's scope, the first rule whose ranks and minimum total fit.

Tests compare it with results.parquet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _band(value, bands, otherwise):
    for at_least, points in bands:
        if value >= at_least - 1e-9:
            return points
    return otherwise


def computed_points(form: pd.Series, spec: dict) -> float:
    if "field" in spec:
        return _band(form[spec["field"]], spec["bands"], spec["otherwise"])
    num, den = spec["ratio"]
    if form[den] == 0:
        return spec["when_denominator_zero"]
    return _band(form[num] / form[den], spec["bands"], spec["otherwise"])


def _trimmed(values: list[float]) -> float:
    values = sorted(values)
    return float(np.mean(values[1:-1] if len(values) >= 3 else values))


def _standardised(sc: pd.DataFrame, top: float, panel: str) -> pd.Series:
    """One round and criterion: each score put on the round's scale (judges per panel)."""
    out = sc["score"].copy()
    stats = {}
    for key, g in sc.dropna(subset=["score"]).groupby([panel, "judge"]):
        x = g["score"].to_numpy()
        sd = x.std(ddof=1) if len(x) >= 2 else 0.0
        stats[key] = (x.mean(), sd, len(x), ((x - x.mean()) ** 2).sum())
    usable = {k: v for k, v in stats.items() if v[2] >= 2 and v[1] > 1e-9}
    round_mean = sc["score"].mean()
    pooled = np.sqrt(sum(v[3] for v in usable.values()) / sum(v[2] - 1 for v in usable.values())) if usable else 0
    for i, row in sc.iterrows():
        key = (row[panel], row["judge"])
        if key in usable and not np.isnan(row["score"]):
            mean, sd, _, _ = usable[key]
            out[i] = min(max(round_mean + (row["score"] - mean) / sd * pooled, 0.0), top)
    return out


def _leniency(g: pd.DataFrame) -> dict:
    """One panel and criterion: each judge's b from score = a(candidate) + b(judge), sum of b = 0."""
    g = g.dropna(subset=["score"])
    cands, judges = sorted(g["cand"].unique()), sorted(g["judge"].unique())
    rows, y = [], []
    for _, r in g.iterrows():
        v = np.zeros(len(cands) + len(judges))
        v[cands.index(r["cand"])] = 1
        v[len(cands) + judges.index(r["judge"])] = 1
        rows.append(v)
        y.append(r["score"])
    rows.append(np.r_[np.zeros(len(cands)), np.ones(len(judges))])
    y.append(0.0)
    solution = np.linalg.lstsq(np.array(rows), np.array(y), rcond=None)[0]
    return dict(zip(judges, solution[len(cands):]))


def judged_points(sc: pd.DataFrame, method: str, maxima: dict) -> pd.DataFrame:
    """Points per (round, cand, criterion) from one category's score rows (``cand``, ``panel``)."""
    sc = sc.copy()
    if method == "standardised":
        parts = [_standardised(g, maxima[k], "panel") for (_, k), g in sc.groupby(["round", "criterion"])]
        sc["score"] = pd.concat(parts).reindex(sc.index)
    if method == "adjusted":
        b = {}
        for (rnd, p, k), g in sc.groupby(["round", "panel", "criterion"]):
            for judge, value in _leniency(g).items():
                b[rnd, p, k, judge] = value
        sc["score"] = sc["score"] - [b.get((r.round, r.panel, r.criterion, r.judge), 0.0)
                                     for r in sc.itertuples()]
    out = {}
    for (rnd, cand, k), g in sc.groupby(["round", "cand", "criterion"]):
        values = g["score"].dropna().tolist()
        if not values:
            out[rnd, cand, k] = np.nan
        elif method == "trimmed_mean":
            out[rnd, cand, k] = _trimmed(values)
        else:
            out[rnd, cand, k] = float(np.mean(values))
        if method == "adjusted":
            out[rnd, cand, k] = min(max(out[rnd, cand, k], 0.0), maxima[k])
    return pd.Series(out).unstack()


def _ranks(group: pd.DataFrame, order: list[str], ascending: list[bool]) -> pd.Series:
    """1 + how many rows are strictly better on (order) compared in turn: ties share the better rank."""
    keys = group[order].copy()
    keys["total"] = keys["total"].round(6)
    for k in order[1:]:
        if k != "submitted_at":
            keys[k] = keys[k].round(6)
    if "submitted_at" in order:
        keys["submitted_at"] = keys["submitted_at"].fillna(pd.Timestamp.max)
    # each row once as a plain tuple (not a Series per comparison: that was 9 in 10 of the time)
    rows = list(zip(keys.index, *(keys[k].tolist() for k in order)))
    ranks = {}
    for i, *r in rows:
        better = 0
        for _, *o in rows:
            for a, b, asc in zip(r, o, ascending):
                if a == b:
                    continue
                better += (b < a) if asc else (b > a)
                break
        ranks[i] = better + 1
    return pd.Series(ranks)


def rederive(subs: pd.DataFrame, scores: pd.DataFrame, rubric) -> pd.DataFrame:
    out = []
    for category in ("individual", "province"):
        cr = rubric[category]
        key = "district_code" if category == "individual" else "province_code"
        forms = subs[subs["category"] == category].set_index(key, drop=False)
        sc = scores[scores["category"] == category].dropna(subset=["judge"]).copy()
        sc["cand"] = sc[key]
        sc["panel"] = np.where(sc["round"] == "province", sc["province_code"], "national")
        maxima = {c.key: c.max for c in cr.criteria}
        points = judged_points(sc[sc["criterion"].isin(cr.judged_keys)], cr.aggregation, maxima)
        for (rnd, code), row in points.iterrows():
            if code not in forms.index:
                continue
            form = forms.loc[code]
            rec = {"category": category, "round": rnd, key: code, "region": form["region"],
                   "province_code": form["province_code"], "submitted_at": form["submitted_at"]}
            for c in cr.criteria:
                rec[c.key] = computed_points(form, c.computed) if c.computed else row.get(c.key, np.nan)
            rec["total"] = sum(rec[c.key] for c in cr.criteria)
            out.append(rec)
    return rank_and_award(pd.DataFrame(out), rubric)


def rank_and_award(frame: pd.DataFrame, rubric) -> pd.DataFrame:
    """Ranks and awards of candidates' rows that already carry their points and ``total``."""
    for col in ("rank_national", "rank_region", "rank_province"):
        frame[col] = pd.NA
    frame["award"] = ""
    for (category, rnd), group in frame.groupby(["category", "round"]):
        cr = rubric[category]
        group = group[group["total"].notna()]
        order = ["total", *cr.tie_break]
        ascending = [False] + [t == "submitted_at" for t in cr.tie_break]
        frame.loc[group.index, "rank_national"] = _ranks(group, order, ascending)
        for _, reg in group.groupby("region"):
            frame.loc[reg.index, "rank_region"] = _ranks(reg, order, ascending)
        if rnd == "province":
            for _, prov in group.groupby("province_code"):
                frame.loc[prov.index, "rank_province"] = _ranks(prov, order, ascending)
            continue
        scope = "rank_region" if cr.award_scope == "region" else "rank_national"
        for idx in group.index:
            rank, total = frame.loc[idx, scope], round(frame.loc[idx, "total"], 6)
            for rule in cr.award_rules:
                lo, hi = rule["ranks"]
                if lo <= rank <= hi and total >= rule.get("min_total", 0):
                    frame.loc[idx, "award"] = rule["award"]
                    break
    return frame
