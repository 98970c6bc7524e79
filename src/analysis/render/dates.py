"""Dates as a Thai reader expects them: day, Thai month, B.E. year ("10 ก.ค. 2568").

Reports are otherwise B.E. throughout; a date written "2025-07-10" in the middle of them reads as
a foreign document. A time of day is kept when there is one ("10 ก.ค. 2568 14:59 น.").
"""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
from pythainlp.util.date import thai_abbr_months, thai_full_months  # not re-exported by pythainlp.util 5.x

BE_OFFSET = 543
THAI_TZ = dt.timezone(dt.timedelta(hours=7), "Asia/Bangkok")  # no daylight saving: a fixed offset
# Excel's number format for a B.E. date in Thai (locale 041E, calendar 07 = Thai Buddhist):
# Excel and LibreOffice both show 45848 as "10 ก.ค. 2568".
EXCEL_BE_DATE = "[$-107041E]d mmm yyyy"
EXCEL_BE_DATETIME = "[$-107041E]d mmm yyyy hh:mm"


def be_date(value, *, full_month: bool = False) -> str:
    """A date (``datetime.date``, ``datetime``, ``pandas.Timestamp``, ``numpy.datetime64``) as
    "10 ก.ค. 2568", with its time ("10 ก.ค. 2568 14:59 น.") when it has one other than midnight.
    Blank for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # NaT is a datetime too
        return ""
    if not isinstance(value, dt.date):
        value = pd.Timestamp(value).to_pydatetime()
    months = thai_full_months if full_month else thai_abbr_months
    text = f"{value.day} {months[value.month - 1]} {value.year + BE_OFFSET}"
    if isinstance(value, dt.datetime) and (value.hour, value.minute) != (0, 0):
        text += f" {value:%H:%M} น."
    return text


def report_date(paths=()) -> dt.date:
    """The date a report says it was made, the same for the same inputs (reproducible builds):
    ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention) when it is set,
    otherwise the day the newest of ``paths`` was last modified (the last form that came in, or the
    last edit of the rubric), in Thai time. With neither, 1 January 1970."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        stamp = int(epoch)
    else:
        times = [os.stat(p).st_mtime for p in paths if os.path.exists(p)]
        stamp = max(times) if times else 0
    return dt.datetime.fromtimestamp(stamp, THAI_TZ).date()
