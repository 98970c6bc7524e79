"""What the clean step records about itself in its manifest: how many rows it read, accepted, held
back (by reason) and set aside, and the files under the year it did not read, each with why.

The end of a batch run (``run.outcome``) and the index page tell these counts from the manifest,
without reading the data again.
"""

from __future__ import annotations

from analysis.vocab import CATEGORIES

# What a file under a year's folder that the clean step did not read is, and why it was not read.
SET_ASIDE = {
    "excel_lock_file": ("ไฟล์ล็อกของ Excel (ไฟล์งานเปิดอยู่ใน Excel ตอนคัดลอก) ไม่ใช่ข้อมูล จึงไม่อ่าน",
                        "an Excel lock file (the workbook was open in Excel when it was copied): not data, not read"),
    "hidden_file": ("ไฟล์ซ่อน (ชื่อขึ้นต้นด้วยจุด) จึงไม่อ่าน", "a hidden file (its name starts with a dot): not read"),
    "outside_category_folder": (
        "ไม่อยู่ในโฟลเดอร์ <ประเภท>/<submissions|scores>/ จึงไม่อ่าน",
        "not in an <individual|province>/<submissions|scores>/ folder: not read"),
    "note": ("หมายเหตุจากการอ่าน", "a note from reading"),
}


def set_aside_kind(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if name.startswith("~$"):
        return "excel_lock_file"
    if name.startswith("."):
        return "hidden_file"
    return "outside_category_folder"


def set_aside(ignored_files, notes=()) -> list[dict]:
    """Files under the year that were not read, and notes of things read but not used, each with why."""
    out = []
    for path in ignored_files:
        kind = set_aside_kind(path)
        out.append({"file": path, "kind": kind, "th": SET_ASIDE[kind][0], "en": SET_ASIDE[kind][1]})
    for note in notes:
        out.append({"file": "", "kind": "note", "th": str(note), "en": ""})
    return out


def clean_facts(result) -> dict:
    """The clean step's counts for its manifest: accepted forms and score rows, rows held back (by
    reason), what was set aside. ``result``: a ``clean.CleanResult``."""
    subs, scores, q = result.submissions, result.scores, result.quarantine
    forms = subs["category"].value_counts().to_dict() if len(subs) else {}
    score_rows = len(scores[["source_file", "source_sheet", "source_row"]].drop_duplicates()) if len(scores) else 0
    return {
        "rows_read": int(result.rows_read["rows"].sum()) if len(result.rows_read) else 0,
        "files_read": int(result.rows_read["source_file"].nunique()) if len(result.rows_read) else 0,
        "forms_accepted": {c: int(forms.get(c, 0)) for c in CATEGORIES},
        "score_rows_accepted": int(score_rows),
        "roster_rows": int(len(result.judges)),
        "held_back": int(len(q)),
        "held_back_by_reason": {str(k): int(v) for k, v in q["reason_code"].value_counts().sort_index().items()}
        if len(q) else {},
        "set_aside": set_aside(result.ignored_files, result.notes),
        # rows that are not an applicant's data (totals, notes, signature blocks...): set_aside
        "rows_set_aside": int(len(getattr(result, "set_aside", ()))),
    }
