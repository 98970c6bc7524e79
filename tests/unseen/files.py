"""File kinds, as the programs provinces use write them, and the writers.

A kind is a table row (``KINDS``): the container (a workbook through ``analysis.sample.write_grid``,
or text), its encoding and delimiter, whether it is a Google Forms / Sheets export (timestamp
first, test responses, rows in time order), a table converted from PDF (all text, the header
split over rows, page headers mid-table), and which timestamp spellings it writes. What each
kind looks like in reality: ``docs/real-spellings.md`` (RS) §1 (Forms and Sheets), §2
(Excel "Unicode text"), §3.1 (cp874), §4 (PDF).

The writers return the row number every table row gets, as the reader must report it: the row
the spreadsheet shows, or for a text file the physical line the record starts on (a quoted cell
with a line break spans lines).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from analysis.sample.files import Grid, Pct, write_grid
from unseen.spell import Native


@dataclass(frozen=True)
class Kind:
    name: str
    container: str                 # xlsx | xls | ods | csv
    ext: str
    encoding: str | None = None    # text files: utf-8 | utf-8-sig | cp874 | utf-16-bom
    delimiter: str = ","
    eol: str = "\r\n"
    quote_all: bool = False
    native: bool = False           # number, date and percent cells exist
    forms: bool = False            # a Google Forms / Sheets export of a response sheet
    pdf: bool = False              # a table converted from a PDF
    timestamps: tuple = ()         # datetime spellings (tags) of the export's timestamp column
    date_question: tuple | None = None   # how the export writes a date question: (template, order)
    sheet: str | None = None       # the sheet name a Forms-linked workbook has
    ui: str = "th"                 # the language of the export's own column names (timestamp, e-mail)


KINDS = {k.name: k for k in [
    Kind("xlsx", "xlsx", ".xlsx", native=True),
    Kind("xls", "xls", ".xls", native=True),
    Kind("ods", "ods", ".ods", native=True),
    Kind("csv_utf8", "csv", ".csv", "utf-8", eol="\n"),                          # LibreOffice, Linux
    Kind("csv_utf8_bom", "csv", ".csv", "utf-8-sig"),                           # Excel "CSV UTF-8"
    Kind("csv_cp874", "csv", ".csv", "cp874"),                                  # Thai Excel "CSV" (RS §3.1)
    Kind("csv_cp874_semicolon", "csv", ".csv", "cp874", delimiter=";"),          # list separator ";"
    Kind("utf16_txt", "csv", ".txt", "utf-16-bom", delimiter="\t"),              # Excel "Unicode text" (RS §2)
    Kind("utf16_csv", "csv", ".csv", "utf-16-bom", delimiter="\t"),              # the same, renamed .csv
    Kind("gforms_csv_en", "csv", ".csv", "utf-8", forms=True, ui="en",
         timestamps=("gforms_en", "gforms_mdy_gmt"), date_question=("{ad}-{mm}-{dd}", None)),
    Kind("gforms_csv_th", "csv", ".csv", "utf-8", forms=True,
         timestamps=("gforms_th_ampm", "gforms_en"), date_question=("{ad}-{mm}-{dd}", None)),
    Kind("sheets_csv_th", "csv", ".csv", "utf-8", forms=True,
         timestamps=("sheets_th",), date_question=("{d}/{m}/{ad}", "DMY")),      # RS §1.1
    Kind("sheets_gviz_csv", "csv", ".csv", "utf-8", eol="\n", quote_all=True, forms=True,
         timestamps=("sheets_th",), date_question=("{d}/{m}/{ad}", "DMY")),      # RS §1.1 source B
    Kind("sheets_csv_us", "csv", ".csv", "utf-8", forms=True, ui="en",
         timestamps=("sheets_us",), date_question=("{m}/{d}/{ad}", "MDY")),      # RS §1.2
    Kind("sheets_csv_uk", "csv", ".csv", "utf-8", forms=True, ui="en",
         timestamps=("sheets_uk",), date_question=("{dd}/{mm}/{ad}", "DMY")),
    Kind("sheets_xlsx_th", "xlsx", ".xlsx", native=True, forms=True, timestamps=("excel_datetime",),
         date_question=("@date", None), sheet="การตอบแบบฟอร์ม 1"),
    Kind("sheets_xlsx_en", "xlsx", ".xlsx", native=True, forms=True, ui="en", timestamps=("excel_datetime",),
         date_question=("@date", None), sheet="Form Responses 1"),
    Kind("pdf_xlsx", "xlsx", ".xlsx", pdf=True),
    Kind("pdf_csv", "csv", ".csv", "utf-8", eol="\n", quote_all=True, pdf=True),  # tabula quotes all
]}


def encodable(kind: Kind, text: str) -> bool:
    if kind.encoding != "cp874":
        return True
    try:
        text.encode("cp874")
        return True
    except UnicodeEncodeError:
        return False


def _native(x):
    if isinstance(x, Native):
        if x.kind == "pct":
            return Pct(float(x.value))
        if x.kind == "number":
            v = x.value
            return int(v) if Decimal(v) == Decimal(v).to_integral() else float(v)
        return x.value                                  # date / datetime
    return x


def write_workbook(path: Path, sheets: list[tuple[str, list[list], list, bool]]) -> list[list[int]]:
    """``sheets``: (name, rows, merges, hidden). Returns each sheet's row numbers (1-based)."""
    grids = [Grid(name, [[_native(c) for c in row] for row in rows], merges, hidden=hidden)
             for name, rows, merges, hidden in sheets]
    write_grid(path, grids)
    return [list(range(1, len(rows) + 1)) for _, rows, _, _ in sheets]


_EOL = re.compile(r"\r\n|\r|\n")


def _text(x) -> str:
    if x is None:
        return ""
    if isinstance(x, Native):
        raise TypeError(f"a native cell {x!r} in a text file")
    return str(x)


def write_text(path: Path, kind: Kind, rows: list[list]) -> list[int]:
    """A CSV / tab-separated text file; returns the physical line each record starts on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines, out, line = [], [], 1
    for row in rows:
        buf = io.StringIO()
        csv.writer(buf, delimiter=kind.delimiter, lineterminator=kind.eol,
                   quoting=csv.QUOTE_ALL if kind.quote_all else csv.QUOTE_MINIMAL).writerow([_text(c) for c in row])
        record = buf.getvalue()
        lines.append(line)
        line += len(_EOL.findall(record))
        out.append(record)
    text = "".join(out)
    if kind.encoding == "utf-16-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = text.encode(kind.encoding)
    path.write_bytes(data)
    return lines


def shown(x) -> str:
    """A cell as the truth records what was written (native cells by kind and value)."""
    if isinstance(x, Native):
        v = x.value
        if isinstance(v, (dt.date, dt.datetime)):
            return f"<{x.kind} {v.isoformat()}>"
        return f"<{x.kind} {v}>"
    return "" if x is None else str(x)
