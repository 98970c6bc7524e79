"""The date grammar (analysis.grammar.dates) tested by composing its parts: any date written with
any mix of the spellings Thai offices, Google Forms and Excel use reads as that date (and time),
and a cell that says two dates, no day or a weekday of another date is held back, naming the part."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util.date import thai_abbr_months, thai_full_months

from analysis.read.thai import DMY, MDY, ValueProblem, parse_datetime

THAI_WEEKDAYS = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
dates = st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))


@st.composite
def written_date(draw, d: dt.date) -> str:
    """``d`` written one of the ways a Thai form, a Google export or Excel writes a day."""
    be = d.year + 543
    day = draw(st.sampled_from([str(d.day), f"{d.day:02d}"]))
    style = draw(st.sampled_from(["thai_name", "numeric_be", "numeric_be2", "english", "iso", "ymd_slash"]))
    if style == "thai_name":
        month = draw(st.sampled_from([thai_full_months[d.month - 1], thai_abbr_months[d.month - 1],
                                      thai_abbr_months[d.month - 1].replace(".", "")]))
        year = draw(st.sampled_from([str(be), f"พ.ศ. {be}", str(be)[2:]]))
        text = f"{day} {month} {year}"
        if draw(st.booleans()):
            text = f"วัน{THAI_WEEKDAYS[d.weekday()]}ที่ {text}"
    elif style == "numeric_be":
        text = f"{day}{(sep := draw(st.sampled_from(['/', '-', '.'])))}{d.month}{sep}{be}"
    elif style == "numeric_be2":
        text = f"{day}/{d.month:02d}/{str(be)[2:]}"
    elif style == "english":
        name = draw(st.sampled_from([calendar.month_name[d.month], calendar.month_abbr[d.month]]))
        text = draw(st.sampled_from([f"{day} {name} {d.year}", f"{name} {d.day}, {d.year}",
                                     f"{calendar.day_name[d.weekday()]}, {name} {d.day}, {d.year}"]))
    elif style == "iso":
        text = d.isoformat()
    else:
        text = f"{d.year}/{d.month:02d}/{d.day:02d}"
    if draw(st.booleans()):
        text = text.translate(THAI_DIGITS)
    return text


@settings(max_examples=500, deadline=None)
@given(d=dates, data=st.data())
def test_a_date_written_any_accepted_way_reads_as_that_date(d, data):
    text = data.draw(written_date(d))
    assert parse_datetime(text, order=DMY) == dt.datetime.combine(d, dt.time()), text


@settings(max_examples=300, deadline=None)
@given(when=st.datetimes(dt.datetime(2019, 1, 1), dt.datetime(2030, 12, 31)).map(lambda t: t.replace(microsecond=0)),
       offset=st.integers(-12, 14), style=st.sampled_from(["iso", "iso_basic", "forms", "gmt"]))
def test_a_timestamp_in_any_zone_reads_as_thai_wall_clock_time(when, offset, style):
    """An instant written in any zone is the same instant in Thailand (+07:00, all year)."""
    zone = dt.timezone(dt.timedelta(hours=offset))
    local = when.replace(tzinfo=dt.timezone(dt.timedelta(hours=7))).astimezone(zone)
    sign = "+" if offset >= 0 else "-"
    if style == "iso":
        text = local.isoformat()
    elif style == "iso_basic":
        text = local.strftime("%Y%m%dT%H%M%S") + f"{sign}{abs(offset):02d}00"
    elif style == "forms":  # Google Forms' download: 2021/07/22 2:30:45 PM GMT+7
        hour = local.hour % 12 or 12
        text = f"{local:%Y/%m/%d} {hour}:{local:%M:%S} {'PM' if local.hour >= 12 else 'AM'} GMT{sign}{abs(offset)}"
    else:
        text = f"{local:%Y-%m-%d %H:%M:%S} UTC{sign}{abs(offset):02d}:00"
    assert parse_datetime(text) == when, text


@settings(max_examples=100, deadline=None)
@given(d=dates, other=st.integers(1, 6))
def test_a_weekday_of_another_date_is_held(d, other):
    text = f"วัน{THAI_WEEKDAYS[(d.weekday() + other) % 7]}ที่ {d.day} {thai_full_months[d.month - 1]} {d.year + 543}"
    with pytest.raises(ValueProblem) as e:
        parse_datetime(text)
    assert e.value.part == "weekday"


@pytest.mark.parametrize(("text", "part"), [
    ("19/7/2564 - 20/7/2564", "two_dates"), ("19-20 ก.ค. 2564", "two_dates"), ("ก.ค. 2564", "no_day"),
    ("19 ก.ค.", "no_year"), ("2564", "no_day"), ("พ.ศ. 2021", "no_day"), ("19 ก.ค. พ.ศ. 2021", "era"),
    ("31/2/2564", "no_such_day"), ("19 ฤดูร้อน 2564", "unknown_word"), ("19/7/2564 25:00", "bad_time"),
])
def test_what_is_not_one_date_is_held_naming_the_part(text, part):
    with pytest.raises(ValueProblem) as e:
        parse_datetime(text)
    assert e.value.part == part, (text, e.value.part)
    assert e.value.fix_th and e.value.fix_en


def test_a_day_month_order_the_column_does_not_show_is_refused_unless_told():
    assert parse_datetime("7/6/2021", order=DMY) == dt.datetime(2021, 6, 7)
    assert parse_datetime("7/6/2021", order=MDY) == dt.datetime(2021, 7, 6)
    with pytest.raises(ValueProblem) as e:
        parse_datetime("7/6/2021", order="BE_DMY")  # an English-headed column: A.D. d/m is unknown
    assert e.value.code == "ambiguous_date"
    assert parse_datetime("7/6/2564", order="BE_DMY") == dt.datetime(2021, 6, 7)  # B.E. is day first
