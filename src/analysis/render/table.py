"""A table as HTML: headers as given, numbers formatted and right-aligned, dates in B.E., text
escaped, no index, the same bytes every run. Wrapped in a box that scrolls sideways on its own
(``div.table-wrap``), so a wide table never makes a phone's page scroll.

On paper a row that wraps onto three lines triples a long leaderboard's pages, so short values
(numbers, names of places and people, marks) keep to one line and only a column of long text
(project titles, notes, sentences: wider than ``SHORT`` "0"s) wraps (class ``w``)."""

from __future__ import annotations

import datetime as dt
import html

import numpy as np
import pandas as pd

from analysis.render.dates import be_date
from analysis.render.text import text_width

SHORT = 27  # a text column whose longest value is at most this wide keeps each value on one line


def table_html(frame: pd.DataFrame, *, digits: int = 2) -> str:
    frame = frame.reset_index(drop=True)
    texts = [[cell(v, digits) for v in frame.iloc[:, i].tolist()] for i in range(frame.shape[1])]
    classes = [_class(frame.iloc[:, i], col) for i, col in enumerate(texts)]  # once per column
    head = "".join(f"<th{_num(k)}>{html.escape(str(c))}</th>" for k, c in zip(classes, frame.columns))
    rows = ["<tr>" + "".join(f"<td{k}>{v}</td>" for k, v in zip(classes, rec)) + "</tr>"
            for rec in zip(*texts)] if texts else ["<tr></tr>"] * len(frame)
    return (f"<div class=\"table-wrap\"><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _class(series: pd.Series, texts: list[str]) -> str:
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return ' class="num"'
    longest = max((text_width(html.unescape(t)) for t in texts), default=0)
    return "" if longest <= SHORT else ' class="w"'


def _num(k: str) -> str:
    """A header's class: right-aligned over numbers (a header always wraps)."""
    return k if "num" in k else ""


def cell(value, digits: int = 2) -> str:
    """One value as the text of a cell."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "ใช่" if value else ""
    if isinstance(value, (float, np.floating)):
        return f"{value:,.{digits}f}"
    if isinstance(value, (int, np.integer)):
        return f"{value:,}"
    if isinstance(value, (dt.date, np.datetime64)):
        return html.escape(be_date(value))
    return html.escape(str(value))
