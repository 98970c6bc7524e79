"""Spelling a true value as a cell: the renderer of the axes' templates.

Every function takes the TRUE value the composer chose and a spelling drawn from the tables,
and returns the cell as written. Nothing here reads a cell: the truth is never computed from
what was written (the generator must not share a parser with the reader it measures).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from unseen.words import (BE_OFFSET, DIGIT_SYSTEMS, EN_MON, EN_MONTH, EN_WD, EN_WEEKDAY, TH_MON, TH_MON_BARE,
                          TH_MONTH, TH_WEEKDAY, baht_words)

THAI_LOCAL = dt.timezone(dt.timedelta(hours=7))
EXCEL_EPOCH = dt.date(1899, 12, 30)
_THAI_MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_UPPER_VOWELS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47")
_TONES = set("\u0e48\u0e49\u0e4a\u0e4b")


class Native:
    """A cell that is not text: an Excel number, date, date-time or percent cell."""

    def __init__(self, kind: str, value):
        self.kind, self.value = kind, value

    def __repr__(self) -> str:
        return f"<{self.kind} {self.value!r}>"


def is_thai_style(template: str) -> bool:
    """A cell a clerk types in Thai (Thai words or a B.E. year) may carry Thai digits; a
    machine's spelling (ISO, a Forms timestamp, English) never does."""
    return "{be" in template or "{serial" not in template and any("\u0e00" <= ch <= "\u0e7f" for ch in template)


# ---------------------------------------------------------------- digits and numbers
def digits(text: str, systems: tuple[str, ...], rng: random.Random) -> str:
    """ASCII digits of ``text`` written in ``systems``; two systems mix within the number
    (both appear when there are two digits or more)."""
    if systems == ("ascii",):
        return text
    idx = [i for i, ch in enumerate(text) if ch.isascii() and ch.isdigit()]
    if not idx:
        return text
    chosen = {i: systems[0] for i in idx}
    if len(systems) > 1:
        for i in idx:
            chosen[i] = rng.choice(systems)
        if len(idx) > 1 and len(set(chosen.values())) == 1:   # make it a real mix
            chosen[idx[0]], chosen[idx[-1]] = systems[0], systems[1]
    out = list(text)
    for i in idx:
        out[i] = DIGIT_SYSTEMS[chosen[i]][int(text[i])]
    return "".join(out)


def number_text(value: Decimal, grouping: str, decimals: str) -> str:
    """A number in ASCII digits: grouped by thousands with ``grouping`` (from 1,000), and with
    ``decimals`` ("" as the value has them, ".00"/".2f" two places)."""
    value = Decimal(value)
    if decimals in (".00", ".2f"):
        text = f"{value:.2f}"
    else:
        text = format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    if grouping and len(whole) > 3:
        groups = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = grouping.join(groups)
    return sign + whole + ("." + frac if frac else "")


def fill(template: str, **values) -> str:
    return template.format_map(values)


# ---------------------------------------------------------------- dates
def date_fields(d: dt.date) -> dict:
    be = d.year + BE_OFFSET
    return {"d": d.day, "dd": f"{d.day:02d}", "m": d.month, "mm": f"{d.month:02d}", "mon": TH_MON[d.month - 1],
            "mon_nodot": TH_MON[d.month - 1][:-1], "mon_bare": TH_MON_BARE[d.month - 1],
            "month": TH_MONTH[d.month - 1], "mon_en": EN_MON[d.month - 1], "month_en": EN_MONTH[d.month - 1],
            "be": be, "be2": f"{be % 100:02d}", "ad": d.year, "ad2": f"{d.year % 100:02d}",
            "wd": TH_WEEKDAY[d.weekday()], "wd_en": EN_WEEKDAY[d.weekday()], "wd_en3": EN_WD[d.weekday()],
            "wd_wrong": TH_WEEKDAY[(d.weekday() + 1) % 7], "serial": (d - EXCEL_EPOCH).days}


def time_fields(t: dt.datetime) -> dict:
    h12 = t.hour % 12 or 12
    return {"H": t.hour, "HH": f"{t.hour:02d}", "h": h12, "MM": f"{t.minute:02d}", "SS": f"{t.second:02d}",
            "ampm": "AM" if t.hour < 12 else "PM", "ampm_th": "ก่อนเที่ยง" if t.hour < 12 else "หลังเที่ยง",
            "frac": f"{t.microsecond // 1000:03d}"}


def render_date(d: dt.date, template: str, systems: tuple[str, ...], rng: random.Random):
    """A date as ``template`` spells it (``@date`` an Excel date cell, ``@date_be`` a date cell
    whose year is the B.E. year typed into Thai Excel)."""
    if template == "@date":
        return Native("date", d)
    if template == "@date_be":
        return Native("date", d.replace(year=d.year + BE_OFFSET))
    text = fill(template, **date_fields(d))
    return digits(text, systems, rng) if is_thai_style(template) else text


def render_datetime(local: dt.datetime, template: str, offset: int | None, systems, rng):
    """A date-time whose TRUE value is ``local`` (Thailand's wall clock), written as the
    instant in UTC+``offset`` when the spelling names another zone (``Z``: 7 hours earlier)."""
    if template == "@datetime":
        return Native("datetime", local)
    shown = local
    if offset is not None:
        shown = local.replace(tzinfo=THAI_LOCAL).astimezone(dt.timezone(dt.timedelta(hours=offset))).replace(tzinfo=None)
    text = fill(template, **date_fields(shown.date()), **time_fields(shown))
    return digits(text, systems, rng) if is_thai_style(template) else text


# ---------------------------------------------------------------- character forms
def _boundaries(text: str) -> list[int]:
    """Places between two characters where an inserted character splits no Thai cluster."""
    return [i for i in range(1, len(text)) if text[i] not in _THAI_MARKS]


def insert_invisible(text: str, ch: str, rng: random.Random) -> str:
    where = rng.choice(["lead", "trail", "inner"] if len(text) > 1 else ["lead", "trail"])
    if where == "lead":
        return ch + text
    if where == "trail":
        return text + ch
    i = rng.choice(_boundaries(text) or [len(text)])
    return text[:i] + ch + text[i:]


def replace_space(text: str, ch: str, rng: random.Random) -> str:
    """One space of ``text`` written as ``ch`` (or ``ch`` after the text when it has none)."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text + ch if ch.strip() == "" and ch != "\t" else text
    i = rng.choice(spaces)
    return text[:i] + ch + text[i + 1:]


def tone_before_vowel(text: str) -> str:
    """A tone mark typed before the upper vowel it sits over (ที่ as ท + ่ + ี): it looks the same."""
    out = list(text)
    for i in range(1, len(out) - 1):
        if out[i] in _UPPER_VOWELS and out[i + 1] in _TONES:
            out[i], out[i + 1] = out[i + 1], out[i]
    return "".join(out)


def thai_form(text: str, spec) -> str:
    if spec == "tone_order":
        return tone_before_vowel(text)
    src, dst = spec
    return text.replace(src, dst)


def thai_form_applies(text: str, spec) -> bool:
    if spec == "tone_order":
        return tone_before_vowel(text) != text
    return spec[0] in text


def width(text: str, spec) -> str:
    if spec == "letters":
        return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in text)
    return "".join(spec.get(c, c) for c in text)


def width_applies(text: str, spec) -> bool:
    if spec == "letters":
        return any(c.isascii() and c.isalpha() for c in text)
    return any(c in spec for c in text)


def money_words(amount: Decimal) -> str:
    return baht_words(amount)
