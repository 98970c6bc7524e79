"""Forms as provinces really send them (issue 12), each with its truth: what must happen to
every row. Built in Excel's, LibreOffice's and old Excel's formats (``sample.write_grid``) and as
Google Sheets / Forms CSV exports.

A truth row is (source_file, sheet or None, source_row, outcome, detail): ``accept`` with the
values the row must carry (district_code or province_code and any fields), ``quarantine`` with
its reason code, ``aside`` with its not-data code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geothai

from analysis.sample.files import Grid, Pct, write_grid
from helpers.files import write_csv

SUB, PSUB, SCORES = "individual/submissions", "province/submissions", "individual/scores"
FORMATS = ("xlsx", "xls", "ods")

SIGNATURE = [["ลงชื่อ ....................................... ผู้รายงาน"], ["(นายสมชาย ใจดี)"],
             ["ตำแหน่ง ท้องถิ่นจังหวัดเชียงใหม่"], ["ท้องถิ่นจังหวัดเชียงใหม่"], ["โทร. 0 5311 2345"],
             ["วันที่ 19 กรกฎาคม 2564"]]


def dcode(province: str, district: str) -> str:
    """A district's DOPA code from geothai by its Thai names (independent of the cleaner)."""
    (p,) = [p for p in geothai.provinces() if p.name_th == province]
    (d,) = [d for d in geothai.districts(p.code) if d.name_th == district]
    return d.code


def pcode(province: str) -> str:
    (p,) = [p for p in geothai.provinces() if p.name_th == province]
    return p.code


def person(i: int) -> str:
    first = ["สมชาย", "วิไลวรรณ", "ประเสริฐ", "กาญจนา", "อนุชา", "สุภาพร", "ธนากร", "ปราณี", "วีระ", "มาลี"]
    last = ["ใจดี", "ศรีสุข", "แก้วมณี", "บุญมา", "ทองดี", "มีสุข", "พรหมมา", "ศรีวงศ์", "แสนทวี", "ปัญญาดี"]
    return f"{'นาย' if i % 2 == 0 else 'นาง'}{first[i % 10]} {last[(i * 3) % 10]}"


def _pad(rows: list[list], width: int, at: int = 0) -> list[list]:
    """Footer rows of one cell, written in column ``at`` of a table ``width`` wide."""
    return [[None] * at + r + [None] * (width - at - len(r)) for r in rows]


class Year:
    """A raw year folder being built, with the truth of every row written."""

    def __init__(self, root: Path):
        self.root = root
        self.truth: list[tuple] = []

    def expect(self, file, sheet, row, outcome, detail=None):
        self.truth.append((file, sheet, row, outcome, detail))


