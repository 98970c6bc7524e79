"""The year's clean step for people: what was read, accepted, held back and set aside, with
Thai headers for the notebook and the reports."""

from __future__ import annotations

import pandas as pd

from analysis.clean.common import CATEGORIES
from analysis.vocab import CATEGORY_LONG_TH
from analysis.clean.notdata import NOT_DATA
from analysis.clean.year import CleanResult


def summary(result: CleanResult) -> pd.DataFrame:
    """Rows read, accepted and held back, per category and kind, for people to read."""
    q = result.quarantine
    rows = []
    for category in CATEGORIES:
        subs = result.submissions
        n_forms = int((subs["category"] == category).sum()) if not subs.empty else 0
        n_scores = result.scores[result.scores["category"] == category][
            ["source_file", "source_sheet", "source_row"]].drop_duplicates().shape[0]
        n_roster = int((result.judges["category"] == category).sum()) if not result.judges.empty else 0
        held = q[q["category"] == category]
        aside = result.set_aside[result.set_aside["category"] == category]
        rows.append({"category": category, "forms_accepted": n_forms,
                     "score_rows_accepted": n_scores, "roster_rows": n_roster,
                     "held_back": len(held), "set_aside": len(aside)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------- for people
REASON_LABELS = {
    "unreadable_file": "เปิดไฟล์ไม่ได้", "no_header": "ไม่พบหัวตาราง", "missing_value": "ข้อมูลไม่ครบ",
    "bad_value": "อ่านค่าไม่ได้", "out_of_range": "ค่าเกินช่วงที่เป็นไปได้",
    "inconsistent_values": "ค่าขัดแย้งกันเอง", "unknown_province": "ไม่รู้จักจังหวัด",
    "unknown_district": "ไม่รู้จักอำเภอ", "place_mismatch": "อำเภอไม่อยู่ในจังหวัดที่ระบุ",
    "ambiguous_place": "ชื่อสถานที่กำกวม", "out_of_scope": "นอกขอบเขต (กรุงเทพมหานคร)",
    "duplicate_superseded": "ส่งซ้ำ ใช้ฉบับหลัง", "duplicate_conflict": "ส่งซ้ำ ค่าไม่ตรงกัน",
    "unknown_criterion": "เกณฑ์ไม่อยู่ในเกณฑ์ของปี", "unknown_candidate": "ไม่มีแบบฟอร์มของผู้สมัคร",
    "conflict_of_interest": "กรรมการให้คะแนนจังหวัดภูมิลำเนาตน",
    "conflicting_columns": "คอลัมน์ซ้ำ ค่าไม่ตรงกัน",
    "filtered_row": "แถวถูกซ่อนด้วยตัวกรอง",
    "above_header": "แถวที่มีค่าอยู่เหนือหัวตาราง",
}
# Why a row is not data (set_aside), in Thai, from notdata.NOT_DATA.
NOT_DATA_LABELS = {code: th for code, (th, _en) in NOT_DATA.items()}
COLUMN_WHY = {
    "unmapped": "ไม่ตรงกับช่องใดของแบบฟอร์ม (เก็บไว้ในข้อมูลดิบ)",
    "hidden": "คอลัมน์ถูกซ่อนในไฟล์ จึงไม่อ่าน",
    "weaker": "ซ้ำกับคอลัมน์อื่นที่ตรงกับหัวข้อกว่า (หรือคอลัมน์นี้ว่าง) จึงไม่อ่าน",
    "unfit": "หัวข้อตรงเท่ากับคอลัมน์อื่น แต่ค่าในคอลัมน์นี้ไม่ใช่ชนิดของช่องนั้น จึงไม่อ่าน",
    "ambiguous": "หัวข้อภาษาไทยกับภาษาอังกฤษระบุคนละช่อง จึงไม่อ่าน",
    "other_year": "ระบุปีอื่น จึงไม่อ่านเป็นข้อมูลปีนี้",
    "derived": "คำนวณจากคอลัมน์อื่น (เช่น ร้อยละ) จึงไม่อ่าน",
    "respondent": "ข้อมูลของผู้กรอกแบบฟอร์ม ไม่ใช่ของผู้สมัคร",
}


def summary_th(result: CleanResult) -> pd.DataFrame:
    """The summary with Thai headers, for the notebook and reports."""
    s = summary(result)
    s["category"] = s["category"].map(CATEGORY_LONG_TH)
    return s.rename(columns={"category": "ประเภท", "forms_accepted": "แบบฟอร์มที่รับ",
                             "score_rows_accepted": "แถวคะแนนที่รับ",
                             "roster_rows": "รายชื่อกรรมการ", "held_back": "แถวที่กันไว้ตรวจ",
                             "set_aside": "แถวที่ไม่ใช่ข้อมูล"})


def held_back_by_reason(result: CleanResult) -> pd.DataFrame:
    q = result.quarantine
    if q.empty:
        return pd.DataFrame(columns=["ประเภท", "เหตุผล", "รหัสเหตุผล", "จำนวนแถว"])
    out = q.groupby(["category", "reason_code"]).size().rename("จำนวนแถว").reset_index()
    out.insert(2, "เหตุผล", out["reason_code"].map(REASON_LABELS).fillna(out["reason_code"]))
    out["category"] = out["category"].map(CATEGORY_LONG_TH)
    return out.rename(columns={"category": "ประเภท", "reason_code": "รหัสเหตุผล"})


def quarantine_th(result: CleanResult) -> pd.DataFrame:
    """The quarantine as an analyst goes through it: where, why, and what was probably meant."""
    q = result.quarantine
    return pd.DataFrame({
        "ไฟล์": q["source_file"], "ชีต": q["source_sheet"], "แถว": q["source_row"],
        "เหตุผล": q["reason_code"].map(REASON_LABELS).fillna(q["reason_code"]),
        "รายละเอียด": q["reason_th"], "คอลัมน์": q["column"], "ค่าที่กรอก": q["value"],
        "ข้อเสนอแนะ": q["suggestion"],
    })


def set_aside_by_reason(result: CleanResult) -> pd.DataFrame:
    """Rows set aside as not data, counted per category and why."""
    a = result.set_aside
    if a.empty:
        return pd.DataFrame(columns=["ประเภท", "รหัสเหตุผล", "เหตุผล", "จำนวนแถว"])
    out = a.groupby(["category", "reason_code"]).size().rename("จำนวนแถว").reset_index()
    out.insert(2, "เหตุผล", out["reason_code"].map(NOT_DATA_LABELS).fillna(out["reason_code"]))
    out["category"] = out["category"].map(CATEGORY_LONG_TH)
    return out.rename(columns={"category": "ประเภท", "reason_code": "รหัสเหตุผล"})[
        ["ประเภท", "รหัสเหตุผล", "เหตุผล", "จำนวนแถว"]]


def set_aside_th(result: CleanResult, text: bool = True) -> pd.DataFrame:
    """Each row set aside as not data: where it is, why, and (``text``) what it says. A signature
    block names the person who signed, so a report for wide circulation leaves the text out.
    A hidden sheet's rows are counted in ``hidden_th``, not listed here one by one."""
    a = result.set_aside[result.set_aside["reason_code"] != "hidden_sheet"]
    out = pd.DataFrame({"ไฟล์": a["source_file"], "ชีต": a["source_sheet"], "แถว": a["source_row"],
                        "เหตุผล": a["reason_code"].map(NOT_DATA_LABELS).fillna(a["reason_code"])})
    if text:
        out["ข้อความในแถว"] = a["text"]
    return out.reset_index(drop=True)


def hidden_th(result: CleanResult) -> pd.DataFrame:
    """What the workbooks hid and the clean step did not read as data: hidden sheets (with how
    many rows they hold), hidden rows, rows hidden by a filter (held back) and hidden columns."""
    rows = []
    a = result.set_aside
    for (f, sheet, code), g in a[a["reason_code"].isin(["hidden_sheet", "hidden_row"])].groupby(
            ["source_file", "source_sheet", "reason_code"], dropna=False):
        what = "แผ่นงานที่ซ่อน" if code == "hidden_sheet" else "แถวที่ซ่อน"
        rows.append({"ไฟล์": f, "ชีต": sheet, "สิ่งที่ซ่อน": what, "จำนวนแถว": len(g),
                     "รายละเอียด": _rows_text(g["source_row"]), "ผล": "ไม่อ่านเป็นข้อมูล (แถวที่ไม่ใช่ข้อมูล)"})
    q = result.quarantine
    for (f, sheet), g in q[q["reason_code"] == "filtered_row"].groupby(["source_file", "source_sheet"], dropna=False):
        rows.append({"ไฟล์": f, "ชีต": sheet, "สิ่งที่ซ่อน": "แถวที่ซ่อนด้วยตัวกรอง", "จำนวนแถว": len(g),
                     "รายละเอียด": _rows_text(g["source_row"]), "ผล": "กันไว้ตรวจ"})
    c = result.columns
    for (f, sheet), g in c[c["why"] == "hidden"].groupby(["source_file", "source_sheet"], dropna=False):
        rows.append({"ไฟล์": f, "ชีต": sheet, "สิ่งที่ซ่อน": "คอลัมน์ที่ซ่อน", "จำนวนแถว": pd.NA,
                     "รายละเอียด": ", ".join(f"{col} ({h})" if h else col for col, h in zip(g["column"], g["header"])),
                     "ผล": "ไม่อ่าน"})
    out = pd.DataFrame(rows, columns=["ไฟล์", "ชีต", "สิ่งที่ซ่อน", "จำนวนแถว", "รายละเอียด", "ผล"])
    out["จำนวนแถว"] = out["จำนวนแถว"].astype("Int64")
    return out


def columns_th(result: CleanResult) -> pd.DataFrame:
    """Columns not read as a form field (hidden ones are in ``hidden_th``), and why."""
    c = result.columns[result.columns["why"] != "hidden"]
    return pd.DataFrame({"ไฟล์": c["source_file"], "ชีต": c["source_sheet"], "คอลัมน์": c["column"],
                         "หัวคอลัมน์": c["header"], "เหตุผล": c["why"].map(COLUMN_WHY).fillna(c["why"])}
                        ).reset_index(drop=True)


def _rows_text(rows) -> str:
    """Row numbers as ranges: "5-7, 12"."""
    nums = sorted(int(r) for r in rows if pd.notna(r))
    spans, start = [], None
    for i, n in enumerate(nums):
        if start is None:
            start = n
        if i + 1 == len(nums) or nums[i + 1] != n + 1:
            spans.append(f"{start}-{n}" if n != start else f"{n}")
            start = None
    return "แถว " + ", ".join(spans) if spans else ""
