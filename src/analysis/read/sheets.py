"""What a workbook hides and merges, where the cell reader (python-calamine) does not say.

calamine reports each sheet's visibility (xlsx, xls, xlsb, ods) and the merged cells of xlsx
and xls, but neither hidden rows and columns in any format nor the merged cells of LibreOffice's
.ods (checked in the calamine and python-calamine sources: ``worksheet_merge_cells`` answers
only for xls and xlsx, and no reader keeps a row's or a column's visibility). A province that
reuses last year's workbook hides last year's rows and columns rather than deleting them, so
the clean step must know. This module reads only that, from the file itself:

- xlsx: the sheet XML inside the zip: ``<row hidden="1">`` (or height 0), ``<col hidden="1">``
  (or width 0), and ``<autoFilter>``, whose hidden rows are filtered out rather than hidden;
- ods: ``content.xml``: ``table:visibility`` of rows and columns (``collapse`` hidden, ``filter``
  filtered out) and ``table:number-columns-spanned`` / ``-rows-spanned`` (merged cells);
- xls: xlrd (the reader pandas used for .xls), with formatting info, for its row and column
  records, and the ``_FilterDatabase`` name that marks a sheet's autofilter.

XML is parsed with defusedxml (no entity expansion: a hostile file cannot blow up). Rows and
columns are 0-based, as in calamine's grid read from A1. Every answer is "what we could tell":
a part that cannot be read gives ``None`` for that sheet, never an exception, and the caller
notes that it could not check.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_T = "{" + _TABLE + "}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


@dataclass
class SheetLayout:
    """What one sheet hides and merges (0-based rows and columns)."""

    hidden_rows: set[int] = field(default_factory=set)
    filtered_rows: set[int] = field(default_factory=set)  # hidden by a filter, not by hand
    hidden_cols: set[int] = field(default_factory=set)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None  # only where calamine has none


def layouts(path: str, kind: str) -> dict[str, SheetLayout | None]:
    """Sheet name -> its layout (None where it could not be read) for a workbook of ``kind``
    (``xlsx``, ``ods``, ``xls``; anything else: nothing known, an empty dict)."""
    try:
        if kind == "xlsx":
            return _xlsx(path)
        if kind == "ods":
            return _ods(path)
        if kind == "xls":
            return _xls(path)
    except Exception:  # noqa: BLE001 - a part we cannot read is "not known", reported by the caller
        return {}
    return {}


def kind_of(head: bytes, path: str) -> str | None:
    """``xlsx``, ``ods``, ``xls`` or None (xlsb, or unknown) from the file's first bytes."""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "content.xml" in names:
            return "ods"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


# ------------------------------------------------------------------------------------- xlsx
def _xlsx(path: str) -> dict[str, SheetLayout | None]:
    out: dict[str, SheetLayout | None] = {}
    with zipfile.ZipFile(path) as z:
        rels = {r.get("Id"): r.get("Target") for r in
                ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(_PKG_REL + "Relationship")}
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        for sheet in book.iter(_MAIN + "sheet"):
            name, target = sheet.get("name"), rels.get(sheet.get(_REL + "id"))
            if not target:
                out[name] = None
                continue
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            try:
                out[name] = _xlsx_sheet(z, part)
            except Exception:  # noqa: BLE001 - see layouts()
                out[name] = None
    return out


def _mentions_hiding(z: zipfile.ZipFile, part: str) -> bool:
    """Whether the sheet's XML says ``hidden`` anywhere or sets a zero height or width: most
    sheets do not, and they are not parsed at all (a big sheet costs one pass over its bytes)."""
    tail = b""
    with z.open(part) as f:
        while chunk := f.read(1 << 20):
            text = tail + chunk
            if b"hidden" in text or b'ht="0"' in text or b'width="0"' in text:
                return True
            tail = text[-16:]
    return False


