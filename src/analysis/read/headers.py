"""Headers: which field a header cell names, how sure that is, and where a table's header is.

A header is matched by its known spellings (``FIELD_SPELLINGS``), then by the one word that
gives it away (``FIELD_WORDS``). How it matched is its *strength*: 3 when the whole header is
a spelling (numbering, a unit in brackets and a Google Forms ``*`` aside), 2 when a spelling
sits inside it, 1 when only a giveaway word does. When two columns name one field, the
stronger one is the field and the weaker one is kept in the raw record only (so a Google Forms
question that mentions อำเภอ is not a second district column); so is a column that names
another year than the evaluation's (last year's figure kept beside this year's). A header that
asks a question counts as weak; a column derived from others (``ร้อยละการแก้ไขเรื่องร้องเรียน``)
or one about the person who filled the form (``ชื่อผู้กรอกข้อมูล``) names no field.

A header can be a block of up to three rows: a merged group cell over its sub-headers
(``เรื่องร้องเรียน`` over ``ที่ได้รับ | ที่แก้ไขแล้ว``), read as combined names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.grammar import parts as P
from analysis.read.thai import clean_text, thai_digits_to_arabic

HEADER_SCAN_ROWS = 30  # a header lower than this is not a header any person would recognise
MAX_HEADER_ROWS = 3

# Header spellings seen on forms, per field. Compared after header_key(): no spaces, line
# breaks or punctuation, lower case. Checked in order; the first field whose spelling is
# contained in the header wins, so specific spellings come before general ones.
FIELD_SPELLINGS: dict[str, list[str]] = {
    "complaints_resolved": ["เรื่องร้องเรียนที่แก้ไขแล้ว", "ร้องเรียนที่แก้ไข", "ร้องเรียนที่ดำเนินการแล้ว",
                            "ร้องเรียนที่ยุติ", "ได้รับการแก้ไข", "แก้ไขเสร็จ", "แก้ไขเรียบร้อย",
                            "ดำเนินการแก้ไขแล้ว", "แก้ไขได้", "แก้ไขแล้ว", "ยุติแล้ว",
                            "complaintsresolved", "resolved"],
    "complaints_received": ["เรื่องร้องเรียนที่ได้รับ", "ร้องเรียนที่ได้รับ", "ร้องเรียนทั้งหมด",
                            "จำนวนเรื่องร้องเรียน", "รับเรื่องร้องเรียน", "เรื่องร้องเรียน",
                            "complaintsreceived", "complaints"],
    "report_rate": ["ร้อยละการรายงาน", "การรายงานตรงเวลา", "รายงานตรงเวลา", "อัตราการรายงาน",
                    "reportrate", "ontimereporting"],
    "lao_participants": ["อปทที่เข้าร่วม", "อปทเข้าร่วม", "laoparticipants"],
    "lao_count": ["จำนวนอปท", "อปทในพื้นที่", "จำนวนองค์กรปกครองส่วนท้องถิ่น", "laocount"],
    "meetings": ["การประชุม", "ครั้งการประชุม", "ประชุมประสานงาน", "meetings"],
    "beneficiaries": ["ผู้ได้รับประโยชน์", "ผู้รับประโยชน์", "beneficiaries"],
    "budget": ["งบประมาณ", "budget"],
    "work_title": ["ชื่อผลงาน", "ผลงานดีเด่น", "worktitle"],
    "project_title": ["ชื่อโครงการ", "โครงการ", "projecttitle", "project"],
    "started_on": ["วันที่เริ่มปฏิบัติหน้าที่", "เริ่มปฏิบัติหน้าที่", "วันที่เริ่ม", "วันเริ่ม",
                   "startedon", "startdate"],
    "ended_on": ["วันที่สิ้นสุด", "วันสิ้นสุด", "วันที่แล้วเสร็จ", "endedon", "enddate"],
    "submitted_at": ["วันที่ส่ง", "วันส่ง", "วันเวลา", "วันและเวลา", "ประทับเวลา", "timestamp", "submittedat", "submissiondate",
                     "datesubmitted", "submitted"],
    "position": ["ตำแหน่ง", "position"],
    "name": ["ชื่อท้องถิ่นอำเภอ", "ชื่อสกุล", "ชื่อนามสกุล", "ชื่อและนามสกุล", "ชื่อผู้สมัคร", "ผู้สมัคร",
             "ท้องถิ่นอำเภอ", "ชื่อตัว", "fullname", "firstname", "name"],
    # a name written in parts: the title (นาย, นาง) and the surname beside the first name
    "name_title": ["คำนำหน้าชื่อ", "คำนำหน้านาม", "คำนำหน้า", "prefix"],
    "surname": ["นามสกุล", "สกุล", "surname", "lastname"],
    "judge": ["กรรมการ", "ผู้ประเมิน", "ผู้ให้คะแนน", "judge"],
    "round": ["รอบ", "ระดับการประเมิน", "round"],
    "district": ["อำเภอ", "district", "amphoe"],
    "province": ["จังหวัด", "จว", "province", "changwat"],
    "row_number": ["ลำดับที่", "ลำดับ", "ที่", "no"],
}
# The kind of value each field's column holds: what its cells are read as (``analysis.thai``),
# and how a column is told to fit the field when two columns could be it (``read._settle_columns``).
FIELD_KINDS: dict[str, str] = {
    "province": "place", "district": "place", "name": "text", "name_title": "text", "surname": "text",
    "position": "text", "started_on": "date", "lao_count": "count", "meetings": "count",
    "report_rate": "percent", "complaints_received": "count", "complaints_resolved": "count",
    "work_title": "text", "submitted_at": "datetime", "project_title": "text", "budget": "money",
    "lao_participants": "count", "beneficiaries": "count", "ended_on": "date", "judge": "text",
    "round": "text", "row_number": "count",
}
# The header each field is written with on the templates DLA sends out (``analysis.templates``):
# the brief's canonical Thai headers. Each reads back as its field (tests/templates/test_templates.py), so
# the templates and the reader cannot drift apart; a field with none here gets its FIELD_LABELS text.
CANONICAL_HEADERS: dict[str, dict[str, str]] = {
    "individual": {
        "row_number": "ลำดับ", "province": "จังหวัด", "district": "อำเภอ", "name": "ชื่อ-สกุล",
        "position": "ตำแหน่ง", "started_on": "วันที่เริ่มปฏิบัติหน้าที่", "lao_count": "จำนวน อปท.",
        "meetings": "จำนวนครั้งการประชุมประสานงาน", "report_rate": "ร้อยละการรายงานตรงเวลา",
        "complaints_received": "เรื่องร้องเรียนที่ได้รับ", "complaints_resolved": "เรื่องร้องเรียนที่แก้ไขแล้ว",
        "work_title": "ชื่อผลงานดีเด่น", "submitted_at": "วันที่ส่ง",
    },
    "province": {
        "row_number": "ลำดับ", "province": "จังหวัด", "project_title": "ชื่อโครงการ", "budget": "งบประมาณ (บาท)",
        "lao_participants": "จำนวน อปท. ที่เข้าร่วม", "beneficiaries": "จำนวนผู้ได้รับประโยชน์",
        "started_on": "วันที่เริ่ม", "ended_on": "วันที่สิ้นสุด", "submitted_at": "วันที่ส่ง",
    },
    "score": {
        "row_number": "ลำดับ", "judge": "กรรมการ", "round": "รอบ", "province": "จังหวัด", "district": "อำเภอ",
        "name": "ชื่อ-สกุล", "project_title": "ชื่อโครงการ",
    },
}
# Spellings that name what every field of a form is about (the project), so inside a header they
# name its title only when nothing else is named: "วันเริ่มโครงการ" is the project's start.
ENTITY_WORDS = {"โครงการ", "project"}
# These short spellings must be the whole header, not a part of it ("ที่" is in many headers).
WHOLE_ONLY = {"ที่", "จว", "no", "name", "round", "project", "submitted", "resolved", "complaints", "ชื่อ",
              "ท้องถิ่นอำเภอ", "สกุล", "prefix"}
# A whole header that is a spelling, yet only as sure as a spelling inside one: "ท้องถิ่นอำเภอ"
# heads the officer's name on some forms, and the position on others.
WEAK_WHOLE = {"ท้องถิ่นอำเภอ"}
# When no spelling above fits, a header is read by the one word that gives it away (a form
# from another year words "ร้อยละของการรายงานข้อมูลผ่านเว็บไซต์ฯ ที่ตรงเวลา" differently).
# Checked only after every field's full spellings, in this order.
FIELD_WORDS: list[tuple[str, str]] = [
    ("ร้องเรียน", "complaints_received"), ("ร้อยละ", "report_rate"), ("ประชุม", "meetings"),
    ("ประโยชน์", "beneficiaries"), ("งบ", "budget"), ("ยื่น", "submitted_at"),
    ("สิ้นสุด", "ended_on"), ("แล้วเสร็จ", "ended_on"), ("เริ่ม", "started_on"),
    ("อปท", "lao_count"), ("กรรมการ", "judge"), ("ชื่อ", "name"),
]
# Two words that, both in a header, name a field as surely as a spelling inside it: a form of
# another year words "ร้อยละของการรายงานข้อมูลผ่านเว็บไซต์ฯ ที่ตรงเวลา" its own way.
FIELD_PAIRS: dict[str, list[tuple[str, str]]] = {
    "complaints_resolved": [("ร้องเรียน", "แก้ไข"), ("ร้องเรียน", "ยุติ")],
    "complaints_received": [("ร้องเรียน", "ได้รับ"), ("ร้องเรียน", "ทั้งหมด")],
    "report_rate": [("รายงาน", "ตรงเวลา"), ("รายงาน", "ทันเวลา"), ("รายงาน", "ทันกำหนด")],
    "meetings": [("ประชุม", "ครั้ง")],
    "beneficiaries": [("ได้รับ", "ประโยชน์")],
    "work_title": [("ผลงาน", "เด่น")],  # ดีเด่น, โดดเด่น: the outstanding work
}
# What each field is called in English, and the English half of a bilingual header ("จังหวัด /
# Province", "Budget (THB)"): phrases of words, compared as sets of words after lower case, an
# "s" plural taken off and these small words left out (``_EN_SMALL``). A header names the field of
# the longest phrase all of whose words it holds: the whole header (3) or a part of it (2); two
# fields with phrases as long as each other name none (``Date`` alone: started, ended, submitted?).
FIELD_ENGLISH: dict[str, list[str]] = {
    "province": ["province", "changwat", "province name"],
    "district": ["district", "amphoe", "amphur", "district name"],
    "name": ["name", "full name", "name surname", "first name last name", "officer name", "name of officer",
             "candidate name", "applicant name", "nominee", "name of candidate", "name of applicant",
             "candidate", "applicant", "nominee name"],
    "name_title": ["prefix", "name prefix", "salutation"],
    "surname": ["surname", "last name", "family name"],
    "position": ["position", "job title", "rank", "position title", "current position"],
    "started_on": ["start date", "date started", "started on", "date of appointment", "appointment date",
                   "in office since", "date started in post", "date took office", "start of service",
                   "date started in position", "started"],
    "lao_count": ["lao", "lao count", "local administrative organization", "local administration organization",
                  "local government organization", "lao in district"],
    "meetings": ["meeting", "coordination meeting", "meeting held"],
    "report_rate": ["on time reporting", "reporting rate", "report rate", "timely reporting", "on time report",
                    "reporting on time", "on time reporting rate"],
    "complaints_received": ["complaint received", "complaint", "received complaint", "complaint filed"],
    "complaints_resolved": ["complaint resolved", "resolved", "resolved complaint", "complaint settled",
                            "settled complaint", "complaint closed"],
    "work_title": ["outstanding work", "work title", "title of work", "achievement", "innovation",
                   "outstanding achievement", "outstanding work title", "work", "title of outstanding work",
                   "best practice", "good practice"],
    "submitted_at": ["timestamp", "time stamp", "submission date", "date submitted", "submitted at",
                     "submitted", "date of submission", "submitted on", "submission time", "submission"],
    "project_title": ["project title", "project name", "project", "name of project", "title of project"],
    "budget": ["budget", "project budget", "budget amount", "amount"],
    "lao_participants": ["participating lao", "lao participating", "lao participant",
                         "participating local administrative organization", "lao taking part"],
    "beneficiaries": ["beneficiary", "people benefited", "people who benefit", "people benefiting",
                      "beneficiary persons"],
    "ended_on": ["end date", "ended on", "completion date", "date completed", "finish date", "date ended",
                 "completed", "ended", "date of completion"],
    "judge": ["judge", "evaluator", "assessor", "committee member", "rater", "scorer", "judge name"],
    "round": ["round", "stage", "evaluation round", "level"],
    "row_number": ["no", "item", "seq", "sequence", "order"],
}
_EN_SMALL = {"of", "the", "a", "an", "number", "num", "nr", "no", "total", "in", "for", "by", "and", "or", "count",
             "to", "your", "thb", "baht", "time", "case", "person", "people", "unit", "pct", "percent",
             "percentage", "date", "name", "day", "dd", "mm", "yyyy", "be", "ad"}


def _en_words(text: str) -> frozenset[str]:
    """The words of an English header, as _english compares them: lower case, plural 's' off."""
    return frozenset(_en_stem(w) for w in re.findall(r"[a-z]+", text.lower()))


def _en_stem(w: str) -> str:
    """An English word without its inflection, so that a header's "start", "started",
    "starting" and "starts" are one word (as are "receive"/"received", "submit"/"submitted").

    Only inflections, not derivations ("submission" stays apart); applied alike to the phrases
    and to the header, so the stems need not be words."""
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    for tail in ("ing", "ed"):
        if w.endswith(tail) and len(w) - len(tail) >= 3:
            w = w[:-len(tail)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                w = w[:-1]  # submitted -> submit
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]  # resolve / resolved -> resolv
    return w


_PHRASES = [(f, _en_words(p)) for f, ps in FIELD_ENGLISH.items() for p in ps]
_EN_ENTITY = _en_words(" ".join(w for w in ENTITY_WORDS if w.isascii()))


def _english(text: str) -> Match:
    """The field an English header (or the English half of a bilingual one) names."""
    words = _en_words(text)
    core = frozenset(w for w in words if w not in _EN_SMALL) or words
    best, fields = 0, set()
    for f, phrase in _PHRASES:
        if phrase <= words and (f != "row_number" or phrase == words):  # "No." alone is the number
            size = len(phrase)
            if size > best:
                best, fields = size, {f}
            elif size == best:
                fields.add(f)
    if len(fields) > 1 and "project_title" in fields and \
            all(p <= _EN_ENTITY for g, p in _PHRASES if g == "project_title" and p <= words):
        fields.discard("project_title")  # "Project start": the project's start, as in Thai (ENTITY_WORDS)
    if len(fields) != 1:
        return Match(None, 0, "ambiguous" if fields else None)
    (f,) = fields
    whole = max(len(p) for g, p in _PHRASES if g == f and p <= words) >= len(core) and \
        all(w in set().union(*(p for g, p in _PHRASES if g == f and p <= words)) for w in core)
    return Match(f, 3 if whole else 2)


# Words that name a person's office, not a place: "ท้องถิ่นอำเภอ" is the officer, never the
# district; "ท้องถิ่นจังหวัด" the provincial officer; "1 จังหวัด 1 พัฒนา" the award.
_NOT_PLACES = ("ศูนย์ประสานงานท้องถิ่นอำเภอ", "ท้องถิ่นอำเภอ", "ท้องถิ่นจังหวัด", "1จังหวัด1พัฒนา")
# A column about the person who filled the form in (Google Forms asks), not the candidate.
_RESPONDENT = re.compile(r"ผู้กรอก|ผู้รายงาน|ผู้บันทึก|ผู้ประสานงาน|ผู้ส่งข้อมูล|ผู้ให้ข้อมูล|respondent|email|อีเมล|โทรศัพท์|เบอร์โทร")
# A rate or share of something counted elsewhere is derived from other columns, not the count.
_RATIO = re.compile(r"ร้อยละ|อัตรา|สัดส่วน|เปอร์เซ็นต์|เปอร์เซนต์|%|percent|ratio|share")
_COUNTED = {"complaints_resolved", "complaints_received", "meetings", "lao_count", "lao_participants",
            "beneficiaries", "budget"}
# A header that asks: "ท่านได้รับเรื่องร้องเรียนกี่เรื่อง", "... หรือไม่", "...?".
_QUESTION = re.compile(r"\?|？|กี่|เท่าไร|เท่าไหร่|เท่าใด|อะไร|อย่างไร|หรือไม่|ไหม|ใช่หรือ|how|what|which|whether")
# A year named in a header: "ปี 2563", "พ.ศ.2563", "ปีงบประมาณ 63", "2020". B.E. or A.D.
_YEAR = re.compile(r"(?:ปี(?:งบประมาณ)?|พศ|fy|year)(\d{2}(?!\d)|\d{4})|(?<!\d)(2[45]\d\d|19\d\d|20\d\d)(?!\d)")
# "1.", "ข้อ 3", "(2)" before a header, a unit in brackets after it: not part of its name.
_NUMBERING = re.compile(r"^(?:ข้อ)?\d{1,2}(?=\D)")
_UNIT_TAIL = re.compile(r"\s*[\(\[][^()\[\]]{1,20}[\)\]]\s*\**\s*$")
# "A3", "a3", "A3 (25 คะแนน)", "A3. การกำกับดูแล", "เกณฑ์ A3": a capital letter and one or two
# digits standing alone (a lower-case key only at the start, so English words never match).
CRITERION_HEADER = re.compile(r"^\s*([A-Za-z]\d{1,2})(?![0-9A-Za-z])|(?<![0-9A-Za-z])([A-Z]\d{1,2})(?![0-9A-Za-z])")

# A key holding none of these (nor equal to a whole-only spelling) names no field: one search
# instead of trying a hundred spellings in turn.
_WHOLE_SPELLINGS = {s for spellings in FIELD_SPELLINGS.values() for s in spellings if s in WHOLE_ONLY}
_ANY_SPELLING = re.compile("|".join(map(re.escape, sorted(
    {s for spellings in FIELD_SPELLINGS.values() for s in spellings if s not in WHOLE_ONLY}
    | {word for word, _ in FIELD_WORDS} | {a for pairs in FIELD_PAIRS.values() for a, _ in pairs}))))


def header_key(text) -> str:
    """A header cell reduced to letters and digits (and ``%`` and ``?``), for matching spellings."""
    text = thai_digits_to_arabic(clean_text(text) or "")
    return re.sub(r"[\s\.\-–_:;,/\\()\[\]{}*'\"#]+", "", text).lower()


@dataclass(frozen=True)
class Match:
    """What one header cell names: the field (``crit:<KEY>`` for a criterion), how surely (3 the
    whole header, 2 a spelling or a telling pair of words inside it, 1 a giveaway word), why it
    names none when it looks as if it did (``derived``, ``respondent``), and the years it names
    (B.E.): "ปี 2563", or a fiscal year's span "(ต.ค. 2563 - ก.ย. 2564)"."""

    field: str | None
    strength: int = 0
    why: str | None = None
    year: tuple[int, ...] | None = None  # the years it names (B.E.), if any
    scale: float = 1.0  # "งบประมาณ (ล้านบาท)": the amounts are in millions


