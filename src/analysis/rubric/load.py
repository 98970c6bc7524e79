"""That year's rubric, loaded from ``data/criteria/<year>.yaml`` and checked before use.

The rubric is configuration, not code: when DLA changes the criteria the analyst edits a
YAML file. Because a wrong rubric silently changes who wins, loading refuses a file of the wrong
shape (``rubric_schema``: types, required keys, allowed values, unknown keys) and anything
inconsistent (points that do not add up to 100, a band worth more than its criterion, a
tie-break on a criterion that does not exist) with a message in Thai and English that names the
file, the category, the criterion by its key and the line ("individual, criterion B1 (line 32):
max ..."); a file that is not YAML at all (a tab, an unclosed quote, a line indented wrong) is
named with its line and column, and what the parser found said in Thai too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.errors import RubricError, map_exceptions
from analysis.rubric import schema as rubric_schema
from analysis.vocab import AGGREGATIONS, CATEGORIES

# When an award goes back to the committee (awards.review): an award that a fresh panel keeps less
# often than p_same_below, or no award where a fresh panel gives one at least p_any_at_least. A
# candidate with at least contested_at_least chance of an award is in that award's contested set.
REVIEW_DEFAULTS = {"p_same_below": 0.9, "p_any_at_least": 0.2, "contested_at_least": 0.1}
TOTAL_POINTS = 100
KEY = re.compile(r"^[A-Z]\d{1,2}$")
# Form fields a computed criterion may read (numbers on the cleaned individual form).
COMPUTABLE_FIELDS = {"report_rate", "complaints_received", "complaints_resolved", "lao_count",
                     "meetings"}


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    max: float
    computed: dict | None = None  # None: judged on the score sheets

    @property
    def judged(self) -> bool:
        return self.computed is None


@dataclass(frozen=True)
class CategoryRubric:
    category: str
    criteria: tuple[Criterion, ...]
    aggregation: str = "mean"
    min_judges: int = 3
    tie_break: tuple[str, ...] = ()
    award_scope: str = "national"  # national | region
    award_rules: tuple[dict, ...] = ()
    review: dict = field(default_factory=lambda: dict(REVIEW_DEFAULTS))

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.criteria]

    @property
    def maxima(self) -> dict[str, float]:
        """Each criterion's maximum, by key (what a share of the maximum divides by)."""
        return {c.key: c.max for c in self.criteria}

    @property
    def judged_keys(self) -> list[str]:
        return [c.key for c in self.criteria if c.judged]

    def criterion(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)


@dataclass(frozen=True)
class Rubric:
    year: int
    path: str
    categories: dict[str, CategoryRubric] = field(default_factory=dict)

    def __getitem__(self, category: str) -> CategoryRubric:
        return self.categories[category]


class _Places:
    """Where a value check's problem is, for its message: the file, and the loaded spec with its
    key paths' lines (``schema.place``)."""

    def __init__(self, path, spec, lines: dict):
        self.path, self.spec, self.lines = path, spec, lines

    def line(self, *path) -> int | None:
        return rubric_schema.line_of(path, self.lines)

    def fail(self, where: tuple, th: str, en: str, at: tuple | None = None):
        """Raise the RubricError: ``where`` is the key path the message is placed at (a category,
        a criterion), ``at`` the one whose line it gives (default ``where``)."""
        place_th, place_en = rubric_schema.place(where, self.spec, self.lines, at)
        raise RubricError(f"{self.path}: {place_th} {th} / {place_en} {en}")


