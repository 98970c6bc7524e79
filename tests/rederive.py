"""An independent, deliberately plain re-derivation of totals, ranks and awards (brief section 7).

Written from the rubric and the cleaned data only, without the score module, the way an
analyst would check it by hand: mean of the judges who scored, bands for A1 and A2, sort by
total then the tie-breaks, awards per scope. Tests compare it with results.parquet.
"""

from __future__ import annotations

import pandas as pd


def _band(value, bands, otherwise):
    for at_least, points in bands:
        if value >= at_least:
            return points
    return otherwise


def computed_points(form: pd.Series, spec: dict) -> float:
    if "field" in spec:
        return _band(form[spec["field"]], spec["bands"], spec["otherwise"])
    num, den = spec["ratio"]
    if form[den] == 0:
        return spec["when_denominator_zero"]
    return _band(form[num] / form[den], spec["bands"], spec["otherwise"])


def rederive(subs: pd.DataFrame, scores: pd.DataFrame, rubric) -> pd.DataFrame:
    out = []
    for category in ("individual", "province"):
        cr = rubric[category]
        forms = subs[subs["category"] == category]
        sc = scores[scores["category"] == category]
        key = "district_code" if category == "individual" else "province_code"
        means = sc.groupby(["round", key, "criterion"])["score"].mean().unstack("criterion")
        for (rnd, code), row in means.iterrows():
            form = forms[forms[key] == code].iloc[0]
            rec = {"category": category, "round": rnd, key: code, "region": form["region"],
                   "province_code": form["province_code"], "submitted_at": form["submitted_at"]}
            for c in cr.criteria:
                rec[c.key] = computed_points(form, c.computed) if c.computed else row.get(c.key)
            rec["total"] = sum(rec[c.key] for c in cr.criteria)
            out.append(rec)
    frame = pd.DataFrame(out)
    frame["rank_national"] = pd.NA
    frame["rank_region"] = pd.NA
    frame["award"] = ""
    for (category, rnd), group in frame.groupby(["category", "round"]):
        cr = rubric[category]
        order = ["total"] + [t for t in cr.tie_break]
        ascending = [False] + [t == "submitted_at" for t in cr.tie_break]
        ranked = group.assign(total=group["total"].round(6)).sort_values(order, ascending=ascending)
        frame.loc[ranked.index, "rank_national"] = range(1, len(ranked) + 1)
        for _, reg in ranked.groupby("region"):
            frame.loc[reg.index, "rank_region"] = range(1, len(reg) + 1)
        if rnd != "national":
            continue
        scope = "rank_region" if cr.award_scope == "region" else "rank_national"
        for idx in group.index:
            rank, total = frame.loc[idx, scope], frame.loc[idx, "total"]
            for rule in cr.award_rules:
                lo, hi = rule["ranks"]
                if lo <= rank <= hi and total >= rule.get("min_total", 0):
                    frame.loc[idx, "award"] = rule["award"]
                    break
    return frame