_SCALES = (("ล้านบาท", 1e6), ("แสนบาท", 1e5), ("หมื่นบาท", 1e4), ("พันบาท", 1e3), ("million", 1e6),
           ("thousand", 1e3))


def field_of(header) -> str | None:
    """The field a header names, ``crit:<KEY>`` for a criterion column, or None.

    Only text names a field. The header search asks this of every cell in a file's first 30
    rows, and the same cells come back in every file, so answers are remembered."""
    return match(header).field if isinstance(header, str) else None


def match(header) -> Match:
    return _match(header) if isinstance(header, str) else Match(None)


@lru_cache(maxsize=65536)
def _match(header: str) -> Match:
    k = header_key(header)
    if not k:
        return Match(None)
    text = clean_text(header) or ""
    m = CRITERION_HEADER.search(text)
    if m:
        return Match("crit:" + (m.group(1) or m.group(2)).upper(), 3)
    latin = len(re.findall("[A-Za-z]", text))
    thai = bool(re.search("[\u0e01-\u0e2e]", text))
    if latin >= 2 and thai:  # "จังหวัด / Province": each half by its own language, then together
        th_text = re.sub(r"[A-Za-z][A-Za-z ,.&'%/-]*", " ", text)
        return _together(_thai(header_key(th_text), _core_key(th_text), th_text), _english(text), text)
    if latin >= 2:
        return _together(_thai(k, _core_key(header), text), _english(text), text)
    return _thai(k, _core_key(header), text)


