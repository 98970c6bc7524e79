"""The shape a rubric file must have (JSON Schema), and what to tell the analyst when it has not.

The rubric is edited by hand. A value of the wrong type (an award rule written as a sentence,
``computed: true``, ``min_total: eighty``) used to reach the code that reads it and end as a
Python error; checked against this schema first, it is named, with the file, the category, the
criterion by its key (not its place in the list) and the line of the file, in Thai and English
(``place``). The schema says only what a file must look like (types, required keys, allowed
values, unknown keys: a misspelt key is otherwise silently ignored); what must hold between values
(maxima adding up to 100, bands within the maximum and in order, tie-breaks naming criteria) is
checked afterwards by ``rubric``, which can then rely on the types.

``jsonschema`` is already installed (nbformat validates notebooks with it).
"""

from __future__ import annotations

import re

from rapidfuzz import process

from analysis.vocab import AGGREGATIONS, CATEGORIES

FIELDS = ["report_rate", "complaints_received", "complaints_resolved", "lao_count", "meetings"]
NUMBER = {"type": "number"}
KEY_PATTERN = "^[A-Z][0-9]{1,2}$"

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["year", "individual", "province"],
    "additionalProperties": False,
    "properties": {
        "year": {"type": "integer", "minimum": 2500, "maximum": 2700},
        "individual": {"$ref": "#/$defs/category"},
        "province": {"$ref": "#/$defs/category"},
    },
    "$defs": {
        "category": {
            "type": "object",
            "required": ["criteria"],
            "additionalProperties": False,
            "properties": {
                "aggregation": {"enum": list(AGGREGATIONS)},
                "min_judges": {"type": "integer", "minimum": 1},
                "criteria": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/criterion"}},
                "tie_break": {"type": "array", "items": {"type": "string"}},
                "awards": {"$ref": "#/$defs/awards"},
            },
        },
        "criterion": {
            "type": "object",
            "required": ["key", "name", "max"],
            "additionalProperties": False,
            "properties": {
                "key": {"type": "string", "pattern": KEY_PATTERN},
                "name": {"type": "string", "minLength": 1},
                "max": {"type": "number", "exclusiveMinimum": 0},
                "computed": {"$ref": "#/$defs/computed"},
            },
        },
        "computed": {
            "type": "object",
            "required": ["bands", "otherwise"],
            "additionalProperties": False,
            "properties": {
                "field": {"enum": FIELDS},
                "ratio": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"enum": FIELDS}},
                "bands": {"type": "array", "minItems": 1,
                          "items": {"type": "array", "minItems": 2, "maxItems": 2, "items": NUMBER}},
                "otherwise": NUMBER,
                "when_denominator_zero": NUMBER,
            },
            "oneOf": [{"required": ["field"]}, {"required": ["ratio"]}],
        },
        "awards": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "scope": {"enum": ["national", "region"]},
                "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
                "review": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"p_same_below": {"type": "number", "minimum": 0, "maximum": 1},
                                   "p_any_at_least": {"type": "number", "minimum": 0, "maximum": 1},
                                   "contested_at_least": {"type": "number", "minimum": 0, "maximum": 1}},
                },
            },
        },
        "rule": {
            "type": "object",
            "required": ["award", "ranks"],
            "additionalProperties": False,
            "properties": {
                "award": {"type": "string", "minLength": 1},
                "ranks": {"type": "array", "minItems": 2, "maxItems": 2,
                          "items": {"type": "integer", "minimum": 1}},
                "min_total": NUMBER,
            },
        },
    },
}

TYPE_TH = {"object": "ชุดของคีย์และค่า (key: value)", "array": "รายการ [..]", "string": "ข้อความ",
           "number": "ตัวเลข", "integer": "จำนวนเต็ม", "boolean": "true หรือ false"}
TYPE_EN = {"object": "a mapping (key: value)", "array": "a list [..]", "string": "a text",
           "number": "a number", "integer": "a whole number", "boolean": "true or false"}


def where(path) -> str:
    """A key path as the analyst reads it in the file: individual.criteria[3].computed.bands[0]."""
    return _dotted(path) or "(ทั้งไฟล์ / the whole file)"


def _dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_of(path, lines: dict | None) -> int | None:
    """The line of the file (from 1) where ``path`` is, or where the nearest enclosing key is
    (a missing key: the mapping it is missing from); None without a line map."""
    path = tuple(path)
    while lines:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]
    return None


def _criterion_key(spec, category: str, index: int) -> str | None:
    try:
        key = spec[category]["criteria"][index]["key"]
    except (KeyError, IndexError, TypeError):
        return None
    return key if isinstance(key, str) and re.fullmatch(KEY_PATTERN, key) else None