def _bands(f: _Places, at: tuple, spec: dict, maximum: float) -> None:
    """The bands of the computed criterion at key path ``at`` (``(category, "criteria", i)``)."""
    computed = at + ("computed",)
    bands = spec.get("bands")
    if not isinstance(bands, list) or not bands:
        f.fail(at, "ต้องมี bands", "needs bands", computed)
    thresholds = []
    for j, band in enumerate(bands):
        if not (isinstance(band, list) and len(band) == 2 and all(
                isinstance(v, (int, float)) for v in band)):
            f.fail(at, "แต่ละ band ต้องเป็น [เกณฑ์ขั้นต่ำ, คะแนน]", "each band must be [at least, points]",
                   computed + ("bands", j))
        thresholds.append(band[0])
        if not 0 <= band[1] <= maximum:
            f.fail(at, f"คะแนน {band[1]} เกินคะแนนเต็ม {maximum}",
                   f"points {band[1]} exceed the maximum {maximum}", computed + ("bands", j))
    if thresholds != sorted(thresholds, reverse=True):
        f.fail(at, "bands ต้องเรียงจากเกณฑ์สูงไปต่ำ", "bands must go from the highest threshold down",
               computed + ("bands",))
    for extra in ("otherwise", "when_denominator_zero"):
        if extra in spec and not 0 <= spec[extra] <= maximum:
            f.fail(at, f"{extra} เกินคะแนนเต็ม", f"{extra} exceeds the maximum", computed + (extra,))
    if "otherwise" not in spec:
        f.fail(at, "ต้องมี otherwise", "needs 'otherwise' points", computed)
    if "field" in spec:
        if spec["field"] not in COMPUTABLE_FIELDS:
            f.fail(at, f"ไม่รู้จักช่อง {spec['field']}", f"unknown field {spec['field']}", computed + ("field",))
    elif "ratio" in spec:
        ratio = spec["ratio"]
        if not (isinstance(ratio, list) and len(ratio) == 2 and set(ratio) <= COMPUTABLE_FIELDS):
            f.fail(at, "ratio ต้องเป็นสองช่องของแบบฟอร์ม", "ratio must name two form fields", computed + ("ratio",))
    else:
        f.fail(at, "ต้องระบุ field หรือ ratio", "needs 'field' or 'ratio'", computed)


def _category(f: _Places, name: str, spec) -> CategoryRubric:
    if not isinstance(spec, dict) or not isinstance(spec.get("criteria"), list):
        f.fail((name,), "ต้องมีรายการ criteria", "needs a list of criteria")
    criteria, seen = [], {}
    for i, c in enumerate(spec["criteria"]):
        at = (name, "criteria", i)
        if not isinstance(c, dict) or not {"key", "name", "max"} <= set(c):
            f.fail(at, "ต้องมี key, name, max", "needs key, name, max")
        k = str(c["key"])
        if not KEY.match(k):
            f.fail(at, f"รหัส '{k}' ต้องเป็นอักษรตัวใหญ่ตามด้วยตัวเลข เช่น A1",
                   f"key '{k}' must be a capital letter and digits, e.g. A1", at + ("key",))
        if k in seen:
            first = f.line(name, "criteria", seen[k], "key")
            f.fail(at, f"รหัส {k} ซ้ำ" + (f" (ใช้แล้วที่บรรทัดที่ {first})" if first else ""),
                   f"key {k} appears twice" + (f" (first at line {first})" if first else ""), at + ("key",))
        seen[k] = i
        if not isinstance(c["max"], (int, float)) or c["max"] <= 0:
            f.fail(at, "คะแนนเต็ม (max) ต้องมากกว่า 0", "max must be positive", at + ("max",))
        if c.get("computed") is not None:
            _bands(f, at, c["computed"], c["max"])
        criteria.append(Criterion(k, str(c["name"]), float(c["max"]), c.get("computed")))
    total = sum(c.max for c in criteria)
    if abs(total - TOTAL_POINTS) > 1e-9:
        each = [(c.key, c.max, f.line(name, "criteria", i, "max")) for i, c in enumerate(criteria)]
        th = ", ".join(f"{k} {m:g}" + (f" บรรทัดที่ {n}" if n else "") for k, m, n in each)
        en = ", ".join(f"{k} {m:g}" + (f" line {n}" if n else "") for k, m, n in each)
        f.fail((name,), f"คะแนนเต็มรวม {total:g} ไม่เท่ากับ {TOTAL_POINTS} ({th})",
               f"the maxima add up to {total:g}, not {TOTAL_POINTS} ({en})", (name, "criteria"))
    aggregation = spec.get("aggregation", "mean")
    if aggregation not in AGGREGATIONS:
        f.fail((name,), f"aggregation ต้องเป็นหนึ่งใน {AGGREGATIONS}", f"aggregation must be one of {AGGREGATIONS}",
               (name, "aggregation"))
    tie_break = tuple(spec.get("tie_break", []))
    for j, t in enumerate(tie_break):
        if t != "submitted_at" and t not in seen:
            f.fail((name,), f"tie_break อ้างถึง {t} ซึ่งไม่มีในเกณฑ์", f"tie_break names {t}, which is not a criterion",
                   (name, "tie_break", j))
    awards = spec.get("awards") or {}
    scope = awards.get("scope", "national")
    if scope not in ("national", "region"):
        f.fail((name,), "awards.scope ต้องเป็น national หรือ region", "awards.scope must be national or region",
               (name, "awards", "scope"))
    rules = tuple(awards.get("rules", []))
    for j, r in enumerate(rules):
        ranks = r.get("ranks") if isinstance(r, dict) else None
        if not (isinstance(r, dict) and r.get("award") and isinstance(ranks, list) and len(ranks) == 2
                and 1 <= ranks[0] <= ranks[1]):
            f.fail((name,), "กฎรางวัลต้องมี award และ ranks [จาก, ถึง]",
                   "each award rule needs award and ranks [from, to]", (name, "awards", "rules", j))
    min_judges = spec.get("min_judges", 3)
    if not isinstance(min_judges, int) or min_judges < 1:
        f.fail((name,), "min_judges ต้องเป็นจำนวนเต็มบวก", "min_judges must be a positive integer",
               (name, "min_judges"))
    review = {**REVIEW_DEFAULTS, **(awards.get("review") or {})}
    for key, value in review.items():
        if key not in REVIEW_DEFAULTS or isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not 0 <= value <= 1:
            f.fail((name,), f"awards.review.{key} ต้องเป็นสัดส่วนระหว่าง 0 ถึง 1 ({', '.join(REVIEW_DEFAULTS)})",
                   f"awards.review.{key} must be a share from 0 to 1 ({', '.join(REVIEW_DEFAULTS)})",
                   (name, "awards", "review", key))
    return CategoryRubric(name, tuple(criteria), aggregation, min_judges, tie_break, scope, rules,
                          {k: float(v) for k, v in review.items()})