def _thai(k: str, core: str, text: str) -> Match:
    if not k or (k not in _WHOLE_SPELLINGS and core not in _WHOLE_SPELLINGS and not _ANY_SPELLING.search(k)):
        return Match(None)  # most cells of the first rows (names, dates, numbers) name no field
    return match_key(k, core)


def _together(a: Match, b: Match, text: str) -> Match:
    """A bilingual header's field from its two halves: the one that names a field, or, when both
    do, the same field (the surer strength) or the surer of two (neither when equally sure)."""
    for m in (a, b):
        if m.why in ("derived", "respondent"):
            return m
    if a.field and b.field and a.field != b.field:
        if a.strength == b.strength:
            return Match(None, 0, "ambiguous", a.year or b.year)
        return a if a.strength > b.strength else b
    if not a.field and not b.field:
        return Match(None, 0, None, a.year or b.year)
    m, other = (a, b) if a.field else (b, a)
    strength = max(m.strength, other.strength if other.field else 0)
    if _QUESTION.search(header_key(text)) and strength < 3:
        strength = 1
    if m.field in _COUNTED and _RATIO.search(header_key(text)) and strength < 3:
        return Match(None, 0, "derived", m.year)
    if _RESPONDENT.search(header_key(text)) and m.field != "submitted_at" and strength < 3:
        return Match(None, 0, "respondent", m.year)
    return Match(m.field, strength, None, m.year or _years_in(header_key(text)) or None,
                 m.scale if m.scale != 1 else _scale_of(m.field, header_key(text)))


