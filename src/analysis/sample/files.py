"""Seeded, deterministic sample raw data (BRIEF section 5) plus a truth table for the cleaner.

``generate(raw_dir)`` simulates B.E. 2564-2568: the individual category (ท้องถิ่นอำเภอดีเด่น: forms,
province-round and national-round score sheets, a national judges roster) and the province category
(1 จังหวัด 1 พัฒนา: one project per province, national score sheet, roster).  Files come as .xlsx
(xlsxwriter), old .xls (xlwt) and CSV (cp874, UTF-8 with BOM, plain UTF-8), with the mess real files
carry.  With ``truth_dir`` it also writes, per year, ``submissions_truth.csv`` and ``scores_truth.csv``
(one row per data row: what a perfect cleaner must do with it) and ``nominees_truth.csv``.

Mess is counted per row: file-level style (column order, header spelling, title rows, instructions
sheet, running-number column, date style of a column) is not tagged; the ``mess`` column names what was
injected into that row (``clean`` when nothing).  ``coi_blank`` marks a national-round row left blank on
purpose (conflict of interest); it is accepted and carries no score.

    python -m analysis.sample --raw-dir data/raw [--truth-dir DIR] [--seed 2564]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import random
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import geothai
import xlsxwriter
import xlwt
import yaml

from analysis.sample import marks as sample_marks
import zipfile

YEARS = (2564, 2565, 2566, 2567, 2568)
CREATED = dt.datetime(2021, 7, 19, 9, 0, 0)      # fixed workbook metadata -> byte-identical output
BANGKOK = "10"
ROSTER_PREFIX = "รายชื่อกรรมการ"                   # roster files start with this; they have no truth rows
RECOVERABLE_RATE = 0.04                            # share of rows given recoverable mess
WRONG_SCORE_RATE = 0.015                           # share of score rows that are wrong

# --- header spellings: every spelling written anywhere (first = canonical) -------------------------
IND_HEADERS = {
    "province": ["จังหวัด", " จังหวัด "],
    "district": ["อำเภอ", "อำเภอ "],
    "name": ["ชื่อ-สกุล", "  ชื่อ-สกุล ", "ชื่อ - นามสกุล", "ชื่อ-นามสกุล"],
    "position": ["ตำแหน่ง"],
    "started_on": ["วันที่เริ่มปฏิบัติหน้าที่", "วันที่เริ่ม\nปฏิบัติหน้าที่"],
    "lao_count": ["จำนวน อปท.", "จำนวน  อปท."],
    "meetings": ["จำนวนครั้งการประชุมประสานงาน", "จำนวนครั้ง\nการประชุมประสานงาน"],
    "report_rate": ["ร้อยละการรายงานตรงเวลา", "ร้อยละการรายงาน\nตรงเวลา", "ร้อยละการรายงานข้อมูลตรงเวลา"],
    "complaints_received": ["เรื่องร้องเรียนที่ได้รับ", "เรื่องร้องเรียน\nที่ได้รับ"],
    "complaints_resolved": ["เรื่องร้องเรียนที่แก้ไขแล้ว", "เรื่องร้องเรียน\nที่แก้ไขแล้ว"],
    "work_title": ["ชื่อผลงานดีเด่น", "ชื่อผลงานดีเด่น "],
    "submitted_at": ["วันที่ส่ง", "วันที่ส่งผลงาน"],
}
PROV_HEADERS = {
    "province": ["จังหวัด", " จังหวัด "],
    "project_title": ["ชื่อโครงการ", "ชื่อ\nโครงการ"],
    "budget": ["งบประมาณ (บาท)", "งบประมาณ", "งบประมาณ\n(บาท)"],
    "lao_participants": ["จำนวน อปท. ที่เข้าร่วม", "จำนวน อปท.\nที่เข้าร่วม"],
    "beneficiaries": ["จำนวนผู้ได้รับประโยชน์", "จำนวนผู้ได้รับ\nประโยชน์"],
    "started_on": ["วันที่เริ่ม"],
    "ended_on": ["วันที่สิ้นสุด"],
    "submitted_at": ["วันที่ส่ง", "วันที่ส่งผลงาน"],
}
SCORE_HEADERS = {"judge": ["กรรมการ", " กรรมการ"], "round": ["รอบ"], "province": ["จังหวัด"],
                 "district": ["อำเภอ"], "name": ["ชื่อ-สกุล"]}
GFORMS_SUBMITTED = "ประทับเวลา"                    # Google Forms export: the timestamp column
ROW_NO_HEADERS = ["ลำดับ", "ลำดับที่"]
ROSTER_HEADERS = ["กรรมการ", "จังหวัด", "รอบ"]
UNKNOWN_KEY = "D1"


def header_spellings() -> list[str]:
    """Every header cell text this module can write (criterion keys aside, plus ``UNKNOWN_KEY``)."""
    out: list[str] = []
    for table in (IND_HEADERS, PROV_HEADERS, SCORE_HEADERS):
        for spellings in table.values():
            out += [s for s in spellings if s not in out]
    out += [s for s in [GFORMS_SUBMITTED, *ROW_NO_HEADERS, *ROSTER_HEADERS, UNKNOWN_KEY] if s not in out]
    return out + [s for g in GROUPS.values() for s in g[1:] if s not in out]


# --- vocabulary --------------------------------------------------------------------------------------
MALE = ("สมชาย สมศักดิ์ สมพงษ์ ประเสริฐ วิชัย สุรชัย อนุชา ธนากร กิตติพงษ์ ชัยวัฒน์ ณัฐพล ปิยะ วีระ "
        "สุรเชษฐ์ อำนาจ ประยุทธ บุญเลิศ เกรียงไกร ธีระ พงศกร ศักดิ์ชัย ไพโรจน์ มานพ ยุทธนา สมบัติ "
        "เฉลิมชัย ทวีศักดิ์ นพดล วรวุฒิ อดิศักดิ์").split()
FEMALE = ("สมหญิง วิไลวรรณ กาญจนา สุภาพร นงลักษณ์ ปราณี รัตนา อรุณี จิราพร พรทิพย์ ศิริพร มาลี "
          "วันเพ็ญ ดวงใจ สุนันทา นภาพร ชนิดา อัญชลี เพ็ญศรี ลำดวน กนกวรรณ แสงเดือน ธิดารัตน์ "
          "ปวีณา สายสุนีย์ อุไรวรรณ พัชรี ยุพิน เบญจมาศ จันทร์เพ็ญ").split()
SURNAMES = ("ใจดี รักษาพล ศรีสุข แก้วมณี บุญมา ทองดี สุขสวัสดิ์ วงศ์ไทย มีสุข พรหมมา จันทร์แก้ว "
            "ศรีวงศ์ แสนทวี ปัญญาดี สมบูรณ์ชัย บุญยืน คำแสน ทองคำ ชัยมงคล รุ่งเรือง ศรีสมบัติ "
            "นาคประเสริฐ อินทร์แก้ว พึ่งบุญ เพชรรัตน์ สุวรรณศรี กำแพงแก้ว แสงทอง ธรรมรักษ์ "
            "บุญประเสริฐ ดวงแก้ว สายทอง มณีรัตน์ ภูมิใจ ศักดิ์ดี อ่ำสุข เจริญผล ปานทอง "
            "ยอดแก้ว ทองประเสริฐ จำปาทอง คงสมบูรณ์ ขำคม แก้วประเสริฐ ชำนาญกิจ สิงห์คำ ศรีอ่อน "
            "เรืองศรี บัวแก้ว หอมสมบัติ นิลแสง ประจำวงศ์ แจ่มใส รัตนพันธ์ สุขประเสริฐ เอี่ยมสะอาด "
            "ทิพย์มณี วงศ์คำ มั่นคง ผลดี").split()
POSITIONS = ["ท้องถิ่นอำเภอ", "ท้องถิ่นอำเภอ", "ท้องถิ่นอำเภอ (นักบริหารงานท้องถิ่น ระดับต้น)",
             "ท้องถิ่นอำเภอ (นักส่งเสริมการปกครองท้องถิ่นชำนาญการพิเศษ)", "รักษาการท้องถิ่นอำเภอ"]
WORKS = ["ศูนย์ประสานงานท้องถิ่นอำเภอเคลื่อนที่", "ท้องถิ่นอำเภอพบประชาชน", "ระบบติดตามการรายงานข้อมูล อปท. ออนไลน์",
         "เครือข่ายจัดการขยะชุมชนต้นทาง", "ธนาคารน้ำใต้ดินระบบปิด", "ห้องเรียนธรรมาภิบาลสำหรับ อปท.",
         "คลินิกให้คำปรึกษาด้านการเงินการคลัง อปท.", "การแก้ไขเรื่องร้องเรียนแบบบูรณาการ", "ตำบลปลอดภัยทางถนน",
         "ผู้สูงอายุมีสุข ชุมชนเข้มแข็ง", "ศูนย์พัฒนาเด็กเล็กคุณภาพ", "แผนที่ภาษีดิจิทัล", "การประชุมประสานงานผ่านระบบออนไลน์",
         "อปท. ร่วมใจป้องกันไฟป่าและหมอกควัน", "เครือข่ายอาสาสมัครป้องกันภัยฝ่ายพลเรือน", "การจัดเก็บรายได้ท้องถิ่นเชิงรุก"]
PROJECTS = ["ธนาคารน้ำใต้ดินเพื่อแก้ปัญหาภัยแล้ง", "ขยะเป็นศูนย์ชุมชนยั่งยืน", "ถนนปลอดภัยใส่ใจชีวิต",
            "ศูนย์ดูแลผู้สูงอายุระยะยาวโดยชุมชน", "ป่าชุมชนสร้างรายได้", "ท่องเที่ยววิถีชุมชน",
            "แหล่งน้ำสะอาดทุกครัวเรือน", "โรงเรียนผู้สูงอายุ", "เกษตรปลอดภัยสู่ตลาดชุมชน", "ลดหมอกควันไม่เผาในที่โล่ง"]
TITLE_IND = "แบบรายงานผลการดำเนินงาน ท้องถิ่นอำเภอดีเด่น ประจำปี พ.ศ. {year}"
TITLE_PROV = "แบบรายงานโครงการ 1 จังหวัด 1 พัฒนา ประจำปี พ.ศ. {year}"
TITLE_SCORE = "แบบบันทึกคะแนนการคัดเลือก{what} ประจำปี พ.ศ. {year}"
INSTRUCTIONS = ["คำชี้แจง", "1. กรอกข้อมูลในแผ่นงาน \"ข้อมูล\" หนึ่งแถวต่อผู้สมัครหนึ่งราย",
                "2. วันที่ให้กรอกเป็นวัน/เดือน/ปี พ.ศ.", "3. ส่งแบบรายงานถึงสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด"]
TH_MON = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
TH_MONTH = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
            "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
SHORT_NAMES = {"พระนครศรีอยุธยา": "อยุธยา", "นครราชสีมา": "โคราช", "นครศรีธรรมราช": "นครศรีฯ",
               "อุบลราชธานี": "อุบลฯ", "สุราษฎร์ธานี": "สุราษฎร์ฯ", "ประจวบคีรีขันธ์": "ประจวบฯ"}
MISSPELLINGS = {"ศรีสะเกษ": "ศรีษะเกษ", "กาฬสินธุ์": "กาฬสินธ์", "พิษณุโลก": "พิศณุโลก",
                "ประจวบคีรีขันธ์": "ประจวบคิรีขันธ์", "อุบลราชธานี": "อุบลราชทานี"}
GARBAGE_PROVINCES = ["ทดสอบ", "กขค", "xxxx", "จังหวัดสุขใจ"]
FAKE_DISTRICTS = ["ทุ่งทองคำ", "ดอนสวนแก้ว", "ห้วยสุขสันต์", "โนนสวรรค์งาม"]   # no such district or tambon
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
DATE_STYLES = ["th_abbr", "th_full", "slash_be", "slash_be2", "iso_ad"]
UNITS = {"lao_count": "แห่ง", "lao_participants": "แห่ง", "meetings": "ครั้ง", "complaints_received": "เรื่อง",
         "complaints_resolved": "เรื่อง", "beneficiaries": "คน"}
IND_WRONG = ["out_of_scope", "unknown_district", "out_of_range", "missing_value", "place_mismatch",
             "inconsistent_values", "unknown_province", "bad_value"]
PROV_WRONG = ["inconsistent_values", "out_of_scope", "missing_value", "unknown_province", "bad_value", "out_of_range"]
VALUE_DEFECTS = {"out_of_range", "inconsistent_values", "missing_value", "bad_value"}   # place is real: judged


class Pct(float):
    """A number stored as a fraction and shown in percent format (Excel cell typed as ``95%``)."""


@dataclass
class Row:
    values: dict                         # intended clean values (the truth)
    prov: str | None = None              # province code
    dist: str | None = None              # district code
    expected: str = "accept"
    reason: str = ""
    mess: str = "clean"
    override: dict = field(default_factory=dict)    # field -> raw cell forced in (wrong rows)
    cells: dict = field(default_factory=dict)       # rendered cells


@dataclass
class Sheet:
    name: str
    fields: list[str]
    headers: list[str]
    title: list[str]                     # title lines above the header ("" = blank row)
    rows: list[Row]
    # issue 12's layouts (added by _with_layouts, forms only): a group cell over two sub-headers
    group: tuple[str, str, str, str] | None = None   # (first field, group text, sub 1, sub 2)
    footer: list[tuple[list, str]] = field(default_factory=list)   # (cells, not-data code) under the table
    hidden: bool = False                 # a hidden sheet: last year's rows left behind

    @property
    def header_rows(self) -> int:
        return 2 if self.group else 1


@dataclass
class OutFile:
    rel: str                             # path relative to raw_dir/<year>
    fmt: str                             # xlsx | xls | csv
    enc: str | None
    kind: str                            # sub | score | roster
    category: str
    sheets: list[Sheet] = field(default_factory=list)
    intro: bool = False                  # instructions sheet first
    date_style: str = "cell"
    dt_style: str = "cell"


# --- the world -----------------------------------------------------------------------------------------
@dataclass
class World:
    provinces: dict                      # code -> geothai Province
    districts: dict                      # province code -> [District]
    quality: dict                        # (code, year) -> latent quality
    skip_weight: dict                    # code -> propensity not to take part


def _world(seed: int) -> World:
    rng = random.Random(f"{seed}:world")
    provs = {p.code: p for p in geothai.provinces()}
    dists = {c: list(geothai.districts(c)) for c in provs}
    quality, skip = {}, {}
    for c in sorted(provs):
        base, trend = rng.gauss(0, 0.8), rng.gauss(0, 0.25)
        for i, y in enumerate(YEARS):
            quality[c, y] = base + trend * i + rng.gauss(0, 0.15)
        skip[c] = 8.0 if rng.random() < 0.15 else 1.0
    return World(provs, dists, quality, skip)


def _participants(w: World, rng: random.Random) -> list[str]:
    codes = sorted(c for c in w.provinces if c != BANGKOK)
    k = rng.randint(5, 12)
    keyed = sorted(codes, key=lambda c: math.log(rng.random()) / w.skip_weight[c])   # weighted, no repeats
    skipped = set(keyed[-k:])
    return [c for c in codes if c not in skipped]


def load_rubric(criteria_dir: Path, year: int) -> dict:
    return yaml.safe_load((Path(criteria_dir) / f"{year}.yaml").read_text(encoding="utf-8"))


def _judged(rubric: dict, cat: str) -> list[tuple[str, float]]:
    return [(c["key"], float(c["max"])) for c in rubric[cat]["criteria"] if "computed" not in c]


def _computed_points(rubric: dict, v: dict) -> float:
    total = 0.0
    for c in rubric["individual"]["criteria"]:
        comp = c.get("computed")
        if not comp:
            continue
        if "field" in comp:
            x = v[comp["field"]]
        else:
            num, den = (v[f] for f in comp["ratio"])
            if den == 0:
                total += comp["when_denominator_zero"]
                continue
            x = num / den
        total += next((pts for at_least, pts in comp["bands"] if x >= at_least), comp["otherwise"])
    return total


# --- value rendering -----------------------------------------------------------------------------------
def _date_text(d: dt.date, style: str) -> str:
    be = d.year + 543
    return {"th_abbr": f"{d.day} {TH_MON[d.month - 1]} {be}", "th_full": f"{d.day} {TH_MONTH[d.month - 1]} {be}",
            "slash_be": f"{d.day:02d}/{d.month:02d}/{be}", "slash_be2": f"{d.day}/{d.month}/{be % 100:02d}",
            "iso_ad": d.isoformat()}[style]


def _dt_cell(t: dt.datetime, style: str):
    if style == "cell":
        return t
    if style == "gforms":
        return f"{t.day}/{t.month}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}"
    if style == "iso_dt":
        return f"{t:%Y-%m-%d %H:%M}"
    return _date_text(t.date(), style)


def _dt_truth(t: dt.datetime, style: str) -> dt.datetime:
    """What the written cell can carry: seconds only in Google Forms stamps, no time in date-only text."""
    if style == "gforms":
        return t
    if style in ("cell", "iso_dt"):
        return t.replace(second=0)
    return t.replace(hour=0, minute=0, second=0)


def _num(x):
    return int(x) if isinstance(x, float) and x.is_integer() else x


def _numtext(x) -> str:
    x = _num(x)
    return str(x)


def _thai_digits(s: str, rng: random.Random) -> str:
    if rng.random() < 0.6:
        return s.translate(THAI_DIGITS)
    digits = [i for i, ch in enumerate(s) if ch.isdigit()]
    pick = set(rng.sample(digits, max(1, len(digits) // 2)))
    return "".join(ch.translate(THAI_DIGITS) if i in pick else ch for i, ch in enumerate(s))


def _render(row: Row, f: OutFile, sheet: Sheet, w: World) -> None:
    """Clean rendering of row.values into row.cells for this file's style, then forced overrides."""
    v, cells = row.values, {}
    for fld in sheet.fields:
        x = v.get(fld)
        if fld == "province":
            x = w.provinces[row.prov].name_th if row.prov else None
        elif fld == "district":
            x = next(d.name_th for d in w.districts[row.prov] if d.code == row.dist) if row.dist else None
        elif fld == "round":
            x = {"province": "จังหวัด", "national": "ประเทศ"}[v["round"]]
        elif fld in ("started_on", "ended_on") and x is not None:
            x = x if f.date_style == "cell" else _date_text(x, f.date_style)
        elif fld == "submitted_at" and x is not None:
            x = _dt_cell(x, f.dt_style)
        elif isinstance(x, float):
            x = _num(x)
        cells[fld] = x
    cells.update(row.override)
    row.cells = cells


