"""What a run did, told to the person who ran it: rows accepted, held back and set aside per year,
the reports written, and any step that was skipped or failed, and why.

The clean step records its counts in its manifest (``clean.facts``), so the end of a batch run
can tell them without reading the data again, from the same record the next step checks.
"""

from __future__ import annotations

from pathlib import Path

from analysis import store
from analysis.catalog import INDEX, PAGES, ReportFolder, file
from analysis.errors import AnalysisError

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
    index = ReportFolder(out_dir).index
    if index in shown:
        lines.append(f"รายงาน / reports: {index}   <- เริ่มที่นี่ / start here")
    for year in years:
        mine = [p for p in written if p.parent == out_dir / str(year)]
        if mine:
            lines.append(f"  ปี {year}: " + ", ".join(str(p) for p in sorted(mine)))
    if ReportFolder(out_dir).compare in shown:
        lines.append(f"  ทุกปี / all years: {ReportFolder(out_dir).compare}")
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
        pages, csv = out_dir / "<ปี>" / PAGES["clean"], clean_dir / "<ปี>" / file("quarantine")
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
            lines.append(f"  {INDEX}: {index_error}")
    ran = sum(s.ok for s in run.steps)
    lines += ["", f"บันทึกการรัน / run logs: {out_dir / 'runs'}",
              f"{'เสร็จ' if not failed and not index_error else 'เสร็จบางส่วน'}: {ran} จาก {len(run.steps)} ขั้นสำเร็จ / "
              f"{'done' if not failed and not index_error else 'partly done'}: {ran} of {len(run.steps)} steps ran"
              + (f"; เปิด / open {index}" if index in shown else "")]
    return "\n".join(lines)