def place(path, spec=None, lines: dict | None = None, at=None) -> tuple[str, str]:
    """Where ``path`` (a key path of the loaded file) is, as the analyst looks for it, in Thai and in
    English: the category, the criterion by its key (by its number when the key is unusable), the
    line, then the rest of the path: ``individual, criterion B1 (line 32): computed.bands[2]``.
    ``lines`` maps key paths to lines (``load.parse``); ``at`` is the path whose line to give
    when it is not ``path``'s own (a value check that names the category but means one key)."""
    path = tuple(path)
    line = line_of(path if at is None else at, lines)
    if path and path[0] in CATEGORIES:
        th = en = str(path[0])
        rest = path[1:]
        if len(rest) >= 2 and rest[0] == "criteria" and isinstance(rest[1], int):
            key = _criterion_key(spec, path[0], rest[1])
            th += f" เกณฑ์ {key}" if key else f" เกณฑ์ที่ {rest[1] + 1}"
            en += f", criterion {key}" if key else f", criterion {rest[1] + 1}"
            rest = rest[2:]
    elif path:
        th = en = str(path[0])
        rest = path[1:]
    else:
        th, en, rest = "ทั้งไฟล์", "the whole file", ()
    if line is not None:
        th, en = f"{th} (บรรทัดที่ {line})", f"{en} (line {line})"
    tail = f" {_dotted(rest)}" if rest else ""
    return f"{th}:{tail}", f"{en}:{tail}"


def _say(error) -> tuple[str, str]:
    """One schema error as (Thai, English)."""
    kind, value, expected = error.validator, error.instance, error.validator_value
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    if kind == "type":
        return (f"ต้องเป็น{TYPE_TH.get(expected, expected)} แต่เป็น {shown}",
                f"must be {TYPE_EN.get(expected, expected)}, not {shown}")
    if kind == "required":
        missing = [k for k in expected if k not in value]
        return f"ขาดคีย์ {', '.join(missing)}", f"missing key {', '.join(missing)}"
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        hint = [process.extractOne(str(k), allowed) for k in extra]
        near = [h[0] for h in hint if h and h[1] >= 70]
        th = f"ไม่รู้จักคีย์ {', '.join(map(str, extra))}" + (f" (หรือหมายถึง {', '.join(near)})" if near else "")
        en = f"unknown key {', '.join(map(str, extra))}" + (f" (did you mean {', '.join(near)}?)" if near else "")
        return th + f"; ใช้ได้: {', '.join(allowed)}", en + f"; allowed: {', '.join(allowed)}"
    if kind == "enum":
        return (f"ต้องเป็นหนึ่งใน {', '.join(map(str, expected))} แต่เป็น {shown}",
                f"must be one of {', '.join(map(str, expected))}, not {shown}")
    if kind in ("minimum", "exclusiveMinimum", "maximum"):
        sign = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<="}[kind]
        return f"ต้อง {sign} {expected} แต่เป็น {shown}", f"must be {sign} {expected}, not {shown}"
    if kind in ("minItems", "maxItems"):
        return (f"มีสมาชิก {len(value)} ตัว ({'อย่างน้อย' if kind == 'minItems' else 'ไม่เกิน'} {expected})",
                f"has {len(value)} items ({'at least' if kind == 'minItems' else 'at most'} {expected})")
    if kind == "minLength":
        return "ต้องไม่เว้นว่าง", "must not be empty"
    if kind == "pattern":
        return (f"'{value}' ต้องเป็นอักษรตัวใหญ่ตามด้วยตัวเลข เช่น A1",
                f"'{value}' must be a capital letter and digits, e.g. A1")
    if kind == "oneOf":
        return ("ต้องระบุ field (ช่องเดียว) หรือ ratio (สองช่อง) อย่างใดอย่างหนึ่ง",
                "needs either field (one form field) or ratio (two), not both or neither")
    return error.message, error.message


def problems(spec, lines: dict | None = None) -> list[tuple[tuple, str, str]]:
    """Every place where ``spec`` (the loaded YAML) breaks the schema, in the order of the file:
    (the key path, the Thai message, the English one), each message led by its ``place`` (with
    its line when ``lines``, the key paths' lines, is given). Empty when the file has the right shape."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(SCHEMA)
    found = []
    for e in validator.iter_errors(spec):
        if e.validator in ("required", "oneOf") and not isinstance(e.instance, dict):
            continue                                  # its type error says it already
        path = tuple(e.absolute_path)
        at = path
        if e.validator == "additionalProperties" and isinstance(e.instance, dict):
            allowed = e.schema.get("properties", {})
            extra = [k for k in e.instance if k not in allowed]
            at = path + (extra[0],) if extra else path  # the line of the unknown key itself
        th, en = _say(e)
        where_th, where_en = place(path, spec, lines, at)
        found.append((line_of(at, lines) or 0, [str(p) for p in path], path, f"{where_th} {th}", f"{where_en} {en}"))
    return [(path, th, en) for *_, path, th, en in sorted(found, key=lambda f: f[:2])]