def _scale_of(field: str, k: str) -> float:
    return next((f for word, f in _SCALES if word in k), 1.0) if field == "budget" else 1.0


def _core_key(header: str) -> str:
    """The key without numbering before it or a unit in brackets after it ("1. งบประมาณ (บาท) *")."""
    text = clean_text(header) or ""
    text = _UNIT_TAIL.sub("", text.rstrip(" *"))
    return _NUMBERING.sub("", header_key(text))


def _years_in(k: str) -> tuple[int, ...]:
    """Every year a header names, as B.E. ("ปี 63" and "2020" too)."""
    out = []
    for m in _YEAR.finditer(k):
        y = int(m.group(1) or m.group(2))
        out.append(2500 + y if y < 100 else y + 543 if y < 2400 else y)
    return tuple(out)


def match_key(k: str, core: str | None = None) -> Match:
    """How a header key names a field (see Match); ``core``: the key without numbering and unit."""
    core = k if core is None else core
    found, strength, inside = None, 0, None
    for name, spellings in FIELD_SPELLINGS.items():
        key = k
        if name in ("district", "province"):
            for word in _NOT_PLACES:
                key = key.replace(word, "")
        for s in spellings:
            if core == s or k == s:
                found, strength = name, 2 if s in WEAK_WHOLE else 3
                break
            if s not in WHOLE_ONLY and s in key:
                if s not in ENTITY_WORDS:
                    found, strength = name, 2
                    break
                inside = inside or (name, s)
        if found:
            break
    if not found and inside:  # "โครงการ" alone: the project's title, when the header names nothing else
        found, strength = inside[0], 2
    if not found:
        found = next((name for name, pairs in FIELD_PAIRS.items() if any(a in k and b in k for a, b in pairs)), None)
        strength = 2 if found else 0
    if not found:
        found = next((name for word, name in FIELD_WORDS if word in k), None)
        strength = 1 if found else 0
    if not found:
        return Match(None)
    year = _years_in(k) or None
    if found in _COUNTED and _RATIO.search(k) and strength < 3:
        return Match(None, 0, "derived", year)
    if found not in ("submitted_at",) and _RESPONDENT.search(k) and strength < 3:
        return Match(None, 0, "respondent", year)
    if strength < 3 and _QUESTION.search(k):
        strength = 1
    scale = next((f for word, f in _SCALES if word in k), 1.0) if found == "budget" else 1.0
    return Match(found, strength, None, year, scale)


