"""Tests for analysis.thai: the readers for hand-typed Thai form cells."""

from __future__ import annotations

import datetime as dt
import math
import pickle

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import arabic_digit_to_thai_digit

from analysis.read.thai import (
    DMY,
    MDY,
    ValueProblem,
    clean_text,
    format_thai_date,
    infer_date_order,
    parse_date,
    parse_datetime,
    parse_number,
    parse_percent,
    thai_digits_to_arabic,
    to_be_year,
)

JUL19 = dt.date(2021, 7, 19)


# ---------------------------------------------------------------- ValueProblem


def test_value_problem_carries_both_languages_and_pickles():
    e = ValueProblem("bad_number", "อ่านไม่ได้", "unreadable")
    assert isinstance(e, ValueError)
    assert (e.code, e.th, e.en, str(e)) == ("bad_number", "อ่านไม่ได้", "unreadable", "unreadable")
    back = pickle.loads(pickle.dumps(e))
    assert (back.code, back.th, back.en) == (e.code, e.th, e.en)


# ------------------------------------------------------------------ clean_text


@pytest.mark.parametrize(
    "raw, expected",
    [
        (None, None),
        (float("nan"), None),
        (pd.NA, None),
        ("", None),
        ("   \t\n ", None),
        ("\u200b\ufeff", None),
        (12, "12"),
        (12.0, "12"),
        (12.5, "12.5"),
        ("  อบต.\u00a0บ้านใหม่  ", "อบต. บ้านใหม่"),
        ("อบต.\u2007บ้าน\u202fใหม่", "อบต. บ้าน ใหม่"),
        ("เทศบาล\tตำบล\r\nหนองบัว", "เทศบาล ตำบล หนองบัว"),
        ("องค์การ\u200bบริหาร\u200cส่วน\u200dตำบล\u2060\ufeff", "องค์การบริหารส่วนตำบล"),
        ("เเม่ฮ่องสอน", "แม่ฮ่องสอน"),  # two Sara E typed for Sara Ae
        ("น\u0e4d\u0e32", "น\u0e33"),  # nikhahit + sara aa -> sara am
        ("กำแพงเพชร   ", "กำแพงเพชร"),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_fixes_tone_before_vowel_order():
    # ไม้เอก typed before sara u: looks the same on screen, differs in bytes
    assert clean_text("ท\u0e48\u0e38ง") == "ท\u0e38\u0e48ง"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(
    list("กขคงเแโใไะาิีึืุู่้๊๋็์ํำ ๐๑๒\u200b\u00a0\t\n\u0e4d\u0e32"))), max_size=30))
def test_clean_text_is_idempotent_and_never_empty(s):
    once = clean_text(s)
    assert once != ""
    assert clean_text(once) == once


# ------------------------------------------------------------- thai digits


@pytest.mark.parametrize(
    "raw, expected",
    [("๑๐3๐๐", "10300"), ("256๔", "2564"), ("๑๒๓,๔๐๐.๒๕ บาท", "123,400.25 บาท"), ("ก.ค.", "ก.ค.")],
)
def test_thai_digits_to_arabic(raw, expected):
    assert thai_digits_to_arabic(raw) == expected


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("๑๐3๐๐", 10300),
        ("256๔", 2564),
        ("12", 12),
        (" 12 ", 12),
        ("12 ครั้ง", 12),
        ("12ครั้ง", 12),
        ("1,250,000", 1250000),
        ("1,250,000 บาท", 1250000),
        ("1 250 000", 1250000),
        ("๑,๒๕๐,๐๐๐ บาท", 1250000),
        ("บาท 500", 500),
        ("35 คน", 35),
        ("4 ราย", 4),
        ("3 แห่ง", 3),
        ("7 เรื่อง", 7),
        ("15 อปท.", 15),
        ("15 อปท", 15),
        ("2 หน่วย", 2),
        ("5 โครงการ", 5),
        ("ร้อยละ 80", 80),
        ("80%", 80),
        ("1.5 ล้าน", 1500000),
        ("1.5 ล้านบาท", 1500000),
        ("1.1 ล้าน", 1100000),  # no float noise (1.1 * 1e6 != 1100000.0 in floats)
        ("3 แสน", 300000),
        ("2 หมื่น", 20000),
        ("ไม่มี", 0),
        ("ไม่มีเรื่อง", 0),
        ("0 เรื่อง", 0),
        ("สิบสอง", 12),
        ("สิบสองครั้ง", 12),
        ("หนึ่งล้านห้าแสนบาท", 1500000),
        ("-5", -5),
        ("12.75", 12.75),
        ("1,250.50 บาท", 1250.5),
        (12, 12),
        (12.0, 12.0),
        (12.5, 12.5),
        (None, None),
        (float("nan"), None),
        ("", None),
        ("  ", None),
        ("16 คะแนน", 16),  # a judge writing the unit
    ],
)
def test_parse_number(raw, expected):
    got = parse_number(raw)
    assert got == expected
    assert type(got) is type(expected)


