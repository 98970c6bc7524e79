"""Composing a raw year of unseen forms, with the truth of every row.

The composer first chooses what is TRUE (who applied, from which district, with which figures),
then how each cell spells it, drawing every spelling from the axes' tables (``axes.py`` for the
development part; ``axes.py`` and ``heldout.py`` for the held-out part). The truth is the
composed value, never a reading of the cell.

A row's outcome is one of
  ``clear``      a Thai reader reads every value without doubt: must be accepted, every field right;
  ``doubtful``   one value nobody can be sure of (``ประมาณ 12``, a restatement in words that
                 disagrees, a day/month order the column does not show): must not be accepted;
  ``not_data``   a test response, a total, a note, a signature, a page header: must not be
                 accepted (set aside is right, held back is tolerated);
  ``superseded`` an earlier submission of a candidate sent again later: must not be accepted.

Decisions where the brief is silent are written where they are made, and in docs/unseen-forms.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from collections import namedtuple
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import geothai

from unseen import axes, heldout, spell
from unseen.files import KINDS, Kind, encodable, shown, write_text, write_workbook
from unseen.spell import Native

YEAR = 2564
AD = YEAR - 543
HO_SHARE = 0.15    # in the held-out part, the share of a fresh draw's weight held-out spellings get
                   # (heldout.SHARE sets another for a table: full-width digits stay rare)
COVER = 0.3        # chance that a draw takes a spelling of the part not drawn yet (every one is used)
# tables drawn a few times a year: their spellings not drawn yet come first (or more often)
COVER_BY_AXIS = {"not_data.": 1.0, "test.": 1.0, "doubt.": 1.0, "capital_form": 1.0, "header.bilingual": 1.0,
                 "header.language": 1.0, "money_form": 0.6, "million_form": 1.0, "grouping": 0.4}
HABIT = 0.6        # chance that a cell keeps its column's habit rather than a fresh spelling
HABIT_BY_FIELD = {"budget": 0.3}   # a year has few budgets: they are spelled afresh more often
NOISE = {"invisible": 0.05, "space": 0.05, "width": 0.04, "thai_form": 0.12}
DOUBT_SHARE = 0.07
PER_YEAR = {"meetings", "complaints_received", "complaints_resolved"}

FIELDS = {
    "individual": ["province", "district", "name", "position", "started_on", "lao_count", "meetings",
                   "report_rate", "complaints_received", "complaints_resolved", "work_title", "submitted_at"],
    "province": ["province", "project_title", "budget", "lao_participants", "beneficiaries", "started_on",
                 "ended_on", "submitted_at"],
}
REQUIRED = {"individual": {"province", "district", "name", "report_rate", "complaints_received", "complaints_resolved"},
            "province": {"province", "project_title"}}
KIND_OF = {"name": "text", "position": "text", "work_title": "text", "project_title": "text",
           "started_on": "date", "ended_on": "date", "submitted_at": "datetime", "report_rate": "rate",
           "budget": "money", "lao_count": "count", "meetings": "count", "complaints_received": "count",
           "complaints_resolved": "count", "lao_participants": "count", "beneficiaries": "count"}
TRUTH_FIELDS = ["name", "position", "started_on", "lao_count", "meetings", "report_rate", "complaints_received",
                "complaints_resolved", "work_title", "project_title", "budget", "lao_participants", "beneficiaries",
                "ended_on", "submitted_at"]
TRUTH_COLUMNS = (["part", "source_file", "source_sheet", "source_row", "category", "outcome", "expect", "row_kind",
                  "province_code", "district_code"] + TRUTH_FIELDS + ["doubt", "note", "file_kind", "axes", "written"])
EXPECT = {"clear": "accept", "doubtful": "quarantine", "not_data": "set_aside", "superseded": "quarantine"}

# the people and works the rows are about (plain, as an office writes them)
FIRST_M = "สมชาย ประเสริฐ วิชัย สุรชัย อนุชา ธนากร ณัฐพล วีระ อำนาจ บุญเลิศ ธีระ มานพ ยุทธนา สมบัติ นพดล วรวุฒิ".split()
FIRST_F = "วิไลวรรณ กาญจนา สุภาพร นงลักษณ์ ปราณี รัตนา จิราพร ศิริพร มาลี ดวงใจ นภาพร อัญชลี แสงเดือน ปวีณา พัชรี ยุพิน".split()
LAST = ("ใจดี ศรีสุข แก้วมณี บุญมา ทองดี มีสุข พรหมมา ศรีวงศ์ แสนทวี ปัญญาดี บุญยืน คำแสน ชัยมงคล รุ่งเรือง "
        "แสงทอง ดวงแก้ว สายทอง มณีรัตน์ ภูมิใจ ศักดิ์ดี เจริญผล ปานทอง ยอดแก้ว จำปาทอง แจ่มใส ผลดี").split()
POSITIONS = ["ท้องถิ่นอำเภอ", "ท้องถิ่นอำเภอ", "ท้องถิ่นอำเภอ (นักบริหารงานท้องถิ่น ระดับต้น)", "รักษาการท้องถิ่นอำเภอ",
             "นักส่งเสริมการปกครองท้องถิ่นชำนาญการพิเศษ"]
WORKS = ["ศูนย์ประสานงานท้องถิ่นอำเภอเคลื่อนที่", "ท้องถิ่นอำเภอพบประชาชน", "ระบบติดตามการรายงานข้อมูล อปท. ออนไลน์",
         "เครือข่ายจัดการขยะชุมชนต้นทาง", "ธนาคารน้ำใต้ดินระบบปิด", "ห้องเรียนธรรมาภิบาลสำหรับ อปท.",
         "คลินิกให้คำปรึกษาด้านการเงินการคลัง อปท.", "ตำบลปลอดภัยทางถนน", "ผู้สูงอายุมีสุข ชุมชนเข้มแข็ง",
         "แผนที่ภาษีดิจิทัล", "อปท. ร่วมใจป้องกันไฟป่าและหมอกควัน", "การจัดเก็บรายได้ท้องถิ่นเชิงรุก"]
PROJECTS = ["ธนาคารน้ำใต้ดินเพื่อแก้ปัญหาภัยแล้ง", "ขยะเป็นศูนย์ชุมชนยั่งยืน", "ถนนปลอดภัยใส่ใจชีวิต",
            "ศูนย์ดูแลผู้สูงอายุระยะยาวโดยชุมชน", "ป่าชุมชนสร้างรายได้", "ท่องเที่ยววิถีชุมชน", "แหล่งน้ำสะอาดทุกครัวเรือน",
            "เกษตรปลอดภัยสู่ตลาดชุมชน", "ลดหมอกควันไม่เผาในที่โล่ง"]
TITLES = {"individual": "แบบรายงานผลการดำเนินงาน ท้องถิ่นอำเภอดีเด่น ประจำปี พ.ศ. {year}",
          "province": "แบบรายงานโครงการ 1 จังหวัด 1 พัฒนา ประจำปี พ.ศ. {year}"}
ROW_NUMBER_HEADERS = ["ลำดับ", "ที่", "No."]

Entry = namedtuple("Entry", "tag spec weight origin")


# ====================================================================== the part's tables
class Tables:
    """A part's spellings: the development tables, and for the held-out part also the held-out
    ones, weighted so that they take ``HO_SHARE`` of a fresh draw."""

    def __init__(self, part: str):
        if part not in ("development", "heldout"):
            raise ValueError(part)
        self.part = part

    def _raw(self, module, name, *keys):
        table = getattr(module, name, None)
        for k in keys:
            if table is None:
                return []
            table = table.get(k) if isinstance(table, dict) else None
        return table or []

    def entries(self, name: str, *keys) -> list[Entry]:
        def conv(rows, origin):
            out = []
            for r in rows:
                if isinstance(r, str):
                    out.append(Entry(r, r, 1, origin))
                elif len(r) == 2:
                    out.append(Entry(r[0], r[0], r[1], origin))
                else:
                    out.append(Entry(r[0], r[1], r[2], origin))
            return out
        dev = conv(self._raw(axes, name, *keys), "development")
        if self.part == "development":
            return dev
        ho = conv(self._raw(heldout, name, *keys), "heldout")
        if dev and ho:
            share = getattr(heldout, "SHARE", {}).get(name, HO_SHARE)
            factor = share / (1 - share) * sum(e.weight for e in dev) / sum(e.weight for e in ho)
            ho = [e._replace(weight=e.weight * factor) for e in ho]
        return dev + ho

    def mapping(self, name: str) -> dict:
        """A dict table of the part; in the held-out part a key's lists are joined."""
        out = {k: (list(v) if isinstance(v, list) else v) for k, v in getattr(axes, name).items()}
        if self.part == "heldout":
            for k, v in getattr(heldout, name, {}).items():
                out[k] = out.get(k, []) + list(v) if isinstance(v, list) else v
        return out


