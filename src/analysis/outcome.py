"""What a run did, told to the person who ran it: rows accepted, held back and set aside per year,
the reports written, and any step that was skipped or failed, and why.

The clean step records its counts in its manifest (``clean_facts``), so the end of a batch run
can tell them without reading the data again, from the same record the next step checks.
"""

from __future__ import annotations

from pathlib import Path

from analysis import store
from analysis.catalog import file
from analysis.errors import AnalysisError

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
        "forms_accepted": {c: int(forms.get(c, 0)) for c in ("individual", "province")},
        "score_rows_accepted": int(score_rows),
        "roster_rows": int(len(result.judges)),
        "held_back": int(len(q)),
        "held_back_by_reason": {str(k): int(v) for k, v in q["reason_code"].value_counts().sort_index().items()}
        if len(q) else {},
        "set_aside": set_aside(result.ignored_files, result.notes),
        # rows that are not an applicant's data (totals, notes, signature blocks...): set_aside.csv
        "rows_set_aside": int(len(getattr(result, "set_aside", ()))),
    }


def year_facts(clean_dir: Path, year: int) -> dict | None:
    """The clean step's recorded counts for a year, or None when its outputs are not current."""
    try:
        return store.verify(Path(clean_dir) / str(year), "clean").get("facts")
    except AnalysisError:
        return None


def _n(value: int) -> str:
    return f"{value:,}"


def year_lines(year: int, facts: dict) -> list[str]:
    forms = sum(facts["forms_accepted"].values())
    rows = facts.get("rows_set_aside", 0)
    return [f"  ปี {year}: รับแบบฟอร์ม {_n(forms)} ฉบับ และแถวคะแนน {_n(facts['score_rows_accepted'])} แถว · "
            f"กันไว้ตรวจ {_n(facts['held_back'])} แถว · แถวที่ไม่ใช่ข้อมูลผู้สมัคร (ผลรวม ส่วนลงชื่อ ...) {_n(rows)} แถว",
            f"     {year}: accepted {_n(forms)} forms and {_n(facts['score_rows_accepted'])} score-sheet rows · "
            f"rows held back: {_n(facts['held_back'])} · rows set aside as not data: {_n(rows)}"]


def run_summary(run, years: list[int], out_dir: Path, clean_dir: Path, written: list[Path],
                index_error: str = "") -> str:
    """The end of ``analysis run``: where the reports are, what was read per year, what did not run."""
    out_dir, clean_dir = Path(out_dir), Path(clean_dir)
    lines = []
    shown = {Path(p) for p in written}
    index = out_dir / "index.html"
    if index in shown:
        lines.append(f"รายงาน / reports: {index}   <- เริ่มที่นี่ / start here")
    for year in years:
        mine = [p for p in written if p.parent == out_dir / str(year)]
        if mine:
            lines.append(f"  ปี {year}: " + ", ".join(str(p) for p in sorted(mine)))
    if out_dir / "compare.html" in shown:
        lines.append(f"  ทุกปี / all years: {out_dir / 'compare.html'}")
    pages = [p for p in written if p.parent == out_dir / "provinces"]
    if pages:
        lines.append(f"  รายจังหวัด / one per province: {out_dir / 'provinces'}/<รหัส|code>.html ({len(pages)} จังหวัด / provinces)")

    lines += ["", f"ข้อมูลที่อ่าน / what was read ({clean_dir}/<ปี|year>/):"]
    aside = []
    facts_of = {year: year_facts(clean_dir, year) for year in years}
    for year in years:
        facts = facts_of[year]
        if facts is None:
            lines.append(f"  ปี {year}: ตรวจข้อมูลไม่สำเร็จ ดูด้านล่าง / {year}: not cleaned, see below")
            continue
        lines += year_lines(year, facts)
        aside += [(year, a) for a in facts["set_aside"]]
    if any(f and f["held_back"] for f in facts_of.values()):
        pages, csv = out_dir / "<ปี>" / "clean.html", clean_dir / "<ปี>" / file("quarantine")
        lines += [f"  แถวที่กันไว้ตรวจ: เหตุผลและแถวที่ต้องแก้อยู่ใน {pages} และ {csv} (เปิดใน Excel ได้)",
                  f"  rows held back: why, and the row to fix, are in {pages} and {csv} (opens in Excel)"]
    if aside:
        lines.append("  ไฟล์ที่ไม่ได้อ่านและหมายเหตุ / files not read, and notes:")
        for year, a in aside:
            where = f"{year}/{a['file']}" if a["file"] else str(year)
            lines.append(f"    {where}: {a['th']}" + (f" / {a['en']}" if a["en"] else ""))

    if run.skipped:
        lines += ["", "ข้ามขั้น / skipped:"]
        lines += [f"  {name}: {why}" for name, why in run.skipped]
    failed = [s for s in run.steps if not s.ok]
    failed_pages = [p for p in getattr(run, "pages", []) if not p.ok]
    if failed_pages:
        lines += ["", "รายงานรายจังหวัดที่ไม่สำเร็จ / province pages that failed:"]
        lines += [f"  {p.province}: {p.error} (บันทึก / log: {p.log})" for p in failed_pages]
    if failed or index_error:
        lines += ["", "ไม่สำเร็จ / failed:"]
        for s in failed:
            where = f"ปี {s.year} / {s.year}" if s.year else "ทุกปี / all years"
            lines.append(f"  {where} {s.log.name}: {s.error}")
            lines.append(f"    บันทึก / log: {s.log} (และ / and {s.log.with_suffix('.log')})")
        if index_error:
            lines.append(f"  index.html: {index_error}")
    ran = sum(s.ok for s in run.steps)
    lines += ["", f"บันทึกการรัน / run logs: {out_dir / 'runs'}",
              f"{'เสร็จ' if not failed and not index_error else 'เสร็จบางส่วน'}: {ran} จาก {len(run.steps)} ขั้นสำเร็จ / "
              f"{'done' if not failed and not index_error else 'partly done'}: {ran} of {len(run.steps)} steps ran"
              + (f"; เปิด / open {index}" if index in shown else "")]
    return "\n".join(lines)
