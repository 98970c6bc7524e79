"""The compare step's computation: the province x year panel and the changes read off it.

Pure functions of DataFrames and rubrics (no file is read here: ``compare.year`` does that); the
Thai tables of these frames are in ``compare.tables``. How to read the changes: see the package's
docstring (``analysis.compare``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import places
from analysis.rubric.load import Rubric
from analysis.errors import UsageError
from analysis.vocab import CATEGORIES, REGION_ORDER, REGIONS
from analysis.years import parse_years

# category -> (total column, rank column, award column, participated column) in the panel
MEASURES = {
    "individual": ("nominee_total", "nominee_rank", "nominee_award", "individual_participated"),
    "province": ("project_total", "project_rank", "project_award", "project_participated"),
}
CHANGE_TH = {"stopped": "หยุดเข้าร่วม", "started": "เริ่ม/กลับมาเข้าร่วม"}
REASON_TH = {
    "unchanged": "เหมือนเดิม เปรียบเทียบได้",
    "max_changed": "คะแนนเต็มเปลี่ยน เปรียบเทียบเป็นสัดส่วนของคะแนนเต็ม",
    "renamed": "ชื่อเกณฑ์เปลี่ยน รหัสเดิม เปรียบเทียบได้",
    "renamed_max_changed": "ชื่อและคะแนนเต็มเปลี่ยน เปรียบเทียบเป็นสัดส่วนของคะแนนเต็ม",
    "added": "เกณฑ์ใหม่ ไม่มีในปีก่อน เปรียบเทียบไม่ได้",
    "removed": "ยกเลิกเกณฑ์ ไม่มีในปีหลัง เปรียบเทียบไม่ได้",
}


def comparable_criteria(rubric_a: Rubric, rubric_b: Rubric, category: str = "individual") -> pd.DataFrame:
    """Which criteria can be compared between two years' rubrics, and why or why not.

    One row per key in either year: ``comparable`` is True when the key exists in both years (its
    points are then compared as a share of each year's maximum); ``reason_code`` is one of
    unchanged, max_changed, renamed, renamed_max_changed, added, removed; ``reason_th`` in Thai.
    """
    a = {c.key: c for c in rubric_a[category].criteria}
    b = {c.key: c for c in rubric_b[category].criteria}
    rows = []
    for key in list(a) + [k for k in b if k not in a]:
        ca, cb = a.get(key), b.get(key)
        if ca is None:
            code = "added"
        elif cb is None:
            code = "removed"
        else:
            renamed, resized = ca.name != cb.name, ca.max != cb.max
            code = ("renamed_max_changed" if renamed and resized else "renamed" if renamed
                    else "max_changed" if resized else "unchanged")
        rows.append({"year_a": rubric_a.year, "year_b": rubric_b.year, "category": category,
                     "key": key, "name_a": ca.name if ca else None, "name_b": cb.name if cb else None,
                     "max_a": ca.max if ca else np.nan, "max_b": cb.max if cb else np.nan,
                     "comparable": ca is not None and cb is not None, "reason_code": code,
                     "reason_th": REASON_TH[code]})
    return pd.DataFrame(rows)


def rubric_changes(rubrics: dict[int, Rubric], category: str = "individual") -> pd.DataFrame:
    """``comparable_criteria`` for each pair of consecutive years, only the keys that changed."""
    years = sorted(rubrics)
    frames = [comparable_criteria(rubrics[a], rubrics[b], category) for a, b in zip(years, years[1:])]
    if not frames:
        return comparable_criteria(rubrics[years[0]], rubrics[years[0]], category).iloc[:0]
    out = pd.concat(frames, ignore_index=True)
    return out[out["reason_code"] != "unchanged"].reset_index(drop=True)


# ------------------------------------------------------------------------ the panel
def _one_per_province(rows: pd.DataFrame) -> pd.DataFrame:
    """The province's candidate in a national round: the nominee if flagged, else the best total."""
    flagged = rows["nominee"].fillna(False).astype(bool) if "nominee" in rows else False
    order = rows.assign(_nom=flagged, _t=rows["total"].astype(float))
    order = order.sort_values(["year", "province_code", "_nom", "_t"], ascending=[True, True, False, False],
                              na_position="last", kind="stable")
    return order.drop_duplicates(["year", "province_code"]).drop(columns=["_nom", "_t"])


def _shares(rows: pd.DataFrame, rubrics: dict[int, Rubric], category: str, keys: list[str]) -> pd.DataFrame:
    """share_<KEY> = points / that year's max; NaN where the key is not in that year's rubric."""
    out = pd.DataFrame(index=rows.index)
    for key in keys:
        maxima = rows["year"].map(lambda y: rubrics[y][category].maxima.get(key, np.nan))
        points = rows[key].astype(float) if key in rows else np.nan
        out[f"share_{key}"] = points / maxima.astype(float)
    return out


def build_panel(submissions: pd.DataFrame, results: pd.DataFrame, rubrics: dict[int, Rubric],
                years=None) -> pd.DataFrame:
    """One row per in-scope province and year (see the module docstring for how to read it).

    ``submissions`` and ``results`` hold all the years (each has a ``year`` column); ``rubrics``
    maps each year to its rubric. ``years`` defaults to the rubrics' years.
    """
    years = parse_years(years if years is not None else sorted(rubrics))
    prov = places.provinces()
    panel = prov.merge(pd.DataFrame({"year": years}), how="cross")
    panel = panel[["year", "province_code", "province_name", "region", "region_name", "districts"]]
    key = ["year", "province_code"]

    subs = submissions[submissions["year"].isin(years)]
    counts = subs.groupby(["year", "province_code", "category"]).size().unstack("category")
    counts = counts.reindex(columns=list(CATEGORIES)).fillna(0).astype(int)
    panel = panel.merge(counts.rename(columns={"individual": "applicants", "province": "_projects"}),
                        left_on=key, right_index=True, how="left")
    panel[["applicants", "_projects"]] = panel[["applicants", "_projects"]].fillna(0).astype(int)
    panel["individual_participated"] = panel["applicants"] > 0
    panel["project_participated"] = panel["_projects"] > 0
    panel["participated"] = panel["individual_participated"] | panel["project_participated"]
    panel["participation"] = panel["applicants"] / panel["districts"]

    res = results[results["year"].isin(years) & (results["round"] == "national")]
    keys = {c: sorted({k for y in years for k in rubrics[y][c].maxima},
                      key=lambda k: (k[0], int(k[1:]))) for c in CATEGORIES}
    ind = res[res["category"] == "individual"]
    nominee = _one_per_province(ind)
    nominee = pd.concat([nominee[key + ["total", "rank_national", "rank_region", "award"]],
                         _shares(nominee, rubrics, "individual", keys["individual"])], axis=1)
    nominee = nominee.rename(columns={"total": "nominee_total", "rank_national": "nominee_rank",
                                      "rank_region": "nominee_rank_region", "award": "nominee_award"})
    awards = (ind.assign(awards_individual=ind["award"].fillna("") != "")
              .groupby(key, as_index=False)["awards_individual"].sum())
    project = _one_per_province(res[res["category"] == "province"])
    project = pd.concat([project[key + ["total", "rank_national", "award"]],
                         _shares(project, rubrics, "province", keys["province"])], axis=1)
    project = project.rename(columns={"total": "project_total", "rank_national": "project_rank",
                                      "award": "project_award"})
    panel = (panel.merge(nominee, on=key, how="left").merge(project, on=key, how="left")
             .merge(awards, on=key, how="left"))
    panel["awards_individual"] = panel["awards_individual"].fillna(0).astype(int)
    for col in ("nominee_rank", "nominee_rank_region", "project_rank"):
        panel[col] = panel[col].astype("Int64")
    for col in ("nominee_award", "project_award"):
        panel[col] = panel[col].fillna("").astype(str)
    panel["region"] = pd.Categorical(panel["region"], categories=list(REGIONS), ordered=True)
    panel["_name"] = panel["province_name"].map(places.thai_sort_key)
    panel = panel.sort_values(["year", "region", "_name"]).drop(columns=["_name", "_projects"])
    panel["region"] = panel["region"].astype(str)
    share_cols = [f"share_{k}" for c in CATEGORIES for k in keys[c]]
    front = ["year", "province_code", "province_name", "region", "region_name", "participated",
             "individual_participated", "applicants", "districts", "participation",
             "nominee_total", "nominee_rank", "nominee_rank_region", "nominee_award", "awards_individual",
             "project_participated", "project_total", "project_rank", "project_award"]
    return panel[front + share_cols].reset_index(drop=True)


# ------------------------------------------------------------------------ change
def year_on_year(panel: pd.DataFrame, category: str = "individual") -> pd.DataFrame:
    """Per province and year (from the second year asked): total and rank, with the change since the
    previous year asked. ``total_delta`` = total - previous total (points out of 100);
    ``rank_delta`` = previous rank - rank (positive = moved up). NaN when either year has no score."""
    total, rank, _, took_part = MEASURES[category]
    p = panel.sort_values(["province_code", "year"])
    out = p[["year", "province_code", "province_name", "region", took_part]].rename(
        columns={took_part: "took_part"})
    g = p.groupby("province_code")
    out["prev_year"] = g["year"].shift()
    out["total"], out["prev_total"] = p[total], g[total].shift()
    out["rank"] = p[rank].astype("Float64")
    out["prev_rank"] = g[rank].shift().astype("Float64")
    out["total_delta"] = out["total"] - out["prev_total"]
    out["rank_delta"] = out["prev_rank"] - out["rank"]
    out = out[out["prev_year"].notna()].copy()
    out["prev_year"] = out["prev_year"].astype(int)
    return out.reset_index(drop=True)


def first_to_last(panel: pd.DataFrame, category: str = "individual", first: int | None = None,
                  last: int | None = None) -> pd.DataFrame:
    """Per province: total and rank in ``first`` and ``last`` (default: first and last years in the
    panel) and the change between them (same signs as ``year_on_year``)."""
    total, rank, _, took_part = MEASURES[category]
    first = first if first is not None else int(panel["year"].min())
    last = last if last is not None else int(panel["year"].max())
    cols = ["province_code", took_part, total, rank]
    a = panel.loc[panel["year"] == first, ["province_code", "province_name", "region", "region_name"]
                  + cols[1:]]
    b = panel.loc[panel["year"] == last, cols]
    out = a.merge(b, on="province_code", suffixes=("_first", "_last"))
    out = out.rename(columns={f"{total}_first": "total_first", f"{total}_last": "total_last",
                              f"{rank}_first": "rank_first", f"{rank}_last": "rank_last",
                              f"{took_part}_first": "took_part_first",
                              f"{took_part}_last": "took_part_last"})
    out.insert(4, "year_first", first)
    out.insert(5, "year_last", last)
    out["total_delta"] = out["total_last"] - out["total_first"]
    out["rank_delta"] = (out["rank_first"].astype("Float64") - out["rank_last"].astype("Float64"))
    return out.reset_index(drop=True)


def top_movers(change: pd.DataFrame, n: int = 5, direction: str = "up") -> pd.DataFrame:
    """The ``n`` biggest improvers (``up``) or decliners (``down``) by total delta; rank delta
    breaks ties. Rows without a delta are left out."""
    if direction not in ("up", "down"):
        raise UsageError("direction ต้องเป็น up หรือ down / direction must be up or down")
    c = change.dropna(subset=["total_delta"])
    up = direction == "up"
    c = c.assign(_r=c["rank_delta"].astype(float).fillna(0))
    c = c.sort_values(["total_delta", "_r"], ascending=[not up, not up], kind="stable")
    c = c[c["total_delta"] > 0] if up else c[c["total_delta"] < 0]
    return c.head(n).drop(columns="_r").reset_index(drop=True)


def participation_changes(panel: pd.DataFrame) -> pd.DataFrame:
    """Provinces that stopped (took part the previous year asked, not this one) or started (the
    reverse) taking part, per category: ``year, prev_year, category, province_code, province_name,
    region, change`` (stopped | started) and ``change_th``."""
    rows = []
    for category in CATEGORIES:
        col = MEASURES[category][3]
        p = panel.sort_values(["province_code", "year"])
        prev = p.groupby("province_code")[col].shift()
        prev_year = p.groupby("province_code")["year"].shift()
        known = prev.notna()
        was, now = prev[known].astype(bool), p.loc[known, col].astype(bool)
        for change, mask in (("stopped", was & ~now), ("started", ~was & now)):
            sel = p.loc[mask[mask].index]
            rows.append(pd.DataFrame({
                "year": sel["year"], "prev_year": prev_year[sel.index].astype(int), "category": category,
                "province_code": sel["province_code"], "province_name": sel["province_name"],
                "region": sel["region"], "change": change, "change_th": CHANGE_TH[change]}))
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["year", "category", "change", "province_code"]).reset_index(drop=True)


