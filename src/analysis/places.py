"""Provinces, districts and regions, and the rules for reading a place name typed by hand.

The names come from ``geothai`` (DOPA codes, Thai and English names). This module adds what
the forms need on top: the four-region scheme, Bangkok being out of scope, short names and
well-known misspellings, ``ฯ`` abbreviations, ``เมือง`` for the capital district, and the
rule that fuzzy matching only *suggests*: it resolves a place on its own only when the other
field (district for a province, or the reverse) confirms it beyond doubt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import geothai
import pandas as pd
from rapidfuzz import fuzz, process

from analysis.read.thai import clean_text
from analysis.vocab import REGIONS  # the regions' order and Thai names, shared by every step

BANGKOK = "10"

# The four-region scheme used across the Ministry of Interior (Central includes East and West).
_REGION_BY_CODE_RANGE = [
    (range(11, 28), "central"),
    (range(30, 50), "northeast"),
    (range(50, 68), "north"),
    (range(70, 78), "central"),
    (range(80, 97), "south"),
]

# Names people write for a province that are not its official Thai or English name: short
# names, old spellings and misspellings common enough to be certain. Keys are in key() form.
PROVINCE_ALIASES = {
    "กทม": "10", "กรุงเทพ": "10", "กรุงเทพฯ": "10", "bkk": "10",
    "อยุธยา": "14", "กรุงเก่า": "14", "ayutthaya": "14", "ayudhya": "14",
    "แปดริ้ว": "24", "ปากน้ำ": "11",
    "โคราช": "30", "korat": "30", "khorat": "30",
    "บุรีรัมณ์": "31", "บุรีรัม": "31",
    "ศรีษะเกษ": "33", "ศีรษะเกษ": "33", "ศรีสะเกศ": "33", "sisaket": "33",
    "อุบล": "34", "ubon": "34",
    "หนองบัว": "39",
    "อุดร": "41", "udon": "41",
    "สารคาม": "44",
    "กาฬสินธ์": "46", "กาฬสินธุ": "46", "กาละสินธุ์": "46",
    "อุตรดิษฐ์": "53", "อุตรดิตถ": "53",
    "ปากน้ำโพ": "60",
    "เพชรบูร": "67", "เพชรบูรณ": "67",
    "กาญจน์": "71", "เมืองกาญจน์": "71",
    "สุพรรณ": "72",
    "เพ็ชรบุรี": "76",
    "ประจวบ": "77",
    "นครศรี": "80", "นครศรีธรรมราษฎร์": "80",
    "สุราษฎร์": "84", "สุราษ": "84", "สุราษฏร์ธานี": "84", "สุราษร์ธานี": "84",
    # other romanisations in common use
    "samutprakarn": "11", "sakaew": "27", "chantaburi": "22", "chiengmai": "50",
    "chiengrai": "57", "pichit": "66", "petchabun": "67", "phetburi": "76", "petchaburi": "76",
    "prachuab": "77", "chumporn": "86", "nakornratchasima": "30", "nakornsithammarat": "80",
    "nakornsawan": "60", "nakornpathom": "73", "nakornphanom": "48", "nakornnayok": "26",
    "bungkan": "38", "nongbualumphu": "39", "roiet": "45",
}

_CAPITAL_WORDS = {"เมือง", "mueang", "muang", "meuang"}
# A prefix that says which level a name is, in Thai or English, with or without a dot.
_PROVINCE_PREFIX = re.compile(r"^(?:จังหวัด|จ\.|จ\s+|changwat\s+|province\s+(?:of\s+)?)", re.I)
_PROVINCE_SUFFIX = re.compile(r"\s+province$", re.I)
_DISTRICT_PREFIX = re.compile(r"^(?:กิ่ง\s*อำเภอ|กิ่ง\s*อ\.\s*|กิ่ง\s+อ\s+|อำเภอ|อ\.|อ\s+|เขต|amphoe\s+|amphur\s+|district\s+(?:of\s+)?)", re.I)
_DISTRICT_SUFFIX = re.compile(r"\s+district$", re.I)
# "สันทราย จ.เชียงใหม่": a district cell that also names its province.
_TRAILING_PROVINCE = re.compile(r"\s*(?:จังหวัด|จ\.)\s*([^\s()\[\]]+)$")
# "เวียงชัย (จ.เชียงราย)", "เวียงชัย, เชียงราย": a province in brackets or after a comma.
_BRACKETED_PROVINCE = re.compile(r"\s*[(\[]\s*((?:จังหวัด|จ\.)?\s*[^()\[\]]+?)\s*[)\]]$")
_COMMA_PROVINCE = re.compile(r"\s*,\s*((?:จังหวัด|จ\.)?\s*[^,]+?)$")
# "เชียงราย อ.เวียงชัย": a district written in the province cell.
_DISTRICT_IN_PROVINCE = re.compile(r"^(.+?)\s*((?:กิ่ง\s*)?(?:อำเภอ|อ\.)\s*\S+)$")

SUGGEST_MIN_SCORE = 70  # below this, a fuzzy candidate is not worth showing
CONFIRM_MIN_SCORE = 75  # a typo'd province must be at least this close to the confirmed one


def key(text: str) -> str:
    """Reduce a name to the form names are compared in (geothai's: no spaces, dots, case)."""
    k = geothai.normalize(text)
    # English spellings differ in how they write the capital-district word.
    return re.sub(r"^(?:muang|meuang)", "mueang", k)


def region_of(province_code: str) -> str | None:
    """The region key (north, northeast, central, south) of an in-scope province."""
    try:
        number = int(province_code)
    except (TypeError, ValueError):
        return None
    return next((r for span, r in _REGION_BY_CODE_RANGE if number in span), None)


@cache
def provinces() -> pd.DataFrame:
    """The 76 provinces in scope (Bangkok excluded) with names and region."""
    rows = [
        {
            "province_code": p.code,
            "province_name": p.name_th,
            "province_name_en": p.name_en,
            "region": region_of(p.code),
            "region_name": REGIONS[region_of(p.code)],
            "districts": len(geothai.districts(p.code)),
        }
        for p in geothai.provinces()
        if p.code != BANGKOK
    ]
    return pd.DataFrame(rows)


@cache
def districts() -> pd.DataFrame:
    """The 878 districts in scope with their province."""
    rows = [
        {"district_code": d.code, "district_name": d.name_th, "district_name_en": d.name_en,
         "province_code": d.province_code}
        for p in geothai.provinces() if p.code != BANGKOK
        for d in geothai.districts(p.code)
    ]
    return pd.DataFrame(rows)


@cache
def _thai_order() -> dict[str, int]:
    from pythainlp.util import collate  # here: only a sorted list of names needs it

    return {name: i for i, name in enumerate(collate(list(provinces()["province_name"])))}


def thai_sort_key(text: str) -> int:
    """Thai dictionary order (a leading vowel such as เ or แ sorts by the consonant after it),
    as pythainlp's collate gives it: the position among all province names."""
    order = _thai_order()
    return order.get(str(text), len(order))


def province_name(code: str) -> str | None:
    p = geothai.province(code) if code else None
    return p.name_th if p else None


def district_name(code: str) -> str | None:
    d = geothai.district(code) if code else None
    return d.name_th if d else None


@dataclass(frozen=True)
class Place:
    """The outcome of reading one (province, district) pair.

    ``problem`` is None when the place is resolved; otherwise a reason code with Thai and
    English messages, and ``suggestion`` says what the analyst may have meant.
    """

    province_code: str | None = None
    district_code: str | None = None
    method: str | None = None  # exact | alias | abbreviation | capital | confirmed_fuzzy
    problem: str | None = None
    th: str | None = None
    en: str | None = None
    suggestion: str | None = None


@cache
def _province_index() -> dict[str, str]:
    index = {}
    for p in geothai.provinces():
        index[key(p.name_th)] = p.code
        index[key(p.name_en)] = p.code
    for alias, code in PROVINCE_ALIASES.items():
        index.setdefault(key(alias), code)
    return index


@cache
def _district_index() -> dict[str, tuple[str, ...]]:
    """District key -> codes (a few names, such as เฉลิมพระเกียรติ, exist in several provinces)."""
    index: dict[str, set[str]] = {}
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            for name in (d.name_th, d.name_en):
                index.setdefault(key(name), set()).add(d.code)
    return {k: tuple(sorted(v)) for k, v in index.items()}


@cache
def _province_choices() -> dict[str, str]:
    """Thai names, for fuzzy suggestions of Thai text."""
    return {p.code: p.name_th for p in geothai.provinces()}


@cache
def _province_choices_en() -> dict[str, str]:
    return {p.code: p.name_en for p in geothai.provinces()}


def _choices_for(text: str) -> dict[str, str]:
    """Compare Latin text with English names and Thai text with Thai names."""
    return _province_choices_en() if re.search(r"[A-Za-z]", text) else _province_choices()


def _strip_province(text: str) -> str:
    text = _PROVINCE_SUFFIX.sub("", _PROVINCE_PREFIX.sub("", text.strip())).strip()
    return text


def _strip_district(text: str) -> str:
    return split_district(text)[0]


def _bare_district(text: str) -> str:
    return _DISTRICT_SUFFIX.sub("", _DISTRICT_PREFIX.sub("", text.strip())).strip()


@cache
def split_district(text: str) -> tuple[str, str | None]:
    """A district cell as (the district's name, the province written after it, if any).

    "อ.เมือง จ.พะเยา", "อำเภอเวียงชัย จังหวัดเชียงราย", "เวียงชัย (จ.เชียงราย)", "เวียงชัย, เชียงราย",
    and "เวียงชัย เชียงราย" (a district, a space, a province: only where the first part is a
    district's name and the second a province's) all name the province too. It is returned as
    written, to be checked against the province column, never silently dropped."""
    text = text.strip()
    for pattern in (_BRACKETED_PROVINCE, _TRAILING_PROVINCE, _COMMA_PROVINCE):
        m = pattern.search(text)
        if m and m.start() > 0:
            return _bare_district(text[:m.start()]), m.group(1).strip()
    head, _, tail = text.rpartition(" ")
    if head and tail:
        body = _bare_district(head)
        if key(body) in _district_index() and read_province(tail)[0] and key(text) not in _district_index():
            return body, tail
    return _bare_district(text), None


def _abbreviated(text: str, names: dict[str, str]) -> list[str]:
    """Codes whose Thai name starts with what comes before ``ฯ`` (``นครศรีฯ``)."""
    head = key(text.split("ฯ", 1)[0])
    if len(head) < 3:
        return []
    return sorted(code for code, name in names.items() if key(name).startswith(head))


def _suggest(text: str, names: dict[str, str], limit: int = 3) -> list[tuple[str, float]]:
    """Closest names by edit similarity, best first: (code, score)."""
    if not text:
        return []
    found = process.extract(key(text), {c: key(n) for c, n in names.items()},
                            scorer=fuzz.ratio, limit=limit)
    return [(code, score) for _, score, code in found if score >= SUGGEST_MIN_SCORE]


def _describe(codes: list[str]) -> str:
    parts = []
    for code in codes:
        if len(code) == 2:
            parts.append(f"จ.{province_name(code)}")
        else:
            parts.append(f"อ.{district_name(code)} จ.{province_name(code[:2])}")
    return " หรือ ".join(parts)


@cache
def _official_province_keys() -> frozenset[str]:
    """The official Thai and English province names, as keys (anything else is an alias)."""
    return frozenset(key(p.name_th) for p in geothai.provinces()) | frozenset(
        key(p.name_en) for p in geothai.provinces())


def read_province(text: str | None) -> tuple[str | None, str | None]:
    """(code, method) of a province name, or (None, None) when not certain."""
    text = clean_text(text)
    if not text:
        return None, None
    text = _strip_province(text)
    k = key(text)
    index = _province_index()
    if k in index:
        return index[k], "exact" if k in _official_province_keys() else "alias"
    if "ฯ" in text:
        found = _abbreviated(text, _province_choices())
        if len(found) == 1:
            return found[0], "abbreviation"
    return None, None


@cache
def names_a_place(text: str | None) -> bool:
    """Whether a cell names a province or a district anywhere (a header cell never does)."""
    text = clean_text(text)
    if not text:
        return False
    if read_province(text)[0]:
        return True
    body = _strip_district(text)
    return bool(body) and key(body) in _district_index() and key(body) not in _CAPITAL_WORDS


def _district_in(province_code: str, text: str) -> tuple[str | None, str | None]:
    """(code, method) of a district name inside a known province."""
    k = key(text)
    if k in _CAPITAL_WORDS:
        return (f"{province_code}01", "capital") if province_code != BANGKOK else (None, None)
    codes = [c for c in _district_index().get(k, ()) if c.startswith(province_code)]
    if len(codes) == 1:
        return codes[0], "exact"
    if "ฯ" in text:
        names = {d.code: d.name_th for d in geothai.districts(province_code)}
        found = _abbreviated(text, names)
        if len(found) == 1:
            return found[0], "abbreviation"
    return None, None


def _out_of_scope(province_text: str) -> Place:
    return Place(
        province_code=BANGKOK, problem="out_of_scope",
        th=f"'{province_text}' คือกรุงเทพมหานคร ซึ่งอยู่นอกขอบเขตการประเมิน",
        en=f"'{province_text}' is Bangkok, which is outside the evaluation",
    )


@cache
def resolve(province_text: str | None, district_text: str | None = None,
            *, need_district: bool = True) -> Place:
    """Read a (province, district) pair typed by hand into DOPA codes, or say why not.

    ``need_district`` is False for the province category, whose forms name no district.
    Cached: a year of forms repeats the same few hundred names, so the cost grows with the
    number of distinct names, not rows.
    """
    p_text = clean_text(province_text) or ""
    d_text = clean_text(district_text) or ""
    p_code, p_method = read_province(p_text)
    if p_code == BANGKOK:
        return _out_of_scope(p_text)
    if not p_code and p_text and need_district and (m := _DISTRICT_IN_PROVINCE.match(p_text)):
        # "เชียงราย อ.เวียงชัย" in the province cell: the district must agree with the district cell
        p2, d2 = m.group(1).strip(), m.group(2).strip()
        if read_province(p2)[0] and (not d_text or key(_strip_district(d2)) == key(_strip_district(d_text))):
            return resolve(p2, d_text or d2, need_district=need_district)
        if read_province(p2)[0]:
            return Place(province_code=read_province(p2)[0], problem="place_mismatch",
                         th=f"ช่องจังหวัดระบุ '{d2}' แต่ช่องอำเภอระบุ '{d_text}'",
                         en=f"the province cell names '{d2}' but the district cell says '{d_text}'")
    d_body, named = split_district(d_text) if d_text else ("", None)
    if named:
        checked = _cross_check(p_text, p_code, named, d_body, need_district)
        if checked is not None:
            return checked
        if not p_text:  # the province is written, in the district cell: that is the province
            p_text = named
            p_code, p_method = read_province(named)[0], "province_in_district_cell"

    if not need_district:
        if p_code:
            return Place(p_code, None, p_method)
        return _unknown_province(p_text)

    if not d_body:
        return Place(province_code=p_code, problem="missing_value",
                     th="ไม่ได้กรอกอำเภอ", en="the district is blank")

    if p_code:
        d_code, d_method = _district_in(p_code, d_body)
        if d_code:
            method = p_method if p_method != "exact" else d_method
            return Place(p_code, d_code, method)
        same_name = [c for c in _district_index().get(key(d_body), ()) if c[:2] == p_code]
        if len(same_name) > 1:  # English names collide: บางไทร and บางซ้าย are both "Bang Sai"
            return Place(province_code=p_code, problem="ambiguous_place",
                         th=f"ชื่ออำเภอ '{d_body}' ตรงกับหลายอำเภอในจังหวัด{province_name(p_code)}",
                         en=f"district '{d_body}' matches several districts of {province_name(p_code)}",
                         suggestion=_describe(same_name))
        return _district_not_in(p_code, p_text, d_body)

    # The province could not be read for certain: the district may confirm it.
    d_codes = [c for c in _district_index().get(key(d_body), ()) if c[:2] != BANGKOK]
    if any(c[:2] == BANGKOK for c in _district_index().get(key(d_body), ())) and not d_codes:
        return _out_of_scope(d_text)
    if not p_text:
        # The province is a required field: a blank one is held even when the district names a
        # single province, because a row missing its province may be a row missing more.
        if len(d_codes) == 1:
            return Place(problem="missing_value", th="ไม่ได้กรอกจังหวัด", en="the province is blank",
                         suggestion=f"อำเภอที่กรอกอยู่ที่ {_describe(d_codes)}")
        if d_codes:
            return Place(problem="ambiguous_place",
                         th=f"ไม่ได้กรอกจังหวัด และอำเภอ '{d_text}' มีในหลายจังหวัด",
                         en=f"the province is blank and district '{d_text}' exists in several provinces",
                         suggestion=_describe(d_codes))
        return Place(problem="missing_value", th="ไม่ได้กรอกจังหวัด", en="the province is blank")
    if d_codes:
        names = _choices_for(p_text)
        close = {c: fuzz.ratio(key(_strip_province(p_text)), key(names[c[:2]])) for c in d_codes}
        best = sorted(close, key=close.get, reverse=True)
        top = best[0]
        clear = len(best) == 1 or close[top] - close[best[1]] >= 15
        if close[top] >= CONFIRM_MIN_SCORE and clear:
            return Place(top[:2], top, "confirmed_fuzzy",
                         suggestion=f"อ่าน '{p_text}' เป็น จ.{province_name(top[:2])} ตามอำเภอที่กรอก")
    return _unknown_province(p_text, d_codes)


def _cross_check(p_text: str, p_code: str | None, named: str, d_body: str, need_district: bool) -> Place | None:
    """A province written in the district cell must be the province column's (or the province
    column is blank): otherwise the row is held, naming both. None: they agree."""
    n_code, _ = read_province(named)
    if n_code is None:
        return Place(province_code=p_code, problem="unknown_province",
                     th=f"ไม่รู้จักจังหวัด '{named}' ที่เขียนไว้ในช่องอำเภอ",
                     en=f"unknown province '{named}' written in the district cell")
    if n_code == BANGKOK:
        return _out_of_scope(named)
    if p_text and p_code is None:
        close = fuzz.ratio(key(_strip_province(p_text)), key(province_name(n_code) or ""))
        if close < CONFIRM_MIN_SCORE:
            return Place(problem="place_mismatch",
                         th=f"ช่องจังหวัดระบุ '{p_text}' แต่ช่องอำเภอระบุ จ.{province_name(n_code)}",
                         en=f"the province column says '{p_text}' but the district cell names {province_name(n_code)}",
                         suggestion=f"จ.{province_name(n_code)}")
        return None
    if p_code and p_code != n_code:
        return Place(province_code=p_code, problem="place_mismatch",
                     th=f"ช่องจังหวัดระบุ จ.{province_name(p_code)} แต่ช่องอำเภอระบุ '{d_body}' จ.{province_name(n_code)}",
                     en=f"the province column says {province_name(p_code)} but the district cell names "
                        f"'{d_body}' in {province_name(n_code)}",
                     suggestion=f"ตรวจว่าเป็น จ.{province_name(p_code)} หรือ จ.{province_name(n_code)}")
    return None


def _unknown_province(p_text: str, district_codes: list[str] | None = None) -> Place:
    if not p_text:
        return Place(problem="missing_value", th="ไม่ได้กรอกจังหวัด", en="the province is blank")
    guesses = [c for c, _ in _suggest(_strip_province(p_text), _choices_for(p_text))]
    if district_codes:
        guesses = [c[:2] for c in district_codes] + [g for g in guesses if g not in
                                                     {c[:2] for c in district_codes}]
    return Place(problem="unknown_province",
                 th=f"ไม่รู้จักจังหวัด '{p_text}'", en=f"unknown province '{p_text}'",
                 suggestion=f"หรือหมายถึง {_describe(guesses[:3])}" if guesses else None)


def _district_not_in(p_code: str, p_text: str, d_body: str) -> Place:
    elsewhere = [c for c in _district_index().get(key(d_body), ()) if c[:2] != p_code]
    pname = province_name(p_code)
    if elsewhere:
        return Place(province_code=p_code, problem="place_mismatch",
                     th=f"อำเภอ '{d_body}' ไม่อยู่ในจังหวัด{pname}",
                     en=f"district '{d_body}' is not in {pname} province",
                     suggestion=f"อำเภอนี้อยู่ที่ {_describe(elsewhere[:3])}")
    names = {d.code: d.name_th for d in geothai.districts(p_code)}
    guesses = [c for c, _ in _suggest(d_body, names)]
    return Place(province_code=p_code, problem="unknown_district",
                 th=f"ไม่พบอำเภอ '{d_body}' ในจังหวัด{pname}",
                 en=f"no district '{d_body}' in {pname} province",
                 suggestion=f"หรือหมายถึง {_describe(guesses)}" if guesses else None)