# --- row mess (recoverable) ----------------------------------------------------------------------------
MESS_KINDS = ["thai_digits", "unit_word", "percent_cell", "thai_digits_date", "date_text", "date_variant",
              "place_prefix", "english_name", "short_name", "mueang", "misspelled_province", "vowel_variant",
              "invisible_space", "extra_spaces"]


def _mess_ctx(row: Row, w: World) -> tuple:
    c, v = row.cells, row.values
    prov = w.provinces[row.prov]
    dist = next((d for d in w.districts[row.prov] if d.code == row.dist), None)
    nums = [k for k in ("lao_count", "meetings", "report_rate", "complaints_received", "complaints_resolved",
                        "budget", "lao_participants", "beneficiaries") if k in c and v.get(k) is not None]
    scores = [k for k in c if k[:1] in "ABCP" and k[1:].isdigit() and c[k] is not None]
    texts = [k for k in ("name", "work_title", "project_title", "position") if k in c and "judge" not in c]
    texts += ["judge"] if "judge" in c else []          # a score sheet's candidate name is not in the truth
    return c, v, prov, dist, nums, scores, texts


def _mess_options(row: Row, f: OutFile, w: World) -> set[str]:
    """The recoverable mess kinds that make sense for this clean row in this file."""
    c, v, prov, dist, nums, scores, texts = _mess_ctx(row, w)
    excel = f.fmt != "csv"
    opts = []
    if nums or scores:
        opts += ["thai_digits", "unit_word"]
    if excel and "report_rate" in c:
        opts.append("percent_cell")
    if any(k in c and isinstance(c[k], str) and c[k][:1].isdigit() for k in ("started_on", "ended_on", "submitted_at")):
        opts.append("thai_digits_date")
    if excel and f.date_style == "cell" and "started_on" in c:
        opts.append("date_text")
    if f.date_style not in ("cell",) and "started_on" in c:
        opts.append("date_variant")
    opts += ["place_prefix", "english_name", "invisible_space"]
    if prov.name_th in SHORT_NAMES:
        opts.append("short_name")
    if dist is not None and dist.name_th.startswith("เมือง") and dist.code.endswith("01"):
        opts.append("mueang")
    if dist is not None and prov.name_th in MISSPELLINGS:
        opts.append("misspelled_province")
    if any(("แ" in str(c.get(k)) or "ำ" in str(c.get(k))) for k in ("province", "district", *texts)):
        opts.append("vowel_variant")
    if texts:
        opts.append("extra_spaces")
    return set(opts)


