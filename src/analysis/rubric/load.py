"""That year's rubric, loaded from ``data/criteria/<year>.yaml`` and checked before use.

The rubric is configuration, not code: when DLA changes the criteria the analyst edits a
YAML file. Because a wrong rubric silently changes who wins, loading refuses a file of the wrong
shape (``rubric_schema``: types, required keys, allowed values, unknown keys) and anything
inconsistent (points that do not add up to 100, a band worth more than its criterion, a
tie-break on a criterion that does not exist) with a message in Thai and English that names the
file and the key.
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


def _fail(path, th: str, en: str):
    raise RubricError(f"{path}: {th} / {en}")


def _bands(path, where: str, spec: dict, maximum: float) -> None:
    bands = spec.get("bands")
    if not isinstance(bands, list) or not bands:
        _fail(path, f"{where}: ต้องมี bands", f"{where}: needs bands")
    thresholds = []
    for band in bands:
        if not (isinstance(band, list) and len(band) == 2 and all(
                isinstance(v, (int, float)) for v in band)):
            _fail(path, f"{where}: แต่ละ band ต้องเป็น [เกณฑ์ขั้นต่ำ, คะแนน]",
                  f"{where}: each band must be [at least, points]")
        thresholds.append(band[0])
        if not 0 <= band[1] <= maximum:
            _fail(path, f"{where}: คะแนน {band[1]} เกินคะแนนเต็ม {maximum}",
                  f"{where}: points {band[1]} exceed the maximum {maximum}")
    if thresholds != sorted(thresholds, reverse=True):
        _fail(path, f"{where}: bands ต้องเรียงจากเกณฑ์สูงไปต่ำ",
              f"{where}: bands must go from the highest threshold down")
    for extra in ("otherwise", "when_denominator_zero"):
        if extra in spec and not 0 <= spec[extra] <= maximum:
            _fail(path, f"{where}: {extra} เกินคะแนนเต็ม", f"{where}: {extra} exceeds the maximum")
    if "otherwise" not in spec:
        _fail(path, f"{where}: ต้องมี otherwise", f"{where}: needs 'otherwise' points")
    if "field" in spec:
        if spec["field"] not in COMPUTABLE_FIELDS:
            _fail(path, f"{where}: ไม่รู้จักช่อง {spec['field']}", f"{where}: unknown field {spec['field']}")
    elif "ratio" in spec:
        ratio = spec["ratio"]
        if not (isinstance(ratio, list) and len(ratio) == 2 and set(ratio) <= COMPUTABLE_FIELDS):
            _fail(path, f"{where}: ratio ต้องเป็นสองช่องของแบบฟอร์ม",
                  f"{where}: ratio must name two form fields")
    else:
        _fail(path, f"{where}: ต้องระบุ field หรือ ratio", f"{where}: needs 'field' or 'ratio'")


def _category(path, name: str, spec) -> CategoryRubric:
    if not isinstance(spec, dict) or not isinstance(spec.get("criteria"), list):
        _fail(path, f"{name}: ต้องมีรายการ criteria", f"{name}: needs a list of criteria")
    criteria, seen = [], set()
    for i, c in enumerate(spec["criteria"], 1):
        where = f"{name} เกณฑ์ที่ {i}"
        if not isinstance(c, dict) or not {"key", "name", "max"} <= set(c):
            _fail(path, f"{where}: ต้องมี key, name, max", f"{name} criterion {i}: needs key, name, max")
        k = str(c["key"])
        if not KEY.match(k):
            _fail(path, f"{where}: รหัส '{k}' ต้องเป็นอักษรตัวใหญ่ตามด้วยตัวเลข เช่น A1",
                  f"{name} criterion {i}: key '{k}' must be a capital letter and digits, e.g. A1")
        if k in seen:
            _fail(path, f"{name}: รหัส {k} ซ้ำ", f"{name}: key {k} appears twice")
        seen.add(k)
        if not isinstance(c["max"], (int, float)) or c["max"] <= 0:
            _fail(path, f"{name} {k}: คะแนนเต็มต้องมากกว่า 0", f"{name} {k}: max must be positive")
        if c.get("computed") is not None:
            _bands(path, f"{name} {k}", c["computed"], c["max"])
        criteria.append(Criterion(k, str(c["name"]), float(c["max"]), c.get("computed")))
    total = sum(c.max for c in criteria)
    if abs(total - TOTAL_POINTS) > 1e-9:
        _fail(path, f"{name}: คะแนนเต็มรวม {total:g} ไม่เท่ากับ {TOTAL_POINTS}",
              f"{name}: the maxima add up to {total:g}, not {TOTAL_POINTS}")
    aggregation = spec.get("aggregation", "mean")
    if aggregation not in AGGREGATIONS:
        _fail(path, f"{name}: aggregation ต้องเป็นหนึ่งใน {AGGREGATIONS}",
              f"{name}: aggregation must be one of {AGGREGATIONS}")
    tie_break = tuple(spec.get("tie_break", []))
    for t in tie_break:
        if t != "submitted_at" and t not in seen:
            _fail(path, f"{name}: tie_break อ้างถึง {t} ซึ่งไม่มีในเกณฑ์",
                  f"{name}: tie_break names {t}, which is not a criterion")
    awards = spec.get("awards") or {}
    scope = awards.get("scope", "national")
    if scope not in ("national", "region"):
        _fail(path, f"{name}: awards.scope ต้องเป็น national หรือ region",
              f"{name}: awards.scope must be national or region")
    rules = tuple(awards.get("rules", []))
    for r in rules:
        ranks = r.get("ranks") if isinstance(r, dict) else None
        if not (r.get("award") and isinstance(ranks, list) and len(ranks) == 2
                and 1 <= ranks[0] <= ranks[1]):
            _fail(path, f"{name}: กฎรางวัลต้องมี award และ ranks [จาก, ถึง]",
                  f"{name}: each award rule needs award and ranks [from, to]")
    min_judges = spec.get("min_judges", 3)
    if not isinstance(min_judges, int) or min_judges < 1:
        _fail(path, f"{name}: min_judges ต้องเป็นจำนวนเต็มบวก", f"{name}: min_judges must be a positive integer")
    review = {**REVIEW_DEFAULTS, **(awards.get("review") or {})}
    for key, value in review.items():
        if key not in REVIEW_DEFAULTS or isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not 0 <= value <= 1:
            _fail(path, f"{name}: awards.review.{key} ต้องเป็นสัดส่วนระหว่าง 0 ถึง 1 ({', '.join(REVIEW_DEFAULTS)})",
                  f"{name}: awards.review.{key} must be a share from 0 to 1 ({', '.join(REVIEW_DEFAULTS)})")
    return CategoryRubric(name, tuple(criteria), aggregation, min_judges, tie_break, scope, rules,
                          {k: float(v) for k, v in review.items()})


def load_rubric(path: str | Path) -> Rubric:
    """Load and check one year's rubric file."""
    path = Path(path)
    if not path.is_file():
        raise RubricError(f"{path}: ไม่พบไฟล์เกณฑ์การประเมิน / rubric file not found")
    def not_yaml(exc: BaseException) -> RubricError:
        return RubricError(f"{path}: อ่านไฟล์ YAML ไม่ได้ / not valid YAML ({exc})")

    with map_exceptions({yaml.YAMLError: not_yaml, UnicodeDecodeError: not_yaml}):
        # libyaml's safe loader when PyYAML was built with it (the wheels are): same result, 5x faster
        spec = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    found = rubric_schema.problems(spec)
    if found:
        listed = "\n".join(f"  {key}: {th} / {en}" for key, th, en in found[:20])
        more = f"\n  (และอีก {len(found) - 20} จุด / and {len(found) - 20} more)" if len(found) > 20 else ""
        raise RubricError(f"{path}: ไฟล์เกณฑ์มีรูปแบบไม่ถูกต้อง {len(found)} จุด / the rubric file is "
                          f"malformed in {len(found)} place(s):\n{listed}{more}")
    categories = {}
    for name in CATEGORIES:
        if name not in spec:
            _fail(path, f"ไม่มีเกณฑ์ประเภท {name}", f"no rubric for category {name}")
        categories[name] = _category(path, name, spec[name])
    return Rubric(int(spec["year"]), str(path), categories)


def rubric_path(criteria_dir: str | Path, year: int) -> Path:
    return Path(criteria_dir) / f"{year}.yaml"
