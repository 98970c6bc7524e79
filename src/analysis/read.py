"""Reading the files provinces send: xlsx, old xls and CSV in any Thai encoding.

This is the input edge of the clean step. It does no cleaning of values: it finds the table
(wherever its header is: under title rows, after an instructions sheet, with line breaks in
header cells, columns in any order), maps each header to a field, and keeps every cell as
it came with the row number the spreadsheet shows, so that any row can be traced back.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import python_calamine
from charset_normalizer import from_bytes

from analysis.thai import clean_text

CATEGORIES = ("individual", "province")
FOLDERS = ("submissions", "scores")  # under each category folder of a year
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
HEADER_SCAN_ROWS = 30  # a header lower than this is not a header any person would recognise
EXCEL_TIMEOUT = 120  # seconds one workbook may take to open (a form takes well under one)
CSV_FIELD_LIMIT = 10_000_000  # characters in one CSV cell (Python's csv refuses more than 131,072)

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
# A key holding none of these (nor equal to a whole-only spelling) names no field: one search
# instead of trying a hundred spellings in turn.
_WHOLE_SPELLINGS = {s for spellings in FIELD_SPELLINGS.values() for s in spellings if s in WHOLE_ONLY}
_ANY_SPELLING = re.compile("|".join(map(re.escape, sorted(
    {s for spellings in FIELD_SPELLINGS.values() for s in spellings if s not in WHOLE_ONLY}
    | {word for word, _ in FIELD_WORDS}))))
# "A3", "a3", "A3 (25 คะแนน)", "A3. การกำกับดูแล", "เกณฑ์ A3": a capital letter and one or two
# digits standing alone (a lower-case key only at the start, so English words never match).
CRITERION_HEADER = re.compile(r"^\s*([A-Za-z]\d{1,2})(?![0-9A-Za-z])|(?<![0-9A-Za-z])([A-Z]\d{1,2})(?![0-9A-Za-z])")


def header_key(text) -> str:
    """A header cell reduced to letters and digits, for matching spellings."""
    text = clean_text(text) or ""
    return re.sub(r"[\s\.\-–_:;,/\\()\[\]{}*'\"#%]+", "", text).lower()


def field_of(header) -> str | None:
    """The field a header names, ``crit:<KEY>`` for a criterion column, or None.

    Only text names a field. The header search asks this of every cell in a file's first 30
    rows, and the same cells come back in every file, so answers are remembered."""
    return _field_of(header) if isinstance(header, str) else None


@lru_cache(maxsize=65536)
def _field_of(header: str) -> str | None:
    k = header_key(header)
    if not k:
        return None
    m = CRITERION_HEADER.search(clean_text(header) or "")
    if m:
        return "crit:" + (m.group(1) or m.group(2)).upper()
    if k not in _WHOLE_SPELLINGS and not _ANY_SPELLING.search(k):
        return None  # most cells of the first rows (names, dates, numbers) name no field
    return _field_by_spelling(k)


def _field_by_spelling(k: str) -> str | None:
    """The field a header key spells, by FIELD_SPELLINGS in order, then FIELD_WORDS."""
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


# A character clean_text never removes: a cell holding one is not blank, without cleaning it.
_SOLID = re.compile(r"[0-9A-Za-z\u0E01-\u0E2E\u0E50-\u0E59]")


def _is_blank(cell) -> bool:
    if isinstance(cell, str):
        return not cell or (not _SOLID.search(cell) and clean_text(cell) is None)
    return cell is None or (isinstance(cell, float) and cell != cell)


def find_tables(grid: list[list], source_file: str, sheet: str | None,
                first_row: int = 1, row_numbers: list[int] | None = None
                ) -> tuple[Table | None, FileProblem | None]:
    """Find the header in a grid of cells and cut the table under it.

    The header is the row, among the first rows, naming the most known fields (at least two,
    one of them the province). ``row_numbers`` gives each grid row's number as the file shows
    it (CSV records can span lines); by default rows are numbered from ``first_row``.
    """
    numbers = row_numbers or list(range(first_row, first_row + len(grid)))
    filled = [not all(map(_is_blank, row)) for row in grid]  # fully blank rows are not data
    best, best_score = None, 1
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        fields = [field_of(c) for c in row]
        known = {f for f in fields if f and f != "row_number"}
        if "province" in known and len(known) > best_score:
            best, best_score = i, len(known)
    if best is None:
        data_rows = [(numbers[i], row) for i, row in enumerate(grid) if filled[i]]
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
    rows = [(numbers[i], row if len(row) == width else list(row) + [None] * (width - len(row)))
            for i, row in enumerate(grid) if i > best and filled[i]]
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


class Unreadable(Exception):
    """A file that cannot be read, with the reason in Thai and English."""

    def __init__(self, th: str, en: str):
        super().__init__(en)
        self.th, self.en = th, en


_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def describe(head: bytes) -> tuple[str, str]:
    """What the first bytes of a file say it really is, in Thai and English (for messages)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not text:
        return "ไฟล์ว่างเปล่า ไม่มีข้อมูล", "the file is empty"
    if _ZIP.startswith(head[:4]) or head.startswith(_ZIP):  # also cut short inside the signature
        return "ไฟล์ Excel (.xlsx) ที่เสียหายหรือไม่ครบ (เช่น ดาวน์โหลดไม่สมบูรณ์)", \
            "an Excel workbook (.xlsx) that is damaged or cut short (an incomplete download?)"
    if _OLE.startswith(head[:8]) or head.startswith(_OLE):
        return "ไฟล์ Excel รุ่นเก่า (.xls) ที่เสียหาย", "an old Excel workbook (.xls) that is damaged"
    if text.startswith(b"<") and any(t in text for t in (b"<html", b"<table", b"<!doctype", b"<?xml")):
        return "หน้าเว็บ (HTML/XML) ที่ตั้งชื่อเป็นไฟล์ Excel: เปิดใน Excel แล้วบันทึกเป็น .xlsx", \
            "a web page (HTML/XML) named as an Excel file: open it in Excel and save it as .xlsx"
    if b"\x00" not in head:
        return "ไฟล์ข้อความ (เช่น CSV) ที่ตั้งชื่อเป็นไฟล์ Excel: เปลี่ยนนามสกุลเป็น .csv หรือบันทึกใหม่เป็น .xlsx", \
            "a text file (CSV?) named as an Excel file: rename it .csv or save it again as .xlsx"
    return "ไม่ใช่ไฟล์ Excel หรือ CSV (ไฟล์เสียหาย หรือเป็นไฟล์ชนิดอื่น)", \
        "neither an Excel workbook nor a CSV (damaged, or another kind of file)"