def _apply_mess(row: Row, f: OutFile, w: World, rng: random.Random, kind: str) -> None:
    """Inject one recoverable mess of `kind` (one of _mess_options) into a clean row."""
    c, v, prov, dist, nums, scores, texts = _mess_ctx(row, w)
    if kind == "thai_digits":
        k = rng.choice(nums + scores)
        c[k] = _thai_digits(_numtext(c[k]) if not isinstance(c[k], str) else c[k], rng)
    elif kind == "unit_word":
        k = rng.choice(nums + scores)
        x = _num(v[k]) if k in v else _num(v["scores"][k])
        if k == "report_rate":
            c[k] = rng.choice([f"ร้อยละ {x}", f"{x}%", f"{x} %"])
        elif k == "budget":
            c[k] = f"{x / 1e6:g} ล้านบาท" if x % 100000 == 0 and x >= 1000000 else f"{x:,} บาท"
        elif k in scores:
            c[k] = f"{x} คะแนน"
        else:
            c[k] = f"{x:,} {UNITS[k]}" if x >= 1000 else f"{x} {UNITS[k]}"
    elif kind == "percent_cell":
        c["report_rate"] = Pct(v["report_rate"] / 100)
    elif kind == "thai_digits_date":
        k = rng.choice([k for k in ("started_on", "ended_on", "submitted_at") if isinstance(c.get(k), str)
                        and c[k][:1].isdigit()])
        c[k] = _thai_digits(c[k], rng)
    elif kind in ("date_text", "date_variant"):
        style = rng.choice([s for s in DATE_STYLES if s != f.date_style])
        c["started_on"] = _date_text(v["started_on"], style)
    elif kind == "place_prefix":
        if dist is not None and rng.random() < 0.5:
            c["district"] = rng.choice(["อ.", "อำเภอ", "อ. "]) + c["district"]
        else:
            c["province"] = rng.choice(["จ.", "จังหวัด", "จ. "]) + c["province"]
    elif kind == "english_name":
        if dist is not None and rng.random() < 0.5:
            c["district"] = dist.name_en
        else:
            c["province"] = prov.name_en
    elif kind == "short_name":
        c["province"] = SHORT_NAMES[prov.name_th]
    elif kind == "mueang":
        c["district"] = rng.choice(["เมือง", "อ.เมือง", "อำเภอเมือง"])
    elif kind == "misspelled_province":
        c["province"] = MISSPELLINGS[prov.name_th]
    elif kind == "vowel_variant":
        k = rng.choice([k for k in ("province", "district", *texts) if "แ" in str(c.get(k)) or "ำ" in str(c.get(k))])
        c[k] = c[k].replace("แ", "เเ").replace("ำ", "\u0e4d\u0e32")
    elif kind == "invisible_space":
        names = ("province", "district", "judge") if "judge" in c else ("province", "district", "name")
        k = rng.choice([k for k in names if isinstance(c.get(k), str)])
        if f.enc == "cp874" or rng.random() < 0.4:
            c[k] = c[k] + "\u00a0"
        else:
            cut = rng.choice([i for i in range(1, len(c[k])) if unicodedata.category(c[k][i]) != "Mn"])
            c[k] = c[k][:cut] + "\u200b" + c[k][cut:]
    elif kind == "extra_spaces":
        k = rng.choice(texts)
        c[k] = "  " + c[k].replace(" ", "   ", 1) + " "
    row.mess = kind


# --- people and rows -----------------------------------------------------------------------------------
def _person(rng: random.Random) -> str:
    if rng.random() < 0.55:
        return f"นาย{rng.choice(MALE)} {rng.choice(SURNAMES)}"
    return f"{rng.choice(['นาง', 'นางสาว'])}{rng.choice(FEMALE)} {rng.choice(SURNAMES)}"


def _moment(rng: random.Random, ad: int) -> dt.datetime:
    day = dt.date(ad, 6, 1) + dt.timedelta(days=rng.randint(0, 91))
    return dt.datetime(day.year, day.month, day.day, rng.randint(8, 20), rng.randint(0, 59), rng.randint(0, 59))


def _applicant(rng: random.Random, q: float, ad: int) -> dict:
    received = 0 if rng.random() < 0.15 else min(30, int(rng.expovariate(1 / 7)) + 1)
    ratio = min(1.0, max(0.0, 0.78 + 0.1 * q + rng.gauss(0, 0.15)))
    sub = _moment(rng, ad)
    rate = min(100.0, max(40.0, 88 + 5 * q + rng.gauss(0, 5)))
    rate = round(rate) if rng.random() < 0.7 else round(rate, 1)
    return {"name": _person(rng), "position": rng.choice(POSITIONS),
            "started_on": sub.date() - dt.timedelta(days=rng.randint(365, 15 * 365)),
            "lao_count": rng.randint(3, 25), "meetings": max(4, min(40, round(14 + 5 * q + rng.gauss(0, 5)))),
            "report_rate": float(rate), "complaints_received": received,
            "complaints_resolved": round(received * ratio), "work_title": rng.choice(WORKS), "submitted_at": sub}


def _project(rng: random.Random, prov_name: str, ad: int) -> dict:
    sub = _moment(rng, ad)
    start = sub.date() - dt.timedelta(days=rng.randint(240, 600))
    budget = int(min(10_000_000, max(50_000, round(rng.lognormvariate(math.log(900_000), 0.7), -4))))
    return {"project_title": f"{rng.choice(PROJECTS)} จังหวัด{prov_name}", "budget": budget,
            "lao_participants": rng.randint(3, 60), "beneficiaries": rng.randint(20, 5000) * 10,
            "started_on": start, "ended_on": start + dt.timedelta(days=rng.randint(60, 360)), "submitted_at": sub}


