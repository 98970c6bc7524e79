"""A province's page in Thai: its applicants, its national candidates, its criteria, what was
held back with what to do about it, and its years beside its region's."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import places
from analysis.compare.panel import build_panel
from analysis.province.facts import year_files
from analysis.rubric.load import Rubric, load_rubric, rubric_path
from analysis.score.tables import out_of_100, probability_sentence
from analysis.vocab import CATEGORY_TH, REGIONS, ROUND_TH, SCOPE_TH
from analysis.years import parse_years

FIX_TH = {
    "unreadable_file": "ส่งไฟล์ใหม่ที่เปิดได้ (บันทึกเป็น .xlsx จาก Excel หรือ LibreOffice)",
    "no_header": "ใส่หัวตารางตามแบบฟอร์ม (จังหวัด อำเภอ ชื่อ-สกุล ...) ในแถวเดียว เหนือข้อมูล",
    "missing_value": "กรอกช่องที่ว่างให้ครบ",
    "bad_value": "กรอกเป็นตัวเลขหรือวันที่ตามแบบฟอร์ม (ถ้าไม่มีให้กรอก 0 ไม่ใช่ขีด)",
    "out_of_range": "ตรวจสอบค่าให้อยู่ในช่วงที่กำหนด (เช่น ร้อยละ 0–100 คะแนนไม่เกินคะแนนเต็ม)",
    "inconsistent_values": "ตรวจสอบค่าที่ขัดกัน (เช่น เรื่องที่แก้ไขแล้วมากกว่าเรื่องที่ได้รับ วันสิ้นสุดก่อนวันเริ่ม)",
    "unknown_province": "เขียนชื่อจังหวัดให้ตรงกับทะเบียนของกรมการปกครอง",
    "unknown_district": "เขียนชื่ออำเภอให้ตรงกับทะเบียนของกรมการปกครอง",
    "place_mismatch": "ตรวจสอบว่าอำเภอนี้อยู่ในจังหวัดที่กรอก",
    "ambiguous_place": "ระบุจังหวัดให้ชัดเจน (ชื่ออำเภอนี้ซ้ำกันหลายแห่ง)",
    "out_of_scope": "กรุงเทพมหานครไม่อยู่ในการประเมินนี้",
    "duplicate_superseded": "ไม่ต้องแก้: ใช้แถวที่ส่งภายหลังแทนแล้ว",
    "duplicate_conflict": "ส่งแถวเดียวต่อหนึ่งอำเภอ หรือระบุวันที่ส่งให้ต่างกัน",
    "unknown_criterion": "ใช้รหัสเกณฑ์ของปีนั้นเท่านั้น",
    "unknown_candidate": "ผู้สมัครนี้ไม่มีแบบฟอร์มที่รับไว้: ส่งแบบฟอร์มหรือแก้แบบฟอร์มที่ถูกกันไว้ก่อน",
    "conflict_of_interest": "กรรมการไม่ให้คะแนนผู้สมัครจากจังหวัดของตนเอง: เว้นว่างไว้",
    "conflicting_columns": "ลบคอลัมน์ที่ซ้ำกัน หรือทำให้สองคอลัมน์ตรงกัน",
    "filtered_row": "ยกเลิกการกรอง (ตัวกรอง) ในไฟล์ก่อนส่ง หรือลบแถวที่ไม่ต้องการ",
    "above_header": "ให้หัวตารางอยู่แถวบนสุดของตาราง และข้อมูลทุกแถวอยู่ใต้หัวตาราง",
}


def _who(row) -> str:
    if isinstance(row.get("district_code"), str) and row["district_code"]:
        return f"อ.{places.district_name(row['district_code'])}"
    return f"จ.{places.province_name(row['province_code'])}"


def applicants_th(results: pd.DataFrame, code: str, names: bool = True) -> pd.DataFrame:
    """The province's applicants in the individual province round: points, rank in the province,
    the nominee and how often another draw of the committee would nominate the same one."""
    f = results[(results["category"] == "individual") & (results["round"] == "province")
                & (results["province_code"] == code)].sort_values("rank_province", na_position="last")
    table = pd.DataFrame({"ลำดับในจังหวัด": f["rank_province"], "อำเภอ": f["district_name"]})
    if names:
        table["ชื่อ-สกุล"] = f["name"]
    table["คะแนนรวม"] = f["total"].round(2)
    table["ผู้ได้รับการเสนอชื่อ"] = np.where(f["nominee"], "✓", "")
    table["โอกาสได้รับการเสนอชื่อ (จาก 100)"] = out_of_100(f["p_nominee"])
    return table.reset_index(drop=True)


def national_th(results: pd.DataFrame, code: str, names: bool = True) -> pd.DataFrame:
    """The province's candidates in the national rounds (its nominee and its project): rank in the
    award scope, award, and what the award probability means."""
    f = results[(results["round"] == "national") & (results["province_code"] == code)]
    rows = []
    for _, r in f.sort_values("category").iterrows():
        rows.append({"ประเภท": CATEGORY_TH[r["category"]], "ผู้สมัคร": _who(r) + (
            f" {r['name']}" if names and isinstance(r.get("name"), str) and r["category"] == "individual"
            else "") + (f" {r['project_title']}" if r["category"] == "province" else ""),
            "คะแนนรวม": round(float(r["total"]), 2) if pd.notna(r["total"]) else np.nan,
            "ลำดับ": r["rank_scope"], "ลำดับใน": SCOPE_TH[r["award_scope"]].removeprefix("ลำดับ"),
            "รางวัล": r["award"] or "ไม่ได้รางวัล",
            "ความหมาย": probability_sentence(r["p_same_award"], r["p_any_award"], r["award"])})
    return pd.DataFrame(rows, columns=["ประเภท", "ผู้สมัคร", "คะแนนรวม", "ลำดับ", "ลำดับใน", "รางวัล", "ความหมาย"])


def points_th(results: pd.DataFrame, code: str, rubric: Rubric) -> pd.DataFrame:
    """Each criterion of the province's national-round candidates beside the mean of its region's
    and of the nation's candidates in the same round, with the criterion's name and maximum."""
    nat = results[results["round"] == "national"]
    rows = []
    for category in ("individual", "province"):
        c = nat[nat["category"] == category]
        mine = c[c["province_code"] == code]
        if mine.empty:
            continue
        region = places.region_of(code)
        for crit in rubric[category].criteria:
            rows.append({"ประเภท": CATEGORY_TH[category], "เกณฑ์": f"{crit.key} {crit.name}",
                         "คะแนนเต็ม": crit.max, "จังหวัดนี้": round(float(mine[crit.key].iloc[0]), 2),
                         f"เฉลี่ย{REGIONS[region]}": round(float(c.loc[c["region"] == region, crit.key].mean()), 2),
                         "เฉลี่ยทั้งประเทศ": round(float(c[crit.key].mean()), 2)})
    return pd.DataFrame(rows)


def held_th(q: pd.DataFrame, public: bool = False) -> pd.DataFrame:
    """The held-back rows as sent to the province: which file and row, what was found, the cell,
    and what to do."""
    if not len(q):
        return pd.DataFrame(columns=["ไฟล์", "แผ่นงาน", "แถว", "สิ่งที่พบ", "ช่อง", "ค่าที่กรอก", "ควรแก้อย่างไร"])
    fix = q["reason_code"].map(FIX_TH).fillna("")
    hint = q["suggestion"].fillna("") if "suggestion" in q else ""
    return pd.DataFrame({
        "ไฟล์": q["source_file"], "แผ่นงาน": q["source_sheet"].fillna(""),
        "แถว": pd.to_numeric(q["source_row"], errors="coerce").astype("Int64"),
        "สิ่งที่พบ": q["reason_th"], "ช่อง": q["column"].fillna(""),
        "ค่าที่กรอก": "" if public else q["value"].fillna(""),
        "ควรแก้อย่างไร": (fix + np.where(hint != "", " (" + hint + ")", "")).str.strip()}).reset_index(drop=True)


def aside_th(a: pd.DataFrame, public: bool = False) -> pd.DataFrame:
    """The rows of the province's files set aside as not an applicant's data."""
    if not len(a):
        return pd.DataFrame(columns=["ไฟล์", "แผ่นงาน", "แถว", "เหตุ", "ข้อความในแถว"])
    table = pd.DataFrame({"ไฟล์": a["source_file"], "แผ่นงาน": a["source_sheet"].fillna(""),
                          "แถว": pd.to_numeric(a["source_row"], errors="coerce").astype("Int64"),
                          "เหตุ": a["reason_th"]})
    if not public:                     # a signature block names its signer
        table["ข้อความในแถว"] = a["text"].fillna("")
    return table.reset_index(drop=True)


def trend(clean_dir, years, code: str, criteria_dir) -> pd.DataFrame:
    """Year over year: the province beside its region's mean, both categories (from the compare
    step's panel, built here from the years' results)."""
    years = parse_years(years)
    rubrics = {y: load_rubric(rubric_path(criteria_dir, y)) for y in years}
    files = {y: year_files(clean_dir, y) for y in years}
    subs = [f["submissions"] for f in files.values() if len(f["submissions"])]
    res = [f["results"] for f in files.values() if len(f["results"])]
    if not subs or not res:
        return pd.DataFrame()
    panel = build_panel(pd.concat(subs, ignore_index=True), pd.concat(res, ignore_index=True), rubrics, years)
    region = places.region_of(code)
    mine = panel[panel["province_code"] == code].set_index("year")
    others = panel[panel["region"] == region].groupby("year")
    return pd.DataFrame({
        "ปี พ.ศ.": [str(y) for y in mine.index],
        "ผู้สมัครประเภทบุคคล": mine["applicants"].to_numpy(),
        "อำเภอที่ส่งผู้สมัคร (ร้อยละ)": (mine["participation"] * 100).round(1).to_numpy(),
        f"ร้อยละเฉลี่ย{REGIONS[region]}": (others["participation"].mean() * 100).round(1).reindex(mine.index).to_numpy(),
        "คะแนนผู้ได้รับการเสนอชื่อ": mine["nominee_total"].round(2).to_numpy(),
        f"เฉลี่ย{REGIONS[region]}": others["nominee_total"].mean().round(2).reindex(mine.index).to_numpy(),
        "รางวัลประเภทบุคคล": mine["nominee_award"].to_numpy(),
        "คะแนนโครงการ": mine["project_total"].round(2).to_numpy(),
        f"เฉลี่ยโครงการ{REGIONS[region]}": others["project_total"].mean().round(2).reindex(mine.index).to_numpy(),
        "รางวัลโครงการ": mine["project_award"].to_numpy()})


def round_th(rnd: str) -> str:
    return ROUND_TH[rnd]