def regional_summary(panel: pd.DataFrame) -> pd.DataFrame:
    """Per year and region: provinces taking part, applicants per district (participation), mean
    total of the provinces' candidates and awards, for both categories."""
    g = panel.groupby(["year", "region"], sort=False)
    out = g.agg(region_name=("region_name", "first"), provinces=("province_code", "size"),
                individual_provinces=("individual_participated", "sum"),
                applicants=("applicants", "sum"), districts=("districts", "sum"),
                mean_nominee_total=("nominee_total", "mean"),
                awards_individual=("awards_individual", "sum"),
                project_provinces=("project_participated", "sum"),
                mean_project_total=("project_total", "mean"),
                awards_project=("project_award", lambda s: int((s != "").sum()))).reset_index()
    out["participation"] = out["applicants"] / out["districts"]
    out["_r"] = out["region"].map(REGION_ORDER)
    return out.sort_values(["year", "_r"]).drop(columns="_r").reset_index(drop=True)


def criterion_changes(panel: pd.DataFrame, rubric_a: Rubric, rubric_b: Rubric,
                      category: str = "individual") -> pd.DataFrame:
    """National mean share of each criterion in two years and its change, for comparable keys only;
    a key that is not comparable gets no numbers, only its reason."""
    table = comparable_criteria(rubric_a, rubric_b, category)
    ya, yb = rubric_a.year, rubric_b.year
    mean_a, mean_b = [], []
    for _, row in table.iterrows():
        col = f"share_{row['key']}"
        ok = row["comparable"] and col in panel
        mean_a.append(panel.loc[panel["year"] == ya, col].mean() if ok else np.nan)
        mean_b.append(panel.loc[panel["year"] == yb, col].mean() if ok else np.nan)
    table["mean_share_a"], table["mean_share_b"] = mean_a, mean_b
    table["share_delta"] = table["mean_share_b"] - table["mean_share_a"]
    return table


def criterion_shares(panel: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Mean share of the maximum per criterion (columns) per year (rows), over the provinces with a
    score; NaN for a key that is not in that year's rubric."""
    cols = [f"share_{k}" for k in keys if f"share_{k}" in panel]
    return panel.groupby("year")[cols].mean().rename(columns=lambda c: c.removeprefix("share_"))