def _make_wrong(kind: str, row: Row, w: World, rng: random.Random, cat: str) -> None:
    """Turn row into a wrong row of `kind` (it keeps its place when the defect is in the values)."""
    v, row.expected, row.reason = row.values, "quarantine", kind
    if kind == "out_of_scope":
        row.prov = BANGKOK
        row.dist = rng.choice(w.districts[BANGKOK]).code if cat == "individual" else None
        row.mess = "bangkok"
    elif kind == "unknown_district":
        real = {d.name_th for ds in w.districts.values() for d in ds}
        name = next(d.name_th for d in w.districts[row.prov] if d.code == row.dist)
        typo = name
        while typo in real or typo == name or geothai.match(typo):     # nor a tambon anywhere
            i = rng.randrange(len(name))
            typo = name[:i] + rng.choice("กขคงจฉชซดตถทนบปผพฟมยรลวสหอ") + name[i + 1:]
        if rng.random() < 0.5:
            typo, row.mess = rng.choice(FAKE_DISTRICTS), "fake_district"
        else:
            row.mess = "typo_district"
        row.override["district"], row.dist = typo, None
    elif kind == "unknown_province":
        row.override["province"] = rng.choice(GARBAGE_PROVINCES)
        if cat == "individual":
            row.override["district"] = rng.choice(["เมือง", "เฉลิมพระเกียรติ"])
        row.prov, row.dist, row.mess = None, None, "garbage_province"
    elif kind == "place_mismatch":
        own = {d.name_th for d in w.districts[row.prov]}
        pool = [d for c, ds in sorted(w.districts.items()) if c not in (BANGKOK, row.prov) for d in ds
                if not d.name_th.startswith("เมือง") and d.name_th != "เฉลิมพระเกียรติ" and d.name_th not in own]
        row.override["district"], row.dist, row.mess = rng.choice(pool).name_th, None, "district_of_other_province"
    elif kind == "out_of_range":
        if cat == "province":
            v["beneficiaries"], row.mess = -v["beneficiaries"], "negative_count"
        elif rng.random() < 0.5:
            v["report_rate"], row.mess = rng.choice([150.0, 120.0, 105.5]), "rate_over_100"
        else:
            v["meetings"], row.mess = -rng.randint(1, 12), "negative_count"
    elif kind == "inconsistent_values":
        if cat == "province":
            v["ended_on"], row.mess = v["started_on"] - dt.timedelta(days=rng.randint(10, 200)), "ended_before_started"
        else:
            v["complaints_received"] = max(1, v["complaints_received"])
            v["complaints_resolved"] = v["complaints_received"] + rng.randint(1, 5)
            row.mess = "resolved_gt_received"
    elif kind == "missing_value":
        k = "project_title" if cat == "province" else rng.choice(["name", "report_rate"])
        v[k], row.mess = None, f"blank_{k}"
    elif kind == "bad_value":
        if rng.random() < 0.5:
            k = "budget" if cat == "province" else "meetings"
            v[k], row.override[k], row.mess = None, rng.choice(["ไม่ทราบ", "-", "ดูเอกสารแนบ"]), "unreadable_number"
        else:
            v["started_on"], row.override["started_on"], row.mess = None, rng.choice(["32/13/2564", "31/02/2565"]), "impossible_date"


# --- files ---------------------------------------------------------------------------------------------
def _pick_fmt(rng: random.Random, kind: str) -> tuple[str, str | None]:
    r = rng.random()
    if kind == "sub":
        fmt = "xlsx" if r < 0.57 else "xls" if r < 0.80 else "csv"
    else:                                           # BRIEF: score sheets are .xlsx or .csv
        fmt = "xlsx" if r < 0.65 else "csv"
    enc = rng.choice(["cp874", "cp874", "utf-8-sig", "utf-8"]) if fmt == "csv" else None
    return fmt, enc


def _header(rng: random.Random, spellings: list[str], fmt: str) -> str:
    usable = [s for s in spellings if fmt != "csv" or "\n" not in s]
    return usable[0] if rng.random() < 0.8 else rng.choice(usable)


def _layout(rng: random.Random, f: OutFile, fields: list[str], headers: dict, title: str) -> tuple:
    """Column order, header texts and title rows of one data sheet."""
    fields = list(fields)
    if rng.random() < 0.25:
        i, j = rng.sample(range(len(fields)), 2)
        fields[i], fields[j] = fields[j], fields[i]
    if rng.random() < 0.3:
        fields.insert(0, "_no")
    names = [rng.choice(ROW_NO_HEADERS) if k == "_no" else _header(rng, headers.get(k, [k]), f.fmt) for k in fields]
    r = rng.random()
    titles = [] if r < 0.55 else [title] if r < 0.7 else [title, ""] if r < 0.88 else [title, title.split(" ประจำปี")[0], ""]
    return fields, names, titles


def _sub_file(rng: random.Random, rel: str, cat: str, year: int) -> OutFile:
    fmt, enc = _pick_fmt(rng, "sub")
    f = OutFile(rel + "." + fmt, fmt, enc, "sub", cat, intro=fmt != "csv" and rng.random() < 0.2)
    if fmt == "csv" and cat == "individual" and rng.random() < 0.2:
        f.enc, f.date_style, f.dt_style = "utf-8", "slash_be", "gforms"          # a Google Forms export
        return f
    text_style = rng.choice(DATE_STYLES)
    f.date_style = "cell" if fmt != "csv" and rng.random() < 0.6 else text_style
    f.dt_style = "cell" if f.date_style == "cell" else rng.choice([text_style, text_style, "iso_dt"])
    return f


def _write(path: Path, f: OutFile) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if f.fmt == "ods" or any(s.group or s.footer or s.hidden for s in f.sheets):
        return _write_layout(path, f)
    sheets = [("คำชี้แจง", [[line] for line in INSTRUCTIONS], -1)] if f.intro else []
    for s in f.sheets:
        grid = [[t] if t else [] for t in s.title] + [list(s.headers)]
        grid += [[r.cells.get(k) for k in s.fields] for r in s.rows]
        sheets.append((s.name, grid, len(s.title)))
    if f.fmt == "csv":
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\r\n" if f.enc != "utf-8" else "\n")
        width = max(len(r) for r in sheets[0][1])
        for r in sheets[0][1]:
            cells = ["" if x is None else _numtext(x) if isinstance(x, (int, float)) else str(x) for x in r]
            out.writerow(cells + [""] * (width - len(cells)))
        path.write_bytes(buf.getvalue().encode(f.enc))
    elif f.fmt == "xlsx":
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": False, "in_memory": True})
        wb.set_properties({"created": CREATED, "author": "สถจ."})
        fm = {k: wb.add_format({"num_format": v}) for k, v in NUM_FORMATS.items()}
        fm["h"] = wb.add_format({"bold": True, "text_wrap": True})
        for name, grid, head in sheets:
            ws = wb.add_worksheet(name)
            for i, j, x, style in _cells(grid, head):
                if isinstance(x, (dt.date, dt.datetime)):
                    ws.write_datetime(i, j, x, fm[style])
                elif isinstance(x, (int, float)):
                    ws.write_number(i, j, x, fm.get(style))
                else:
                    ws.write_string(i, j, x, fm.get(style))
        wb.close()
    else:
        wb = xlwt.Workbook(encoding="utf-8")                # BIFF8 carries no timestamp: deterministic
        st = {k: xlwt.easyxf(num_format_str=v) for k, v in NUM_FORMATS.items()}
        for name, grid, head in sheets:
            ws = wb.add_sheet(name)
            for i, j, x, style in _cells(grid, head):
                ws.write(i, j, x, st[style]) if style in st else ws.write(i, j, x)
        wb.save(str(path))


NUM_FORMATS = {"d": "dd/mm/yyyy", "t": "d/m/yyyy hh:mm", "p": "0%", "n": "#,##0"}


def _cells(grid: list[list], head: int):
    """(row, col, value, style key) of every non-empty cell of a sheet."""
    for i, r in enumerate(grid):
        for j, x in enumerate(r):
            if x is None:
                continue
            if isinstance(x, Pct):
                yield i, j, float(x), "p"
            elif isinstance(x, dt.datetime):
                yield i, j, x, "t"
            elif isinstance(x, dt.date):
                yield i, j, x, "d"
            elif isinstance(x, (int, float)):
                yield i, j, x, "n" if abs(x) >= 10000 else None
            else:
                yield i, j, x, "h" if i == head else None


# --- one year ------------------------------------------------------------------------------------------
IND_FILE = ["แบบ2_{p}", "ผลงาน จ.{p}", "แบบรายงานท้องถิ่นอำเภอดีเด่น {p} {y}", "{p}_ท้องถิ่นอำเภอดีเด่น", "สถจ.{p} แบบ 2"]
PROV_FILE = ["แบบ4_{p}", "1จังหวัด1พัฒนา_{p}", "โครงการ จ.{p} ปี {y}"]
IND_FIELDS = list(IND_HEADERS)
PROV_FIELDS = list(PROV_HEADERS)