def _open_workbook(path: str) -> list[tuple[str, list[list], list]]:
    """(name, cells, merged ranges) of every sheet. The workbook is opened by its content, so an
    .xlsx saved with the name .xls still opens."""
    with open(path, "rb") as f:
        book = python_calamine.load_workbook(f)
        sheets = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            sheets.append((name, sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges))
    return sheets


def _serve(conn) -> None:
    """The reader child: open each workbook path it is sent and send back its sheets, until told
    to stop. After a failure it ends, so a reader that panicked is never trusted again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # a panic's backtrace is the reader's noise: the message goes back below
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        try:
            conn.send(("ok", _open_workbook(path)))
        except BaseException as exc:  # noqa: BLE001 - a Rust panic is a BaseException; all become a message
            conn.send(("error", str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__))
            return


class WorkbookReader:
    """Opens workbooks in one child process, one after another (a context manager).

    The reader is native code: a damaged workbook can make it panic, ask for hundreds of
    gigabytes and abort, or run on. In a child process any of these ends that process only; the
    file is reported as unreadable and the next file gets a new child. One child serves a whole
    year (starting one per file cost the clean step 2-3 s a year), and it is started by fork, so
    it costs milliseconds and needs nothing imported again.
    """

    def __init__(self, timeout: float | None = None):
        self.timeout = EXCEL_TIMEOUT if timeout is None else timeout
        self._child = self._conn = None

    def __enter__(self) -> "WorkbookReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        self._conn, there = ctx.Pipe(duplex=True)
        self._child = ctx.Process(target=_serve, args=(there,), daemon=True)
        self._child.start()
        there.close()

    def close(self) -> None:
        """Stop the child (asked politely, then killed if it does not end at once)."""
        if self._child is None:
            return
        try:
            self._conn.send(None)
        except OSError:
            pass
        self._conn.close()
        self._child.join(timeout=5)
        if self._child.is_alive():
            self._child.kill()
            self._child.join()
        self._child = self._conn = None

    def load(self, path: Path) -> list[tuple[str, list[list], list]]:
        """(name, cells, merged ranges) of every sheet of one workbook."""
        if self._child is None or not self._child.is_alive():
            self.close()
            self._start()
        try:
            self._conn.send(str(path))
            if not self._conn.poll(self.timeout):
                self._child.kill()
                raise Unreadable(f"อ่านไฟล์นานเกิน {self.timeout:g} วินาที จึงหยุดอ่าน",
                                 f"reading took more than {self.timeout:g} seconds and was stopped")
            status, payload = self._conn.recv()
        except (EOFError, OSError):  # the child died without a word: the reader crashed on this file
            self._child.join()
            status, payload = "error", f"the reader stopped (exit code {self._child.exitcode})"
        if status != "ok":
            self.close()
            raise RuntimeError(payload)
        return payload


def load_sheets(path: Path, timeout: float | None = None) -> list[tuple[str, list[list], list]]:
    """(name, cells, merged ranges) of every sheet of one workbook, read in a child process of
    its own (``WorkbookReader`` reads many)."""
    with WorkbookReader(timeout) as reader:
        return reader.load(path)


def read_excel(path: Path, source_file: str, reader: WorkbookReader | None = None
               ) -> tuple[list[Table], list[FileProblem]]:
    """Every sheet of a workbook that holds a table; sheets of prose (instructions) are passed over."""
    tables, problems = [], []
    for name, grid, merged in (reader.load(path) if reader else load_sheets(path)):
        table, problem = find_tables(_fill_merged(grid, merged), source_file, name)
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


CSV_DELIMITERS = ",;\t|"


def delimiter_of(sample: str) -> str:
    """The delimiter ``csv.Sniffer`` finds in a CSV's first characters, or "," if it finds none.

    The sniffer only ever answers a candidate that is in the sample, so a sample without ";",
    tab or "|" gets "," unsniffed: most forms are such, and sniffing one costs ~2 ms."""
    if not any(d in sample for d in CSV_DELIMITERS[1:]):
        return ","
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


_EOL = re.compile(r"\r\n|\r|\n")


def _lines(text: str):
    """The lines of ``text`` with their endings, as ``io.StringIO(text, newline="")`` gives them to
    the csv reader, but without StringIO's copy of the whole text (four bytes a character)."""
    start = 0
    for m in _EOL.finditer(text):
        yield text[start:m.end()]
        start = m.end()
    if start < len(text):
        yield text[start:]


