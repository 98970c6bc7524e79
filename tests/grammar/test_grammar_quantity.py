"""The quantity grammar (analysis.grammar.quantity) tested by composing its own parts: any value
written with any sequence of parts the tables accept reads as that value, and any cell holding an
inexact word, a second number or a word of another type is held back, naming the part."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import num_to_thaiword

from analysis.grammar import parts as P
from analysis.grammar.quantity import read_quantity
from analysis.read.thai import ValueProblem

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def numeral(n: int, grouping: str, digits: str) -> str:
    text = f"{n:,}".replace(",", grouping) if grouping is not None else str(n)
    return text.translate(THAI_DIGITS if digits == "thai" else FULL_WIDTH if digits == "full" else {})


@settings(max_examples=400, deadline=None)
@given(n=st.integers(0, 10**9), grouping=st.sampled_from([",", " ", None]), digits=st.sampled_from(["ascii", "thai", "full"]),
       lead=st.sampled_from([""] + P.NEUTRAL[:8]), unit=st.sampled_from([""] + P.COUNT_UNITS[:8]),
       per_year=st.booleans(), space=st.sampled_from(["", " "]))
def test_a_count_composed_of_accepted_parts_reads_as_its_value(n, grouping, digits, lead, unit, per_year, space):
    text = f"{lead}{space}{numeral(n, grouping, digits)}{space}{unit}{'/ปี' if per_year and unit else ''}".strip()
    assert read_quantity(text, "count").value == n


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 10**8), form=st.sampled_from(["{n}", "{n} บาท", "{n}.-", "{n}.- บาท", "฿{n}", "THB {n}",
                                                     "{n} บาท ({w}บาทถ้วน)", "{n} บาท\n({w}บาทถ้วน)", "เป็นเงิน {n} บาท",
                                                     "{n}.00 บาท", "{w}บาทถ้วน"]),
       digits=st.sampled_from(["ascii", "thai", "full"]))
def test_money_with_its_amount_restated_in_words_reads_as_the_amount(n, form, digits):
    text = form.format(n=numeral(n, ",", digits), w=num_to_thaiword(n))
    assert read_quantity(text, "money").value == n


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 10**7), off=st.integers(1, 1000))
def test_a_restatement_that_says_another_amount_is_held(n, off):
    with pytest.raises(ValueProblem) as e:
        read_quantity(f"{n:,} บาท ({num_to_thaiword(n + off)}บาทถ้วน)", "money")
    assert e.value.part == "restatement"


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 10**6), word=st.sampled_from([w for w in P.INEXACT if not w.isascii()]),
       before=st.booleans(), unit=st.sampled_from(["", " ครั้ง", " คน"]))
def test_an_inexact_word_is_always_held(n, word, before, unit):
    text = f"{word} {n}{unit}" if before else f"{n}{unit} {word}"
    with pytest.raises(ValueProblem) as e:
        read_quantity(text, "count")
    assert e.value.part == "inexact" and word in e.value.th


@settings(max_examples=200, deadline=None)
@given(a=st.integers(0, 10**6), b=st.integers(0, 10**6),
       joiner=st.sampled_from(["-", " - ", " หรือ ", " ถึง ", " to ", " คน ", " / "]))
def test_two_numbers_are_never_one_value(a, b, joiner):
    with pytest.raises(ValueProblem) as e:
        read_quantity(f"{a:,}{joiner}{b:,}", "count")
    assert e.value.part in ("alternatives", "two_numbers", "fraction", "comma_decimal")


@settings(max_examples=100, deadline=None)
@given(n=st.integers(0, 100), mark=st.sampled_from(P.PERCENT), before=st.booleans())
def test_a_rate_with_any_percent_word_is_explicit(n, mark, before):
    text = f"{mark} {n}" if before else f"{n} {mark}"
    q = read_quantity(text, "percent")
    assert q.value == n and q.percent


@pytest.mark.parametrize(("text", "kind"), [("500 บาท", "count"), ("12%", "count"), ("12 ครั้ง", "money"),
                                            ("12 คะแนน", "count"), ("1.5 ล้าน", "score")])
def test_a_unit_of_another_type_is_held(text, kind):
    with pytest.raises(ValueProblem) as e:
        read_quantity(text, kind)
    assert e.value.part == "wrong_unit"


@pytest.mark.parametrize(("text", "value"), [("เปอร์เซนต์ 95", 95), ("95 เปอเซ็นต์", 95), ("ร้อยล่ะ 95", 95)])
def test_a_percent_word_one_slip_away_is_the_word(text, value):
    assert read_quantity(text, "percent") == read_quantity(f"{value}%", "percent")


@pytest.mark.parametrize("text", ["12 คืน", "12 คาน"])  # short words must be exact: คืน is not คน
def test_a_short_unknown_word_is_not_taken_for_a_unit(text):
    with pytest.raises(ValueProblem) as e:
        read_quantity(text, "count")
    assert e.value.part == "unknown_word"


def test_baht_and_satang_are_one_amount():
    assert read_quantity("2,500 บาท 50 สตางค์", "money").value == Decimal("2500.50")
    assert read_quantity("สองพันห้าร้อยบาทห้าสิบสตางค์", "money").value == Decimal("2500.5")