def _judge_truth(category: str, rnd: str, panel: str, judge: str, home, t: "sample_marks.Traits") -> dict:
    return {"category": category, "round": rnd, "panel": panel, "judge": judge, "home_province": home or "",
            "leniency": t.leniency, "spread": t.spread, "noise_sd": t.noise_sd, "outlier": t.outlier}


def _candidate_truth(category: str, rnd: str, prov: str, dist, q: float, computed: float) -> dict:
    return {"category": category, "round": rnd, "province_code": prov, "district_code": dist or "",
            "quality": q, "computed_points": computed}


def _sub_sheet(rng, f: OutFile, rows: list[Row], cat: str, year: int, w: World) -> None:
    fields, headers = (IND_FIELDS, IND_HEADERS) if cat == "individual" else (PROV_FIELDS, PROV_HEADERS)
    if f.dt_style == "gforms":
        fields = ["submitted_at"] + [k for k in fields if k != "submitted_at"]
        names, titles = [GFORMS_SUBMITTED] + [_header(rng, headers[k], "csv") for k in fields[1:]], []
    else:
        title = (TITLE_IND if cat == "individual" else TITLE_PROV).format(year=year)
        fields, names, titles = _layout(rng, f, fields, headers, title)
    for r in rows:
        if r.values.get("submitted_at") is not None:
            r.values["submitted_at"] = _dt_truth(r.values["submitted_at"], f.dt_style)
    sheet = Sheet(rng.choice(["ข้อมูล", "Sheet1", "แบบ 2" if cat == "individual" else "แบบ 4"]), fields, names, titles, rows)
    f.sheets.append(sheet)


def _finish(f: OutFile, w: World) -> None:
    for s in f.sheets:
        for i, r in enumerate(s.rows):
            _render(r, f, s, w)
            if "_no" in s.fields:
                r.cells["_no"] = i + 1