def test_missing_is_not_zero():
    assert parse_number("") is None and parse_number("ไม่มี") == 0


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_a_dash_is_neither_zero_nor_blank(dash):
    # in Thai forms a dash means "none" to some and "unknown" to others: hold it, never guess
    with pytest.raises(ValueProblem) as e:
        parse_number(dash)
    assert e.value.code == "bad_number" and "0" in e.value.th
    with pytest.raises(ValueProblem):
        parse_percent(dash)


def test_integer_mode_turns_excel_float_into_int():
    got = parse_number(12.0, integer=True)
    assert got == 12 and type(got) is int


@pytest.mark.parametrize("raw", ["12.5", 12.5, "2.5 ครั้ง"])
def test_integer_mode_rejects_fractions(raw):
    with pytest.raises(ValueProblem) as e:
        parse_number(raw, integer=True)
    assert e.value.code == "not_integer"


@pytest.mark.parametrize(
    "raw",
    ["10-12", "12 หรือ 13", "1/2", "ประมาณ", "n/a", "ประมาณ 10", "1,25", "12 คน 5 ครั้ง", "คน", True, False,
     float("inf")],
)
def test_parse_number_rejects(raw):
    with pytest.raises(ValueProblem) as e:
        parse_number(raw)
    assert e.value.code == "bad_number"


def test_number_messages_name_the_text():
    with pytest.raises(ValueProblem) as e:
        parse_number("12 หรือ 13")
    assert e.value.th.startswith("อ่านค่า '12 หรือ 13' เป็นตัวเลขไม่ได้: ")
    assert e.value.en.startswith("cannot read '12 หรือ 13' as a number: ")
    assert e.value.part == "alternatives"  # the part of the grammar it failed, and what to write instead
    assert e.value.fix_th and e.value.fix_en


UNITS = ["ครั้ง", "บาท", "คน", "ราย", "แห่ง", "เรื่อง", "อปท.", "หน่วย", "โครงการ"]


@given(st.integers(min_value=-10**12, max_value=10**12), st.sampled_from(UNITS), st.booleans(), st.booleans())
def test_parse_number_round_trips_integers(n, unit, thai_digits, with_unit):
    text = f"{n:,}"
    if thai_digits:
        text = arabic_digit_to_thai_digit(text)
    if with_unit:
        text = f"{text} {unit}"
    assert parse_number(text, integer=True) == n


# ---------------------------------------------------------------- percent


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("95%", 95.0),
        ("95 %", 95.0),
        ("ร้อยละ 95", 95.0),
        ("ร้อยละ๙๕", 95.0),
        ("๙๕%", 95.0),
        ("95 เปอร์เซ็นต์", 95.0),
        ("95", 95.0),
        ("87.5", 87.5),
        (95, 95.0),
        (95.5, 95.5),
        # Excel cells formatted as percent store the fraction:
        (0.95, 95.0),
        (0.875, 87.5),
        (1, 100.0),
        (1.0, 100.0),
        ("0.95", 95.0),
        ("1", 100.0),
        (0, 0.0),
        ("0", 0.0),
        # an explicit marker means the number is already a percentage
        ("1%", 1.0),
        ("0.5%", 0.5),
        ("ร้อยละ 1", 1.0),
        (None, None),
        ("", None),
    ],
)
def test_parse_percent(raw, expected):
    got = parse_percent(raw)
    assert got == expected
    assert got is None or type(got) is float


def test_percent_fraction_has_no_float_noise():
    assert 0.07 * 100 != 7.0  # the noise this guards against
    assert parse_percent(0.07) == 7.0
    assert parse_percent(0.95) == 95.0


