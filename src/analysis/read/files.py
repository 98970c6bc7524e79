"""Reading the files provinces send: xlsx, old xls and CSV in any Thai encoding.

This is the input edge of the clean step. It does no cleaning of values: it finds the table
(wherever its header is: under title rows, after an instructions sheet, with line breaks in
header cells, columns in any order), maps each header to a field, and keeps every cell as
it came with the row number the spreadsheet shows, so that any row can be traced back.
"""

from __future__ import annotations

import csv
import itertools
import multiprocessing
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from charset_normalizer import from_bytes

from analysis.read.headers import (  # noqa: F401 - the header vocabulary, re-exported for the readers' users
    CRITERION_HEADER,
    FIELD_KINDS,
    FIELD_SPELLINGS,
    FIELD_WORDS,
    HEADER_SCAN_ROWS,
    WHOLE_ONLY,
    _field_by_spelling,
    field_of,
    find_header,
    header_key,
    match,
)
from analysis.errors import FolderNotFound, Unreadable
from analysis.read.thai import clean_text
from analysis.read.sheets import SheetLayout, kind_of, layouts
from analysis.vocab import CATEGORIES
from analysis import places
from analysis.read.headers import _holds_data, header_like
from analysis.read import thai

FOLDERS = ("submissions", "scores")  # under each category folder of a year
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_TIMEOUT = 120  # seconds one workbook may take to open (a form takes well under one)
CSV_FIELD_LIMIT = 10_000_000  # characters in one CSV cell (Python's csv refuses more than 131,072)


@dataclass
class Column:
    """A column of a table that is not read as a field, and why: it names no field
    (``unmapped``), it is hidden in the workbook (``hidden``), it is a weaker second copy of a
    field (``weaker``: an empty column or a less sure header), its values do not read as the field
    a column headed as surely holds (``unfit``), its two languages name two fields (``ambiguous``), it names another year (``other_year``), it is derived from other
    columns (``derived``), or it is about the person who filled the form in (``respondent``)."""

    letter: str
    header: str
    why: str
    field: str | None = None  # the field it would have named


@dataclass
class Table:
    """One table found in a file: mapped headers and the raw rows under them."""

    source_file: str  # relative to <raw-dir>/<year>, forward slashes
    sheet: str | None
    header_row: int  # as the spreadsheet shows it (1-based): the header's last row
    headers: list[str]  # the header cells as written (cleaned; a block's rows joined)
    fields: list[str | None]  # the field each column maps to
    rows: list[tuple[int, list]] = field(default_factory=list)  # (source_row, cells)
    header_first: int | None = None  # the header block's first row, when it has several
    columns: list[Column] = field(default_factory=list)  # columns not read as a field
    hidden_rows: list[tuple[int, list]] = field(default_factory=list)  # hidden by hand: not data
    filtered_rows: list[tuple[int, list]] = field(default_factory=list)  # hidden by a filter: held
    above_rows: list[tuple[int, list]] = field(default_factory=list)  # data-like rows above the header: held
    titles: list[str] = field(default_factory=list)  # the texts above the header
    notes: list[str] = field(default_factory=list)  # what the reader could not check, for people
    province_hint: str | None = None  # no province column: the one province the title names
    scales: dict[int, float] = field(default_factory=dict)  # column -> unit ("(ล้านบาท)": 1e6)


@dataclass
class FileProblem:
    """What the reader could not make a table of: a file it could not open, a sheet without a
    header (its rows held back), or, with ``set_aside``, a hidden sheet (its rows not data)."""

    source_file: str
    sheet: str | None
    reason_code: str
    th: str
    en: str
    rows: list[tuple[int, list]] = field(default_factory=list)  # rows that could not be placed
    set_aside: bool = False


# A character clean_text never removes: a cell holding one is not blank, without cleaning it.
_SOLID = re.compile(r"[0-9A-Za-z\u0E01-\u0E2E\u0E50-\u0E59]")


def _is_blank(cell) -> bool:
    if isinstance(cell, str):
        return not cell or (not _SOLID.search(cell) and clean_text(cell) is None)
    return cell is None or (isinstance(cell, float) and cell != cell)


def letter(col: int) -> str:
    """A column's letter as Excel shows it (0 -> A, 26 -> AA)."""
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def _is_place(text: str) -> bool:
    """Whether a cell names a province or a district (a data row, not a header, holds one)."""
    return places.names_a_place(text)