# ------------------------------------------------------------------------------- individual forms
def two_row_header(y: Year, fmt: str) -> None:
    """Excel / LibreOffice form with a merged title, a two-row header (merged group cell over
    sub-headers, other headers merged down), the province merged down its districts, a total
    row, a signature block, and last year's applicants on a hidden sheet."""
    rel = f"{SUB}/แบบ2_เชียงใหม่_สองแถว.{fmt}"
    head = [["แบบรายงานผลการดำเนินงาน ท้องถิ่นอำเภอดีเด่น ประจำปี พ.ศ. 2564"] + [None] * 8,
            ["ลำดับ", "จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียน", None,
             "จำนวนครั้ง\nการประชุม", "วันที่ส่ง"],
            [None, None, None, None, None, "ที่ได้รับ", "ที่แก้ไขแล้ว", None, None]]
    data = [[1, "เชียงใหม่", "สันทราย", person(0), 95, 10, 9, 12, dt.date(2021, 7, 19)],
            [2, None, "แม่ริม", person(1), Pct(0.88), 4, 4, "จำนวน 11 ครั้ง", dt.date(2021, 7, 19)],
            [3, None, "อ.ฝาง", person(2), "ร้อยละ ๙๒", "๓ เรื่อง", 2, 9, dt.date(2021, 7, 20)]]
    total = [["รวม", None, None, None, None, 17, 15, 32, None]]
    rows = head + data + total + [[None] * 9] + _pad(SIGNATURE, 9, 3)
    merges = [(0, 0, 0, 8), (1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 2, 4),
              (1, 5, 1, 6), (1, 7, 2, 7), (1, 8, 2, 8), (3, 1, 5, 1)]
    stale = [["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ",
              "เรื่องร้องเรียนที่แก้ไขแล้ว"],
             ["เชียงใหม่", "สารภี", person(7), 80, 3, 3], ["เชียงใหม่", "หางดง", person(8), 85, 2, 1]]
    write_grid(y.root / rel, [Grid("ข้อมูล", rows, merges), Grid("ปี 2563", stale, hidden=True)])
    for r, (d, rate, rec, res, meet) in zip((4, 5, 6), [(dcode("เชียงใหม่", "สันทราย"), 95, 10, 9, 12), (dcode("เชียงใหม่", "แม่ริม"), 88, 4, 4, 11),
                                                        (dcode("เชียงใหม่", "ฝาง"), 92, 3, 2, 9)]):
        y.expect(rel, "ข้อมูล", r, "accept", {"district_code": d, "report_rate": rate, "complaints_received": rec,
                                              "complaints_resolved": res, "meetings": meet})
    y.expect(rel, "ข้อมูล", 7, "aside", "total_row")
    for r in range(9, 15):
        y.expect(rel, "ข้อมูล", r, "aside", "signature_block")
    for r in (2, 3):
        y.expect(rel, "ปี 2563", r, "aside", "hidden_sheet")


def sheets_export_csv(y: Year) -> None:
    """The same form saved as CSV (Google Sheets / Excel): merges are lost, so the group label
    stands once over its sub-headers and the province only on its first row."""
    rel = f"{SUB}/แบบ2_ลำปาง_csv.csv"
    rows = [["แบบรายงานผลการดำเนินงาน ท้องถิ่นอำเภอดีเด่น ประจำปี พ.ศ. 2564", "", "", "", "", "", ""],
            ["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียน", "", "วันที่ส่ง"],
            ["", "", "", "", "ที่ได้รับ", "ที่แก้ไขแล้ว", ""],
            ["ลำปาง", "เกาะคา", person(3), "96", "5", "5", "19/7/2564"],
            ["", "งาว", person(4), "90", "2", "1", "19/7/2564"],  # the province was a merged cell
            ["ลำปาง", "แจ้ห่ม", person(5), "91", "0", "0", "20/7/2564"],
            ["รวม", "", "", "", "7", "6", ""],
            ["หมายเหตุ: ข้อมูล ณ วันที่ 30 มิถุนายน 2564", "", "", "", "", "", ""],
            ["", "", "ลงชื่อ", "..............................", "ผู้รายงาน", "", ""],
            ["", "", "(นางสาวสุภาพร มีสุข)", "", "", "", ""]]
    write_csv(y.root / rel, rows)
    y.expect(rel, None, 4, "accept", {"district_code": dcode("ลำปาง", "เกาะคา"), "complaints_received": 5, "complaints_resolved": 5})
    y.expect(rel, None, 5, "quarantine", "missing_value")
    y.expect(rel, None, 6, "accept", {"district_code": dcode("ลำปาง", "แจ้ห่ม"), "complaints_received": 0})
    y.expect(rel, None, 7, "aside", "total_row")
    y.expect(rel, None, 8, "aside", "note_row")
    y.expect(rel, None, 9, "aside", "signature_block")
    y.expect(rel, None, 10, "aside", "signature_block")