@pytest.mark.parametrize("raw", ["ดี", "90-95", "95%%x", "n/a", True])
def test_parse_percent_rejects(raw):
    with pytest.raises(ValueProblem) as e:
        parse_percent(raw)
    assert e.value.code == "bad_percent"


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "raw",
    [
        "19 ก.ค. 2564",
        "19 ก.ค.2564",
        "19 กค 64",
        "19 ก.ค 64",
        "19 ก.ค. พ.ศ. 2564",
        "๑๙ ก.ค. ๖๔",
        "๑๙ กรกฎาคม ๒๕๖๔",
        "19 กรกฎาคม 2564",
        "19 กรกฏาคม 2564",  # ฏ for ฎ
        "19 กรกฎา 64",
        "วันที่ 19 เดือนกรกฎาคม พ.ศ. 2564",
        "วันจันทร์ที่ 19 กรกฎาคม 2564",
        "19 กรกฎาคม พ.ศ.2564",
        "19/07/2564",
        "19/7/64",
        "19-07-2564",
        "19.07.2564",
        "2021-07-19",
        "2564-07-19",
        "2021/07/19",
        "19 Jul 2021",
        "19-Jul-2021",
        "July 19, 2021",
        "19 July 2021",
        "Jul 19, 2021",
        "Monday, July 19, 2021",
        "19 jul. 2021",
        "\u200b19 ก.ค.\u00a02564 ",
    ],
)
def test_parse_date_spellings(raw):
    assert parse_date(raw) == JUL19


@pytest.mark.parametrize(
    "raw, order, expected",
    [
        ("2021-07-19 10:15:00", DMY, dt.datetime(2021, 7, 19, 10, 15)),
        ("2021-07-19T10:15:00", DMY, dt.datetime(2021, 7, 19, 10, 15)),
        ("19/7/2021 10:15:23", DMY, dt.datetime(2021, 7, 19, 10, 15, 23)),
        ("19/7/2564, 10:15:23", DMY, dt.datetime(2021, 7, 19, 10, 15, 23)),
        ("7/19/2021 10:15:23", MDY, dt.datetime(2021, 7, 19, 10, 15, 23)),
        ("7/19/2021 10:15:23", DMY, dt.datetime(2021, 7, 19, 10, 15, 23)),  # 19 can only be the day
        ("7/5/2021 10:15:23", MDY, dt.datetime(2021, 7, 5, 10, 15, 23)),
        ("7/5/2021 10:15:23", DMY, dt.datetime(2021, 5, 7, 10, 15, 23)),
        ("7/19/2021 2:05:09 PM", MDY, dt.datetime(2021, 7, 19, 14, 5, 9)),
        ("19 ก.ค. 2564 เวลา 10.15 น.", DMY, dt.datetime(2021, 7, 19, 10, 15)),
        ("19 ก.ค. 2564", DMY, dt.datetime(2021, 7, 19)),
    ],
)
def test_parse_datetime_with_time(raw, order, expected):
    assert parse_datetime(raw, order=order) == expected


@pytest.mark.parametrize(
    "raw, month",
    [(f"1 {abbr} 2564", i) for i, abbr in enumerate(
        ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
         "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."], 1)]
    + [(f"1 {abbr} 64", i) for i, abbr in enumerate(
        ["มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย", "ตค", "พย", "ธค"], 1)]
    + [(f"1 {full} 2564", i) for i, full in enumerate(
        ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
         "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"], 1)]
    + [(f"1 {short} 2564", i) for i, short in enumerate(
        ["มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา",
         "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา"], 1)]
    + [(f"1 {en} 2021", i) for i, en in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)]
    + [(f"{en} 1, 2021", i) for i, en in enumerate(
        ["January", "February", "March", "April", "May", "June",
         "July", "August", "September", "October", "November", "December"], 1)]
    + [("1 Sept 2021", 9)],
)
def test_every_month_name(raw, month):
    assert parse_date(raw) == dt.date(2021, month, 1)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1 ม.ค. 2400", dt.date(1857, 1, 1)),  # 2400 is the lowest year read as B.E.
        ("1 ม.ค. 1900", dt.date(1900, 1, 1)),
        ("31 ธ.ค. 2200", dt.date(2200, 12, 31)),
        ("1/1/00", dt.date(1957, 1, 1)),  # 2-digit year is B.E. 25yy
        ("1/1/99", dt.date(2056, 1, 1)),
        ("29/02/2563", dt.date(2020, 2, 29)),  # 2020 A.D. is a leap year
    ],
)
def test_year_rules(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "31/02/2564",  # 31 Feb
        "29/02/2564",  # 2021 A.D. is not a leap year
        "15/13/2564",  # month 13 with a day > 12
        "2564-13-01",  # month 13, ISO
        "13/13/2564",
        "32 ก.ค. 2564",
        "19 ก.ค. 2300",  # neither B.E. nor a plausible A.D. year
        "19 ก.ค. 1850",
        "19/7/564",
        "19 ก.ค.",  # no year
        "ก.ค. 2564",  # no day
        "19 ฤดูร้อน 2564",
        "19/7/2564 25:00",
        "ปลายเดือนกรกฎาคม",
        "19/7/2564 - 20/7/2564",  # a range, not a date
        "123456",  # six digits: no Excel date serial
        "4439",  # four digits: a year or a count, not a serial
        True,
        2564,  # a bare year in a date column
        100.5,
        dt.date(2564, 2, 29),  # B.E. date cell whose A.D. date does not exist
    ],
)
def test_parse_date_rejects(raw):
    with pytest.raises(ValueProblem) as e:
        parse_date(raw)
    assert e.value.code == "bad_date"