def _year(w: World, year: int, rubric: dict, seed: int) -> tuple[list[OutFile], list[dict], dict]:
    rng, yi, ad = random.Random(f"{seed}:{year}"), YEARS.index(year), year - 543
    files: list[OutFile] = []

    # individual forms --------------------------------------------------------------------------------
    ind_part = _participants(w, random.Random(f"{seed}:{year}:individual"))
    cands: dict[str, list[Row]] = {}
    quality: dict[int, float] = {}
    for p in ind_part:
        cands[p] = []
        for d in sorted(rng.sample(w.districts[p], min(len(w.districts[p]), rng.randint(2, 8))), key=lambda d: d.code):
            q = 0.6 * w.quality[p, year] + rng.gauss(0, 0.8)
            row = Row(_applicant(rng, q, ad), p, d.code)
            quality[id(row)] = q
            cands[p].append(row)
    pool = [r for p in ind_part for r in cands[p]]
    start = (yi * 5) % len(IND_WRONG)
    for kind in [IND_WRONG[(start + i) % len(IND_WRONG)] for i in range(5)]:
        _make_wrong(kind, rng.choice([r for r in pool if r.expected == "accept"]), w, rng, "individual")
    extra_files: dict[str, list[Row]] = {}        # province -> rows of a corrected second file
    for later in rng.sample([r for r in pool if r.expected == "accept"], rng.randint(2, 3)):
        v = dict(later.values)
        v["submitted_at"] = later.values["submitted_at"] - dt.timedelta(days=rng.randint(2, 12), hours=rng.randint(0, 5))
        v["meetings"] = max(4, v["meetings"] + rng.choice([-3, -2, 2, 5]))
        earlier = Row(v, later.prov, later.dist, "quarantine", "duplicate_superseded", "duplicate_earlier")
        later.mess = "resubmitted"
        rows = cands[later.prov]
        rows.remove(later)
        rows.append(earlier)
        if rng.random() < 0.5:
            rows.append(later)
        else:
            extra_files.setdefault(later.prov, []).append(later)
    for p in ind_part:
        name = rng.choice(IND_FILE).format(p=w.provinces[p].name_th, y=year)
        for rel, rows in [(name, cands[p]), (name + " (แก้ไข)", extra_files.get(p))]:
            if rows:
                f = _sub_file(rng, f"individual/submissions/{rel}", "individual", year)
                _sub_sheet(rng, f, rows, "individual", year, w)
                files.append(f)

    # province-category forms ---------------------------------------------------------------------------
    prov_part = _participants(w, random.Random(f"{seed}:{year}:province"))
    projects = {p: Row(_project(rng, w.provinces[p].name_th, ad), p) for p in prov_part}
    pfiles: dict[str, list[Row]] = {p: [projects[p]] for p in prov_part}
    counts = [2, 1, 2, 1, 1]
    start = sum(counts[:yi])
    for kind in [PROV_WRONG[(start + i) % len(PROV_WRONG)] for i in range(counts[yi])]:
        if kind in VALUE_DEFECTS:
            _make_wrong(kind, rng.choice([r for r in projects.values() if r.expected == "accept"]), w, rng, "province")
            continue
        row = Row(_project(rng, "", ad))
        row.values["project_title"] = row.values["project_title"].replace(" จังหวัด", "")
        _make_wrong(kind, row, w, rng, "province")
        if kind == "out_of_scope":
            pfiles[BANGKOK] = [row]
        else:
            pfiles[rng.choice(prov_part)].append(row)       # a test row left in a real province's file
    if yi in (1, 3):
        later = rng.choice([r for r in projects.values() if r.expected == "accept"])
        v = dict(later.values)
        v["submitted_at"] = later.values["submitted_at"] - dt.timedelta(days=rng.randint(3, 15))
        v["budget"] = later.values["budget"] + rng.choice([-50_000, 20_000, 100_000])
        pfiles[later.prov].insert(0, Row(v, later.prov, None, "quarantine", "duplicate_superseded", "duplicate_earlier"))
        pfiles[later.prov].remove(later)
        later.mess = "resubmitted"
        pfiles[later.prov + "+"] = [later]
    for key, rows in pfiles.items():
        pname = w.provinces[key.rstrip("+")].name_th
        rel = rng.choice(PROV_FILE).format(p=pname, y=year) + (" (ฉบับแก้ไข)" if key.endswith("+") else "")
        f = _sub_file(rng, f"province/submissions/{rel}", "province", year)
        _sub_sheet(rng, f, rows, "province", year, w)
        files.append(f)

    # individual scores: province round -----------------------------------------------------------------
    keys_i, keys_p = _judged(rubric, "individual"), _judged(rubric, "province")
    score_rows: list[tuple[OutFile, Row]] = []
    nominees: list[dict] = []

    def score_file(rel, what, keys, split, with_name=False, per_sheet=False, extra_key=False) -> OutFile:
        """One score workbook/CSV: one sheet per group of `split` (xlsx only) or all rows on one sheet."""
        fmt, enc = _pick_fmt(rng, "score")
        f = OutFile(f"{rel}.{fmt}", fmt, enc, "score", "individual" if rel.startswith("individual") else "province")
        base = ["judge", "round", "province"] + (["district"] if f.category == "individual" else [])
        base += (["name"] if with_name else []) + [k for k, _ in keys] + ([UNKNOWN_KEY] if extra_key else [])
        fields, names, titles = _layout(rng, f, base, SCORE_HEADERS, TITLE_SCORE.format(what=what, year=year))
        groups = split if per_sheet and fmt == "xlsx" else {"คะแนน": [r for g in split.values() for r in g]}
        for sname, rows in groups.items():
            f.sheets.append(Sheet(sname[:31], fields, names, titles, rows))
        return f

    used_names: set[str] = set()

    def judge_name() -> str:                       # judges' names are unique within a year
        name = _person(rng)
        while name in used_names:
            name = _person(rng)
        used_names.add(name)
        return name

    held = {(r.prov, r.dist) for r in pool if r.expected == "quarantine" and r.reason in VALUE_DEFECTS}
    # a corrected second file replaces the first: its applicant is the one the committee scores
    accepted = {p: [r for r in cands[p] + extra_files.get(p, []) if r.expected == "accept"] for p in ind_part}
    phantom_prov = rng.choice(ind_part) if yi % 2 == 0 else None
    mistake_prov = rng.choice([p for p in ind_part if len(accepted[p]) >= 2])
    model = sample_marks.model_for(year)
    mrng = random.Random(f"{seed}:{year}:marks")      # judges' traits and marks: a stream of their own
    stats = {"candidates": [], "judges": []}           # the truth the score step's statistics meet
    for p in ind_part:
        judges = [(judge_name(), sample_marks.draw_traits(mrng, model, f))
                  for f in sample_marks.seats(model, "individual", "province")]
        stats["judges"] += [_judge_truth("individual", "province", p, name, None, t) for name, t in judges]
        scored = accepted[p] + [r for r in cands[p] if (r.prov, r.dist) in held]
        scored = sorted(scored, key=lambda r: r.dist)
        targets = [(r.dist, quality[id(r)], r.values.get("name")) for r in scored]
        if p == phantom_prov:
            used = {r.dist for r in cands[p]}
            free = [d for d in w.districts[p] if d.code not in used]
            if free:
                targets.append((rng.choice(free).code, rng.gauss(0, 1), _person(rng)))
        rows, means = [], {}
        for judge, traits in judges:
            for dist, q, name in targets:
                sc = sample_marks.marks(mrng, model, traits, q, keys_i)
                row = Row({"judge": judge, "round": "province", "name": name, "scores": sc, **sc}, p, dist)
                if (p, dist) in held or not any(r.dist == dist for r in cands[p]):
                    row.expected, row.reason = "quarantine", "unknown_candidate"
                    row.mess = "form_held_back" if (p, dist) in held else "no_form"
                rows.append(row)
                means[dist] = means.get(dist, 0.0) + sum(sc.values()) / len(judges)
        if not targets:
            continue
        f = score_file(f"individual/scores/คะแนนรอบจังหวัด_{w.provinces[p].name_th}", "ท้องถิ่นอำเภอดีเด่น ระดับจังหวัด",
                       keys_i, {"คะแนน": rows}, with_name=rng.random() < 0.3)
        files.append(f)
        score_rows += [(f, r) for r in rows]
        ranked = sorted(accepted[p], key=lambda r: -(means[r.dist] + _computed_points(rubric, r.values)))
        stats["candidates"] += [_candidate_truth("individual", "province", r.prov, r.dist, quality[id(r)],
                                                 _computed_points(rubric, r.values)) for r in accepted[p]]
        if ranked:
            pick = ranked[1] if p == mistake_prov else ranked[0]
            nominees.append({"province_code": p, "district_code": pick.dist, "province_round_top": ranked[0].dist,
                             "row": pick})

    # national rounds and rosters -----------------------------------------------------------------------
    def national(cat, targets, keys, rel, what, extra_key=False):
        homes = rng.sample(sorted({t[0] for t in targets}), 5)
        judges = [(judge_name(), sample_marks.draw_traits(mrng, model, f), h)
                  for f, h in zip(sample_marks.seats(model, cat, "national"), homes)]
        stats["judges"] += [_judge_truth(cat, "national", "", name, h, t) for name, t, h in judges]
        split = {}
        for judge, traits, home in judges:
            split[judge] = []
            for prov, dist, q, name in targets:
                sc = sample_marks.marks(mrng, model, traits, q, keys)
                if home == prov:                       # a conflict of interest: left blank
                    sc = dict.fromkeys(sc)
                row = Row({"judge": judge, "round": "national", "name": name, "scores": sc, **sc}, prov, dist)
                if home == prov:
                    row.mess = "coi_blank"
                split[judge].append(row)
        f = score_file(rel, what, keys, split, with_name=cat == "individual" and rng.random() < 0.5,
                       per_sheet=rng.random() < 0.5, extra_key=extra_key)
        if extra_key:        # one judge used a criterion the rubric does not have
            j = rng.choice([r for g in split.values() for r in g if r.mess == "clean"]).values["judge"]
            for r in rng.sample([r for r in split[j] if r.mess == "clean"], 5):
                r.override[UNKNOWN_KEY] = rng.choice([3, 4, 4.5, 5])
                r.expected, r.reason, r.mess = "quarantine", "unknown_criterion", "unknown_key"
        fmt, enc = _pick_fmt(rng, "score")
        roster = OutFile(f"{cat}/scores/{ROSTER_PREFIX}_{what}.{fmt}", fmt, enc, "roster", cat)
        roster.sheets.append(Sheet("กรรมการ", ["judge", "province", "round"], ROSTER_HEADERS, [],
                                   [Row({"judge": j, "round": "national"}, h) for j, _, h in judges]))
        files.extend([f, roster])
        return [(f, r) for s in f.sheets for r in s.rows]

    targets = [(n["province_code"], n["district_code"], quality[id(n["row"])], n["row"].values["name"]) for n in nominees]
    stats["candidates"] += [_candidate_truth("individual", "national", n["province_code"], n["district_code"],
                                             quality[id(n["row"])], _computed_points(rubric, n["row"].values))
                            for n in nominees]
    score_rows += national("individual", targets, keys_i, f"individual/scores/คะแนนรอบประเทศ_ท้องถิ่นอำเภอดีเด่น_{year}",
                           "รอบประเทศ", extra_key=yi == 3)
    ptargets = [(p, None, 1.5 + 0.7 * w.quality[p, year] + rng.gauss(0, 0.5), None) for p in prov_part
                if projects[p].expected == "accept" or projects[p].reason in VALUE_DEFECTS]
    stats["candidates"] += [_candidate_truth("province", "national", p, None, q, 0.0) for p, _, q, _ in ptargets
                            if projects[p].expected == "accept"]
    prows = national("province", ptargets, keys_p, f"province/scores/คะแนน_1จังหวัด1พัฒนา_{year}", "1จังหวัด1พัฒนา")
    for _, r in prows:
        if projects[r.prov].expected == "quarantine":
            r.expected, r.reason, r.mess = "quarantine", "unknown_candidate", "form_held_back"
    score_rows += prows

    # wrong scores, then recoverable mess ----------------------------------------------------------------
    n_wrong = sum(r.expected == "quarantine" for _, r in score_rows)
    maxima = dict(keys_i + keys_p)
    for _, r in rng.sample([fr for fr in score_rows if fr[1].mess == "clean"],
                           max(3, round(WRONG_SCORE_RATE * len(score_rows)) - n_wrong)):
        k = rng.choice(sorted(r.values["scores"]))
        if rng.random() < 0.6:
            bad, r.mess = maxima[k] + rng.choice([1, 5, 10, 20, 50]), "score_above_max"
        else:
            bad, r.mess = -rng.choice([1, 2, 5]), "negative_score"
        r.values["scores"][k] = r.values[k] = float(bad)
        r.expected, r.reason = "quarantine", "out_of_range"
    for f in files:
        _finish(f, w)
    for pool_rows in ([(f, r) for f in files if f.kind == "sub" for s in f.sheets for r in s.rows], score_rows):
        done = sum(r.mess == "resubmitted" for _, r in pool_rows)
        clean = [(f, r, _mess_options(r, f, w)) for f, r in pool_rows if r.mess == "clean"]
        rng.shuffle(clean)
        kinds = MESS_KINDS[:]
        rng.shuffle(kinds)
        for i in range(max(0, round(RECOVERABLE_RATE * len(pool_rows)) - done)):
            for kind in kinds[i % len(kinds):] + kinds[:i % len(kinds)]:     # every kind in turn
                hit = next((x for x in clean if kind in x[2]), None)
                if hit:
                    clean.remove(hit)
                    _apply_mess(hit[1], hit[0], w, rng, kind)
                    break
    for n in nominees:
        n.pop("row")
    return files, nominees, stats


# --- grids: sheets with merges and hidden parts, in xlsx, xls and ods (issue 12's fixtures) ------------
@dataclass
class Grid:
    """One sheet as a province's workbook has it: cells from A1 (None = empty; ``Pct`` a percent
    cell; dates as date cells), merged ranges (r0, c0, r1, c1; 0-based, inclusive), and what the
    workbook hides."""

    name: str
    rows: list[list]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    hidden: bool = False