def google_forms_csv(y: Year) -> None:
    """A Google Forms export: questions as headers, the respondent's e-mail and name, a question
    that mentions อำเภอ, a derived percentage, Thai-locale timestamps."""
    rel = f"{SUB}/ท้องถิ่นอำเภอดีเด่น (การตอบกลับ) - การตอบแบบฟอร์ม 1.csv"
    header = ["ประทับเวลา", "ที่อยู่อีเมล", "1. จังหวัด *", "2. อำเภอ *", "3. ชื่อ-นามสกุล ท้องถิ่นอำเภอ *",
              "4. ตำแหน่ง", "5. ท่านปฏิบัติหน้าที่ท้องถิ่นอำเภอในอำเภอนี้มาแล้วกี่ปี",
              "6. ร้อยละของการรายงานข้อมูลผ่านเว็บไซต์ศูนย์ฯ ที่ตรงเวลา (ต.ค. 2563 - ก.ย. 2564)",
              "7. จำนวนเรื่องร้องเรียนที่ได้รับ (เรื่อง)", "8. จำนวนเรื่องร้องเรียนที่แก้ไขแล้ว (เรื่อง)",
              "ร้อยละการแก้ไขเรื่องร้องเรียน", "ชื่อ-สกุล ผู้กรอกข้อมูล", "เบอร์โทรศัพท์ผู้กรอก",
              "9. ร้อยละของ อปท. ในอำเภอที่ส่งรายงานครบถ้วน"]
    rows = [header,
            ["19/7/2564, 10:15:23", "a@dla.go.th", "น่าน", "เวียงสา", person(0), "ท้องถิ่นอำเภอ", "3", "97",
             "6", "6", "100", "นางสาวปวีณา ใจดี", "0812345678", "80"],
            ["20/7/2564, 9:01:00", "b@dla.go.th", "จ.น่าน", "อ.ปัว", person(1), "ท้องถิ่นอำเภอ", "12", "93",
             "8", "7", "87.5", "นายธีระ ศรีสุข", "0898765432", "100"],
            ["20/7/2564, 14:30:10", "c@dla.go.th", "น่าน", "ท่าวังผา", person(2), "ท้องถิ่นอำเภอ", "1", "ร้อยละ 88",
             "0", "0", "", "นายธีระ ศรีสุข", "0898765432", "ร้อยละ 75"]]
    write_csv(y.root / rel, rows, encoding="utf-8")
    for r, d, rate in ((2, dcode("น่าน", "เวียงสา"), 97), (3, dcode("น่าน", "ปัว"), 93), (4, dcode("น่าน", "ท่าวังผา"), 88)):
        y.expect(rel, None, r, "accept", {"district_code": d, "report_rate": rate})


def hidden_column_and_rows(y: Year, fmt: str) -> None:
    """Last year's workbook reused: last year's rate in a hidden column, last year's applicants
    in hidden rows."""
    rel = f"{SUB}/แบบ2_พะเยา_ซ่อน.{fmt}"
    rows = [["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "ร้อยละการรายงานตรงเวลา",
             "เรื่องร้องเรียนที่ได้รับ", "เรื่องร้องเรียนที่แก้ไขแล้ว"],
            ["พะเยา", "เชียงคำ", person(5), 70, 94, 3, 3],
            ["พะเยา", "ดอกคำใต้", person(6), 75, 99, 1, 1],  # hidden: last year's applicant
            ["พะเยา", "กิ่ง อ.ภูกามยาว", person(7), 60, 91, 2, 2],
            ["พะเยา", "อ.เมือง จ.พะเยา", person(8), 65, 90, 4, 2]]
    write_grid(y.root / rel, [Grid("Sheet1", rows, hidden_rows={2}, hidden_cols={3})])
    y.expect(rel, "Sheet1", 2, "accept", {"district_code": dcode("พะเยา", "เชียงคำ"), "report_rate": 94})
    y.expect(rel, "Sheet1", 3, "aside", "hidden_row")
    y.expect(rel, "Sheet1", 4, "accept", {"district_code": dcode("พะเยา", "ภูกามยาว"), "report_rate": 91})
    y.expect(rel, "Sheet1", 5, "accept", {"district_code": dcode("พะเยา", "เมืองพะเยา"), "report_rate": 90})