def _field_by_spelling(k: str) -> str | None:
    """The field a header key spells (``match_key``'s field)."""
    return match_key(k).field


# ------------------------------------------------------------------------------- the header block
@dataclass
class Header:
    """A table's header: the rows it takes (0-based, first and last), each column's name (the
    header cells read top to bottom, joined) and what each name matched."""

    first: int
    last: int
    names: list[str]
    matches: list[Match] = field(default_factory=list)

    @property
    def fields(self) -> list[str | None]:
        return [m.field for m in self.matches]


_PERSON = re.compile(r"^(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|mr|mrs|ms|miss)", re.I)
# a number has a digit: "(%)" or "(-)" under a header is a unit row, not a figure
_NUMBER_LIKE = re.compile(r"^[\s,.\-+%()]*\d[\s\d,.\-+%()]*$")


def _text(cell) -> str:
    return clean_text(cell) or "" if isinstance(cell, str) else ""


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not clean_text(cell)) or (
        isinstance(cell, float) and cell != cell)


def _numbering(text: str) -> bool:
    """"(1)", "1", "๒", "(ก)": a column's number written under its header, not a name."""
    t = thai_digits_to_arabic(text).strip()
    return bool(re.fullmatch(r"[\(\[]?(?:\d{1,2}|[ก-ฮ])[\)\]\.]?", t))