def write_grid(path: Path, sheets: list[Grid]) -> Path:
    """Write ``sheets`` as the workbook ``path`` names (.xlsx, .xls or .ods), byte for byte the
    same on every run. The first visible sheet is the active one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    {".xlsx": _grid_xlsx, ".xls": _grid_xls, ".ods": _grid_ods}[path.suffix](path, sheets)
    return path


def _merged_away(sheet: Grid) -> set[tuple[int, int]]:
    """Cells inside a merge other than its first: a workbook keeps nothing there."""
    return {(r, c) for r0, c0, r1, c1 in sheet.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)}


def _grid_xlsx(path: Path, sheets: list[Grid]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})
    wb.set_properties({"created": CREATED, "author": "สถจ."})
    fm = {k: wb.add_format({"num_format": v}) for k, v in NUM_FORMATS.items()}
    first_visible = next(i for i, g in enumerate(sheets) if not g.hidden)
    for i, g in enumerate(sheets):
        ws = wb.add_worksheet(g.name)
        away = _merged_away(g)
        for r0, c0, r1, c1 in g.merges:
            value = g.rows[r0][c0] if c0 < len(g.rows[r0]) else None
            ws.merge_range(r0, c0, r1, c1, "")
            if value is not None:
                _xlsx_cell(ws, r0, c0, value, fm)
        for r, row in enumerate(g.rows):
            for c, x in enumerate(row):
                if x is None or (r, c) in away or any((r, c) == (m[0], m[1]) for m in g.merges):
                    continue
                _xlsx_cell(ws, r, c, x, fm)
        for r in g.hidden_rows:
            ws.set_row(r, None, None, {"hidden": True})
        for c in g.hidden_cols:
            ws.set_column(c, c, None, None, {"hidden": True})
        if g.hidden:
            ws.hide()
        elif i == first_visible:
            ws.activate()
    wb.close()


def _xlsx_cell(ws, r, c, x, fm) -> None:
    if isinstance(x, Pct):
        ws.write_number(r, c, float(x), fm["p"])
    elif isinstance(x, dt.datetime):
        ws.write_datetime(r, c, x, fm["t"])
    elif isinstance(x, dt.date):
        ws.write_datetime(r, c, x, fm["d"])
    elif isinstance(x, (int, float)):
        ws.write_number(r, c, x)
    else:
        ws.write_string(r, c, x)


def _grid_xls(path: Path, sheets: list[Grid]) -> None:
    wb = xlwt.Workbook(encoding="utf-8")
    st = {k: xlwt.easyxf(num_format_str=v) for k, v in NUM_FORMATS.items()}
    for g in sheets:
        ws = wb.add_sheet(g.name)
        away = _merged_away(g)
        for r0, c0, r1, c1 in g.merges:
            x = g.rows[r0][c0] if c0 < len(g.rows[r0]) else None
            ws.write_merge(r0, r1, c0, c1, x if not isinstance(x, (dt.date, Pct)) else None,
                           st["d"] if isinstance(x, dt.date) else st["p"] if isinstance(x, Pct) else xlwt.Style.default_style)
        starts = {(m[0], m[1]) for m in g.merges}
        for r, row in enumerate(g.rows):
            for c, x in enumerate(row):
                if x is None or (r, c) in away or (r, c) in starts:
                    continue
                if isinstance(x, Pct):
                    ws.write(r, c, float(x), st["p"])
                elif isinstance(x, dt.datetime):
                    ws.write(r, c, x, st["t"])
                elif isinstance(x, dt.date):
                    ws.write(r, c, x, st["d"])
                else:
                    ws.write(r, c, x)
        for r in g.hidden_rows:
            ws.row(r).hidden = True
        for c in g.hidden_cols:
            ws.col(c).hidden = True
        if g.hidden:
            ws.visibility = 1
    wb.save(str(path))


_ODS_WARM: list[bool] = []


def _grid_ods(path: Path, sheets: list[Grid]) -> None:
    """LibreOffice's own format through odfpy (the library pandas writes .ods with): merged cells
    as spanned and covered cells, hidden rows and columns as ``visibility="collapse"``, a hidden
    sheet through its table style. The zip is written again with a fixed date in every entry."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    if not _ODS_WARM:  # odfpy declares more namespaces once it has written a document in the
        OpenDocumentSpreadsheet().write(io.BytesIO())  # process: write one first, so every file is the same
        _ODS_WARM.append(True)
    doc = OpenDocumentSpreadsheet()
    hidden_style = Style(name="taHidden", family="table")
    hidden_style.addElement(TableProperties(display="false"))
    shown_style = Style(name="taShown", family="table")
    shown_style.addElement(TableProperties(display="true"))
    doc.automaticstyles.addElement(hidden_style)
    doc.automaticstyles.addElement(shown_style)
    for g in sheets:
        table = Table(name=g.name, stylename=hidden_style if g.hidden else shown_style)
        width = max((len(r) for r in g.rows), default=0)
        for c in range(width):
            table.addElement(TableColumn(visibility="collapse") if c in g.hidden_cols else TableColumn())
        spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in g.merges}
        away = _merged_away(g)
        for r, row in enumerate(g.rows):
            tr = TableRow(visibility="collapse") if r in g.hidden_rows else TableRow()
            for c in range(width):
                x = row[c] if c < len(row) else None
                if (r, c) in away:
                    tr.addElement(CoveredTableCell())
                    continue
                extra = {}
                if (r, c) in spans:
                    extra = {"numberrowsspanned": spans[r, c][0], "numbercolumnsspanned": spans[r, c][1]}
                if x is None:
                    tr.addElement(TableCell(**extra))
                    continue
                if isinstance(x, Pct):
                    cell = TableCell(valuetype="percentage", value=float(x), **extra)
                    text = f"{float(x) * 100:g}%"
                elif isinstance(x, dt.datetime):
                    cell = TableCell(valuetype="date", datevalue=x.isoformat(), **extra)
                    text = x.isoformat(" ")
                elif isinstance(x, dt.date):
                    cell = TableCell(valuetype="date", datevalue=x.isoformat(), **extra)
                    text = x.isoformat()
                elif isinstance(x, (int, float)):
                    cell = TableCell(valuetype="float", value=x, **extra)
                    text = _numtext(x)
                else:
                    cell = TableCell(valuetype="string", **extra)
                    text = str(x)
                for k, line in enumerate(text.split("\n")):
                    cell.addElement(P(text=line))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    _fixed_zip(buf.getvalue(), path)


def _fixed_zip(data: bytes, path: Path) -> None:
    """The zip again with one fixed date on every entry (odfpy stamps the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, CREATED.timetuple()[:6])
            fixed.compress_type, fixed.external_attr = info.compress_type, info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    path.write_bytes(out.getvalue())


# --- layouts as provinces really send forms (issue 12) -----------------------------------------------
GROUPS = {"individual": ("complaints_received", "เรื่องร้องเรียน", "ที่ได้รับ", "ที่แก้ไขแล้ว"),
          "province": ("started_on", "ระยะเวลาดำเนินการ", "เริ่มต้น", "สิ้นสุด")}
SIGNATURE_LINES = ["ลงชื่อ ........................................ ผู้รายงาน", "({name})", "ตำแหน่ง ท้องถิ่นจังหวัด{p}",
                   "โทร. 0 {tel}"]


def _with_layouts(files: list[OutFile], year: int, seed: int, w: World) -> list[OutFile]:
    """Some forms of the year laid out as provinces really send them: saved by LibreOffice as
    .ods, a two-row header (a group cell over its sub-headers), a total row and a signature block
    under the table, last year's applicants left on a hidden sheet. Forms only, with an RNG of
    their own: the rest of the year (score sheets above all) is as generated without them."""
    rng = random.Random(f"{seed}:{year}:layouts")
    subs = [f for f in files if f.kind == "sub"]
    books = [f for f in subs if f.fmt in ("xlsx", "xls")]
    for cat in ("individual", "province"):
        pick = [f for f in books if f.category == cat]
        for f in rng.sample(pick, min(len(pick), 2 if cat == "individual" else 1)):
            f.fmt, f.rel = "ods", f.rel.rsplit(".", 1)[0] + ".ods"
    for cat in ("individual", "province"):
        pick = [f for f in subs if f.category == cat and f.fmt != "csv" and f.dt_style != "gforms"]
        f = rng.choice(pick)
        _group(f.sheets[0], GROUPS[cat])
    for f in rng.sample(subs, 3):
        _footer(f.sheets[0], f, w, rng, total=f.fmt != "csv" and rng.random() < 0.7)
    stale = rng.choice([f for f in subs if f.fmt != "csv" and f.category == "individual" and len(f.sheets[0].rows) >= 2])
    _stale_sheet(stale, year, w, rng)
    return files


def _group(sheet: Sheet, group: tuple[str, str, str, str]) -> None:
    """The two fields of ``group`` side by side under one group cell (a two-row header)."""
    first, _, _, _ = group
    second = {"complaints_received": "complaints_resolved", "started_on": "ended_on"}[first]
    for k in (first, second):
        i = sheet.fields.index(k)
        sheet.fields.pop(i)
        head = sheet.headers.pop(i)
        if k == first:
            kept = head
    at = min(len(sheet.fields), max(0, sheet.fields.index("province") + 1))
    sheet.fields[at:at] = [first, second]
    sheet.headers[at:at] = [kept, kept]
    sheet.group = group


def _footer(sheet: Sheet, f: OutFile, w: World, rng: random.Random, total: bool) -> None:
    """A total row and a signature block under the table, as a province's office signs its form."""
    width = len(sheet.fields)
    rows: list[tuple[list, str]] = []
    if total:
        cells = [None] * width
        cells[sheet.fields.index("province")] = "รวม"
        for k in ("lao_count", "meetings", "complaints_received", "complaints_resolved", "budget",
                  "lao_participants", "beneficiaries"):
            if k in sheet.fields:
                cells[sheet.fields.index(k)] = sum(r.values.get(k) or 0 for r in sheet.rows
                                                   if isinstance(r.values.get(k), (int, float)))
        rows.append((cells, "total_row"))
    code = next(r.prov for r in sheet.rows if r.prov)
    at = min(2, width - 1)
    for line in SIGNATURE_LINES:
        cells = [None] * width
        cells[at] = line.format(name=_person(rng), p=w.provinces[code].name_th,
                                tel=f"{rng.randint(5300, 7799)} {rng.randint(1000, 9999)}")
        rows.append((cells, "signature_block"))
    sheet.footer = rows