def find_tables(grid: list[list], source_file: str, sheet: str | None,
                first_row: int = 1, row_numbers: list[int] | None = None, *,
                merges=None, layout: SheetLayout | None = None, year: int | None = None
                ) -> tuple[Table | None, FileProblem | None]:
    """Find the header in a grid of cells and cut the table under it.

    The header is the row, among the first rows, naming the most known fields (at least two,
    one of them the province), with the rows that make a header block with it (see
    ``headers.find_header``). ``row_numbers`` gives each grid row's number as the file shows
    it (CSV records can span lines); by default rows are numbered from ``first_row``.
    ``layout`` says which rows and columns the workbook hides; ``year`` is the evaluation's
    (B.E.), so that a column naming another year is known as such.
    """
    numbers = row_numbers or list(range(first_row, first_row + len(grid)))
    filled = [not all(map(_is_blank, row)) for row in grid]  # fully blank rows are not data
    header = find_header(grid, merges, _is_place) if any(filled) else None
    if header is None:
        data_rows = [(numbers[i], row) for i, row in enumerate(grid) if filled[i]]
        if not data_rows:
            return None, None
        return None, FileProblem(
            source_file, sheet, "no_header",
            "หาแถวหัวตารางไม่พบ (ต้องมีคอลัมน์ จังหวัด และคอลัมน์อื่นที่รู้จัก)",
            "no header row found (a header needs a จังหวัด column and another known column)",
            rows=data_rows)
    width = max(len(r) for r in grid)
    headers = [clean_text(h) or "" for h in header.names] + [""] * (width - len(header.names))
    matches = header.matches + [match("")] * (width - len(header.matches))
    fields, columns = _settle_columns(headers, matches, set(layout.hidden_cols) if layout else set(),
                                      year, [grid[i] for i in range(header.last + 1, len(grid)) if filled[i]])
    hidden = layout.hidden_rows if layout else set()
    filtered = layout.filtered_rows if layout else set()
    rows, hidden_rows, filtered_rows = [], [], []
    for i, row in enumerate(grid):
        if i <= header.last or not filled[i]:
            continue
        cells = row if len(row) == width else list(row) + [None] * (width - len(row))
        (hidden_rows if i in hidden else filtered_rows if i in filtered else rows).append((numbers[i], cells))
    titles = [clean_text(c) for i in range(header.first) for c in grid[i] if isinstance(c, str) and clean_text(c)
              and not _above_data(grid[i], header)]
    above = [(numbers[i], list(grid[i]) + [None] * (width - len(grid[i]))) for i in range(header.first)
             if filled[i] and _above_data(grid[i], header)]
    table = Table(source_file, sheet, numbers[header.last], headers, fields, rows,
                  header_first=numbers[header.first] if header.first != header.last else None,
                  columns=columns, above_rows=above, hidden_rows=hidden_rows, filtered_rows=filtered_rows, titles=titles,
                  scales={c: m.scale for c, m in enumerate(matches) if m.scale != 1 and fields[c]})
    if "province" not in fields:
        table.province_hint = _title_province(titles)
        if table.province_hint is None:
            table.notes.append(f"{source_file}{f' [{sheet}]' if sheet else ''}: ไม่มีคอลัมน์จังหวัด และชื่อตารางไม่ได้ระบุจังหวัด / "
                               f"no province column, and the title names no province")
    return table, None


def _above_data(row: list, header) -> bool:
    """Whether a row above the header holds what a data row holds (a date cell, figures, or as
    many filled cells as half the header's fields, not all of them header words): it is held
    back, never taken for a title."""
    filled = sum(not _is_blank(c) for c in row)
    named = sum(1 for f in header.fields if f)
    return _holds_data(row) or (filled >= 3 and filled * 2 >= named and not header_like(row, _is_place))


_TITLE_PROVINCE = re.compile(r"(?:จังหวัด|จ\.)\s*([ก-ฮ][ก-๙ฯ]+)")


def _title_province(titles: list[str]) -> str | None:
    """The one province a table's title names ("แบบรายงาน ... จังหวัดเชียงใหม่"), as written; None
    when it names none or several (then each row's province is blank, and the row is held)."""
    found = {}
    for text in titles:
        for m in _TITLE_PROVINCE.finditer(text):
            code, _ = places.read_province(m.group(1))
            if code:
                found[code] = m.group(1)
    return next(iter(found.values())) if len(found) == 1 else None


