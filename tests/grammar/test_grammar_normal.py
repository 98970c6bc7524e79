"""The one normalisation of every cell (analysis.grammar.normal), as a property: a cell written
with any mix of digit systems, width forms, spaces, invisible characters and decomposed Thai
vowels reads, by every reader, the same as its plain spelling."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import places
from analysis.read import headers
from analysis.grammar.normal import normal
from analysis.read.thai import ValueProblem, clean_text, parse_datetime, parse_number, parse_percent

# Every way of writing a digit: ASCII, Thai, full-width, Arabic-Indic, mathematical bold.
DIGIT_SYSTEMS = [0x30, 0x0E50, 0xFF10, 0x0660, 0x1D7CE]
SPACES = [" ", "\u00a0", "\u2009", "\u202f", "\u3000", "\u2007", "\t"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e"]
DASHES = ["-", "\u2013", "\u2212", "\uff0d"]


@st.composite
def written(draw, plain: str) -> str:
    """``plain`` as someone might have typed or pasted it."""
    out = []
    for ch in plain:
        if ch.isdigit():
            ch = chr(draw(st.sampled_from(DIGIT_SYSTEMS)) + int(ch))
        elif ch == " ":
            ch = draw(st.sampled_from(SPACES))
        elif ch == "-":
            ch = draw(st.sampled_from(DASHES))
        elif ch == "\u0e33":  # ำ typed as nikhahit + sara aa, or in a PDF's order
            ch = draw(st.sampled_from(["\u0e33", "\u0e4d\u0e32", "\u0e32\u0e4d"]))
        elif ch == "\u0e41":  # แ typed as two เ
            ch = draw(st.sampled_from(["\u0e41", "\u0e40\u0e40"]))
        elif "!" <= ch <= "~" and not ch.isalnum() or ch.isascii() and ch.isalpha():
            ch = draw(st.sampled_from([ch, chr(ord(ch) - 0x21 + 0xFF01)]))  # the full-width form
        out.append(ch)
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    lead = draw(st.sampled_from(["", " ", "\u200b", "\ufeff", "\u00a0"]))
    return lead + "".join(out) + draw(st.sampled_from(["", " ", "\u200b", "\u3000"]))


def outcome(read, text):
    """What a reader makes of a text: its value, or the kind and part of its problem."""
    try:
        return ("value", read(text))
    except ValueProblem as e:
        return ("problem", e.code, e.part)


NUMBERS = ["12", "12 ครั้ง", "จำนวน 11 ครั้ง", "1,250,000 บาท", "1.5 ล้านบาท", "2,823,000.-",
           "1,250,000 บาท (หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน)", "ไม่มีเรื่องร้องเรียน", "ประมาณ 12", "10-12",
           "23 แห่ง/ปี", "-5", "12.75", "15 อปท.", "12 คน 5 ครั้ง"]
PERCENTS = ["95", "95%", "ร้อยละ 95", "95 เปอร์เซ็นต์", "0.95", "87.5 %", "90-95"]
DATES = ["19 ก.ค. 2564", "19/7/2564", "19/07/64", "2021-07-19", "2021-07-22T14:30:00+07:00",
         "2021/07/22 2:30:45 PM GMT+7", "4/8/2021, 18:34:26", "วันจันทร์ที่ 19 กรกฎาคม พ.ศ. 2564",
         "19 ก.ค. 2564 เวลา 10.15 น.", "July 19, 2021", "19/7/2564 - 20/7/2564", "ก.ค. 2564"]
PLACES = [("เชียงใหม่", "สันทราย"), ("จ.ลำปาง", "อ.เกาะคา"), ("นครศรีฯ", "เมือง"), ("แม่ฮ่องสอน", "แม่สะเรียง"),
          ("กำแพงเพชร", "คลองลาน"), ("Chiang Mai", "Mae Rim"), ("ลำพูน", "อำเภอแม่ทา")]
HEADERS = ["จังหวัด", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่แก้ไขแล้ว", "จำนวน อปท.",
           "งบประมาณ (บาท)", "วันที่ส่ง", "1. อำเภอ *", "A3 (25 คะแนน)"]


@settings(max_examples=40, deadline=None)
@given(st.data())
@pytest.mark.parametrize("plain", NUMBERS)
def test_a_number_reads_the_same_however_it_is_written(plain, data):
    assert outcome(parse_number, data.draw(written(plain))) == outcome(parse_number, plain)


@settings(max_examples=30, deadline=None)
@given(st.data())
@pytest.mark.parametrize("plain", PERCENTS)
def test_a_rate_reads_the_same_however_it_is_written(plain, data):
    assert outcome(parse_percent, data.draw(written(plain))) == outcome(parse_percent, plain)


@settings(max_examples=30, deadline=None)
@given(st.data())
@pytest.mark.parametrize("plain", DATES)
def test_a_date_reads_the_same_however_it_is_written(plain, data):
    assert outcome(parse_datetime, data.draw(written(plain))) == outcome(parse_datetime, plain)


@settings(max_examples=25, deadline=None)
@given(st.data())
@pytest.mark.parametrize(("province", "district"), PLACES)
def test_a_place_reads_the_same_however_it_is_written(province, district, data):
    p, d = data.draw(written(province)), data.draw(written(district))
    got, want = places.resolve(p, d), places.resolve(province, district)
    assert (got.province_code, got.district_code, got.problem) == (want.province_code, want.district_code, want.problem)
    assert want.district_code  # the plain spellings are real places


@settings(max_examples=25, deadline=None)
@given(st.data())
@pytest.mark.parametrize("plain", HEADERS)
def test_a_header_names_the_same_field_however_it_is_written(plain, data):
    assert headers.match(data.draw(written(plain))).field == headers.match(plain).field is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_normal_is_idempotent_and_leaves_no_odd_characters(text):
    once = normal(text)
    assert normal(once) == once
    assert "  " not in once and once == once.strip()
    assert not any(c in once for c in INVISIBLE + SPACES[1:])
    assert not any(0xFF01 <= ord(c) <= 0xFF5E for c in once)  # no full-width form is left
    assert "\u0e4d\u0e32" not in once and "\u0e32\u0e4d" not in once


def test_nfkc_is_not_applied_to_thai():
    # NFKC would split ำ into ํ + า: the Thai text must come out composed, as typed
    assert normal("กำแพงเพชร") == "กำแพงเพชร"
    assert normal("ก\u0e4d\u0e32แพงเพชร") == "กำแพงเพชร"
    assert clean_text("ลําปาง") == "ลำปาง"


def test_every_digit_system_is_a_digit():
    assert parse_number("๑๐3๐๐") == 10300
    assert parse_number("２４ ครั้ง") == 24
    assert parse_number("\U0001d7d7\u0669") == 99  # mathematical bold 9, Arabic-Indic 9
    assert parse_percent("９０％") == 90.0
    assert parse_datetime("２２/７/２๕๖๔") == dt.datetime(2021, 7, 22)
