"""Tables in a notebook and its report, with the public edition's names masked."""

from __future__ import annotations

import html

import pandas as pd

from analysis.render import table as _table
from analysis.report import interactive
from analysis.report.interactive import NOTEBOOK_STYLE, REPORT_MIME
from analysis.report.names import mask_people


def table_html(frame: pd.DataFrame, *, public: bool = False, names=(), digits: int = 2) -> str:
    """``render.table.table_html`` after masking names in the public edition."""
    return _table.table_html(mask_people(frame, names) if public else frame, digits=digits)


class Table:
    """What ``show`` returns: in JupyterLab a table to sort, search and page (or the static one
    with Thai text left-aligned), and for the report the static table (``REPORT_MIME``)."""

    def __init__(self, frame: pd.DataFrame, *, public: bool = False, names=(), digits: int = 2):
        self.frame = mask_people(frame, names) if public else frame
        self.digits = digits
        self.static = _table.table_html(self.frame, digits=digits)

    def _repr_mimebundle_(self, include=None, exclude=None):
        if interactive.wanted():
            try:
                return {"text/html": interactive.table(self.frame, self.digits), REPORT_MIME: self.static}
            except Exception:  # noqa: BLE001 - a table itables cannot take is shown static, never lost
                pass
        return {"text/html": NOTEBOOK_STYLE + self.static}

    def _repr_html_(self) -> str:
        return self.static


def show(frame: pd.DataFrame, *, public: bool = False, names=(), digits: int = 2) -> Table:
    """A table for a notebook and its report: Thai headers as given, numbers formatted, dates in
    B.E., text escaped (form text with HTML in it shows as text), no index, the same bytes every
    run; on a phone it scrolls sideways in its own box. In JupyterLab it can be sorted and searched
    (``analysis.report.interactive``)."""
    return Table(frame, public=public, names=names, digits=digits)


def for_report(output: dict) -> dict | None:
    """A notebook output as the report shows it: a table's static view, nothing for the bundle of
    the interactive tables, anything else as it is."""
    data = output.get("data")
    if not data or ("text/html" not in data and REPORT_MIME not in data):
        return output
    if REPORT_MIME in data:
        static = data[REPORT_MIME]
        static = "".join(static) if isinstance(static, list) else static
        if not static:
            return None
        return {**output, "data": {"text/html": static}}
    html = data["text/html"]
    html = "".join(html) if isinstance(html, list) else html
    if html.startswith(NOTEBOOK_STYLE):
        return {**output, "data": {**data, "text/html": html[len(NOTEBOOK_STYLE):]}}
    return output


class Sections:
    """What ``sections`` returns: in JupyterLab each table folded under its title (one click opens
    it: six regions' tables no longer run to forty screens), in the report each title a heading
    over its table, every row printed."""

    def __init__(self, parts: dict[str, Table]):
        self.parts = parts

    def _repr_mimebundle_(self, include=None, exclude=None):
        notebook, report = [], []
        for title, part in self.parts.items():
            bundle = part._repr_mimebundle_()
            rows = len(part.frame)
            notebook.append(f"<details><summary><strong>{html.escape(title)}</strong> ({rows:,} แถว)</summary>"
                            f"{bundle['text/html']}</details>")
            report.append(f"<h3>{html.escape(title)}</h3>\n{part.static}")
        return {"text/html": "\n".join(notebook), REPORT_MIME: "\n".join(report)}


def sections(parts: dict[str, Table]) -> Sections:
    """Tables under their titles (e.g. a leaderboard per region): folded in a notebook, headed in a report."""
    return Sections(parts)