def _settle_columns(headers, matches, hidden_cols: set[int], year: int | None, data_rows
                    ) -> tuple[list[str | None], list[Column]]:
    """Each column's field, once the columns that must not be read as one are taken out: hidden
    columns, columns derived from others or about the respondent, and, where a field is named
    by several columns, the weaker ones and those naming another year than ``year``. Columns
    whose header names no field are listed too, when they hold anything."""
    fields: list[str | None] = [m.field for m in matches]
    columns: list[Column] = []

    def drop(c, why):
        columns.append(Column(letter(c), headers[c], why, matches[c].field))
        fields[c] = None

    for c, m in enumerate(matches):
        if c in hidden_cols:
            drop(c, "hidden")
        elif m.why:
            drop(c, m.why)
    by_field: dict[str, list[int]] = {}
    for c, f in enumerate(fields):
        if f and f != "row_number":
            by_field.setdefault(f, []).append(c)
    for f, cols in by_field.items():
        if len(cols) < 2:
            continue
        other = [c for c in cols if matches[c].year and year is not None and year not in matches[c].year]
        if len(other) < len(cols):
            for c in other:
                drop(c, "other_year")
            cols = [c for c in cols if c not in other]
        # Filled before empty, then the surer header, then the values that fit the field's kind:
        # of two columns headed as surely, the one whose values read as the field is the field.
        fit = {c: _fit(f, [r[c] for r in data_rows[:200] if c < len(r)]) for c in cols}
        rank = {c: (fit[c][0] > 0, matches[c].strength, fit[c][1] >= 0.5) for c in cols}
        top = max(rank.values())
        for c in cols:
            if rank[c] < top:
                drop(c, "weaker" if rank[c][:2] < top[:2] else "unfit")
    for c, (h, f) in enumerate(zip(headers, fields)):
        if f is None and c not in hidden_cols and not any(col.letter == letter(c) for col in columns) and (
                h or any(c < len(r) and not _is_blank(r[c]) for r in data_rows[:200])):
            columns.append(Column(letter(c), h, "unmapped"))
    return fields, sorted(columns, key=lambda col: (len(col.letter), col.letter))


def _fit(field: str, cells: list) -> tuple[int, float]:
    """How a column's cells fit a field: (how many are filled, the share of those that read as the
    field's kind: a place, a number, a rate, a date, or text with a letter that is no number)."""
    kind = FIELD_KINDS.get(field, "text")
    filled = [c for c in cells if not _is_blank(c)]
    if not filled:
        return 0, 0.0

    def reads(cell) -> bool:
        try:
            if kind == "place":
                return places.names_a_place(str(cell)) or (field == "district" and
                                                           places.key(clean_text(cell) or "") in ("เมือง", "mueang"))
            if kind in ("count", "money"):
                return thai.parse_number(cell, kind=kind) is not None
            if kind == "percent":
                return thai.parse_percent(cell) is not None
            if kind in ("date", "datetime"):
                return thai.parse_datetime(cell, order=None) is not None
            text = clean_text(cell) or ""
            return bool(re.search("[A-Za-z\u0e01-\u0e2e]", text)) and not _reads_as_number(cell)
        except thai.ValueProblem as e:
            return e.code == "ambiguous_date"

    return len(filled), sum(map(reads, filled)) / len(filled)


def _reads_as_number(cell) -> bool:
    try:
        return thai.parse_number(cell) is not None
    except thai.ValueProblem:
        return False


def _fill_merged(grid: list[list], ranges) -> list[list]:
    """A cell merged down several rows (a province written once beside its districts) is one
    value for each of those rows, so it is repeated down. Merges across columns (titles) are
    left as they are, so a header is never copied into its neighbour (a header block reads
    its own group cells, see ``headers.combined``)."""
    for (r0, c0), (r1, _c1) in ranges or []:
        for r in range(r0 + 1, min(r1, len(grid) - 1) + 1):
            if c0 < len(grid[r]) and _is_blank(grid[r][c0]):
                grid[r][c0] = grid[r0][c0]
    return grid


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


@dataclass
class SheetRead:
    """One sheet as the reader child sends it back: its cells from A1, its merged ranges, whether
    it is visible, and what it hides (None: the layout could not be read)."""

    name: str
    grid: list[list]
    merged: list | None
    visible: bool = True
    layout: SheetLayout | None = None


def _open_workbook(path: str) -> list[SheetRead]:
    """Every sheet of a workbook. The workbook is opened by its content, so an .xlsx saved with
    the name .xls still opens; what calamine does not say (hidden rows and columns, an .ods
    file's merged cells) is read by ``analysis.workbook``."""
    with open(path, "rb") as f:
        head = f.read(8)
        f.seek(0)
        book = python_calamine.load_workbook(f)
        visible = {m.name: m.visible == python_calamine.SheetVisibleEnum.Visible
                   for m in book.sheets_metadata}
        sheets = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            sheets.append(SheetRead(name, sheet.to_python(skip_empty_area=False),
                                    sheet.merged_cell_ranges, visible.get(name, True)))
    kind = kind_of(head, path)
    found = layouts(path, kind) if kind else {}
    for s in sheets:
        s.layout = found.get(s.name) if kind else SheetLayout()
        if s.merged is None and s.layout is not None and s.layout.merged is not None:
            s.merged = s.layout.merged
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

    def load(self, path: Path) -> list[SheetRead]:
        """Every sheet of one workbook (``SheetRead``)."""
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