def _stale_sheet(f: OutFile, year: int, w: World, rng: random.Random) -> None:
    """Last year's applicants left on a hidden sheet of this year's workbook."""
    data = f.sheets[0]
    rows = []
    for r in rng.sample(data.rows, min(3, len(data.rows))):
        v = dict(r.values)
        v["name"], v["report_rate"] = _person(rng), float(rng.randint(60, 99))
        if isinstance(v.get("submitted_at"), dt.datetime):
            v["submitted_at"] = v["submitted_at"].replace(year=v["submitted_at"].year - 1)
        stale = Row(v, r.prov, r.dist, "set_aside", "hidden_sheet", "hidden_stale_sheet")
        _render(stale, f, data, w)
        rows.append(stale)
    f.sheets.append(Sheet(f"ปี {year - 1}", data.fields, data.headers, [], rows, hidden=True))


def _write_layout(path: Path, f: OutFile) -> None:
    """A form with issue 12's layouts, as .xlsx, .xls or .ods (``write_grid``) or as CSV."""
    grids = [Grid("คำชี้แจง", [[line] for line in INSTRUCTIONS])] if f.intro else []
    for s in f.sheets:
        top = [[t] if t else [] for t in s.title]
        merges = []
        if s.group:
            first, text, sub1, sub2 = s.group
            i, h = s.fields.index(first), len(s.title)
            upper = [text if k in (i, i + 1) else x for k, x in enumerate(s.headers)]
            upper[i + 1] = None
            lower = [sub1 if k == i else sub2 if k == i + 1 else None for k in range(len(s.fields))]
            head = [upper, lower]
            merges = [(h, i, h, i + 1)] + [(h, k, h + 1, k) for k in range(len(s.fields)) if k not in (i, i + 1)]
        else:
            head = [list(s.headers)]
        body = [[r.cells.get(k) for k in s.fields] for r in s.rows]
        foot = ([[]] + [cells for cells, _ in s.footer]) if s.footer else []
        grids.append(Grid(s.name, top + head + body + foot, merges, hidden=s.hidden))
    if f.fmt == "csv":
        grid = [row for g in grids for row in g.rows]
        width = max(len(r) for r in grid)
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\r\n" if f.enc != "utf-8" else "\n")
        for r in grid:
            cells = ["" if x is None else _numtext(x) if isinstance(x, (int, float)) else str(x) for x in r]
            out.writerow(cells + [""] * (width - len(cells)))
        path.write_bytes(buf.getvalue().encode(f.enc))
        return
    write_grid(path, grids)


# --- truth and entry point -----------------------------------------------------------------------------
SUB_TRUTH = ["source_file", "source_sheet", "source_row", "category", "expected", "reason_code", "mess", "province_code",
             "district_code", "name", "position", "started_on", "lao_count", "meetings", "report_rate",
             "complaints_received", "complaints_resolved", "work_title", "submitted_at", "project_title",
             "budget", "lao_participants", "beneficiaries", "ended_on"]
SCORE_TRUTH = ["source_file", "source_sheet", "source_row", "category", "round", "judge", "province_code",
               "district_code", "expected", "reason_code", "mess"]


def _stats_truth(stats: dict, rubric: dict, year: int) -> tuple[list[dict], list[dict]]:
    """The truth for the score step's statistics: each candidate's quality and expected total (the
    mean of a full committee drawn from the year's model, plus the computed points), and each judge's
    traits with ``leniency_points``: the judge's expected deviation from the panel on the sum of the
    judged criteria, over the panel's candidates (what a two-way additive fit estimates)."""
    import numpy as np

    model = sample_marks.model_for(year)
    cands = [dict(c) for c in stats["candidates"]]
    for (cat, rnd) in sample_marks.PANEL_SIZE:
        group = [c for c in cands if (c["category"], c["round"]) == (cat, rnd)]
        if not group:
            continue
        keys = _judged(rubric, cat)
        judged = sample_marks.expected_judged([c["quality"] for c in group], keys, model, cat, rnd)
        for c, j in zip(group, judged):
            c["expected_judged"] = round(float(j), 6)
            c["expected_total"] = round(float(j) + c["computed_points"], 6)
    judges = []
    for j in stats["judges"]:
        panel = [c["quality"] for c in cands if (c["category"], c["round"]) == (j["category"], j["round"])
                 and (j["panel"] == "" or c["province_code"] == j["panel"])]
        mates = [k for k in stats["judges"] if (k["category"], k["round"], k["panel"]) ==
                 (j["category"], j["round"], j["panel"])]
        keys = _judged(rubric, j["category"])
        own = lambda t: sample_marks.expected_judge_points(  # noqa: E731
            panel, keys, model, sample_marks.Traits(t["leniency"], t["spread"], t["noise_sd"], t["outlier"]))
        dev = own(j) - np.mean([own(k) for k in mates], axis=0) if panel else np.array([np.nan])
        judges.append(j | {"leniency": round(j["leniency"], 6), "spread": round(j["spread"], 6),
                           "leniency_points": round(float(np.mean(dev)), 6)})
    for c in cands:
        c["quality"] = round(c["quality"], 6)
    return cands, judges


def _truth_value(x) -> str:
    if x is None:
        return ""
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    return _numtext(x) if isinstance(x, float) else str(x)


def _truth(files: list[OutFile], rubric: dict) -> tuple[list[dict], list[dict], list[str]]:
    keys = [k for cat in ("individual", "province") for k, _ in _judged(rubric, cat)]
    subs, scores = [], []
    for f in files:
        if f.kind == "roster":
            continue
        for s in f.sheets:
            first = len(s.title) + s.header_rows + 1
            for i, r in enumerate(s.rows):
                base = {"source_file": f.rel, "source_row": first + i, "category": f.category,
                        "expected": r.expected, "reason_code": r.reason, "mess": r.mess,
                        "province_code": r.prov or "", "district_code": r.dist or ""}
                if f.kind == "sub":
                    base["source_sheet"] = "" if f.fmt == "csv" else s.name
                    subs.append(base | {k: _truth_value(r.values.get(k)) for k in SUB_TRUTH if k not in base})
                else:
                    scores.append(base | {"source_sheet": "" if f.fmt == "csv" else s.name,
                                          "round": r.values["round"], "judge": r.values["judge"]}
                                  | {k: _truth_value(r.values["scores"].get(k)) for k in keys})
            for i, (_, code) in enumerate(s.footer):   # under the table after a blank row: not data
                subs.append({k: "" for k in SUB_TRUTH} | {
                    "source_file": f.rel, "source_sheet": "" if f.fmt == "csv" else s.name,
                    "source_row": first + len(s.rows) + 1 + i, "category": f.category,
                    "expected": "set_aside", "reason_code": code, "mess": "not_data"})
    return subs, scores, keys


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, columns, lineterminator="\n")
        out.writeheader()
        out.writerows(rows)


def generate(raw_dir: Path, *, years=YEARS, seed: int = 2564, truth_dir: Path | None = None,
             criteria_dir: Path = Path("data/criteria")) -> None:
    """Write the sample raw files of `years` under raw_dir (and the truth tables under truth_dir)."""
    w = _world(seed)
    for year in years:
        rubric = load_rubric(criteria_dir, year)
        files, nominees, stats = _year(w, year, rubric, seed)
        for cat in ("individual", "province"):          # generated folders only: drop stale files
            shutil.rmtree(Path(raw_dir) / str(year) / cat, ignore_errors=True)
        files = _with_layouts(files, year, seed, w)
        for f in files:
            _write(Path(raw_dir) / str(year) / f.rel, f)
        if truth_dir is not None:
            subs, scores, keys = _truth(files, rubric)
            out = Path(truth_dir) / str(year)
            _write_csv(out / "submissions_truth.csv", SUB_TRUTH, subs)
            _write_csv(out / "scores_truth.csv", SCORE_TRUTH + keys, scores)
            _write_csv(out / "nominees_truth.csv", ["province_code", "district_code", "province_round_top"], nominees)
            cands, judges = _stats_truth(stats, rubric, year)
            _write_csv(out / "candidates_truth.csv", list(cands[0]), cands)
            _write_csv(out / "judges_truth.csv", list(judges[0]), judges)
            (out / "model_truth.json").write_text(json.dumps(sample_marks.model_dict(sample_marks.model_for(year)),
                                                             indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write the seeded sample raw data (and optionally its truth).")
    ap.add_argument("--raw-dir", type=Path, default=Path("data/raw"))
    ap.add_argument("--truth-dir", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=2564)
    ap.add_argument("--criteria-dir", type=Path, default=Path("data/criteria"))
    ap.add_argument("--years", type=int, nargs="*", default=list(YEARS))
    a = ap.parse_args(argv)
    generate(a.raw_dir, years=tuple(a.years), seed=a.seed, truth_dir=a.truth_dir, criteria_dir=a.criteria_dir)


if __name__ == "__main__":
    main()
