"""The year's results workbook for officials: the awards, what to review, every leaderboard, the
criteria and the words, each sheet titled with its category and B.E. year, ready to sort, filter
and print (``render.xlsx``). Written beside its place and swapped in (``store.write_bytes``), so a
workbook open in Excel is named and left as it was, never half-replaced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from analysis.catalog import YearFolder
from analysis import store
from analysis.render.dates import report_date
from analysis.render.xlsx import Sheet, workbook_bytes
from analysis.report.glossary import GLOSSARY
from analysis.score import awards_th, criteria_th, criterion_maxima, leaderboard_th, review_th
from analysis.score.settle_tables import contested_members_th, packet_rows, rescore_th

TITLE = "ผลการคัดเลือกท้องถิ่นอำเภอดีเด่น และ 1 จังหวัด 1 พัฒนา"


def write_workbook(path: Path, sheets, *, created: dt.datetime | None = None) -> Path:
    """Write ``sheets`` (``render.xlsx.Sheet``s, or name -> frame) to ``path``, beside then swapped in."""
    if isinstance(sheets, dict):
        sheets = [Sheet(name, frame, name) for name, frame in sheets.items()]
    return store.write_bytes(Path(path), workbook_bytes(list(sheets), created=created))


def results_sheets(results: pd.DataFrame, rubric, year: int, public: bool, notes: tuple[str, ...],
                   extra: dict | None = None) -> list[Sheet]:
    """``extra``: the score step's ``contested`` table and the clean step's ``scores`` (when the
    year has them): the contested sets, the order to re-score in and the review packet's marks.
    A rank interval is two whole-number columns, from and to (``score.tables.INTERVAL_FROM_TH``),
    never the pages' text "1–2", which a spreadsheet would sort as text and flag."""
    names = not public
    numbers = {"interval_as_numbers": True}
    ind, prov = criterion_maxima(rubric, "individual"), criterion_maxima(rubric, "province")
    where = f"ปี พ.ศ. {year}"
    sheets = [
        Sheet("รางวัล", awards_th(results, names=names, **numbers),
              f"{TITLE} {where}: ผู้ได้รับรางวัล (รอบประเทศ)", notes),
        Sheet("ควรทบทวน", review_th(results, names=names),
              f"{TITLE} {where}: สิ่งที่คณะกรรมการควรทบทวนก่อนประกาศ", notes,
              empty="ไม่มี: ทุกรางวัลได้ผลเดิมอย่างน้อย 90 ใน 100 ครั้งเมื่อเปลี่ยนชุดกรรมการ"),
        *(_settle_sheets(results, extra, names, where, notes) if extra else []),
        Sheet("บุคคล รอบประเทศ", leaderboard_th(results, "individual", "national", names=names, maxima=ind, **numbers),
              f"{TITLE} {where}: ประเภทบุคคล (ท้องถิ่นอำเภอดีเด่น) รอบประเทศ", notes),
        Sheet("บุคคล รอบจังหวัด", leaderboard_th(results, "individual", "province", names=names, maxima=ind, **numbers),
              f"{TITLE} {where}: ประเภทบุคคล รอบจังหวัด (อันดับ 1 ของจังหวัดได้รับการเสนอชื่อ)", notes),
        Sheet("1 จังหวัด 1 พัฒนา", leaderboard_th(results, "province", "national", maxima=prov, **numbers),
              f"{TITLE} {where}: ประเภทจังหวัด (1 จังหวัด 1 พัฒนา) รอบประเทศ", notes),
        Sheet("เกณฑ์", criteria_th(rubric), f"เกณฑ์การประเมิน {where}: รหัส ชื่อ คะแนนเต็ม และวิธีให้คะแนน",
              notes + (f"จากไฟล์เกณฑ์ {Path(rubric.path).name}",)),
        Sheet("คำอธิบายศัพท์", pd.DataFrame(list(GLOSSARY), columns=["คำ", "ความหมาย"]),
              f"คำอธิบายศัพท์ในผลการประเมิน {where}", ()),
    ]
    for sheet in sheets:  # the printed pages' footer: short, so it never runs into the page number
        sheet.footer = f"ผลการประเมิน {where} · {sheet.name}"
    return sheets


def _settle_sheets(results, extra, names, where, notes) -> list[Sheet]:
    contested, scores = extra["contested"], extra["scores"]
    none = "ไม่มี: ทุกรางวัลได้ผลเดิมอย่างน้อย 90 ใน 100 ครั้งเมื่อเปลี่ยนชุดกรรมการ"
    return [Sheet("ยังแยกไม่ได้", contested_members_th(contested, results, names=names),
                  f"{TITLE} {where}: รางวัลที่ข้อมูลยังแยกไม่ได้ และผู้ที่ลุ้น", notes, empty=none),
            Sheet("ให้คะแนนเพิ่มก่อน", rescore_th(contested, results, names=names),
                  f"{TITLE} {where}: ผู้ที่ควรให้กรรมการเพิ่มให้คะแนนก่อน", notes, empty=none),
            Sheet("ชุดเอกสารทบทวน", packet_rows(contested, results, scores, names=names),
                  f"{TITLE} {where}: คะแนนของกรรมการแต่ละคน ผู้ที่ลุ้นแต่ละชุด", notes, empty=none)]


def results_workbook(clean_dir: Path, year: int, target: Path, public: bool, rubric, notes=(),
                     created: dt.date | None = None) -> Path:
    """The year's results for officials (``results_sheets``), written to ``target``; ``created`` (the
    report's date) goes into the file's properties."""
    folder = YearFolder(clean_dir, year)
    r = folder.read("results", rubric=rubric.path)
    extra = None
    if folder.has("contested") and folder.has("scores"):
        extra = {"contested": folder.read("contested"), "scores": folder.read("scores")}
    created = dt.datetime.combine(created or report_date([rubric.path]), dt.time())
    return write_workbook(target, results_sheets(r, rubric, year, public, tuple(notes), extra), created=created)