def load_sheets(path: Path, timeout: float | None = None) -> list[SheetRead]:
    """Every sheet of one workbook (``SheetRead``), read in a child process of
    its own (``WorkbookReader`` reads many)."""
    with WorkbookReader(timeout) as reader:
        return reader.load(path)


def read_excel(path: Path, source_file: str, reader: WorkbookReader | None = None, year: int | None = None
               ) -> tuple[list[Table], list[FileProblem]]:
    """Every sheet of a workbook that holds a table; sheets of prose (instructions) are passed over.

    A hidden sheet is not read as data: its rows (those under its header, or every filled row of
    a sheet without one) are set aside, listed with the sheet's name. Rows hidden by hand are
    set aside too, rows hidden by a filter are held back (a filter hides rows to look at
    others, not to withdraw them), and hidden columns are not read (``Table.columns``)."""
    tables, problems, hidden = [], [], []
    for s in (reader.load(path) if reader else load_sheets(path)):
        table, problem = find_tables(_fill_merged(s.grid, s.merged), source_file, s.name,
                                     merges=s.merged, layout=s.layout, year=year)
        if not s.visible:
            rows = (table.rows + table.hidden_rows + table.filtered_rows + table.above_rows) if table else \
                problem.rows if problem else []
            if rows:
                hidden.append(FileProblem(
                    source_file, s.name, "hidden_sheet",
                    f"แผ่นงาน '{s.name}' ถูกซ่อนไว้ในไฟล์ จึงไม่อ่านเป็นข้อมูล (มัก เป็นข้อมูลปีก่อนที่ค้างอยู่)",
                    f"sheet '{s.name}' is hidden in the workbook, so it is not read as data "
                    f"(often last year's data left behind)", rows=sorted(rows, key=lambda r: r[0]),
                    set_aside=True))
            continue
        if table:
            if s.layout is None:
                table.notes.append(f"{source_file} [{s.name}]: ตรวจแถว/คอลัมน์ที่ซ่อนไม่ได้ / "
                                   f"hidden rows and columns could not be checked")
            tables.append(table)
        elif problem:
            problems.append(problem)
    if any("province" in t.fields for t in tables):
        # a sheet found only by the district or the project, beside a sheet with a province
        # column, is a list of something else (officials, projects of other years): passed over
        tables = [t for t in tables if "province" in t.fields]
    if tables:
        # A sheet without a header in a workbook that has a data sheet is an instructions or
        # notes sheet: report it for information, it holds no form rows.
        problems = [p for p in problems if p.reason_code != "no_header"]
    return tables, problems + hidden


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
    """The delimiter that cuts a CSV's first records into the same number of columns.

    Each candidate (``,``, ``;``, tab, ``|``) cuts the first 50 records (quotes respected, as the
    csv module reads them); the one whose records of two columns or more most often have the
    same number of columns wins, then the one giving more columns. A sniffer that counts
    characters is fooled by the commas inside numbers of a tab- or semicolon-separated file
    (Excel's "Unicode text", Thai Excel with a ``;`` list separator); a count of columns is not.
    A sample with none of the others is "," unexamined: most forms are such.
    """
    if not any(d in sample for d in CSV_DELIMITERS[1:]):
        return ","
    lines = list(itertools.islice(_lines(sample), 50))
    best, best_key = ",", None
    for d in CSV_DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=d) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        wide = [n for n in counts if n >= 2]
        if not wide:
            continue
        mode = max(set(wide), key=lambda n: (wide.count(n), n))
        key = (wide.count(mode) / len(counts), mode)
        if best_key is None or key > best_key:
            best, best_key = d, key
    return best


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


def read_csv(path: Path, source_file: str, year: int | None = None) -> tuple[list[Table], list[FileProblem]]:
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
    table, problem = find_tables(grid, source_file, None, row_numbers=numbers, year=year)
    return ([table] if table else []), ([problem] if problem else [])


def read_file(path: Path, source_file: str, reader: WorkbookReader | None = None, year: int | None = None
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
                                f"ไม่รู้จักชนิดไฟล์ '{suffix}' (รับ .xlsx .xls .ods .csv)",
                                f"unknown file type '{suffix}' (accepts .xlsx .xls .ods .csv)")]
    head = b""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
        if not head.lstrip(b"\xef\xbb\xbf \t\r\n"):
            raise Unreadable(*describe(head))
        tables, problems = (read_excel(path, source_file, reader, year) if suffix in EXCEL_SUFFIXES
                            else read_csv(path, source_file, year))
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
        raise FolderNotFound(
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
                    found, probs = read_file(path, rel, reader, year)
                    tables.setdefault((category, folder), []).extend(found)
                    problems += [(category, p) for p in probs]
    ignored = sorted(p.relative_to(root).as_posix() for p in _entries(root) if p not in used)
    return tables, problems, ignored