def read_csv(path: Path, source_file: str) -> tuple[list[Table], list[FileProblem]]:
    """A CSV's table; row numbers are physical line numbers (a plain CSV's header is line 1)."""
    data = path.read_bytes()
    if data.startswith((_ZIP, _OLE)):
        raise Unreadable("เป็นไฟล์ Excel ที่ตั้งชื่อเป็น .csv: เปลี่ยนนามสกุลเป็น .xlsx หรือ .xls ให้ตรงกับไฟล์",
                         "an Excel workbook named .csv: give it its right name (.xlsx or .xls)")
    text = "\x00" if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")) else decode(data)[0]
    del data  # the bytes are not needed once decoded: a big file's peak holds one copy less
    if "\x00" in text:  # no text file holds a NUL (but UTF-16 does, hence after its BOM)
        raise Unreadable("ไม่ใช่ไฟล์ข้อความ CSV (มีข้อมูลแบบไบนารี ไฟล์อาจเสียหาย)",
                         "not a CSV text file (it holds binary data; damaged?)")
    reader = csv.reader(_lines(text), delimiter=delimiter_of(text[:20000]))
    grid, numbers, line = [], [], 1
    same: dict[str, str] = {}  # one string object per distinct cell: a big file repeats its cells
    limit = csv.field_size_limit(CSV_FIELD_LIMIT)  # a very long cell is the clean step's to judge
    try:
        for record in reader:
            grid.append([same.setdefault(c, c) for c in record])
            numbers.append(line)
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(limit)
    table, problem = find_tables(grid, source_file, None, row_numbers=numbers)
    return ([table] if table else []), ([problem] if problem else [])