class Drawer:
    """Weighted draws, with a fair chance for a spelling of the part not drawn yet."""

    def __init__(self, rng: random.Random, tables: Tables):
        self.rng, self.tables, self.seen = rng, tables, set()

    def pick(self, axis: str, entries: list[Entry], ok=None) -> Entry:
        cands = [e for e in entries if ok is None or ok(e)]
        if not cands:
            raise LookupError(axis)
        own = [e for e in cands if self.tables.part == "development" or e.origin == "heldout"]
        unused = [e for e in own if (axis, e.tag) not in self.seen]
        cover = next((v for k, v in COVER_BY_AXIS.items() if axis.startswith(k)), COVER)
        if unused and self.rng.random() < cover:
            e = self.rng.choice(unused)
        else:
            e = self.rng.choices(cands, weights=[c.weight for c in cands])[0]
        self.seen.add((axis, e.tag))
        return e

    def table(self, axis: str, name: str, *keys, ok=None) -> Entry:
        return self.pick(axis, self.tables.entries(name, *keys), ok)


# ====================================================================== the world
@dataclass
class Place:
    pcode: str
    pth: str
    pen: str
    dcode: str | None = None
    dth: str | None = None
    den: str | None = None
    capital: bool = False
    en_unique: bool = True


def world() -> tuple[dict, dict]:
    """Provinces (without Bangkok, out of scope) and their districts, from geothai: the DOPA codes
    the truth carries, independent of the package's places.py."""
    provinces = {p.code: p for p in geothai.provinces() if p.code != "10"}
    districts = {c: list(geothai.districts(c)) for c in sorted(provinces)}
    return provinces, districts


def _district_place(p, d, siblings) -> Place:
    en_count = sum(1 for s in siblings if s.name_en == d.name_en)
    return Place(p.code, p.name_th, p.name_en, d.code, d.name_th, d.name_en,
                 capital=d.name_th == "เมือง" + p.name_th, en_unique=en_count == 1)


# ====================================================================== cells
@dataclass
class Cell:
    value: object                 # str, Native, or None
    tags: list = field(default_factory=list)
    spec: dict = field(default_factory=dict)     # how it was spelled (to spell it again)


@dataclass
class Row:
    kind: str                     # data | test | superseded | total | note | signature | page_footer | page_header | header
    outcome: str | None
    cells: dict                   # column id -> Cell
    place: Place | None = None
    values: dict = field(default_factory=dict)   # the truth: field -> true value (None: blank)
    doubt: str = ""
    note: str = ""
    when: dt.datetime | None = None              # submission instant (Forms rows are in time order)
    tags: list = field(default_factory=list)     # row-level tags
    fixed_date: bool = False                     # part of a pair whose order must not move
    source_row: int | None = None


@dataclass
class Column:
    id: str
    field: str | None             # a form field, or None (row number, e-mail ...)
    header: str
    tags: list = field(default_factory=list)
    millions: bool = False


@dataclass
class FileSpec:
    rel: str
    kind: Kind
    category: str
    columns: list
    rows: list
    title: list = field(default_factory=list)
    sheet: str = ""
    tags: list = field(default_factory=list)
    merge_province: bool = False
    instructions: bool = False
    no_evidence: bool = False
    empty_column_at: int | None = None