# ------------------------------------------------------------------------------ the YAML itself
# What the parser found, in Thai (PyYAML's own words, the pure-Python parser's: the fast one's
# differ, and a message must not depend on how PyYAML was built). The English is the parser's.
_YAML_TH = (
    (r"found character '\\t' that cannot start any token",
     "มีแท็บ (Tab) ตรงนี้: YAML ย่อหน้าด้วยการเว้นวรรคเท่านั้น ให้แทนแท็บด้วยช่องว่าง"),
    (r"found character .* that cannot start any token",
     "มีอักขระที่ขึ้นต้นค่าไม่ได้ ให้ใส่ข้อความนี้ไว้ในเครื่องหมายคำพูด"),
    (r"found unexpected end of stream",
     "เครื่องหมายคำพูดหรือวงเล็บที่เปิดไว้ไม่ได้ปิด ไฟล์จบเสียก่อน"),
    (r"mapping values are not allowed here",
     "มีเครื่องหมาย : ที่ใช้ตรงนี้ไม่ได้ (ย่อหน้าไม่ตรงกับบรรทัดอื่น "
     "หรือข้อความที่มี ': ' ต้องอยู่ในเครื่องหมายคำพูด)"),
    (r"expected <block end>, but found",
     "ย่อหน้าของบรรทัดนี้ไม่ตรงกับบรรทัดอื่นในระดับเดียวกัน"),
    (r"could not find expected ':'",
     "ขาดเครื่องหมาย : หลังชื่อคีย์ (หรือย่อหน้าไม่ตรง)"),
    (r"expected ',' or '\]'", "วงเล็บ [ ที่เปิดไว้ไม่ได้ปิด หรือขาดเครื่องหมาย , ระหว่างค่า"),
    (r"expected ',' or '\}'", "วงเล็บ { ที่เปิดไว้ไม่ได้ปิด หรือขาดเครื่องหมาย , ระหว่างค่า"),
    (r"found unknown escape character", "มีอักขระหลัง \\ ที่ใช้ไม่ได้ในข้อความในเครื่องหมายคำพูดคู่"),
    (r"found undefined alias", "อ้างถึง alias (*...) ที่ไม่ได้กำหนดไว้"),
    (r"could not determine a constructor", "มีแท็ก (!...) ที่ไม่รู้จัก"),
)


def _mark(mark) -> tuple[str, str]:
    return (f"บรรทัดที่ {mark.line + 1} คอลัมน์ {mark.column + 1}", f"line {mark.line + 1}, column {mark.column + 1}")