def place_cross_check(y: Year) -> None:
    """A province written in the district cell, agreeing or not with the province column."""
    rel = f"{SUB}/แบบ2_เชียงราย.xlsx"
    rows = [["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ",
             "เรื่องร้องเรียนที่แก้ไขแล้ว"],
            ["เชียงราย", "อ.เมือง จ.พะเยา", person(1), 90, 1, 1],
            ["เชียงราย", "อ.เวียงชัย (จ.เชียงราย)", person(2), 91, 1, 1],
            ["เชียงราย", "แม่จัน, เชียงราย", person(3), 92, 1, 1],
            ["เชียงราย", "เชียงของ เชียงราย", person(4), 93, 1, 1],
            ["เชียงราย", "อำเภอเทิง จังหวัดลำปาง", person(5), 94, 1, 1],
            ["เชียงราย", "พาน (จ.เชียงใหม่)", person(6), 95, 1, 1]]
    write_grid(y.root / rel, [Grid("Sheet1", rows)])
    y.expect(rel, "Sheet1", 2, "quarantine", "place_mismatch")
    y.expect(rel, "Sheet1", 3, "accept", {"district_code": dcode("เชียงราย", "เวียงชัย")})
    y.expect(rel, "Sheet1", 4, "accept", {"district_code": dcode("เชียงราย", "แม่จัน")})
    y.expect(rel, "Sheet1", 5, "accept", {"district_code": dcode("เชียงราย", "เชียงของ")})
    y.expect(rel, "Sheet1", 6, "quarantine", "place_mismatch")
    y.expect(rel, "Sheet1", 7, "quarantine", "place_mismatch")


def template_with_districts(y: Year, fmt: str) -> None:
    """A province's template listing every district, numbered and with the position pre-filled;
    only the districts with an applicant are filled in. A numbering row sits under the header,
    and the header is repeated after a page break."""
    rel = f"{SUB}/แบบ2_แพร่_แม่แบบ.{fmt}"
    header = ["ที่", "จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ตำแหน่ง", "จำนวน อปท. (แห่ง)",
              "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ", "เรื่องร้องเรียนที่แก้ไขแล้ว", "วันที่ส่ง"]
    numbers = [f"({i})" for i in range(1, 11)]
    districts = ["เมืองแพร่", "ร้องกวาง", "ลอง", "สูงเม่น", "เด่นชัย", "สอง", "วังชิ้น", "หนองม่วงไข่"]
    rows = [header, numbers]
    for i, d in enumerate(districts, start=1):
        if d in ("ร้องกวาง", "สูงเม่น"):
            rows.append([i, "แพร่", d, person(i), "ท้องถิ่นอำเภอ", "23 แห่ง/ปี", 90 + i, 2, 2, "19/7/64"])
        else:
            rows.append([i, "แพร่", d, None, "ท้องถิ่นอำเภอ", None, None, None, None, None])
        if i == 4:
            rows.append(header)
    write_grid(y.root / rel, [Grid("แบบ 2", rows)])
    r = 3
    for i, d in enumerate(districts, start=1):
        if d == "ร้องกวาง":
            y.expect(rel, "แบบ 2", r, "accept", {"district_code": dcode("แพร่", d), "lao_count": 23, "report_rate": 92})
        elif d == "สูงเม่น":
            y.expect(rel, "แบบ 2", r, "accept", {"district_code": dcode("แพร่", d), "report_rate": 94})
        else:
            y.expect(rel, "แบบ 2", r, "aside", "template_unfilled")
        r += 1
        if i == 4:
            y.expect(rel, "แบบ 2", r, "aside", "repeated_header")
            r += 1