def test_date_messages_name_the_text():
    with pytest.raises(ValueProblem) as e:
        parse_date("31/02/2564")
    assert "'31/02/2564'" in e.value.th and "'31/02/2564'" in e.value.en
    assert e.value.th.startswith("อ่านค่า")


@pytest.mark.parametrize("raw", [None, float("nan"), pd.NaT, pd.NA, "", " ", "-", "—"])
def test_parse_date_missing(raw):
    assert parse_date(raw) is None
    assert parse_datetime(raw) is None


def test_order_none_refuses_ambiguous_but_reads_clear_cases():
    with pytest.raises(ValueProblem) as e:
        parse_date("5/7/2564", order=None)
    assert e.value.code == "ambiguous_date"
    assert "5/7/2564" in e.value.en and "5/7/2564" in e.value.th
    assert parse_date("19/7/2564", order=None) == JUL19
    assert parse_date("7/19/2021", order=None) == JUL19
    assert parse_date("7/7/2564", order=None) == dt.date(2021, 7, 7)
    assert parse_date("19 ก.ค. 2564", order=None) == JUL19


def test_bad_order_is_a_programming_error():
    with pytest.raises(ValueError) as e:
        parse_date("19/7/2564", order="YMD")
    assert not isinstance(e.value, ValueProblem)


# ---------------------------------------------------- Excel date cells / serials


@pytest.mark.parametrize(
    "cell, expected",
    [
        (dt.datetime(2021, 7, 19, 10, 15), dt.datetime(2021, 7, 19, 10, 15)),
        (dt.date(2021, 7, 19), dt.datetime(2021, 7, 19)),
        (pd.Timestamp("2021-07-19 10:15"), dt.datetime(2021, 7, 19, 10, 15)),
        # B.E. typed into a date cell: Excel happily stores year 2564
        (dt.datetime(2564, 7, 19), dt.datetime(2021, 7, 19)),
        (dt.date(2564, 7, 19), dt.datetime(2021, 7, 19)),
        (dt.datetime(2567, 2, 28, 8, 30), dt.datetime(2024, 2, 28, 8, 30)),
        # Excel serial numbers (days since 1899-12-30)
        (44396, dt.datetime(2021, 7, 19)),
        (44396.0, dt.datetime(2021, 7, 19)),
        (44396.5, dt.datetime(2021, 7, 19, 12)),
        (44396.427349537, dt.datetime(2021, 7, 19, 10, 15, 23)),  # Google Forms timestamp
        (25569, dt.datetime(1970, 1, 1)),
    ],
)
def test_excel_cells(cell, expected):
    got = parse_datetime(cell)
    assert got == expected
    assert type(got) is dt.datetime and got.tzinfo is None


def test_parse_date_drops_time_and_keeps_dates():
    assert parse_date(dt.datetime(2564, 7, 19, 23, 59)) == JUL19
    assert parse_date(44396.99) == JUL19
    assert type(parse_date("19 ก.ค. 2564")) is dt.date


# --------------------------------------------------------- infer_date_order


@pytest.mark.parametrize(
    "column, expected",
    [
        (["19/7/2564", "5/7/2564", "01/08/2564"], DMY),
        (["7/19/2021 10:15:23", "7/5/2021 09:00:00", "8/1/2021 8:00:01"], MDY),
        (["19/7/2564", "7/19/2021"], None),  # inconsistent column
        (["5/7/2564", "1/2/2564"], DMY),  # no evidence: Thai convention
        ([], DMY),
        (["19 ก.ค. 2564", None, float("nan"), 44396, "2021-07-13"], DMY),  # nothing numeric a/b/y
        (["๑๙/๗/๒๕๖๔", "5/7/2564"], DMY),  # Thai digits count as evidence
        (["7-19-2021", "7.5.2021"], MDY),
        (["13/1/2564, 10:00:00"], DMY),
    ],
)
def test_infer_date_order(column, expected):
    assert infer_date_order(column) == expected