def yaml_problem(path, exc: BaseException) -> RubricError:
    """A file PyYAML cannot read as YAML, as the package's error: the file, the line and column the
    parser means, what it found in Thai and in its own English. An unclosed quote is placed where
    it opens (the parser notices it only at the end of the file, and says where it began)."""
    if isinstance(exc, UnicodeDecodeError):
        return RubricError(f"{path}: ไฟล์ไม่ได้บันทึกเป็นข้อความ UTF-8 (ไบต์ที่ {exc.start + 1}) "
                           f"ให้บันทึกใหม่เป็น UTF-8 / "
                           f"not a UTF-8 text file (byte {exc.start + 1}); save it again as UTF-8")
    problem = getattr(exc, "problem", None) or str(exc)
    mark, context_mark = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    context = getattr(exc, "context", None)
    th = next((t for pattern, t in _YAML_TH if re.search(pattern, problem)), "รูปแบบไม่ถูกต้องตามหลัก YAML")
    en = problem
    if context_mark is not None and mark is not None and problem == "found unexpected end of stream":
        mark, context_mark = context_mark, None          # the quote opened here; the end is not the fault
        if "quoted scalar" in str(context):
            th = "เครื่องหมายคำพูดที่เปิดตรงนี้ไม่ได้ปิด ไฟล์จบเสียก่อน"
        en = f"{context} that begins here, found unexpected end of stream (it is never closed)"
    if context_mark is not None and mark is not None and context_mark.line != mark.line:
        c_th, c_en = _mark(context_mark)
        th += f" (ในส่วนที่เริ่มที่{c_th})"
        en += f" ({context} that began at {c_en})"
    if mark is None:
        return RubricError(f"{path}: อ่านไฟล์ YAML ไม่ได้: {th} / not valid YAML: {en}")
    m_th, m_en = _mark(mark)
    return RubricError(f"{path}: อ่านไฟล์ YAML ไม่ได้ที่{m_th}: {th} / not valid YAML at {m_en}: {en}")


def _lines(node, path: tuple = (), out: dict | None = None) -> dict:
    """Each key path of the document -> its line (from 1): a mapping entry's is its key's line, a
    list item's its first line."""
    out = {} if out is None else out
    if node is None:
        return out
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                out.setdefault(path + (key.value,), key.start_mark.line + 1)
                _lines(value, path + (key.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, path + (i,), out)
    return out


def parse(path: Path, text: str):
    """The document of a rubric file and the line of each of its key paths, read once; a file that
    is not YAML raises RubricError (``yaml_problem``)."""
    def not_yaml(fast: BaseException) -> RubricError:
        try:
            yaml.load(text, Loader=yaml.SafeLoader)   # the pure-Python parser's words and marks
        except yaml.YAMLError as exc:
            return yaml_problem(path, exc)
        return yaml_problem(path, fast)

    with map_exceptions({yaml.YAMLError: not_yaml}):
        # libyaml's safe loader when PyYAML was built with it (the wheels are): same result, 5x faster
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            node = loader.get_single_node()
            spec = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    return spec, _lines(node)


def load_rubric(path: str | Path) -> Rubric:
    """Load and check one year's rubric file."""
    path = Path(path)
    if not path.is_file():
        raise RubricError(f"{path}: ไม่พบไฟล์เกณฑ์การประเมิน / rubric file not found")
    with map_exceptions({UnicodeDecodeError: lambda exc: yaml_problem(path, exc)}):
        text = path.read_text(encoding="utf-8")
    spec, lines = parse(path, text)
    found = rubric_schema.problems(spec, lines)
    if found:
        listed = "\n".join(f"  {th} / {en}" for _, th, en in found[:20])
        more = f"\n  (และอีก {len(found) - 20} จุด / and {len(found) - 20} more)" if len(found) > 20 else ""
        raise RubricError(f"{path}: ไฟล์เกณฑ์มีรูปแบบไม่ถูกต้อง {len(found)} จุด / the rubric file is "
                          f"malformed in {len(found)} place(s):\n{listed}{more}")
    f = _Places(path, spec, lines)
    categories = {}
    for name in CATEGORIES:
        if name not in spec:
            f.fail((), f"ไม่มีเกณฑ์ประเภท {name}", f"no rubric for category {name}")
        categories[name] = _category(f, name, spec[name])
    return Rubric(int(spec["year"]), str(path), categories)


def rubric_path(criteria_dir: str | Path, year: int) -> Path:
    return Path(criteria_dir) / f"{year}.yaml"