def unit_row_and_notes(y: Year) -> None:
    """A row of units under the header, notes and a certification under the table, a two-digit
    B.E. year typed into Excel date cells (stored as 19xx), and an Excel serial typed as text."""
    rel = f"{SUB}/แบบ2_น่าน_หน่วย.xlsx"
    rows = [["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "วันที่เริ่มปฏิบัติหน้าที่", "จำนวนครั้งการประชุมประสานงาน",
             "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ", "เรื่องร้องเรียนที่แก้ไขแล้ว"],
            [None, None, None, "(วว/ดด/ปป)", "(ครั้ง)", "(ร้อยละ)", "(เรื่อง)", "(เรื่อง)"],
            ["น่าน", "แม่จริม", person(3), dt.date(1955, 9, 14), "๑๒ ครั้ง", 91, 2, 2],
            ["น่าน", "บ้านหลวง", person(4), dt.date(1962, 5, 1), 14, 89, 1, 0],
            ["น่าน", "นาน้อย", person(5), "41061", 10, 95, 0, 0],
            ["* ร้อยละการรายงานตรงเวลา นับจากระบบศูนย์ประสานงานท้องถิ่นอำเภอ"],
            ["ขอรับรองว่าข้อมูลข้างต้นถูกต้องตามความเป็นจริง"]]
    write_grid(y.root / rel, [Grid("ข้อมูล", rows)])
    y.expect(rel, "ข้อมูล", 3, "accept", {"district_code": dcode("น่าน", "แม่จริม"), "started_on": dt.date(2012, 9, 14), "meetings": 12})
    y.expect(rel, "ข้อมูล", 4, "accept", {"district_code": dcode("น่าน", "บ้านหลวง"), "started_on": dt.date(2019, 5, 1)})
    y.expect(rel, "ข้อมูล", 5, "accept", {"district_code": dcode("น่าน", "นาน้อย"), "started_on": dt.date(2012, 6, 1)})
    y.expect(rel, "ข้อมูล", 6, "aside", "note_row")
    y.expect(rel, "ข้อมูล", 7, "aside", "note_row")


def lone_19xx_date(y: Year) -> None:
    """One date cell dated 19xx in a column whose other dates are A.D.: no one can tell."""
    rel = f"{SUB}/แบบ2_อุตรดิตถ์.xlsx"
    rows = [["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ",
             "เรื่องร้องเรียนที่แก้ไขแล้ว", "วันที่ส่ง"],
            ["อุตรดิตถ์", "ตรอน", person(1), 90, 1, 1, dt.date(1964, 7, 19)],
            ["อุตรดิตถ์", "ท่าปลา", person(2), 90, 1, 1, dt.date(2021, 7, 19)]]
    write_grid(y.root / rel, [Grid("Sheet1", rows)])
    y.expect(rel, "Sheet1", 2, "quarantine", "bad_value")
    y.expect(rel, "Sheet1", 3, "accept", {"district_code": dcode("อุตรดิตถ์", "ท่าปลา")})


def three_row_header(y: Year, fmt: str) -> None:
    """A three-row header: a group over groups over sub-headers."""
    rel = f"{SUB}/แบบ2_สุโขทัย_สามแถว.{fmt}"
    rows = [["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ผลการดำเนินงาน", None, None, None],
            [None, None, None, "การรายงานข้อมูล", "เรื่องร้องเรียน", None, "การประชุม"],
            [None, None, None, "ร้อยละที่ตรงเวลา", "ที่ได้รับ", "ที่แก้ไขแล้ว", "จำนวนครั้ง"],
            ["สุโขทัย", "คีรีมาศ", person(1), 93, 4, 3, 15],
            ["สุโขทัย", "กงไกรลาศ", person(2), 88, 2, 2, 11]]
    merges = [(0, 0, 2, 0), (0, 1, 2, 1), (0, 2, 2, 2), (0, 3, 0, 6), (1, 4, 1, 5)]
    write_grid(y.root / rel, [Grid("Sheet1", rows, merges)])
    y.expect(rel, "Sheet1", 4, "accept", {"district_code": dcode("สุโขทัย", "คีรีมาศ"), "report_rate": 93, "complaints_received": 4,
                                           "complaints_resolved": 3, "meetings": 15})
    y.expect(rel, "Sheet1", 5, "accept", {"district_code": dcode("สุโขทัย", "กงไกรลาศ"), "report_rate": 88})