class Composer:
    def __init__(self, part: str, seed: int):
        self.part = part
        self.rng = random.Random(f"unseen:{part}:{seed}")
        self.tables = Tables(part)
        self.draw = Drawer(self.rng, self.tables)
        self.provinces, self.districts = world()
        self.used_districts: set[str] = set()
        self.used_provinces_ind: set[str] = set()
        self.used_provinces_prov: set[str] = set()
        self.short = self.tables.mapping("SHORT_NAMES")
        self.short_own = set(getattr(heldout if part == "heldout" else axes, "SHORT_NAMES"))
        self.had_millions = False

    # ------------------------------------------------------------------ true values
    def person(self) -> str:
        r = self.rng
        if r.random() < 0.55:
            return f"นาย{r.choice(FIRST_M)} {r.choice(LAST)}"
        return f"{r.choice(['นาง', 'นางสาว'])}{r.choice(FIRST_F)} {r.choice(LAST)}"

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def moment(self, d: dt.date) -> dt.datetime:
        r = self.rng
        return dt.datetime(d.year, d.month, d.day, r.randint(7, 20), r.randint(0, 59), r.randint(0, 59),
                           r.choice([0, 0, 0, 125000, 250000, 750000]))

    def individual_values(self) -> dict:
        r = self.rng
        received = 0 if r.random() < 0.15 else r.randint(1, 25)
        rate = Decimal(r.randint(60, 100)) if r.random() < 0.8 else Decimal(r.randint(600, 999)) / 10
        return {"name": self.person(), "position": r.choice(POSITIONS),
                "started_on": self.day(dt.date(2008, 1, 1), dt.date(2021, 3, 31)),
                "lao_count": r.randint(3, 45), "meetings": r.randint(4, 36), "report_rate": rate,
                "complaints_received": received,
                "complaints_resolved": received if r.random() < 0.4 else r.randint(0, received),
                "work_title": r.choice(WORKS),
                "submitted_at": self.moment(self.day(dt.date(AD, 7, 1), dt.date(AD, 7, 30)))}

    def province_values(self, pth: str) -> dict:
        r = self.rng
        step = r.choice([500, 1000, 10000, 50000])
        budget = Decimal(r.randint(200_000 // step, 5_000_000 // step) * step)
        start = self.day(dt.date(AD - 1, 10, 1), dt.date(AD, 3, 31))
        return {"project_title": f"{r.choice(PROJECTS)} จังหวัด{pth}", "budget": budget,
                "lao_participants": r.randint(2, 60), "beneficiaries": r.randint(100, 50000),
                "started_on": start, "ended_on": self.day(start + dt.timedelta(days=60), dt.date(AD, 9, 30)),
                "submitted_at": self.moment(self.day(dt.date(AD, 7, 1), dt.date(AD, 7, 30)))}

    # ------------------------------------------------------------------ noise on a text cell
    def noise(self, text: str, axis: str, kind: Kind, tags: list) -> str:
        r, d = self.rng, self.draw
        if not text:
            return text
        if r.random() < NOISE["thai_form"]:
            cands = [e for e in self.tables.entries("THAI_FORMS") if spell.thai_form_applies(text, e.spec)]
            if cands:
                e = d.pick(f"{axis}.thai_form", cands)
                text = spell.thai_form(text, e.spec)
                tags.append(f"{axis}.thai_form={e.tag}")
        dated = KIND_OF.get(axis) in ("date", "datetime")
        if r.random() < NOISE["invisible"]:
            e = d.table(f"{axis}.invisible", "INVISIBLES")
            # never inside a date: a pasted cell carries one before or after it, not in the middle
            new = (e.spec + text if r.random() < 0.5 else text + e.spec) if dated else spell.insert_invisible(text, e.spec, r)
            if encodable(kind, new) and new.count("\t") == text.count("\t"):
                text = new
                tags.append(f"{axis}.invisible={e.tag}")
        if r.random() < NOISE["space"]:
            e = d.table(f"{axis}.space", "SPACES")
            new = spell.replace_space(text, e.spec, r)
            if new != text and encodable(kind, new):
                text = new
                tags.append(f"{axis}.space={e.tag}")
        if r.random() < NOISE["width"] and not dated:       # a machine's date has no full-width forms
            cands = [e for e in self.tables.entries("WIDTH") if spell.width_applies(text, e.spec)]
            if cands:
                e = d.pick(f"{axis}.width", cands)
                new = spell.width(text, e.spec)
                if encodable(kind, new):
                    text = new
                    tags.append(f"{axis}.width={e.tag}")
        return text

    # ------------------------------------------------------------------ spellings of values
    def number_spelling(self, f: str, money: bool = False) -> dict:
        d = self.draw
        sp = {"digits": d.table("digits", "DIGITS"), "grouping": d.table("grouping", "GROUPING"),
              "decimals": d.table("money_decimals" if money else "decimals",
                                  "MONEY_DECIMALS" if money else "DECIMALS")}
        return sp

    def count_spelling(self, f: str) -> dict:
        d = self.draw
        sp = self.number_spelling(f)
        units = self.tables.entries("UNITS", f)
        sp["form"] = d.table("count_form", "COUNT_FORMS",       # only what happens in a year is "per year"
                             ok=lambda e: ("{u}" not in e.spec or bool(units)) and ("/ปี" not in e.spec or f in PER_YEAR))
        if "{u}" in sp["form"].spec:
            sp["unit"] = d.pick(f"unit.{f}", units)
        if "{q}" in sp["form"].spec:
            sp["qual"] = d.pick("qualifier", self.tables.entries("QUALIFIERS", "*") + self.tables.entries("QUALIFIERS", f))
        sp["zero"] = d.table("zero_form", "ZERO_FORMS")
        return sp

    def render_number(self, value: Decimal, sp: dict, f: str, tags: list, two_places_ok=True) -> str:
        dec = sp["decimals"].spec if two_places_ok else ""
        text = spell.number_text(Decimal(value), sp["grouping"].spec, dec)
        tags.append(f"{f}.digits={sp['digits'].tag}")
        if abs(value) >= 1000:
            tags.append(f"{f}.grouping={sp['grouping'].tag}")
        if dec:
            tags.append(f"{f}.decimals={sp['decimals'].tag}")
        return text

    def count_cell(self, f: str, n: int, sp: dict, kind: Kind) -> Cell:
        tags: list = []
        if n == 0 and sp["zero"].spec != "{n}":
            tags.append(f"{f}.zero={sp['zero'].tag}")
            return Cell(sp["zero"].spec, tags, sp)
        form = sp["form"]
        if form.spec == "{n}" and kind.native and self.rng.random() < 0.5:
            tags.append(f"{f}.cell=number")
            return Cell(Native("number", n), tags, sp)
        num = self.render_number(Decimal(n), sp, f, tags, two_places_ok=form.spec == "{n}")
        tags.append(f"{f}.form={form.tag}")
        kw = {"n": num}
        if "unit" in sp and "{u}" in form.spec:
            kw["u"] = sp["unit"].spec
            tags.append(f"{f}.unit={sp['unit'].tag}")
        if "qual" in sp and "{q}" in form.spec:
            kw["q"] = sp["qual"].spec
            tags.append(f"{f}.qualifier={sp['qual'].tag}")
        text = spell.digits(spell.fill(form.spec, **kw), sp["digits"].spec, self.rng)
        return Cell(text, tags, sp)

    def rate_spelling(self, native: bool) -> dict:
        sp = self.number_spelling("report_rate")
        sp["form"] = self.draw.table("rate_form", "RATE_FORMS", ok=lambda e: native or not e.spec.startswith("@"))
        return sp

    def rate_cell(self, rate: Decimal, sp: dict, kind: Kind) -> Cell:
        tags: list = []
        form = sp["form"]
        if form.spec == "@pct":
            if kind.native and rate == rate.to_integral():
                tags.append("report_rate.form=excel_pct")
                return Cell(Native("pct", rate / 100), tags, sp)
            form = Entry("pct", "{n}%", 1, "development")      # as the percent cell displays
        if form.spec == "{n}" and kind.native and self.rng.random() < 0.4:
            tags.append("report_rate.cell=number")
            return Cell(Native("number", rate), tags, sp)
        num = self.render_number(rate, sp, "report_rate", tags, two_places_ok=form.spec in ("{n}", "{n}%"))
        tags.append(f"report_rate.form={form.tag}")
        return Cell(spell.digits(spell.fill(form.spec, n=num), sp["digits"].spec, self.rng), tags, sp)

    def money_spelling(self, native: bool, millions: bool) -> dict:
        sp = self.number_spelling("budget", money=True)
        if millions:
            sp["form"] = self.draw.table("million_form", "MILLION_CELL_FORMS")
        else:
            sp["form"] = self.draw.table("money_form", "MONEY_FORMS", ok=lambda e: native or not e.spec.startswith("@"))
        return sp

    def money_cell(self, amount: Decimal, sp: dict, kind: Kind, millions: bool) -> Cell:
        tags: list = []
        form = sp["form"]
        if form.spec == "@number":
            if kind.native:
                tags.append("budget.cell=number")
                return Cell(Native("number", amount), tags, sp)
            form = Entry("bare", "{n}", 1, "development")
        if "{m}" in form.spec and not millions and amount % 10000:
            form = Entry("baht", "{n} บาท", 1, "development")       # "2.8235 ล้านบาท" nobody writes
        kw = {}
        if "{m}" in form.spec or millions:
            m = amount / Decimal(1_000_000)
            kw["m"] = spell.number_text(m, "", "")
            kw["n"] = kw["m"]
            tags.append("budget.digits=" + sp["digits"].tag)
        else:
            kw["n"] = self.render_number(amount, sp, "budget", tags)
        if "{w}" in form.spec:
            kw["w"] = spell.money_words(amount)
        tags.append(f"budget.form={form.tag}")
        return Cell(spell.digits(spell.fill(form.spec, **kw), sp["digits"].spec, self.rng), tags, sp)

    def date_spelling(self, f: str, kind: Kind, column_family: dict | None = None) -> dict:
        d = self.draw
        sp = {"digits": d.table("digits", "DIGITS")}
        if column_family is not None:
            sp["form"] = column_family
        else:
            sp["form"] = d.table("date_form", "DATE_FORMS", ok=lambda e: kind.native or not e.spec.startswith("@"))
        return sp

    def date_cell(self, f: str, value: dt.date, sp: dict, kind: Kind) -> Cell:
        form = sp["form"]
        tags = [f"{f}.date={form.tag}"]
        cell = spell.render_date(value, form.spec if isinstance(form.spec, str) else form.spec[0],
                                 sp["digits"].spec, self.rng)
        if isinstance(cell, str) and cell != spell.fill(form.spec if isinstance(form.spec, str) else form.spec[0],
                                                        **spell.date_fields(value)):
            tags.append(f"{f}.digits={sp['digits'].tag}")
        order = form.spec[1] if isinstance(form.spec, tuple) else None
        return Cell(cell, tags, {**sp, "order": order})

    def datetime_spelling(self, kind: Kind, forced: Entry | None = None) -> dict:
        """A submission date-time; an office's clerk often types the date only."""
        d = self.draw
        sp = {"digits": d.table("digits", "DIGITS")}
        if forced is None and not kind.forms and self.rng.random() < 0.5:
            sp["form"] = d.table("date_form", "DATE_FORMS", ok=lambda e: kind.native or not e.spec.startswith("@"))
            return sp
        sp["form"] = forced or d.table("datetime_form", "DATETIME_FORMS",
                                       ok=lambda e: (kind.native or not e.spec[0].startswith("@")))
        return sp

    def datetime_cell(self, value: dt.datetime, sp: dict, kind: Kind) -> Cell:
        form = sp["form"]
        if isinstance(form.spec, tuple) and len(form.spec) == 2 and not isinstance(form.spec[1], str):
            template, offset = form.spec
            cell = spell.render_datetime(value, template, offset, sp["digits"].spec, self.rng)
            order = self.tables.mapping("DATETIME_ORDER").get(form.tag)
        else:                                            # a date spelling in a date-time column
            template, order = (form.spec, None) if isinstance(form.spec, str) else form.spec
            cell = spell.render_date(value.date(), template, sp["digits"].spec, self.rng)
        tags = [f"submitted_at.datetime={form.tag}"]
        if isinstance(cell, str) and spell.is_thai_style(template) and sp["digits"].tag != "ascii":
            tags.append(f"submitted_at.digits={sp['digits'].tag}")
        return Cell(cell, tags, {**sp, "order": order})

    # ------------------------------------------------------------------ places
    def province_spelling(self, place: Place) -> Entry:
        if place.pth in self.short and self.rng.random() < 0.3:       # โคราช is what Korat's own office writes
            return next(e for e in self.tables.entries("PROVINCE_FORMS") if e.tag == "short")
        return self.draw.table("province_form", "PROVINCE_FORMS",
                               ok=lambda e: "{short}" not in e.spec or place.pth in self.short)

    def province_cell(self, place: Place, form: Entry, kind: Kind) -> Cell:
        if "{short}" in form.spec and place.pth not in self.short:
            form = Entry("plain", "{th}", 1, "development")
        if "{en_compact}" in form.spec and place.pen.count(" ") != 1:
            form = Entry("english", "{en}", 1, "development")      # "ChonBuri", not "NongBuaLamPhu"
        text = spell.fill(form.spec, th=place.pth, en=place.pen, EN=place.pen.upper(), en_lower=place.pen.lower(),
                          en_compact=place.pen.replace(" ", ""), short=self.short.get(place.pth, ""))
        tags = [f"province.place={form.tag}"]
        if form.tag == "short":
            tags.append(f"province.short={self.short[place.pth]}")
        return Cell(text, tags, {"form": form})

    def district_spelling(self, place: Place) -> Entry:
        if place.capital and self.rng.random() < 0.6:
            return self.draw.table("capital_form", "CAPITAL_FORMS")
        return self.draw.table("district_form", "DISTRICT_FORMS",
                               ok=lambda e: "{en}" not in e.spec and "{EN}" not in e.spec or place.en_unique)

    def district_cell(self, place: Place, form: Entry, kind: Kind) -> Cell:
        capital_tags = {e.tag for e in self.tables.entries("CAPITAL_FORMS")}
        if form.tag in capital_tags and not place.capital or ("{en}" in form.spec or "{EN}" in form.spec) and not place.en_unique:
            form = Entry("plain", "{th}", 1, "development")
        text = spell.fill(form.spec, th=place.dth, en=place.den, EN=place.den.upper(), pth=place.pth)
        axis = "capital" if form.tag in capital_tags else "place"
        return Cell(text, [f"district.{axis}={form.tag}"], {"form": form})

    # ------------------------------------------------------------------ headers
    def header(self, cat: str, f: str, lang: str, index: int, kind: Kind, millions: bool = False) -> tuple[str, list]:
        """A field's header as this file words it, and the tags that say how."""
        r, d = self.rng, self.draw
        tags: list = []
        if lang == "mixed":
            lang = r.choice(["th", "en"])

        def base(language: str) -> Entry:
            if millions:  # a column in millions always says so: in Thai when the part has no English wording
                e = self.tables.entries("MILLION_HEADERS", language)
                if not e:
                    language, e = "th", self.tables.entries("MILLION_HEADERS", "th")
                return d.pick(f"header.budget_millions.{language}", e)
            return d.pick(f"header.{f}.{language}", self.tables.entries("HEADERS", cat, f, language))

        if lang in ("bi",):
            th, en = base("th"), base("en")
            b = d.table("header.bilingual", "BILINGUAL")
            text = spell.fill(b.spec, th=th.spec.replace("|", ""), en=en.spec)
            tags += [f"header.{f}.th={th.tag}", f"header.{f}.en={en.tag}", f"header.{f}.bilingual={b.tag}"]
        else:
            language = "en" if lang in ("en", "en_fw") else "th"
            e = base(language)
            tags.append(f"header.{f}.{language}={e.tag}")
            text = e.spec
            dress = d.table("header.dress", "HEADER_DRESS",
                            ok=lambda x: ("{unit}" not in x.spec or (f in self.tables.mapping("HEADER_UNITS")
                                                                     and "(" not in text))
                            and (x.spec != "{h} *" or kind.forms))
            if dress.spec == "linebreak":
                if "|" in text:
                    text = text.replace("|", "\n")
                elif " " in text:
                    text = text.replace(" ", "\n", 1)
                else:
                    dress = None
            text = text.replace("|", "")
            if dress is not None and dress.spec != "linebreak":
                unit = r.choice(self.tables.mapping("HEADER_UNITS")[f]) if "{unit}" in dress.spec else ""
                if dress.spec == "{h_double_space}":
                    text = text.replace(" ", "  ") if " " in text else text
                else:
                    text = spell.fill(dress.spec, h=text, unit=unit)
            if dress is not None:
                tags.append(f"header.{f}.dress={dress.tag}")
            if lang == "en_fw":
                text = spell.width(text, "letters")
                tags.append(f"header.{f}.width=fw_letters")
        num = self.file_numbering if (not kind.forms or r.random() < 0.7) else None
        if num is not None:       # an office numbers every column or none; a Forms author some questions (RS §1.1)
            if num.spec != "{h}":
                text = spell.fill(num.spec, i=index, h=text)
                tags.append(f"header.{f}.numbering={num.tag}")
        text = self.noise(text, f"header.{f}", kind, tags)
        if not encodable(kind, text):
            e = self.tables.entries("HEADERS", cat, f, "th")[0]
            text, tags = e.spec.replace("|", ""), [f"header.{f}.th={e.tag}"]
        return text, tags

    # ------------------------------------------------------------------ choosing places
    def individual_places(self, kind: Kind, n: int) -> list[Place]:
        """One province's districts for a province's file; several provinces' for a Forms export
        (a national form). Every district appears once in the year."""
        r = self.rng
        codes = sorted(self.provinces)
        if kind.forms:
            pool = [(p, d) for c in codes for d in self.districts[c] for p in [self.provinces[c]]
                    if d.code not in self.used_districts]
            picked = r.sample(pool, n)
        else:
            fits = [c for c in codes if c not in self.used_provinces_ind
                    and sum(d.code not in self.used_districts for d in self.districts[c]) >= n]
            # a province known by a short name sends its form now and then (every short name is used)
            known = [c for c in fits if self.provinces[c].name_th in self.short_own]
            c = r.choice(known if known and r.random() < 0.5 else fits)
            self.used_provinces_ind.add(c)
            free = [d for d in self.districts[c] if d.code not in self.used_districts]
            capital = [d for d in free if d.name_th == "เมือง" + self.provinces[c].name_th]
            others = [d for d in free if d not in capital]
            first = capital if capital and r.random() < 0.8 else []     # the capital district usually applies
            picked = [(self.provinces[c], d) for d in first + r.sample(others if first else free, n - len(first))]
            r.shuffle(picked)
        out = []
        for p, d in picked:
            self.used_districts.add(d.code)
            out.append(_district_place(p, d, self.districts[p.code]))
        return out

    def province_places(self, n: int) -> list[Place]:
        free = [c for c in sorted(self.provinces) if c not in self.used_provinces_prov]
        picked = self.rng.sample(free, min(n, len(free)))
        self.used_provinces_prov.update(picked)
        return [Place(c, self.provinces[c].name_th, self.provinces[c].name_en) for c in picked]

    # ------------------------------------------------------------------ one file
    def spelling_for(self, f: str, kind: Kind, col: Column, place: Place | None = None, family=None) -> dict:
        k = KIND_OF.get(f)
        if f == "province":
            return {"form": self.province_spelling(place)}
        if f == "district":
            return {"form": self.district_spelling(place)}
        if k == "count":
            return self.count_spelling(f)
        if k == "rate":
            return self.rate_spelling(kind.native)
        if k == "money":
            return self.money_spelling(kind.native, col.millions)
        if k == "date":
            return self.date_spelling(f, kind, family)
        if k == "datetime":
            return self.datetime_spelling(kind, family)
        return {}

    def cell_for(self, f: str, value, sp: dict, kind: Kind, col: Column, place: Place | None) -> Cell:
        k = KIND_OF.get(f)
        if f == "province":
            c = self.province_cell(place, sp["form"], kind)
        elif f == "district":
            c = self.district_cell(place, sp["form"], kind)
        elif value is None:
            return Cell(None, [], sp)
        elif k == "count":
            c = self.count_cell(f, value, sp, kind)
        elif k == "rate":
            c = self.rate_cell(value, sp, kind)
        elif k == "money":
            c = self.money_cell(value, sp, kind, col.millions)
        elif k == "date":
            c = self.date_cell(f, value, sp, kind)
        elif k == "datetime":
            c = self.datetime_cell(value, sp, kind)
        else:
            c = Cell(value, [], sp)
        if isinstance(c.value, str):
            if not encodable(kind, c.value):
                return None                          # spelled again by the caller
            c.value = self.noise(c.value, f, kind, c.tags)
        return c

    def habits(self, fields: list, kind: Kind, cols: dict, places: list[Place]) -> dict:
        """Each column's habit: the spelling its clerk uses for most rows."""
        out = {}
        for f in fields:
            family = None
            if KIND_OF.get(f) == "date" and kind.date_question and (kind.forms and self.rng.random() < 0.6):
                tmpl, order = kind.date_question
                family = Entry(f"question_{kind.name}", (tmpl, order) if order else tmpl, 1, "development")
            elif KIND_OF.get(f) == "date" and not kind.forms and self.rng.random() < 0.15:
                family = self.draw.table("date_ad_numeric", "DATE_AD_NUMERIC")
            if f == "submitted_at" and kind.forms:
                stamps = [e for e in self.tables.entries("DATETIME_FORMS") if e.tag in kind.timestamps]
                family = self.draw.pick(f"timestamp.{kind.name}", stamps)
            sp = self.spelling_for(f, kind, cols[f], places[0], family)
            if family is None and self.order_of(sp.get("form")):
                family = sp["form"]                 # a numeric A.D. habit: the column's order is its
            out[f] = (family, sp)
        return out

    def order_of(self, form: Entry | None) -> str | None:
        """DMY / MDY for a numeric spelling with an A.D. year whose order the column must show."""
        if form is None:
            return None
        if isinstance(form.spec, tuple) and isinstance(form.spec[1], str):
            return form.spec[1]
        return self.tables.mapping("DATETIME_ORDER").get(form.tag)

    @staticmethod
    def day_month_numeric(form: Entry | None) -> bool:
        """A typed Thai spelling with the day before the month in figures (19/7/64, 19-7-2564)."""
        if form is None:
            return False
        t = form.spec if isinstance(form.spec, str) else form.spec[0]
        return any(x in t for x in ("{d}/{m}", "{dd}/{mm}", "{d}-{m}", "{d}.{m}"))

    def fresh_ok(self, f: str, sp: dict, family: Entry | None) -> bool:
        """A fresh spelling a row may take in its column: a numeric A.D. spelling only in a
        column whose habit it is (its order is then shown by the column), and no Thai d/m
        spelling in a month-first column (nobody could say which order the clerk meant)."""
        form = sp.get("form")
        if form is None:
            return True
        order = self.order_of(form)
        if order is not None and (family is None or form.tag != family.tag):
            return False
        if self.order_of(family) == "MDY" and self.day_month_numeric(form):
            return False
        return True

    def row_cells(self, fields, kind, cols, hab, place: Place, values: dict, tags: list) -> dict:
        """One row's cells: mostly its columns' habits, some spelled afresh."""
        cells = {}
        for f in fields:
            family, habit = hab[f]
            locked = kind.forms and family is not None       # a timestamp, or a date question's answers
            for attempt in range(12):
                if locked:
                    sp = habit if attempt == 0 else self.spelling_for(f, kind, cols[f], place, family)
                    if KIND_OF.get(f) == "date" and self.order_of(family) == "DMY" and self.rng.random() < 0.1:
                        # a Thai respondent types the B.E. year into the date question (RS §1.1)
                        sp = {**sp, "form": Entry("question_be_year", ("{d}/{m}/{be}", "DMY"), 1, "development")}
                elif attempt == 0 and self.rng.random() < HABIT_BY_FIELD.get(f, HABIT):
                    sp = habit
                elif attempt < 11:
                    sp = self.spelling_for(f, kind, cols[f], place, family if self.rng.random() < 0.5 else None)
                    if not self.fresh_ok(f, sp, family):
                        continue
                else:
                    sp = self.plain_spelling(f)
                value = self.adjust(f, sp, values.get(f), values)
                c = self.cell_for(f, value, sp, kind, cols[f], place)
                if c is not None:
                    break
            cells[cols[f].id] = c
            tags += c.tags
        return cells

    def adjust(self, f: str, sp: dict, value, values: dict):
        """The true value a spelling implies, decided before the cell is written: a submission
        typed as a date only is that day at 00:00; a timestamp with fractions of a second has
        them; an amount with satang has them."""
        if f in ("province", "district") or value is None:
            return value
        form = sp.get("form")
        if f == "submitted_at" and form is not None:
            is_datetime = isinstance(form.spec, tuple) and not isinstance(form.spec[1], str)
            value = value.replace(microsecond=0)
            if not is_datetime:
                value = dt.datetime(value.year, value.month, value.day)
            elif form.tag == "iso_frac":
                value = value.replace(microsecond=self.rng.choice([125000, 250000, 750000]))
            elif not form.spec[0].startswith("@") and "{SS}" not in form.spec[0]:
                value = value.replace(second=0)
        if f == "budget" and form is not None and form.tag == "satang":
            value = value.to_integral() + Decimal("0.50")
        values[f] = value
        return value

    def plain_spelling(self, f: str) -> dict:
        plain = lambda name: Entry(*getattr(axes, name)[0][:3], "development")   # noqa: E731
        sp = {"digits": Entry("ascii", ("ascii",), 1, "development"), "grouping": Entry("none", "", 1, "development"),
              "decimals": Entry("natural", "", 1, "development")}
        k = KIND_OF.get(f)
        if f in ("province", "district"):
            return {"form": Entry("plain", "{th}", 1, "development")}
        if k == "count":
            sp.update(form=plain("COUNT_FORMS"), zero=plain("ZERO_FORMS"))
        elif k == "rate":
            sp["form"] = plain("RATE_FORMS")
        elif k == "money":
            sp["form"] = plain("MONEY_FORMS")
        elif k == "date":
            sp["form"] = Entry("iso", "{ad}-{mm}-{dd}", 1, "development")
        elif k == "datetime":
            sp["form"] = Entry("iso_space", ("{ad}-{mm}-{dd} {HH}:{MM}:{SS}", None), 1, "development")
        return sp

    def columns(self, cat: str, kind: Kind, fields: list, lang: str, millions: bool) -> list[Column]:
        r = self.rng
        numbered = r.random() < (0.6 if kind.forms else 0.15)
        self.file_numbering = self.draw.table("header.numbering", "HEADER_NUMBERING") if numbered else None
        cols: list[Column] = []
        ui = kind.ui
        if kind.forms:
            ts = self.tables.entries("TIMESTAMP_HEADERS", ui)
            e = self.draw.pick(f"header.timestamp.{ui}", ts)
            cols.append(Column("c_ts", "submitted_at", e.spec, [f"header.submitted_at.timestamp={e.tag}"]))
            if r.random() < 0.85:
                mails = [m for m in self.tables.mapping("EXTRA_COLUMNS").get("email", [])
                         if (ui == "th") == any("\u0e00" <= ch <= "\u0e7f" for ch in m) or ui == "en" and m.isascii()]
                mail = r.choice(mails or ["Email Address"])
                cols.append(Column("x_email", None, mail, [f"extra.email={mail}"]))
        elif r.random() < 0.5:
            no = r.choice(ROW_NUMBER_HEADERS)
            cols.append(Column("x_no", None, no, [f"extra.row_number={no}"]))
        body = [f for f in fields if not (kind.forms and f == "submitted_at")]
        if r.random() < 0.25:
            head, tail = body[:2], body[2:]
            r.shuffle(tail)
            body = head + tail
        for i, f in enumerate(body, start=1):
            col = Column(f"c_{f}", f, "", millions=(f == "budget" and millions))
            col.header, col.tags = self.header(cat, f, lang, i, kind, millions=col.millions)
            if col.millions:
                col.tags.append("budget.header=millions")
            cols.append(col)
        extras = self.tables.mapping("EXTRA_COLUMNS")
        if kind.forms and r.random() < 0.35:
            cols.append(Column("x_phone", None, extras["phone"][0], [f"extra.phone={extras['phone'][0]}"]))
        if kind.forms and "score" in extras and r.random() < 0.5:
            score = r.choice(extras["score"])
            cols.insert(2 if len(cols) > 2 else len(cols), Column("x_score", None, score, [f"extra.score={score}"]))
        return cols

    def extra_value(self, col: Column, place: Place | None, i: int, test: bool = False):
        r = self.rng
        if col.id == "x_no":
            return str(i) if r.random() < 0.5 else i
        if col.id == "x_email":
            return ("admin.dla@gmail.com" if test else
                    f"amphoe{place.dcode or place.pcode}@dla.go.th" if place else "")
        if col.id == "x_phone":
            return f"08{r.randint(10000000, 99999999)}"
        if col.id == "x_score":
            return "0.00 / 0" if "Total" in col.header else ""
        return None

    def values_for(self, cat: str, place: Place) -> dict:
        return self.individual_values() if cat == "individual" else self.province_values(place.pth)

    def doubtful(self, cat: str, row: Row, fields: list, kind: Kind, cols: dict) -> None:
        """Make one value of ``row`` a value nobody can be sure of (the field's truth is then unknown)."""
        r, d = self.rng, self.draw
        cands = [f for f in fields if KIND_OF.get(f) in ("count", "rate", "money", "date") and row.values.get(f) is not None]
        if not cands:
            return
        f = "budget" if "budget" in cands and r.random() < 0.5 else r.choice(cands)
        k = KIND_OF[f]
        v = row.values[f]
        sys = d.table("digits", "DIGITS").spec
        if k == "count":
            e = d.table("doubt.number", "DOUBT_NUMBER")
            a = max(0, v - r.randint(1, 3))
            text = spell.fill(e.spec, n=v, a=a, b=max(v, a + r.randint(1, 3)))
        elif k == "rate":
            e = d.table("doubt.rate", "DOUBT_RATE")
            n = int(v)
            text = spell.fill(e.spec, n=min(n, 99), a=max(0, n - 5), b=min(100, max(n, 1) + 3))
        elif k == "money":
            e = d.table("doubt.money", "DOUBT_MONEY")
            other = v + Decimal(r.choice([-1, 1]) * r.choice([100_000, 10_000, 1_000_000]))
            if other <= 0:
                other = v + Decimal(100_000)
            text = spell.fill(e.spec, n=spell.number_text(v, ",", ""), w=spell.money_words(other),
                              m=spell.number_text(v / Decimal(1_000_000), "", ""))
        else:
            e = d.table("doubt.date", "DOUBT_DATE")
            fields_ = spell.date_fields(v)
            text = spell.fill(e.spec, d2=min(28, v.day + r.randint(1, 6)) if v.day < 28 else 30, **fields_)
            if e.tag == "day_range" and v.day >= 28:
                text = spell.fill("{d2}-{d} {mon} {be}", d2=v.day - 3, **fields_)
        spelled = spell.digits(text, sys, r)
        text = spelled if encodable(kind, spelled) else text
        if not encodable(kind, text):                   # a full-width bracket in a Thai-Excel CSV
            text = spell.width(text, {"（": "(", "）": ")"})
        row.cells[cols[f].id] = Cell(text, [f"{f}.doubt={e.tag}"], {})
        row.tags = [t for t in row.tags if not t.startswith(f + ".")] + [f"{f}.doubt={e.tag}"]
        row.outcome, row.doubt = "doubtful", f"{f}:{e.tag}"
        if k == "money" and "{w}" in e.spec:
            row.note = f"figure {truth_text(v)}, words of {truth_text(other)}"
        row.values[f] = None

    def build_file(self, index: int, kind: Kind, cat: str, n: int, no_evidence: bool = False) -> FileSpec:
        r, d = self.rng, self.draw
        places = self.individual_places(kind, n) if cat == "individual" else self.province_places(n)
        optional = [f for f in FIELDS[cat] if f not in REQUIRED[cat]]
        fields = [f for f in FIELDS[cat] if f in REQUIRED[cat] or r.random() < (0.9 if f == "budget" else 0.7)
                  or (f == "submitted_at" and kind.forms)]
        if no_evidence:
            fields = [f for f in fields if KIND_OF.get(f) not in ("date",)]
        lang_entry = d.table("header.language", "HEADER_LANGUAGE")
        lang = lang_entry.spec
        # a budget column headed in millions: the year's first province form with a budget, then one in five
        millions = cat == "province" and "budget" in fields and (not self.had_millions or r.random() < 0.2) and bool(
            self.tables.entries("MILLION_HEADERS", "en" if lang == "en" else "th"))
        self.had_millions = self.had_millions or millions
        columns = self.columns(cat, kind, fields, lang, millions)
        cols = {c.field: c for c in columns if c.field}
        spec = FileSpec(self.file_name(index, kind, cat, places), kind, cat, columns, [],
                        tags=[f"file={kind.name}", f"header.language={lang_entry.tag}"], no_evidence=no_evidence)
        hab = self.habits(fields, kind, cols, places)
        data: list[Row] = []
        for i, place in enumerate(places, start=1):
            values = self.values_for(cat, place)
            if millions:                              # amounts in millions are round: 2.35, not 2.3485
                values["budget"] = max(Decimal(10_000), (values["budget"] / 10_000).to_integral() * 10_000)
            if no_evidence:
                day = 7 if i == 1 else r.choice([x for x in range(1, 13) if x != 7])
                values["submitted_at"] = values["submitted_at"].replace(day=day)
            tags: list = []
            row = Row("data", "clear", {}, place, values, when=values.get("submitted_at"))
            row.cells = self.row_cells(fields, kind, cols, hab, place, values, tags)
            row.tags = tags
            for c in columns:
                if c.field is None:
                    row.cells[c.id] = Cell(self.extra_value(c, place, i))
            if not no_evidence and r.random() < DOUBT_SHARE * (1.5 if cat == "province" else 1):
                self.doubtful(cat, row, fields, kind, cols)
            data.append(row)
        for f in fields:
            if KIND_OF.get(f) in ("date", "datetime"):
                self.evidence(spec, data, f, cols, kind, hab)
        if kind.forms:
            data = self.forms_rows(spec, data, fields, kind, cols, hab)
        spec.rows = data
        if not kind.forms:
            self.office_rows(spec, fields, cols)
            spec.title = [TITLES[cat].format(year=YEAR)] if r.random() < 0.7 else []
            if spec.title and cat == "individual" and r.random() < 0.5:
                spec.title.append(f"จังหวัด{places[0].pth}")
            spec.merge_province = kind.native and not kind.pdf and r.random() < 0.35 and cat == "individual"
            spec.instructions = kind.native and not kind.pdf and r.random() < 0.2
            if kind.pdf and r.random() < 0.6:
                spec.empty_column_at = r.randint(1, len(columns) - 1)
        spec.sheet = kind.sheet or r.choice(["ข้อมูล", "Sheet1", "แบบ 2" if cat == "individual" else "แบบ 4", "แผ่นงาน1"])
        if spec.merge_province:
            spec.tags.append("layout=province_merged")
        if spec.instructions:
            spec.tags.append("layout=instructions_sheet")
        if spec.empty_column_at is not None:
            spec.tags.append("layout=empty_column")
        return spec

    def file_name(self, index: int, kind: Kind, cat: str, places: list[Place]) -> str:
        folder = "individual/submissions" if cat == "individual" else "province/submissions"
        form = "ท้องถิ่นอำเภอดีเด่น" if cat == "individual" else "1 จังหวัด 1 พัฒนา"
        if kind.forms:
            names = self.tables.mapping("FORMS_FILE_NAMES")[kind.ui]
            stem = self.rng.choice(names).format(form=form) + f" ({index:02d})"
        else:
            where = places[0].pth if cat == "individual" else f"รวม{len(places)}จังหวัด"
            stem = f"{index:02d}_แบบ{'2' if cat == 'individual' else '4'}_{where}"
            if kind.pdf:
                stem += "_แปลงจากPDF"
        return f"{folder}/{stem}{kind.ext}"

    def evidence(self, spec: FileSpec, rows: list[Row], f: str, cols: dict, kind: Kind, hab: dict) -> None:
        """A numeric A.D. date's day/month order must be shown by its column (a day over 12 in
        the same order). Where the composer did not mean a column without evidence, one free row
        is given a day over 12; in the file made without it, every date whose day and month could
        be swapped is doubtful."""
        col = cols[f].id
        ordered = [row for row in rows if row.cells.get(col) is not None and row.cells[col].spec.get("order")]
        orders = {row.cells[col].spec["order"] for row in ordered}
        if len(orders) > 1:                                   # one order per column: the others plain
            keep = ordered[0].cells[col].spec["order"]
            for row in ordered:
                if row.cells[col].spec["order"] != keep:
                    self.respell(row, f, cols, kind, self.plain_spelling(f))
            ordered = [row for row in ordered if row.cells[col].spec.get("order") == keep]
        if not ordered:
            return
        if any(row.values.get(f) is not None and row.values[f].day > 12 for row in ordered):
            return
        if spec.no_evidence:
            for row in ordered:
                v = row.values.get(f)
                if v is not None and v.day != v.month and row.outcome == "clear":
                    row.outcome, row.doubt = "doubtful", f"{f}:ambiguous_day_month"
                    row.values[f] = None
                    row.tags.append(f"{f}.doubt=ambiguous_day_month")
            spec.tags.append(f"{f}.order=no_evidence")
            return
        free = [row for row in ordered if row.outcome == "clear" and not row.fixed_date and row.values.get(f) is not None]
        if not free:
            for row in ordered:
                self.respell(row, f, cols, kind, self.plain_spelling(f))
            return
        row = free[0]
        row.values[f] = row.values[f].replace(day=self.rng.randint(13, 28))
        if f == "submitted_at":
            row.when = row.values[f]
        self.respell(row, f, cols, kind, row.cells[col].spec)

    def respell(self, row: Row, f: str, cols: dict, kind: Kind, sp: dict) -> None:
        col = cols[f].id
        old = row.cells[col]
        row.tags = [t for t in row.tags if t not in old.tags]
        value = self.adjust(f, sp, row.values.get(f), row.values)
        c = self.cell_for(f, value, sp, kind, cols[f], row.place)
        if c is None:
            c = self.cell_for(f, value, self.plain_spelling(f), kind, cols[f], row.place)
        row.cells[col] = c
        row.tags += c.tags

    # ------------------------------------------------------------------ Forms / Sheets exports
    def forms_rows(self, spec: FileSpec, data: list[Row], fields: list, kind: Kind, cols: dict, hab: dict) -> list[Row]:
        """Test and trial responses before and after a real answer from the same district, an
        answer sent twice (the later counts), a row typed into the sheet by hand (no timestamp);
        then every response in time order, as the response sheet keeps them."""
        r, d = self.rng, self.draw
        cat = spec.category
        extra: list[Row] = []
        real = [row for row in data if row.outcome == "clear"]
        r.shuffle(real)
        if spec.no_evidence:
            return sorted(data, key=lambda x: x.when)
        n_tests = min(len(real) - 1, r.randint(1, 3))
        for k in range(max(n_tests, 0)):
            target = real.pop()
            before = r.random() < 0.6
            extra.append(self.test_row(spec, target, fields, kind, cols, hab, before))
            target.fixed_date = True
        if real and r.random() < 0.6:
            target = real.pop()
            extra.append(self.superseded_row(spec, target, fields, kind, cols, hab))
            target.fixed_date = True
        rows = data + extra
        if kind.name.startswith("sheets_") and real and r.random() < 0.4:
            typed = real.pop()                      # typed into the sheet: no timestamp (RS §1.1 B)
            typed.cells[cols["submitted_at"].id] = Cell(None, [], {})
            typed.tags = [t for t in typed.tags if not t.startswith("submitted_at.")] + ["row.hand_typed=no_timestamp"]
            typed.values["submitted_at"] = None
            typed.when = None
            self.evidence(spec, rows, "submitted_at", cols, kind, hab)   # the typed row may have shown the order
        timed = sorted([x for x in rows if x.when is not None], key=lambda x: x.when)
        return timed + [x for x in rows if x.when is None]

    def test_row(self, spec, target: Row, fields, kind, cols, hab, before: bool) -> Row:
        r, d = self.rng, self.draw
        cat = spec.category
        values = self.values_for(cat, target.place)
        delta = dt.timedelta(minutes=r.randint(5, 60 * 48))
        values["submitted_at"] = target.when - delta if before else target.when + delta
        tags = [f"test.when={'before' if before else 'after'}"]
        title_field = "work_title" if cat == "individual" else "project_title"
        if cat == "individual" and before and title_field in fields and r.random() < 0.5:
            e = d.table("test.title", "TEST_TITLES")
            values["name"] = target.values.get("name") or values["name"]
            values[title_field] = e.spec
            tags.append(f"test.title={e.tag}")
        else:
            e = d.table("test.name", "TEST_NAMES")
            if cat == "individual":
                values["name"] = e.spec
                if title_field in fields and r.random() < 0.5:
                    values[title_field] = e.spec
            else:
                values[title_field] = e.spec
            tags.append(f"test.name={e.tag}")
        cells_tags: list = []
        row = Row("test", "not_data", {}, target.place, values, when=values["submitted_at"], tags=tags, fixed_date=True)
        row.cells = self.row_cells(fields, kind, cols, hab, target.place, values, cells_tags)
        for c in spec.columns:
            if c.field is None:
                row.cells[c.id] = Cell(self.extra_value(c, target.place, 0, test=True))
        for f in ("name", title_field):
            if f in cols:
                row.cells[cols[f].id] = Cell(values[f], [], {})
        row.note = f"test of the answer at row of {target.place.dth or target.place.pth}"
        return row

    def superseded_row(self, spec, target: Row, fields, kind, cols, hab) -> Row:
        """The same candidate's earlier submission, with other figures: the later one counts."""
        r = self.rng
        values = dict(target.values)
        for f in fields:
            if KIND_OF.get(f) == "count" and values.get(f) is not None and f != "complaints_resolved":
                values[f] = values[f] + r.randint(1, 3)
        if "report_rate" in values and values["report_rate"] is not None:
            values["report_rate"] = max(Decimal(50), values["report_rate"] - r.randint(1, 9))
        if values.get("complaints_resolved") is not None and values.get("complaints_received") is not None:
            values["complaints_resolved"] = min(values["complaints_resolved"], values["complaints_received"])
        values["submitted_at"] = target.when - dt.timedelta(hours=r.randint(2, 24 * 5))
        tags: list = ["row.duplicate=superseded"]
        row = Row("superseded", "superseded", {}, target.place, values, when=values["submitted_at"], tags=tags,
                  fixed_date=True)
        row.cells = self.row_cells(fields, kind, cols, hab, target.place, values, [])
        for c in spec.columns:
            if c.field is None:
                row.cells[c.id] = Cell(self.extra_value(c, target.place, 0))
        row.note = "superseded by a later submission of the same candidate"
        return row

    # ------------------------------------------------------------------ an office's own file
    def office_rows(self, spec: FileSpec, fields: list, cols: dict) -> None:
        """A total under the table, then notes and a signature block after a blank row."""
        r, d = self.rng, self.draw
        data = [row for row in spec.rows if row.kind == "data"]
        if r.random() < 0.45:
            e = d.table("not_data.total", "TOTAL_LABELS")
            cells = {}
            label_col = next((c for c in spec.columns if c.id == "x_no"), None) or cols["province"]
            cells[label_col.id] = Cell(e.spec)
            for f in fields:
                if KIND_OF.get(f) in ("count", "money"):
                    vals = [row.values.get(f) for row in data]
                    if all(v is not None for v in vals):
                        cells[cols[f].id] = Cell(spell.number_text(Decimal(sum(vals)), ",", ""))
            spec.rows.append(Row("total", "not_data", cells, tags=[f"not_data.total={e.tag}"]))
        tail: list[Row] = []
        if r.random() < 0.4:
            e = d.table("not_data.note", "NOTE_LINES")
            tail.append(Row("note", "not_data", {"@0": Cell(e.spec)}, tags=[f"not_data.note={e.tag}"]))
        if r.random() < 0.3:
            e = d.table("not_data.signature", "SIGNATURE")
            pth = data[0].place.pth if data and data[0].place else ""
            for line in e.spec:
                text = line.format(person=self.person(), province=pth)
                tail.append(Row("signature", "not_data", {"@mid": Cell(text)}, tags=[f"not_data.signature={e.tag}"]))
        if tail:
            spec.rows.append(Row("blank", None, {}))
            spec.rows += tail

    # ------------------------------------------------------------------ layout and writing
    def _line(self, spec: FileSpec, cells: dict) -> list:
        width = len(spec.columns)
        out = [cells[c.id].value if c.id in cells and cells[c.id] is not None else None for c in spec.columns]
        if "@0" in cells:
            out[0] = cells["@0"].value
        if "@mid" in cells:
            out[width // 2] = cells["@mid"].value
        if spec.empty_column_at is not None:
            out.insert(spec.empty_column_at, None)
        return out

    def _header_lines(self, spec: FileSpec, split: bool) -> list[list]:
        """The header row, or for a PDF's table the header split over two rows, the same way
        on every page."""
        if split and getattr(spec, "_split", None) is not None:
            return [list(x) for x in spec._split]
        heads = [c.header for c in spec.columns]
        if not split:
            lines = [heads]
        else:
            top, bottom = [], []
            for h in heads:
                h = h.strip("\n")
                if "\n" in h:
                    a, b = h.split("\n", 1)
                    top.append(a)
                    bottom.append(b.replace("\n", " "))
                elif " " in h.strip() and self.rng.random() < 0.5:
                    a, b = h.strip().split(" ", 1)
                    top.append(a)
                    bottom.append(b)
                elif self.rng.random() < 0.3:          # a one-line header centred in a two-line cell
                    top.append(None)
                    bottom.append(h)
                else:
                    top.append(h)
                    bottom.append(None)
            lines = [top, bottom]
        if spec.empty_column_at is not None:
            for ln in lines:
                ln.insert(spec.empty_column_at, None)
        if split:
            spec._split = [list(x) for x in lines]
        return lines

    def layout(self, spec: FileSpec) -> tuple[list[list], list, list]:
        """The sheet's rows (cells), which Row each is (None: no truth row: a title, the header,
        a blank line), and merged ranges."""
        r = self.rng
        kind = spec.kind
        width = len(spec.columns) + (spec.empty_column_at is not None)
        grid, owners, merges = [], [], []
        for t in spec.title:
            if kind.native:
                merges.append((len(grid), 0, len(grid), width - 1))
            grid.append([t] + [None] * (width - 1))
            owners.append(None)
        if spec.title and r.random() < 0.5:
            grid.append([None] * width)
            owners.append(None)
        header = self._header_lines(spec, split=kind.pdf)
        grid += header
        owners += [None] * len(header)
        if kind.pdf:
            spec.tags.append("layout=pdf_header_split")
            for row in spec.rows:
                for cid, c in row.cells.items():
                    if c is not None and isinstance(c.value, str) and " " in c.value.strip() and r.random() < 0.3 \
                            and row.kind in ("data", "superseded"):
                        parts = c.value.split(" ")
                        k = r.randint(1, len(parts) - 1)
                        c.value = " ".join(parts[:k]) + "\n" + " ".join(parts[k:])
                        f = next((col.field for col in spec.columns if col.id == cid), cid)
                        row.tags.append(f"{f}.pdf=cell_linebreak")
        body = list(spec.rows)
        if kind.pdf:
            e_page = self.draw.table("not_data.page", "PAGE_LINES")
            data_idx = [i for i, row in enumerate(body) if row.kind == "data"]
            cut = data_idx[max(1, len(data_idx) // 2)] if len(data_idx) > 2 else None
            page = []
            if cut is not None:
                page.append(Row("page_footer", "not_data", {"@mid": Cell(e_page.spec.format(i=1, n=2))},
                                tags=[f"not_data.page={e_page.tag}"]))
                page.append(Row("page_header", "not_data", {"@0": Cell(TITLES[spec.category].format(year=YEAR))},
                                tags=["not_data.page=title_repeated"]))
                for ln in self._header_lines(spec, split=True):
                    if all(c in (None, "") for c in ln):
                        continue  # a header line that is blank on the page is no row (the first page's is not)
                    page.append(Row("header", "not_data", {"__line__": Cell(ln)}, tags=["not_data.header=repeated"]))
                body = body[:cut] + page + body[cut:]
            body.append(Row("page_footer", "not_data", {"@mid": Cell(e_page.spec.format(i=2 if cut else 1, n=2 if cut else 1))},
                            tags=[f"not_data.page={e_page.tag}"]))
        first_data = len(grid)
        for row in body:
            if "__line__" in row.cells:
                grid.append(list(row.cells["__line__"].value))
            elif row.kind == "blank":
                grid.append([None] * width)
            else:
                grid.append(self._line(spec, row.cells))
            owners.append(row if row.outcome else None)
        if spec.merge_province:
            pc = next(i for i, c in enumerate(spec.columns) if c.field == "province")
            block = [i for i, row in enumerate(owners) if row is not None and row.kind == "data"]
            if len(block) > 1 and block == list(range(block[0], block[-1] + 1)):
                merges.append((block[0], pc, block[-1], pc))
                for i in block[1:]:
                    grid[i][pc] = None
                for i in block:
                    owners[i].tags.append("province.layout=merged")
        spec.rows = body
        return grid, owners, merges

    def write(self, spec: FileSpec, year_dir: Path) -> None:
        grid, owners, merges = self.layout(spec)
        path = year_dir / spec.rel
        if spec.kind.container in ("xlsx", "xls", "ods"):
            sheets = []
            if spec.instructions:
                sheets.append(("คำชี้แจง", [["คำชี้แจง"], ["1. กรอกข้อมูลในแผ่นงานถัดไป หนึ่งแถวต่อผู้สมัครหนึ่งราย"],
                                             ["2. วันที่ให้กรอกเป็น วัน/เดือน/ปี พ.ศ."]], [], False))
            sheets.append((spec.sheet, grid, merges, False))
            numbers = write_workbook(path, sheets)[-1]
        else:
            spec.sheet = ""
            numbers = write_text(path, spec.kind, grid)
        for row, n in zip(owners, numbers):
            if row is not None:
                row.source_row = n

    # ------------------------------------------------------------------ the truth
    def truth(self, spec: FileSpec) -> list[dict]:
        out = []
        fields = {c.field: c for c in spec.columns if c.field}
        head_tags = [t for c in spec.columns for t in c.tags]
        for row in spec.rows:
            if not row.outcome:
                continue
            rec = {k: "" for k in TRUTH_COLUMNS}
            rec.update(part=self.part, source_file=spec.rel, source_sheet=spec.sheet, source_row=row.source_row,
                       category=spec.category, outcome=row.outcome, expect=EXPECT[row.outcome], row_kind=row.kind,
                       doubt=row.doubt, note=row.note, file_kind=spec.kind.name)
            if row.place is not None:
                rec["province_code"] = row.place.pcode
                rec["district_code"] = row.place.dcode or ""
            if row.kind in ("data", "superseded"):
                for f in TRUTH_FIELDS:
                    if f in fields and f in FIELDS[spec.category]:
                        rec[f] = truth_text(row.values.get(f))
            tags = spec.tags + (head_tags if row.kind in ("data", "superseded", "test") else []) + row.tags
            rec["axes"] = ";".join(dict.fromkeys(tags))
            written = {}
            for c in spec.columns:
                cell = row.cells.get(c.id)
                if cell is not None and cell.value is not None:
                    written[c.field or c.id] = shown(cell.value)
            for key in ("@0", "@mid"):
                if key in row.cells:
                    written["text"] = shown(row.cells[key].value)
            if "__line__" in row.cells:
                written["text"] = " | ".join(shown(x) for x in row.cells["__line__"].value if x)
            rec["written"] = json.dumps(written, ensure_ascii=False, sort_keys=True)
            out.append(rec)
        return out

    # ------------------------------------------------------------------ the year
    def plan(self, n_files: int) -> list[tuple[str, str, int]]:
        """Which files the year has: every file kind of the part at least once (the held-out part
        also has the development kinds), about a fifth of them province forms."""
        r = self.rng
        kinds = self.tables.entries("FILE_KINDS")
        own = [e.tag for e in kinds if self.part == "development" or e.origin == "heldout"]
        rest = [e.tag for e in kinds if e.tag not in own]
        r.shuffle(own)
        r.shuffle(rest)
        names = (own + rest)[:n_files]
        while len(names) < n_files:
            names.append(r.choices(kinds, weights=[e.weight for e in kinds])[0].tag)
        r.shuffle(names)
        n_prov = max(1, round(0.25 * n_files)) if n_files >= 3 else 0
        provincial = set(r.sample(range(n_files), n_prov))
        return [(k, "province" if i in provincial else "individual",
                 r.randint(6, 12) if i in provincial else r.randint(10, 20)) for i, k in enumerate(names)]


def truth_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v != v.to_integral() else str(int(v))
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return str(v)


NO_EVIDENCE_KIND = {"development": "sheets_csv_us", "heldout": "sheets_csv_uk"}


def generate(out: Path, part: str = "development", seed: int = 1, files: int = 20) -> Path:
    """Write ``<out>/raw/<YEAR>/...`` (the forms) and ``<out>/truth.csv`` (every row's truth) and
    ``<out>/files.csv`` (every file's kind and headers). The same part and seed give the same
    bytes. ``files``: how many files besides the one whose dates show no day/month order."""
    out = Path(out)
    comp = Composer(part, seed)
    year_dir = out / "raw" / str(YEAR)
    for sub in ("individual/submissions", "province/submissions"):
        (year_dir / sub).mkdir(parents=True, exist_ok=True)
    specs = []
    for i, (k, cat, n) in enumerate(comp.plan(files), start=1):
        specs.append(comp.build_file(i, KINDS[k], cat, n))
    specs.append(comp.build_file(files + 1, KINDS[NO_EVIDENCE_KIND[part]], "individual", comp.rng.randint(3, 5),
                                 no_evidence=True))
    truth, file_rows = [], []
    for spec in specs:
        comp.write(spec, year_dir)
        truth += comp.truth(spec)
        file_rows.append({"part": part, "source_file": spec.rel, "file_kind": spec.kind.name, "category": spec.category,
                          "sheet": spec.sheet, "tags": ";".join(spec.tags),
                          "columns": json.dumps([[c.field or c.id, c.header] for c in spec.columns], ensure_ascii=False)})
    _write_csv(out / "truth.csv", TRUTH_COLUMNS, truth)
    _write_csv(out / "files.csv", list(file_rows[0]), file_rows)
    return out


def _write_csv(path: Path, columns: list, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


# Where each table's spellings are written in the truth's tags (``<prefix><tag>``): what the
# tests check "every axis is used" with. Defaults (no variation) are not tagged.
COVERAGE = {
    "DIGITS": [".digits="], "GROUPING": [".grouping="], "DECIMALS": [".decimals="], "MONEY_DECIMALS": ["budget.decimals="],
    "COUNT_FORMS": [".form="], "UNITS": [".unit="], "QUALIFIERS": [".qualifier="], "ZERO_FORMS": [".zero="],
    "RATE_FORMS": ["report_rate.form="], "MONEY_FORMS": ["budget.form="], "MILLION_CELL_FORMS": ["budget.form="],
    "DATE_FORMS": [".date=", "submitted_at.datetime="], "DATE_AD_NUMERIC": [".date="],
    "DATETIME_FORMS": ["submitted_at.datetime="], "PROVINCE_FORMS": ["province.place="],
    "DISTRICT_FORMS": ["district.place="], "CAPITAL_FORMS": ["district.capital="], "SHORT_NAMES": ["province.short="],
    "THAI_FORMS": [".thai_form="], "INVISIBLES": [".invisible="], "SPACES": [".space="], "WIDTH": [".width="],
    "HEADERS": ["header."], "MILLION_HEADERS": ["header.budget."], "TIMESTAMP_HEADERS": ["header.submitted_at.timestamp="],
    "HEADER_NUMBERING": [".numbering="], "HEADER_DRESS": [".dress="], "BILINGUAL": [".bilingual="],
    "HEADER_LANGUAGE": ["header.language="], "TEST_NAMES": ["test.name="], "TEST_TITLES": ["test.title="],
    "TOTAL_LABELS": ["not_data.total="], "NOTE_LINES": ["not_data.note="], "SIGNATURE": ["not_data.signature="],
    "PAGE_LINES": ["not_data.page="], "DOUBT_NUMBER": [".doubt="], "DOUBT_RATE": ["report_rate.doubt="],
    "DOUBT_MONEY": ["budget.doubt="], "DOUBT_DATE": [".doubt="], "FILE_KINDS": ["file="], "EXTRA_COLUMNS": ["extra."],
}


def table_tags(module, name: str) -> list[str]:
    """The tags a table of ``module`` (axes or heldout) defines, as they appear in the truth."""
    table = getattr(module, name, None)
    if table is None:
        return []
    if name == "SHORT_NAMES":
        return list(table.values())
    out: list[str] = []

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for e in x:
                out.append(e if isinstance(e, str) else e[0])
    walk(table)
    return [t for t in dict.fromkeys(out) if t not in ("natural", "zero", "none")]


TEST_NAME_TABLES = ("TEST_NAMES", "TEST_TITLES")    # what a test response is called by (name or title)