def test_inferred_order_feeds_parse():
    column = ["7/19/2021 10:15:23", "7/5/2021 09:00:00"]
    order = infer_date_order(column)
    assert [parse_date(v, order=order) for v in column] == [JUL19, dt.date(2021, 7, 5)]


# ------------------------------------------------------------ formatting


def test_to_be_year():
    assert to_be_year(2021) == 2564
    assert to_be_year(1957) == 2500


@pytest.mark.parametrize(
    "d, full, expected",
    [
        (JUL19, False, "19 ก.ค. 2564"),
        (JUL19, True, "19 กรกฎาคม 2564"),
        (dt.date(2024, 2, 1), False, "1 ก.พ. 2567"),
        (dt.datetime(2020, 12, 31, 23, 0), True, "31 ธันวาคม 2563"),
    ],
)
def test_format_thai_date(d, full, expected):
    assert format_thai_date(d, full_month=full) == expected


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)), st.booleans())
def test_format_then_parse_round_trips(d, full):
    assert parse_date(format_thai_date(d, full_month=full)) == d
    assert parse_date(arabic_digit_to_thai_digit(format_thai_date(d, full_month=full))) == d


def test_nan_float_is_missing_everywhere():
    nan = math.nan
    assert clean_text(nan) is None
    assert parse_number(nan) is None
    assert parse_percent(nan) is None
    assert parse_datetime(nan) is None


_CELL_ALPHABET = "0123456789๐๑๙/-.,: %กคมยพศนวัที่าำเดือนร้อยละบาทล้านJulyAPMT\u00a0\u200b"
_CELL_TEXT = st.text(alphabet=st.sampled_from(list(_CELL_ALPHABET)), max_size=25)


@settings(max_examples=300, deadline=None)
@given(_CELL_TEXT)
def test_readers_fail_only_with_value_problem(s):
    """Whatever is typed, callers only ever need to catch ValueProblem."""
    for reader in (parse_number, parse_percent, parse_datetime):
        try:
            reader(s)
        except ValueProblem as e:
            assert e.code in {"bad_number", "not_integer", "bad_percent", "bad_date", "ambiguous_date"}
            assert e.th and e.en


# ---------------------------------------------------------------------- issue 12: cells as people type them
@pytest.mark.parametrize(("raw", "expected"), [
    ("2,823,000.-", 2823000), ("๓,๑๙๗,๕๐๐.-บาท", 3197500), ("1,000.- บาท", 1000), ("2,500-", 2500),
    ("จำนวน 11 ครั้ง", 11), ("ทั้งหมด 12 เรื่อง", 12), ("23 แห่ง/ปี", 23), ("12 ครั้งต่อปี", 12),
    ("2.8 ลบ.", 2_800_000), ("ไม่มีเรื่องร้องเรียน", 0), ("ไม่มีการประชุม", 0),
])
def test_numbers_as_thai_offices_type_them(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["ประมาณ 12", "12 ครั้ง/เดือน", "10-12", "-"])
def test_numbers_that_are_not_one_number_stay_refused(raw):
    with pytest.raises(ValueProblem):
        parse_number(raw)


@pytest.mark.parametrize("raw", ["44396", "๔๔๓๙๖", "44396.0"])
def test_an_excel_serial_typed_as_text_is_a_date(raw):
    assert parse_date(raw) == dt.date(2021, 7, 19)


def test_a_19xx_date_cell_is_a_two_digit_be_year_only_where_the_column_shows_it():
    from analysis.read.thai import two_digit_be_years

    cell = dt.date(1955, 9, 14)  # "14/9/55" typed into Excel
    with pytest.raises(ValueProblem) as e:
        parse_date(cell)
    assert "2555" in e.value.th
    assert parse_date(cell, two_digit_be=True) == dt.date(2012, 9, 14)
    assert two_digit_be_years([cell, dt.date(1964, 7, 19)])  # the same convention twice
    assert two_digit_be_years([cell, "19/7/64"])
    assert two_digit_be_years([cell, "1 ม.ค. 2560"])
    assert not two_digit_be_years([cell])  # alone: nothing to tell by
    assert not two_digit_be_years([cell, dt.date(1964, 7, 19), dt.date(2021, 7, 19)])  # A.D. dates too
    assert not two_digit_be_years([cell, "2021-07-19"])