def look_alikes(y: Year) -> None:
    """Rows that look like what is set aside but are applicants, or could be: they are accepted
    or held, never set aside. A second table pasted under the first keeps its rows."""
    rel = f"{SUB}/แบบ2_ลำพูน_สองตาราง.xlsx"
    header = ["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ",
              "เรื่องร้องเรียนที่แก้ไขแล้ว", "ชื่อผลงานดีเด่น", "หมายเหตุ"]
    rows = [header,
            ["ลำพูน", "ป่าซาง", person(1), 90, 2, 2, "รวมพลังชุมชนสร้างสุข", "หมายเหตุ: ส่งเพิ่มเติม"],
            ["ลำพูน", "บ้านโฮ่ง", "(นายวีระ ปัญญาดี)", 91, 1, 1, "ลงชื่อเข้าใช้ระบบออนไลน์", None],
            ["ลำพูน", None, person(2), 92, 1, 1, None, None],  # no district: held
            [None, None, person(3), None, None, None, None, None],  # a name alone: held
            ["ลำพูน", "ลี้", person(4), "-", 1, 1, None, None],  # "-" for the rate: held
            [None] * 8,
            ["ตารางที่ 2 ผู้สมัครเพิ่มเติม"],
            header,
            ["ลำพูน", "แม่ทา", person(5), 93, 0, 0, None, None]]
    write_grid(y.root / rel, [Grid("Sheet1", rows)])
    y.expect(rel, "Sheet1", 2, "accept", {"district_code": dcode("ลำพูน", "ป่าซาง"), "work_title": "รวมพลังชุมชนสร้างสุข"})
    y.expect(rel, "Sheet1", 3, "accept", {"district_code": dcode("ลำพูน", "บ้านโฮ่ง")})
    y.expect(rel, "Sheet1", 4, "quarantine", "missing_value")
    y.expect(rel, "Sheet1", 5, "quarantine", "missing_value")
    y.expect(rel, "Sheet1", 6, "quarantine", "bad_value")
    y.expect(rel, "Sheet1", 8, "quarantine", "missing_value")  # a caption: could be anything, so held
    y.expect(rel, "Sheet1", 9, "aside", "repeated_header")
    y.expect(rel, "Sheet1", 10, "accept", {"district_code": dcode("ลำพูน", "แม่ทา")})


def filtered_and_english(y: Year) -> None:
    """English headers, a filter that hides two rows (held: a filter hides rows from view, not
    from the form), and the officer's name under the header "ท้องถิ่นอำเภอ"."""
    import xlsxwriter

    rel = f"{SUB}/form2_lamphun_filter.xlsx"
    path = y.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["Province", "District", "ท้องถิ่นอำเภอ", "Report rate (%)", "Complaints received",
                        "Complaints resolved"])
    data = [["Lamphun", "Mueang Lamphun", person(6), 90, 3, 3], ["Lamphun", "Mae Tha", person(7), 80, 1, 1],
            ["Lamphun", "Ban Thi", person(8), 85, 2, 1], ["Lamphun", "Thung Hua Chang", person(9), 99, 0, 0]]
    for r, row in enumerate(data, start=1):
        ws.write_row(r, 0, row)
    ws.autofilter(0, 0, len(data), 5)
    ws.filter_column(3, "x >= 88")
    for r in (2, 3):
        ws.set_row(r, None, None, {"hidden": True})
    wb.close()
    y.expect(rel, "Data", 2, "accept", {"district_code": dcode("ลำพูน", "เมืองลำพูน"), "name": person(6)})
    y.expect(rel, "Data", 3, "quarantine", "filtered_row")
    y.expect(rel, "Data", 4, "quarantine", "filtered_row")
    y.expect(rel, "Data", 5, "accept", {"district_code": dcode("ลำพูน", "ทุ่งหัวช้าง")})