def header_like(row: list, is_place) -> bool:
    """Whether a row can be part of a header block: text only, and nothing a data row holds
    (a number, a date, a place, a person's name)."""
    seen = False
    for cell in row:
        if _blank(cell):
            continue
        if not isinstance(cell, str):
            return False
        text = _text(cell)
        if _numbering(text):
            seen = True
            continue
        if _NUMBER_LIKE.match(thai_digits_to_arabic(text)) or _PERSON.match(text) or is_place(text):
            return False
        if re.search(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", thai_digits_to_arabic(text)):
            return False
        seen = True
    return seen


def _spans(row_index: int, merges) -> dict[int, int]:
    """Columns covered by a horizontal merge starting in this row: column -> the merge's first column."""
    out = {}
    for (r0, c0), (r1, c1) in merges or []:
        if r0 <= row_index <= r1 and c1 > c0:
            for c in range(c0 + 1, c1 + 1):
                out[c] = c0
    return out


def _covered(row_index: int, merges) -> set[int]:
    """Columns of this row inside any merged range."""
    return {c for (r0, c0), (r1, c1) in merges or [] if r0 <= row_index <= r1 for c in range(c0, c1 + 1)}


def annotation_row(row: list) -> bool:
    """A row under a header that only numbers its columns or gives their units ("(1)", "(บาท)")."""
    texts = [_text(c) if isinstance(c, str) else None for c in row if not _blank(c)]
    return bool(texts) and all(t is not None and (_numbering(t) or re.fullmatch(r"[\(\[][^()\[\]]{1,20}[\)\]]", t)
                                                  or t.lower() in _UNIT_WORDS) for t in texts)


# A unit standing alone under a header ("%", "บาท", "คน"): the grammar's unit tables.
_UNIT_WORDS = frozenset(w.lower() for w in P.PERCENT + P.CURRENCY + P.COUNT_UNITS + P.SCORE_UNITS)


def combined(grid: list[list], first: int, last: int, width: int, merges) -> list[list[str]]:
    """Each column's header parts, top to bottom, over rows ``first..last``.

    A group cell (merged across, or, where merges are lost as in a CSV, a cell followed by
    blanks over sub-headers) names every column under it; a part repeated down (a cell merged
    down the block) counts once; a column's number ("(1)") is no part of its name."""
    parts = [[] for _ in range(width)]
    for i in range(first, last + 1):
        row = list(grid[i]) + [None] * (width - len(grid[i]))
        spans, covered = _spans(i, merges), _covered(i, merges)
        below = (list(grid[i + 1]) + [None] * width)[:width] if i < last else None
        carry = None
        for c in range(width):
            text = _text(row[c]) if not _blank(row[c]) else ""
            if not text and c in spans:
                text = _text(grid[i][spans[c]]) if spans[c] < len(grid[i]) else ""
            if text:
                carry = text if below is not None and not _blank(below[c]) else None
            elif carry and below is not None and not _blank(below[c]) and c not in covered \
                    and _under(carry, _text(below[c])):
                text = carry  # a group label written once over its sub-headers (merge lost)
            else:
                carry = None
            if text and not _numbering(text) and (not parts[c] or parts[c][-1] != text):
                parts[c].append(text)
    return parts


def _under(label: str, sub: str) -> bool:
    """Whether a sub-header beside a label's column (merges lost) is under that label.

    It is, unless it names a field by itself that the label would change: "ชื่อผลงานดีเด่น"
    beside "เรื่องร้องเรียนที่แก้ไขแล้ว" (over "(เรื่อง)") is a column of its own, while
    "ที่แก้ไขแล้ว" under "เรื่องร้องเรียน" names the same field either way and keeps its group."""
    alone = match(sub).field
    return alone is None or match(f"{label} {sub}").field == alone


def _column_match(parts: list[str]) -> Match:
    """The field of a column from its header parts: the lowest part alone first, then with the
    parts above it, the strongest match winning ("ที่ได้รับ" alone names nothing; under
    "เรื่องร้องเรียน" it is the complaints received)."""
    if not parts:
        return Match(None)
    candidates = [" ".join(parts[-n:]) for n in range(1, len(parts) + 1)]
    matches = [match(c) for c in candidates]
    for m in matches:
        if m.why:  # derived or about the respondent, at whatever level: no field
            return m
    best = max(reversed(matches), key=lambda m: m.strength)  # of equally sure, the one with more context
    return best if best.field else Match(None, 0, None, matches[0].year)


def _score(matches: list[Match]) -> tuple[int, int]:
    fields = [m.field for m in matches if m.field and m.field != "row_number"]
    return len(set(fields)), -(len(fields) - len(set(fields)))


# Without a province column, a header must name the candidate another way and two more fields:
# a province's own form may give its province once, in the title ("... จังหวัดเชียงใหม่").
_IDENTITY = ("district", "project_title")
# ... and a figure of the form: a list of officials (อำเภอ | ชื่อ | ตำแหน่ง | โทร.) is no form.
_FIGURES = {"report_rate", "complaints_received", "complaints_resolved", "meetings", "lao_count",
            "lao_participants", "beneficiaries", "budget"}


def find_header(grid: list[list], merges=None, is_place=lambda text: False) -> Header | None:
    """The header among the first rows: the row naming the most known fields (at least two, one
    of them the province; or, on a form without a province column, the district or the project
    and two more), with the rows above or below it that make a header block with it."""
    width = max((len(r) for r in grid), default=0)
    best, best_known, without = None, 1, None
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        if _holds_data(row):
            continue  # a date cell or figures: an answer ("... จังหวัดภูเก็ต" in a title is no header)
        known = {m.field for m in (match(c) for c in row) if m.field and m.field != "row_number"}
        if "province" in known and len(known) > best_known:
            best, best_known = i, len(known)
        elif without is None and "province" not in known and any(f in known for f in _IDENTITY) and len(known) >= 3 \
                and known & _FIGURES:
            without = i
    need = "province"
    if best is None and without is not None:
        best, need = without, None
    if best is None:
        return None
    like = {i: header_like(grid[i], is_place) for i in range(max(0, best - 2), min(len(grid), best + 3))
            if i != best}
    single = None
    chosen = None
    for first in range(best, max(-1, best - MAX_HEADER_ROWS), -1):
        for last in range(best, min(len(grid), first + MAX_HEADER_ROWS)):
            rows = [i for i in range(first, last + 1) if i != best]
            if not all(like.get(i) for i in rows) or any(_is_title(grid[i], width) for i in rows if i < best):
                continue
            parts = combined(grid, first, last, width, merges)
            matches = [_column_match(p) for p in parts]
            if need and need not in {m.field for m in matches}:
                continue
            score = _score(matches)
            if single is None:
                single, alone = score, matches  # the row alone comes first
            elif score <= single and not all(annotation_row(grid[i]) for i in rows) \
                    and not _gives_units(alone, matches):
                continue  # a row that adds nothing to the names is not taken into the header
            key = (score, last - first)
            if chosen is None or key > chosen[0]:
                chosen = (key, Header(first, last, [" ".join(p) for p in parts], matches))
    return chosen[1] if chosen else None


def _gives_units(alone: list[Match], matches: list[Match]) -> bool:
    """Whether rows taken into a header keep every field and give a column its scale
    ("Budget" over "(million baht)"): the amounts under it are in millions, so the row is
    the header's even where its other cells ("name", "date") add nothing."""
    same = [a.field for a in alone] == [m.field for m in matches]
    return same and any(m.scale != a.scale for a, m in zip(alone, matches))


def _holds_data(row: list) -> bool:
    """Whether a row holds what only data holds: a date cell, or two cells that are numbers."""
    numbers = 0
    for cell in row:
        if isinstance(cell, (dt.date, dt.datetime)):
            return True
        if isinstance(cell, (int, float)) and not isinstance(cell, bool) and cell == cell:
            numbers += 1
    return numbers >= 2


def _is_title(row: list, width: int) -> bool:
    """A title above the header: one cell, at the left, over a table of several columns."""
    filled = [c for c, v in enumerate(row) if not _blank(v)]
    return len(filled) == 1 and filled[0] == min(c for c in range(width)) and width > 2
