"""Reading the files provinces send: xlsx, old xls and CSV in any Thai encoding.

This is the input edge of the clean step. It does no cleaning of values: it finds the table
(wherever its header is: under title rows, after an instructions sheet, with line breaks in
header cells, columns in any order), maps each header to a field, and keeps every cell as
it came with the row number the spreadsheet shows, so that any row can be traced back.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from charset_normalizer import from_bytes

from analysis.thai import clean_text

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
HEADER_SCAN_ROWS = 30  # a header lower than this is not a header any person would recognise

# Header spellings seen on forms, per field. Compared after header_key(): no spaces, line
# breaks or punctuation, lower case. Checked in order; the first field whose spelling is
# contained in the header wins, so specific spellings come before general ones.
FIELD_SPELLINGS: dict[str, list[str]] = {
    "complaints_resolved": ["เรื่องร้องเรียนที่แก้ไขแล้ว", "ร้องเรียนที่แก้ไข", "ร้องเรียนที่ดำเนินการแล้ว",
                            "ร้องเรียนที่ยุติ", "แก้ไขแล้ว", "complaintsresolved", "resolved"],
    "complaints_received": ["เรื่องร้องเรียนที่ได้รับ", "ร้องเรียนที่ได้รับ", "ร้องเรียนทั้งหมด",
                            "จำนวนเรื่องร้องเรียน", "เรื่องร้องเรียน", "complaintsreceived", "complaints"],
    "report_rate": ["ร้อยละการรายงาน", "การรายงานตรงเวลา", "รายงานตรงเวลา", "อัตราการรายงาน",
                    "reportrate", "ontimereporting"],
    "lao_participants": ["อปทที่เข้าร่วม", "อปทเข้าร่วม", "laoparticipants"],
    "lao_count": ["จำนวนอปท", "อปทในพื้นที่", "จำนวนองค์กรปกครองส่วนท้องถิ่น", "laocount"],
    "meetings": ["การประชุม", "ครั้งการประชุม", "ประชุมประสานงาน", "meetings"],
    "beneficiaries": ["ผู้ได้รับประโยชน์", "ผู้รับประโยชน์", "beneficiaries"],
    "budget": ["งบประมาณ", "budget"],
    "work_title": ["ชื่อผลงาน", "ผลงานดีเด่น", "worktitle"],
    "project_title": ["ชื่อโครงการ", "โครงการ", "projecttitle", "project"],
    "started_on": ["วันที่เริ่มปฏิบัติหน้าที่", "เริ่มปฏิบัติหน้าที่", "วันที่เริ่ม", "วันเริ่ม",
                   "startedon", "startdate"],
    "ended_on": ["วันที่สิ้นสุด", "วันสิ้นสุด", "วันที่แล้วเสร็จ", "endedon", "enddate"],
    "submitted_at": ["วันที่ส่ง", "วันส่ง", "ประทับเวลา", "timestamp", "submittedat", "submissiondate",
                     "datesubmitted", "submitted"],
    "position": ["ตำแหน่ง", "position"],
    "name": ["ชื่อท้องถิ่นอำเภอ", "ชื่อสกุล", "ชื่อนามสกุล", "ชื่อและนามสกุล", "ชื่อผู้สมัคร", "ผู้สมัคร", "fullname", "name"],
    "judge": ["กรรมการ", "ผู้ประเมิน", "ผู้ให้คะแนน", "judge"],
    "round": ["รอบ", "ระดับการประเมิน", "round"],
    "district": ["อำเภอ", "district", "amphoe"],
    "province": ["จังหวัด", "province", "changwat"],
    "row_number": ["ลำดับที่", "ลำดับ", "ที่", "no"],
}
# These short spellings must be the whole header, not a part of it ("ที่" is in many headers).
WHOLE_ONLY = {"ที่", "no", "name", "round", "project", "submitted", "resolved", "complaints", "ชื่อ"}
# When no spelling above fits, a header is read by the one word that gives it away (a form
# from another year words "ร้อยละของการรายงานข้อมูลผ่านเว็บไซต์ฯ ที่ตรงเวลา" differently).
# Checked only after every field's full spellings, in this order.
FIELD_WORDS: list[tuple[str, str]] = [
    ("ร้องเรียน", "complaints_received"), ("ร้อยละ", "report_rate"), ("ประชุม", "meetings"),
    ("ประโยชน์", "beneficiaries"), ("งบ", "budget"), ("ยื่น", "submitted_at"),
    ("สิ้นสุด", "ended_on"), ("แล้วเสร็จ", "ended_on"), ("เริ่ม", "started_on"),
    ("อปท", "lao_count"), ("กรรมการ", "judge"), ("ชื่อ", "name"),
]
# "A3", "a3", "A3 (25 คะแนน)", "A3. การกำกับดูแล", "เกณฑ์ A3": a capital letter and one or two
# digits standing alone (a lower-case key only at the start, so English words never match).
CRITERION_HEADER = re.compile(r"^\s*([A-Za-z]\d{1,2})(?![0-9A-Za-z])|(?<![0-9A-Za-z])([A-Z]\d{1,2})(?![0-9A-Za-z])")


def header_key(text) -> str:
    """A header cell reduced to letters and digits, for matching spellings."""
    text = clean_text(text) or ""
    return re.sub(r"[\s\.\-–_:;,/\\()\[\]{}*'\"#%]+", "", text).lower()


def field_of(header) -> str | None:
    """The field a header names, ``crit:<KEY>`` for a criterion column, or None."""
    k = header_key(header)
    if not k:
        return None
    m = CRITERION_HEADER.search(clean_text(header) or "")
    if m:
        return "crit:" + (m.group(1) or m.group(2)).upper()
    for name, spellings in FIELD_SPELLINGS.items():
        for s in spellings:
            if k == s or (s not in WHOLE_ONLY and s in k):
                return name
    return next((name for word, name in FIELD_WORDS if word in k), None)


@dataclass
class Table:
    """One table found in a file: mapped headers and the raw rows under them."""

    source_file: str  # relative to <raw-dir>/<year>, forward slashes
    sheet: str | None
    header_row: int  # as the spreadsheet shows it (1-based)
    headers: list[str]  # the header cells as written (cleaned of line breaks)
    fields: list[str | None]  # the field each column maps to
    rows: list[tuple[int, list]] = field(default_factory=list)  # (source_row, cells)


@dataclass
class FileProblem:
    source_file: str
    sheet: str | None
    reason_code: str
    th: str
    en: str
    rows: list[tuple[int, list]] = field(default_factory=list)  # rows that could not be placed


def _is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and clean_text(cell) is None) or (
        isinstance(cell, float) and cell != cell)


def find_tables(grid: list[list], source_file: str, sheet: str | None,
                first_row: int = 1, row_numbers: list[int] | None = None
                ) -> tuple[Table | None, FileProblem | None]:
    """Find the header in a grid of cells and cut the table under it.

    The header is the row, among the first rows, naming the most known fields (at least two,
    one of them the province). ``row_numbers`` gives each grid row's number as the file shows
    it (CSV records can span lines); by default rows are numbered from ``first_row``.
    """
    numbers = row_numbers or list(range(first_row, first_row + len(grid)))
    best, best_score = None, 1
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        fields = [field_of(c) for c in row]
        known = {f for f in fields if f and f != "row_number"}
        if "province" in known and len(known) > best_score:
            best, best_score = i, len(known)
    data_rows = [(numbers[i], row) for i, row in enumerate(grid) if not all(map(_is_blank, row))]
    if best is None:
        if not data_rows:
            return None, None
        return None, FileProblem(
            source_file, sheet, "no_header",
            "หาแถวหัวตารางไม่พบ (ต้องมีคอลัมน์ จังหวัด และคอลัมน์อื่นที่รู้จัก)",
            "no header row found (a header needs a จังหวัด column and another known column)",
            rows=data_rows)
    header = grid[best]
    width = max(len(r) for r in grid)
    headers = [clean_text(c) or "" for c in header] + [""] * (width - len(header))
    fields = [field_of(h) for h in headers]
    rows = [(numbers[i], list(row) + [None] * (width - len(row)))
            for i, row in enumerate(grid) if i > best and not all(map(_is_blank, row))]
    return Table(source_file, sheet, numbers[best], headers, fields, rows), None


def _fill_merged(grid: list[list], ranges) -> list[list]:
    """A cell merged down several rows (a province written once beside its districts) is one
    value for each of those rows, so it is repeated down. Merges across columns (titles) are
    left as they are, so a header is never copied into its neighbour."""
    for (r0, c0), (r1, _c1) in ranges or []:
        for r in range(r0 + 1, min(r1, len(grid) - 1) + 1):
            if c0 < len(grid[r]) and _is_blank(grid[r][c0]):
                grid[r][c0] = grid[r0][c0]
    return grid


def read_excel(path: Path, source_file: str) -> tuple[list[Table], list[FileProblem]]:
    """Every sheet of a workbook that holds a table; sheets of prose (instructions) are passed over."""
    book = python_calamine.load_workbook(path)
    tables, problems = [], []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        grid = _fill_merged(sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges)
        table, problem = find_tables(grid, source_file, name)
        if table:
            tables.append(table)
        elif problem:
            problems.append(problem)
    if tables:
        # A sheet without a header in a workbook that has a data sheet is an instructions or
        # notes sheet: report it for information, it holds no form rows.
        problems = [p for p in problems if p.reason_code != "no_header"]
    return tables, problems


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding of a CSV as Thai users save it: UTF-8 (with or without BOM), UTF-16
    from Excel's "Unicode text", or cp874/TIS-620 from Thai Excel."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp874", "tis_620", "iso8859_11", "utf_16"]).best()
    if best is None:
        raise UnicodeError("the text encoding could not be recognised")
    return str(best), best.encoding


def read_csv(path: Path, source_file: str) -> tuple[list[Table], list[FileProblem]]:
    """A CSV's table; row numbers are physical line numbers (a plain CSV's header is line 1)."""
    text, _ = decode(path.read_bytes())
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid, numbers, line = [], [], 1
    for record in reader:
        grid.append(record)
        numbers.append(line)
        line = reader.line_num + 1
    table, problem = find_tables(grid, source_file, None, row_numbers=numbers)
    return ([table] if table else []), ([problem] if problem else [])


def read_file(path: Path, source_file: str) -> tuple[list[Table], list[FileProblem]]:
    """Tables of one file. A file that cannot be opened becomes one ``unreadable_file`` problem."""
    suffix = path.suffix.lower()
    try:
        if suffix in EXCEL_SUFFIXES:
            return read_excel(path, source_file)
        if suffix in CSV_SUFFIXES:
            return read_csv(path, source_file)
        return [], [FileProblem(source_file, None, "unreadable_file",
                                f"ไม่รู้จักชนิดไฟล์ '{suffix}' (รับ .xlsx .xls .csv)",
                                f"unknown file type '{suffix}' (accepts .xlsx .xls .csv)")]
    except Exception as exc:  # noqa: BLE001 - any failure to open is reported, never raised
        detail = str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__
        return [], [FileProblem(source_file, None, "unreadable_file",
                                f"เปิดไฟล์ไม่ได้: {detail}", f"cannot open the file: {detail}")]
