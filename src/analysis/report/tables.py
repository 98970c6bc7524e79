"""Tables in a notebook and its report, with the public edition's names masked."""

from __future__ import annotations

import pandas as pd

from analysis.render import table as _table
from analysis.report.names import mask_people


def table_html(frame: pd.DataFrame, *, public: bool = False, names=(), digits: int = 2) -> str:
    """``render.table.table_html`` after masking names in the public edition."""
    return _table.table_html(mask_people(frame, names) if public else frame, digits=digits)


def show(frame: pd.DataFrame, *, public: bool = False, names=(), digits: int = 2):
    """A table for a notebook and its report: Thai headers as given, numbers formatted, dates in
    B.E., text escaped (form text with HTML in it shows as text), no index, the same bytes every
    run; on a phone it scrolls sideways in its own box."""
    from IPython.display import HTML

    return HTML(table_html(frame, public=public, names=names, digits=digits))
