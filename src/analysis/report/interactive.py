"""Tables to sort, search and page through in JupyterLab (itables, offline: no network).

Only the notebook's view is interactive. Every table output also carries the report's static table
under its own mimetype (``REPORT_MIME``); the HTML report is made from that one, so the pages stay
printable with every row, self-contained without a script, under their size limit, and the same
bytes whether or not a table was interactive when the notebook ran. (The offline DataTables bundle
is 0.97 MB in base64: one copy would be most of a province page's 1 MB limit, and a printed
DataTable shows its first ten rows.)

A batch run (``analysis run``) sets ``ANALYSIS_TABLES=static``: its executed notebooks are logs
that nobody sorts, and 90 pages would each carry the bundle. Anything else (JupyterLab, a
papermill run by hand) gets interactive tables; ``ANALYSIS_TABLES=static`` turns them off.
"""

from __future__ import annotations

import datetime as dt
import html
import os

import numpy as np
import pandas as pd

from analysis.render.dates import be_date
from analysis.render.table import SHORT, cell
from analysis.render.text import text_width

REPORT_MIME = "application/vnd.analysis.report+html"  # the static table that the report shows
ENV = "ANALYSIS_TABLES"

# Thai text left, numbers right, in JupyterLab too: its stylesheet right-aligns every cell of an
# HTML table, so the static view (batch runs, or itables missing) brings these two lines with it.
NOTEBOOK_STYLE = ("<style>.jp-RenderedHTMLCommon .table-wrap td,.jp-RenderedHTMLCommon .table-wrap th"
                  "{text-align:left}.jp-RenderedHTMLCommon .table-wrap .num{text-align:right}</style>")

# The DataTables words in Thai (its "language" option); _START_ and the like are its own fields.
LANGUAGE_TH = {
    "search": "ค้นหา:", "lengthMenu": "แสดง _MENU_ แถว", "info": "แถวที่ _START_–_END_ จาก _TOTAL_ แถว",
    "infoEmpty": "ไม่มีแถว", "infoFiltered": "(ค้นจากทั้งหมด _MAX_ แถว)", "zeroRecords": "ไม่พบแถวที่ค้นหา",
    "emptyTable": "ไม่มีข้อมูล",
}

_ready = False  # the bundle is displayed once per kernel, with the first interactive table


def wanted() -> bool:
    """Interactive tables unless ``ANALYSIS_TABLES=static`` or itables is not installed."""
    if os.environ.get(ENV, "").strip().lower() == "static":
        return False
    try:
        import itables  # noqa: F401
    except ImportError:
        return False
    return True


def _init_html() -> str:
    """The offline DataTables bundle, as ``itables.init_notebook_mode(connected=False)`` displays it."""
    import itables
    from IPython.utils.capture import capture_output

    with capture_output(display=True) as cap:
        itables.init_notebook_mode(all_interactive=False, connected=False)
    return "".join(o.data.get("text/html", "") for o in cap.outputs)


def _cell_value(value):
    """Dates in B.E. and yes/no marks as in the report; numbers stay numbers, to sort as numbers."""
    if isinstance(value, (bool, np.bool_)):
        return "ใช่" if value else ""
    if isinstance(value, (dt.date, np.datetime64, pd.Timestamp)):
        return be_date(value)
    return value


def _for_datatables(frame: pd.DataFrame, digits: int) -> tuple[pd.DataFrame, dict[int, int], list[int]]:
    """The frame as DataTables gets it: numbers as floats (a blank is NaN), to sort as numbers,
    with the decimals each number column shows (0 for whole numbers such as ranks); dates in
    B.E. and marks as text. Returns the frame, {number column: decimals}, the text columns."""
    out, numbers, texts = {}, {}, []
    for i in range(frame.shape[1]):
        s = frame.iloc[:, i]
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            numbers[i] = 0 if pd.api.types.is_integer_dtype(s) else digits
            s = s.astype("float64")
        else:
            texts.append(i)
            s = s.map(_cell_value).astype(object).where(s.notna(), "")
        out[i] = s.reset_index(drop=True)
    data = pd.DataFrame(out)
    data.columns = [str(c) for c in frame.columns]
    return data, numbers, texts


def short_texts(frame: pd.DataFrame, texts: list[int]) -> list[int]:
    """The text columns kept to one line (names, places, marks), as in the report's tables: only
    a column of long text (titles, reasons) wraps."""
    return [i for i in texts
            if max((text_width(str(v)) for v in frame.iloc[:, i].map(lambda x: html.unescape(cell(x)))), default=0)
            <= SHORT]


def _number(decimals: int):
    """A DataTables renderer: 1,234.50 on screen (a blank for no value), the number for sorting."""
    from itables import JavascriptFunction

    return JavascriptFunction(
        "function (data, type) { if (type !== 'display') { return Number.isNaN(data) ? -Infinity : data; } "
        "return Number.isNaN(data) || data === null ? '' : data.toLocaleString('en-US', "
        f"{{minimumFractionDigits: {decimals}, maximumFractionDigits: {decimals}}}); }}")


def table(frame: pd.DataFrame, digits: int = 2) -> str:
    """The table as interactive HTML (the bundle before the first one of a kernel)."""
    global _ready
    import itables

    data, numbers, texts = _for_datatables(frame, digits)
    long = set(texts) - set(short_texts(frame, texts))
    by_decimals = {d: [i for i, k in numbers.items() if k == d] for d in sorted(set(numbers.values()))}
    out = itables.to_html_datatable(
        data, connected=False, showIndex=False, classes="display compact", pageLength=10,
        lengthMenu=[10, 25, 100, -1], language=LANGUAGE_TH, maxBytes=0, allow_html=False,
        display_logo_when_loading=False, text_in_header_can_be_selected=False,  # a click on a header sorts
        columnDefs=[{"targets": [i for i in texts if i not in long], "className": "dt-left dt-head-left dt-nowrap"},
                    {"targets": sorted(long), "className": "dt-left dt-head-left"},
                    *({"targets": cols, "className": "dt-right", "render": _number(d)} for d, cols in by_decimals.items())])
    if not _ready:
        out = _init_html() + out
        _ready = True
    return out
