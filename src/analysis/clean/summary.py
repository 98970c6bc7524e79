"""The year's clean step for people: what was read, accepted, held back and set aside, with
Thai headers for the notebook and the reports."""

from __future__ import annotations

import pandas as pd

from analysis.clean.common import CATEGORIES
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
        rows.append({"category": category, "forms_accepted": n_forms,
                     "score_rows_accepted": n_scores, "roster_rows": n_roster,
                     "held_back": len(held)})
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
}
CATEGORY_LABELS = {"individual": "ประเภทบุคคล (ท้องถิ่นอำเภอดีเด่น)",
                   "province": "ประเภทจังหวัด (1 จังหวัด 1 พัฒนา)"}


def summary_th(result: CleanResult) -> pd.DataFrame:
    """The summary with Thai headers, for the notebook and reports."""
    s = summary(result)
    s["category"] = s["category"].map(CATEGORY_LABELS)
    return s.rename(columns={"category": "ประเภท", "forms_accepted": "แบบฟอร์มที่รับ",
                             "score_rows_accepted": "แถวคะแนนที่รับ",
                             "roster_rows": "รายชื่อกรรมการ", "held_back": "แถวที่กันไว้ตรวจ"})


def held_back_by_reason(result: CleanResult) -> pd.DataFrame:
    q = result.quarantine
    if q.empty:
        return pd.DataFrame(columns=["ประเภท", "เหตุผล", "รหัสเหตุผล", "จำนวนแถว"])
    out = q.groupby(["category", "reason_code"]).size().rename("จำนวนแถว").reset_index()
    out.insert(2, "เหตุผล", out["reason_code"].map(REASON_LABELS).fillna(out["reason_code"]))
    out["category"] = out["category"].map(CATEGORY_LABELS)
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