def province_in_title(y: Year, fmt: str) -> None:
    """A province's own form: the province only in the title, the name in three columns
    (คำนำหน้า | ชื่อ | นามสกุล), a district of another province caught by the cross-check."""
    rel = f"{SUB}/แบบ2_ตาก_ไม่มีคอลัมน์จังหวัด.{fmt}"
    rows = [["แบบรายงานผลการดำเนินงานท้องถิ่นอำเภอดีเด่น จังหวัดตาก ประจำปี พ.ศ. ๒๕๖๔"] + [None] * 7,
            ["ลำดับ", "อำเภอ", "คำนำหน้า", "ชื่อ", "นามสกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ",
             "เรื่องร้องเรียนที่แก้ไขแล้ว"],
            [1, "แม่สอด", "นาย", "สมชาย", "ใจดี", 96, 5, 5],
            [2, "อ.พบพระ", "นางสาว", "สุภาพร", "มีสุข", 90, 2, 1],
            [3, "อ.เมือง จ.พะเยา", "นาย", "วีระ", "แสนทวี", 91, 0, 0]]
    write_grid(y.root / rel, [Grid("Sheet1", rows, [(0, 0, 0, 7)])])
    y.expect(rel, "Sheet1", 3, "accept", {"district_code": dcode("ตาก", "แม่สอด"), "name": "นายสมชาย ใจดี",
                                          "place_match": "title"})
    y.expect(rel, "Sheet1", 4, "accept", {"district_code": dcode("ตาก", "พบพระ"), "name": "นางสาวสุภาพร มีสุข"})
    y.expect(rel, "Sheet1", 5, "quarantine", "place_mismatch")


def budget_in_millions(y: Year) -> None:
    """Form 4 with its amounts in millions of baht, as the header says."""
    rel = f"{PSUB}/แบบ4_สงขลา.xlsx"
    rows = [["จังหวัด", "ชื่อโครงการ", "งบประมาณ (ล้านบาท)", "จำนวนผู้ได้รับประโยชน์ (คน)"],
            ["สงขลา", "ท่องเที่ยววิถีชุมชน จังหวัดสงขลา", 2.5, 1200],
            ["พัทลุง", "ป่าชุมชนสร้างรายได้ จังหวัดพัทลุง", "1.25 ล้านบาท", 800]]
    write_grid(y.root / rel, [Grid("Sheet1", rows)])
    y.expect(rel, "Sheet1", 2, "accept", {"province_code": pcode("สงขลา"), "budget": 2_500_000})
    y.expect(rel, "Sheet1", 3, "accept", {"province_code": pcode("พัทลุง"), "budget": 1_250_000})