def _xlsx_sheet(z: zipfile.ZipFile, part: str) -> SheetLayout:
    layout = SheetLayout()
    if not _mentions_hiding(z, part):
        return layout
    hidden, filter_span, row = set(), None, 0
    with z.open(part) as f:
        for _, el in ElementTree.iterparse(f, events=("end",)):
            tag = el.tag
            if tag == _MAIN + "row":
                row = int(el.get("r")) - 1 if el.get("r") else row + 1
                if el.get("hidden") in ("1", "true") or el.get("ht") in ("0", "0.0"):
                    hidden.add(row)
                el.clear()
            elif tag == _MAIN + "c":
                el.clear()  # cells are calamine's: only keep memory flat
            elif tag == _MAIN + "col":
                if el.get("hidden") in ("1", "true") or el.get("width") in ("0", "0.0"):
                    first, last = int(el.get("min")), min(int(el.get("max")), 16384)
                    layout.hidden_cols.update(range(first - 1, last))
            elif tag == _MAIN + "autoFilter" and el.get("ref"):
                refs = [int(m.group(2)) - 1 for m in _CELL_REF.finditer(el.get("ref"))]
                filter_span = (min(refs), max(refs)) if refs else None
    for r in hidden:
        (layout.filtered_rows if filter_span and filter_span[0] < r <= filter_span[1]
         else layout.hidden_rows).add(r)
    return layout


# ------------------------------------------------------------------------------------- ods
def _ods(path: str) -> dict[str, SheetLayout | None]:
    """Rows and columns counted as LibreOffice repeats them (``number-rows-repeated``,
    ``number-columns-repeated``), covered cells included, so positions match calamine's."""
    out: dict[str, SheetLayout] = {}
    layout, name, row, col, depth = None, None, 0, 0, 0
    with zipfile.ZipFile(path) as z, z.open("content.xml") as f:
        for event, el in ElementTree.iterparse(f, events=("start", "end")):
            tag = el.tag
            if tag == _T + "table":
                if event == "start":
                    depth += 1
                    if depth == 1:
                        name, layout, row = el.get(_T + "name"), SheetLayout(merged=[]), 0
                        column_at = 0
                else:
                    depth -= 1
                    if depth == 0:
                        out[name] = layout
                continue
            if depth != 1:
                continue  # a table inside a cell: not the sheet's grid
            if tag == _T + "table-column" and event == "start":
                repeat = int(el.get(_T + "number-columns-repeated", "1"))
                if el.get(_T + "visibility") in ("collapse", "filter"):
                    layout.hidden_cols.update(range(column_at, min(column_at + repeat, 16384)))
                column_at += repeat
            elif tag == _T + "table-row":
                if event == "start":
                    col = 0
                    repeat = int(el.get(_T + "number-rows-repeated", "1"))
                    visibility = el.get(_T + "visibility")
                    if visibility in ("collapse", "filter") and repeat < 100_000:  # the sheet's blank tail
                        (layout.filtered_rows if visibility == "filter" else layout.hidden_rows).update(
                            range(row, row + repeat))
                    row_repeat = repeat
                else:
                    row += row_repeat
                    el.clear()
            elif tag in (_T + "table-cell", _T + "covered-table-cell") and event == "start":
                spans = int(el.get(_T + "number-columns-spanned", "1")), int(el.get(_T + "number-rows-spanned", "1"))
                if spans != (1, 1):
                    layout.merged.append(((row, col), (row + spans[1] - 1, col + spans[0] - 1)))
                col += int(el.get(_T + "number-columns-repeated", "1"))
    return out


# ------------------------------------------------------------------------------------- xls
def _xls(path: str) -> dict[str, SheetLayout | None]:
    import xlrd  # here: only .xls files need it

    book = xlrd.open_workbook(path, formatting_info=True, on_demand=True, logfile=_Quiet())
    out = {}
    try:
        filters = {}  # sheet index -> (first row, last row) of its autofilter (the _FilterDatabase name)
        for n in book.name_obj_list:
            try:
                if n.name.lower() == "_filterdatabase" and n.scope >= 0:
                    _, r0, r1, _, _ = n.area2d()
                    filters[n.scope] = (r0, r1 - 1)
            except Exception:  # noqa: BLE001 - a name we cannot read is no filter we know of
                pass
        for i, name in enumerate(book.sheet_names()):
            try:
                sheet = book.sheet_by_index(i)
                hidden = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
                span = filters.get(i)
                filtered = {r for r in hidden if span and span[0] < r <= span[1]}
                out[name] = SheetLayout(
                    hidden_rows=hidden - filtered, filtered_rows=filtered,
                    hidden_cols={c for c, info in sheet.colinfo_map.items() if info.hidden})
            except Exception:  # noqa: BLE001 - see layouts()
                out[name] = None
    finally:
        book.release_resources()
    return out


class _Quiet:
    """xlrd writes warnings to a log file: they are not the analyst's business."""

    def write(self, *_):
        pass

    def flush(self):
        pass