def read_file(path: Path, source_file: str, reader: WorkbookReader | None = None
              ) -> tuple[list[Table], list[FileProblem]]:
    """Tables of one file. A file that cannot be opened becomes one ``unreadable_file`` problem.
    ``reader``: the ``WorkbookReader`` to open workbooks with (default: one for this file).

    An empty file (no bytes, only a BOM and white space, or not one filled cell) is one
    ``unreadable_file`` too, whatever its type: a form that arrived empty (or a damaged
    workbook that opens as empty) must be asked for again, not pass unseen.
    """
    suffix = path.suffix.lower()
    if suffix not in EXCEL_SUFFIXES | CSV_SUFFIXES:
        return [], [FileProblem(source_file, None, "unreadable_file",
                                f"ไม่รู้จักชนิดไฟล์ '{suffix}' (รับ .xlsx .xls .csv)",
                                f"unknown file type '{suffix}' (accepts .xlsx .xls .csv)")]
    head = b""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
        if not head.lstrip(b"\xef\xbb\xbf \t\r\n"):
            raise Unreadable(*describe(head))
        tables, problems = (read_excel(path, source_file, reader) if suffix in EXCEL_SUFFIXES
                            else read_csv(path, source_file))
        if not tables and not problems:  # opened, but not one cell holds anything
            raise Unreadable("ไม่มีข้อมูลในไฟล์เลย (ไฟล์ว่าง หรือเสียหาย)",
                             "not one cell holds anything (an empty or a damaged file)")
        return tables, problems
    except Unreadable as exc:
        th, en = exc.th, exc.en
    except Exception as exc:  # noqa: BLE001 - any failure to open is reported, never raised
        detail = str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__
        th, en = describe(head) if suffix in EXCEL_SUFFIXES else (
            "อ่านรหัสอักษรหรือโครงสร้างของไฟล์ CSV ไม่ได้", "the CSV's encoding or layout cannot be read")
        en = f"{en} ({detail})"
    return [], [FileProblem(source_file, None, "unreadable_file", f"เปิดไฟล์ไม่ได้: {th}",
                            f"cannot open the file: {en}")]


# ---------------------------------------------------------------------------------- a year's folder
def _not_a_file(path: Path, rel: str) -> FileProblem | None:
    """Why an entry of a raw folder is not read, or None for an ordinary file.

    A link (symlink) is never followed: it may point outside the raw folder (the step reads
    nothing there) or at a file already read (its rows would count twice).
    """
    if path.is_symlink():
        target = os.readlink(path)
        return FileProblem(rel, None, "unreadable_file",
                           f"เป็นลิงก์ (symlink) ไปยัง '{target}' ไม่ใช่ไฟล์ จึงไม่อ่าน: ให้วางไฟล์จริงในโฟลเดอร์",
                           f"a link (symlink) to '{target}', not a file, so it is not read: put the file itself in the folder")
    if not path.is_file() and not path.is_dir():
        return FileProblem(rel, None, "unreadable_file", "ไม่ใช่ไฟล์ธรรมดา (เช่น pipe หรือ device) จึงไม่อ่าน",
                           "not a regular file (a pipe or a device), so it is not read")
    return None


def _entries(base: Path) -> list[Path]:
    """Every file under ``base`` and every link or special entry, without following links."""
    found = []
    for top, dirs, files in os.walk(base, followlinks=False):
        found += [Path(top, d) for d in dirs if Path(top, d).is_symlink()]
        found += [Path(top, f) for f in files]
    return sorted(found)


def read_year(raw_dir: str | Path, year: int):
    """Read every file under ``raw_dir/<year>/<category>/<folder>/``.

    Returns (tables by (category, folder), [(category, FileProblem)], ignored files). Files
    elsewhere under the year, and Excel's ``~$`` lock files and hidden files (a name starting
    with a dot), are listed as ignored. Nothing outside ``raw_dir/<year>`` is read: a link
    there is one ``unreadable_file`` row, never followed.
    """
    root = Path(raw_dir) / str(year)
    if not root.is_dir():
        raise FileNotFoundError(
            f"ไม่พบโฟลเดอร์ข้อมูลปี {year}: {root} / no folder for year {year}: {root}")
    tables: dict[tuple[str, str], list[Table]] = {}
    problems: list[tuple[str, FileProblem]] = []
    used = set()
    with WorkbookReader() as reader:  # one child process opens all the year's workbooks
        for category in CATEGORIES:
            for folder in FOLDERS:
                base = root / category / folder
                links = [p for p in (root / category, base) if p.is_symlink()]
                paths = links[:1] if links else _entries(base) if base.is_dir() else []
                for path in paths:
                    rel = path.relative_to(root).as_posix()
                    if path in used or path.name.startswith(("~$", ".")):
                        continue
                    used.add(path)
                    problem = _not_a_file(path, rel)
                    if problem:
                        problems.append((category, problem))
                        continue
                    found, probs = read_file(path, rel, reader)
                    tables.setdefault((category, folder), []).extend(found)
                    problems += [(category, p) for p in probs]
    ignored = sorted(p.relative_to(root).as_posix() for p in _entries(root) if p not in used)
    return tables, problems, ignored

