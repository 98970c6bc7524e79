"""The compare step's frames as tables in Thai, for the notebook and the compare page.

Years in these tables are labels (พ.ศ. 2564), not quantities: they are text, so no report writes
them as "2,564".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import places
from analysis.compare.panel import CHANGE_TH
from analysis.vocab import CATEGORY_TH


def participation_th(panel: pd.DataFrame) -> pd.DataFrame:
    """How many provinces took part each year, per category."""
    took = panel.groupby("year")[["individual_participated", "project_participated"]].sum()
    return pd.DataFrame({"ปี พ.ศ.": took.index.astype(str),
                         "จังหวัดที่ส่งประเภทบุคคล": took["individual_participated"].to_numpy(),
                         "จังหวัดที่ส่งโครงการ": took["project_participated"].to_numpy()})


def shares_th(shares: pd.DataFrame) -> pd.DataFrame:
    """``criterion_shares`` (years x criteria) with the year as a column."""
    return shares.rename_axis("ปี พ.ศ.").reset_index().astype({"ปี พ.ศ.": str})


def movers_th(change: pd.DataFrame) -> pd.DataFrame:
    """A ``first_to_last`` (or ``top_movers``) frame with Thai headers, for reports."""
    if change.empty:
        return pd.DataFrame(columns=["ภาค", "จังหวัด"])
    a, b = int(change["year_first"].iloc[0]), int(change["year_last"].iloc[0])
    return pd.DataFrame({
        "ภาค": change["region_name"], "จังหวัด": change["province_name"],
        f"คะแนนรวม {a}": change["total_first"].round(2), f"คะแนนรวม {b}": change["total_last"].round(2),
        "คะแนนเปลี่ยน": change["total_delta"].round(2),
        f"ลำดับ {a}": change["rank_first"], f"ลำดับ {b}": change["rank_last"],
        "ลำดับขึ้น (+) / ลง (-)": change["rank_delta"].astype("Int64")}).reset_index(drop=True)


def participation_changes_th(changes: pd.DataFrame) -> pd.DataFrame:
    """Who stopped and who started, one row per year and category, provinces listed by name."""
    rows = []
    for (year, category), g in changes.groupby(["year", "category"], sort=True):
        names = {c: ", ".join(sorted(g.loc[g["change"] == c, "province_name"], key=places.thai_sort_key))
                 for c in CHANGE_TH}
        rows.append({"ปี พ.ศ.": str(year), "ประเภท": CATEGORY_TH[category],
                     "จำนวนที่หยุด": int((g["change"] == "stopped").sum()),
                     CHANGE_TH["stopped"]: names["stopped"],
                     "จำนวนที่เริ่ม": int((g["change"] == "started").sum()),
                     CHANGE_TH["started"]: names["started"]})
    return pd.DataFrame(rows)


def regional_th(regional: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "ปี พ.ศ.": regional["year"].astype(str), "ภาค": regional["region_name"],
        "จังหวัดในภาค": regional["provinces"],
        "จังหวัดที่ส่งประเภทบุคคล": regional["individual_provinces"],
        "ผู้สมัครต่ออำเภอ": regional["participation"].round(2),
        "คะแนนเฉลี่ยผู้ได้รับการเสนอชื่อ": regional["mean_nominee_total"].round(1),
        "รางวัลประเภทบุคคล": regional["awards_individual"],
        "จังหวัดที่ส่งโครงการ": regional["project_provinces"],
        "คะแนนเฉลี่ยโครงการ": regional["mean_project_total"].round(1),
        "รางวัลประเภทจังหวัด": regional["awards_project"]})


def comparable_th(table: pd.DataFrame) -> pd.DataFrame:
    """A ``comparable_criteria`` / ``rubric_changes`` frame with Thai headers."""
    return pd.DataFrame({
        "ปี": table["year_a"].astype(str) + " เทียบ " + table["year_b"].astype(str),
        "รหัสเกณฑ์": table["key"], "ชื่อเกณฑ์ (ปีหลัง)": table["name_b"].fillna(table["name_a"]),
        "คะแนนเต็มปีก่อน": table["max_a"], "คะแนนเต็มปีหลัง": table["max_b"],
        "เปรียบเทียบได้": np.where(table["comparable"], "ได้", "ไม่ได้"),
        "เหตุผล": table["reason_th"]}).reset_index(drop=True)