# ------------------------------------------------------------------------------- province forms
def project_form(y: Year, fmt: str) -> None:
    """Form 4 in LibreOffice with "ระยะเวลาดำเนินการ" over "เริ่มต้น | สิ้นสุด", amounts in the
    official style, and a signature block."""
    rel = f"{PSUB}/แบบ4_1จังหวัด1พัฒนา.{fmt}"
    rows = [["แบบรายงานโครงการ 1 จังหวัด 1 พัฒนา ประจำปี พ.ศ. 2564", None, None, None, None, None, None],
            ["จังหวัด", "ชื่อโครงการ", "งบประมาณ (บาท)", "จำนวน อปท. ที่เข้าร่วม", "จำนวนผู้ได้รับประโยชน์",
             "ระยะเวลาดำเนินการ", None],
            [None, None, None, None, None, "เริ่มต้น", "สิ้นสุด"],
            ["ตาก", "ธนาคารน้ำใต้ดิน จังหวัดตาก", "2,823,000.-", 12, "1,250 คน", "1 ต.ค. 2563", "30 มิ.ย. 2564"],
            ["กำแพงเพชร", "ขยะเป็นศูนย์ จังหวัดกำแพงเพชร", "๓,๑๙๗,๕๐๐.-บาท", "๒๐ แห่ง", 3000,
             dt.date(2020, 11, 1), dt.date(2021, 5, 31)],
            ["รวม", None, "6,020,500", 32, 4250, None, None],
            [None, "ลงชื่อ ................................. ผู้รับรองข้อมูล", None, None, None, None, None],
            [None, "( นายประเสริฐ แก้วมณี )", None, None, None, None, None],
            [None, "ท้องถิ่นจังหวัดตาก", None, None, None, None, None]]
    merges = [(0, 0, 0, 6)] + [(1, c, 2, c) for c in range(5)] + [(1, 5, 1, 6)]
    write_grid(y.root / rel, [Grid("แบบ 4", rows, merges)])
    y.expect(rel, "แบบ 4", 4, "accept", {"province_code": pcode("ตาก"), "budget": 2823000, "beneficiaries": 1250,
                                         "started_on": dt.date(2020, 10, 1), "ended_on": dt.date(2021, 6, 30)})
    y.expect(rel, "แบบ 4", 5, "accept", {"province_code": pcode("กำแพงเพชร"), "budget": 3197500, "lao_participants": 20,
                                         "ended_on": dt.date(2021, 5, 31)})
    y.expect(rel, "แบบ 4", 6, "aside", "total_row")
    for r in (7, 8, 9):
        y.expect(rel, "แบบ 4", r, "aside", "signature_block")


# ------------------------------------------------------------------------------- score sheets
def score_sheet(y: Year) -> None:
    """A province committee's sheet with an average row and the judges' signatures, and last
    year's sheet hidden."""
    rel = f"{SCORES}/คะแนนรอบจังหวัด_เชียงใหม่.xlsx"
    rows = [["แบบบันทึกคะแนน รอบจังหวัด"], ["กรรมการ", "รอบ", "จังหวัด", "อำเภอ", "A3", "B1", "C1"],
            ["นายกรรมการ หนึ่ง", "จังหวัด", "เชียงใหม่", "สันทราย", 20, 25, 15],
            ["นายกรรมการ หนึ่ง", "จังหวัด", "เชียงใหม่", "แม่ริม", 18, 22, 14],
            [None, None, None, "คะแนนเฉลี่ย", 19, 23.5, 14.5],
            [None, "ลงชื่อ ........................ กรรมการ"], [None, "(นายกรรมการ หนึ่ง)"]]
    old = [["กรรมการ", "รอบ", "จังหวัด", "อำเภอ", "A3", "B1", "C1"],
           ["นายกรรมการ เก่า", "จังหวัด", "เชียงใหม่", "สันทราย", 10, 10, 10]]
    write_grid(y.root / rel, [Grid("คะแนน", rows), Grid("ปีก่อน", old, hidden=True)])
    y.expect(rel, "คะแนน", 3, "score", None)
    y.expect(rel, "คะแนน", 4, "score", None)
    y.expect(rel, "คะแนน", 5, "aside", "total_row")
    y.expect(rel, "คะแนน", 6, "aside", "signature_block")
    y.expect(rel, "คะแนน", 7, "aside", "signature_block")
    y.expect(rel, "ปีก่อน", 2, "aside", "hidden_sheet")


def build(root: Path, fmt: str) -> Year:
    """The layouts above in one raw year (``root`` is ``<raw>/2564``), the workbooks in ``fmt``;
    with xlsx also the CSV exports and the layouts written in one format only."""
    y = Year(root)
    two_row_header(y, fmt)
    hidden_column_and_rows(y, fmt)
    template_with_districts(y, fmt)
    three_row_header(y, fmt)
    project_form(y, fmt)
    score_sheet(y)
    if fmt == "xlsx":
        sheets_export_csv(y)
        google_forms_csv(y)
        place_cross_check(y)
        unit_row_and_notes(y)
        lone_19xx_date(y)
        look_alikes(y)
        filtered_and_english(y)
        budget_in_millions(y)
    province_in_title(y, fmt)
    return y
