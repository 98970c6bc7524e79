"""Fixture writers: small raw files built in each test, laid out as the brief documents, and the
paths of the checkout every test reads from (the criteria, the sample's years)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "data" / "criteria"

FORM_HEADER = ["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ตำแหน่ง", "วันที่เริ่มปฏิบัติหน้าที่", "จำนวน อปท.",
               "จำนวนครั้งการประชุมประสานงาน", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ",
               "เรื่องร้องเรียนที่แก้ไขแล้ว", "ชื่อผลงานดีเด่น", "วันที่ส่ง"]
PROJECT_HEADER = ["จังหวัด", "ชื่อโครงการ", "งบประมาณ (บาท)", "จำนวน อปท. ที่เข้าร่วม",
                  "จำนวนผู้ได้รับประโยชน์", "วันที่เริ่ม", "วันที่สิ้นสุด", "วันที่ส่ง"]


def form_row(province="เชียงใหม่", district="สันทราย", name="นายสมชาย ใจดี", rate=95,
             received=10, resolved=9, submitted="19 ก.ค. 2564", **kw):
    row = {"จังหวัด": province, "อำเภอ": district, "ชื่อ-สกุล": name, "ตำแหน่ง": "ท้องถิ่นอำเภอ",
           "วันที่เริ่มปฏิบัติหน้าที่": "1 ม.ค. 2560", "จำนวน อปท.": 12,
           "จำนวนครั้งการประชุมประสานงาน": 20, "ร้อยละการรายงานตรงเวลา": rate,
           "เรื่องร้องเรียนที่ได้รับ": received, "เรื่องร้องเรียนที่แก้ไขแล้ว": resolved,
           "ชื่อผลงานดีเด่น": "ผลงาน", "วันที่ส่ง": submitted}
    row.update(kw)
    return [row[h] for h in FORM_HEADER]


def write_xlsx(path: Path, sheets: dict[str, list[list]], formats: dict | None = None) -> Path:
    """sheets: name -> rows (first row is row 1). formats: (sheet, row, col) -> num_format."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})  # NaN becomes a #NUM! cell
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                fmt = (formats or {}).get((name, r, c))
                ws.write(r, c, value, wb.add_format({"num_format": fmt}) if fmt else None)
    wb.close()
    return path


def write_csv(path: Path, rows: list[list], encoding="utf-8-sig", delimiter=",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


SAMPLE_YEARS = (2564, 2565, 2566, 2567, 2568)
