"""Run the clean step on a generated folder and compare what it did with the truth.

For every truth row: where the clean step put it (accepted in ``submissions.parquet``, held back
in ``quarantine.csv``, set aside in ``set_aside.csv``, nowhere, or in two of them) and, when
accepted, whether its place and every field are the true ones. The figures the issue targets:

  clear_right        clear rows accepted with the right place and every field right (share of clear)
  clear_held         clear rows held back or set aside (share, and the list)
  clear_wrong_field  clear rows accepted with a field that is not the true value (list)
  wrong_accepts      accepted rows that are doubtful, not data, or a superseded submission (list)
  wrong_place        accepted rows put in another district or province (list)
  lost, twice        rows in no output, rows in two
  extra              output rows that are no truth row (a title or a header read as a row)

Failures are grouped by the axes the row's spelling used (``truth.csv`` column ``axes``), so a
developer sees which class fails: a held or wrong cell is blamed on the tags of its field (found
from the quarantine's value or column), a wrong accept on the row's own tags.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from dataclasses import field as _field
from pathlib import Path

import pandas as pd

from unseen import heldout
from unseen.compose import FIELDS, KIND_OF, TRUTH_FIELDS, YEAR

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "data" / "criteria"
FIELD_NAMES = ("province", "district", *TRUTH_FIELDS)
# tags that say nothing about a failure by themselves: left out of the classes
_QUIET = ("extra.",)


def heldout_tags() -> set[str]:
    """Every tag value the held-out tables define (disjoint from the development tables': the
    generator's tests check it), so a truth row can be told to carry an unseen spelling."""
    out: set[str] = set()

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for e in x:
                if isinstance(e, str):
                    out.add(e)
                elif isinstance(e, tuple) and e and isinstance(e[0], str):
                    out.add(e[0])
    for name in dir(heldout):
        if name.isupper() and name not in ("PART", "DATETIME_ORDER"):
            walk(getattr(heldout, name))
    out.update(heldout.SHORT_NAMES.values())
    return out


_FILE_LEVEL = ("file=", "layout=", "header.")


def is_heldout_row(axes: str, ho: set[str], *, values_only: bool = False) -> bool:
    """Does the row carry a held-out spelling (``values_only``: in one of its own cells, not in
    its file's kind or headers)?"""
    return any(t.split("=", 1)[-1] in ho for t in axes.split(";")
               if "=" in t and not (values_only and t.startswith(_FILE_LEVEL)))


# ====================================================================== running the clean step
def run_clean(raw_dir: Path, out_dir: Path, *, cli: bool = False) -> Path:
    """The clean step on ``raw_dir`` for the generator's year, as an analyst runs it (``cli``)
    or through ``analysis.clean.run_clean``, the function the command calls."""
    if cli:
        subprocess.run([sys.executable, "-m", "analysis", "clean", "--raw-dir", str(raw_dir), "--years", str(YEAR),
                        "--out-dir", str(out_dir), "--criteria-dir", str(CRITERIA)], check=True,
                       capture_output=True)
    else:
        from analysis.clean import run_clean as clean
        from analysis.rubric.load import load_rubric

        clean(raw_dir, YEAR, out_dir, load_rubric(CRITERIA / f"{YEAR}.yaml"))
    return Path(out_dir) / str(YEAR)


# ====================================================================== comparing
def _key(f, s, r) -> tuple:
    return (str(f), "" if s is None or (isinstance(s, float) and math.isnan(s)) or pd.isna(s) else str(s), int(float(r)))


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (not isinstance(v, str) and pd.isna(v)) or v == ""


def same(f: str, got, want: str) -> bool:
    """Is the accepted value ``got`` the true value ``want`` (truth.csv text; "" = blank)?"""
    if want == "":
        return _blank(got)
    if _blank(got):
        return False
    kind = KIND_OF.get(f)
    try:
        if kind == "count":
            return float(got) == int(want)
        if kind in ("rate", "money"):
            return abs(float(got) - float(want)) < (0.005 if kind == "money" else 1e-6)
        if kind == "date":
            return pd.Timestamp(got).date() == dt.date.fromisoformat(want)
        if kind == "datetime":
            t = pd.Timestamp(got)
            if t.tzinfo is not None:
                t = t.tz_convert("Asia/Bangkok").tz_localize(None)
            return abs((t.to_pydatetime() - dt.datetime.fromisoformat(want)).total_seconds()) < 1
    except (TypeError, ValueError):
        return False
    return str(got) == want


def _code(v, width: int) -> str:
    if _blank(v):
        return ""
    return str(v).split(".")[0].zfill(width)


@dataclass
class Failure:
    key: tuple
    what: str                 # held | set_aside | wrong_field | wrong_place | wrong_accept | lost | twice
    outcome: str              # the truth's outcome
    field: str = ""           # the field blamed, when one is
    written: str = ""         # the cell as written
    did: str = ""             # what the clean step did
    tags: list = _field(default_factory=list)
    mode: str = "both"        # what the failure says about the field: its value, its header, or both


@dataclass
class Report:
    part: str
    counts: Counter
    clear_right: int
    failures: list
    extra: list
    not_data_set_aside: int
    not_data_held: int
    heldout_clear: int = 0
    heldout_clear_right: int = 0
    tags_of_clear: Counter = _field(default_factory=Counter)
    seconds: float = 0.0

    def of(self, what: str) -> list[Failure]:
        return [f for f in self.failures if f.what == what]

    @property
    def clear(self) -> int:
        return self.counts["clear"]

    @property
    def clear_right_share(self) -> float:
        return self.clear_right / self.clear if self.clear else 1.0

    @property
    def clear_held_share(self) -> float:
        return len([f for f in self.failures if f.outcome == "clear" and f.what in ("held", "set_aside")]) / max(self.clear, 1)

    def figures(self) -> dict:
        wrong = self.of("wrong_accept")
        return {
            "rows": sum(self.counts.values()), "clear": self.clear, "doubtful": self.counts["doubtful"],
            "not_data": self.counts["not_data"], "superseded": self.counts["superseded"],
            "clear_right": self.clear_right, "clear_right_share": round(self.clear_right_share, 4),
            "clear_held": len([f for f in self.failures if f.outcome == "clear" and f.what in ("held", "set_aside")]),
            "clear_held_share": round(self.clear_held_share, 4),
            "clear_wrong_field": len({f.key for f in self.of("wrong_field")}),
            "wrong_accepts": len(wrong),
            "wrong_accepts_doubtful": sum(f.outcome == "doubtful" for f in wrong),
            "wrong_accepts_not_data": sum(f.outcome == "not_data" for f in wrong),
            "wrong_accepts_superseded": sum(f.outcome == "superseded" for f in wrong),
            "wrong_place": len(self.of("wrong_place")), "lost": len(self.of("lost")), "twice": len(self.of("twice")),
            "not_data_set_aside": self.not_data_set_aside, "not_data_held": self.not_data_held,
            "doubtful_set_aside": sum(f.outcome == "doubtful" and f.what == "set_aside" for f in self.failures),
            "extra_rows": len(self.extra),
            "heldout_clear": self.heldout_clear, "heldout_clear_right": self.heldout_clear_right,
        }


def _field_of_problem(q: dict, written: dict, labels: dict) -> str:
    value = "" if _blank(q.get("value")) else str(q["value"])
    for f, w in written.items():
        if value and w == value and f in FIELD_NAMES:
            return f
    col = "" if _blank(q.get("column")) else str(q["column"])
    return labels.get(col, "")


def _labels() -> dict:
    """Thai labels the clean step names fields by in the quarantine (for the blame only)."""
    try:
        from analysis.clean import FIELD_LABELS
    except ImportError:      # the reader renamed it: the blame then uses the value alone
        return {}
    return {v: k for k, v in FIELD_LABELS.items()}


def compare(clean_year_dir: Path, out: Path, part: str = "") -> Report:
    clean_year_dir, out = Path(clean_year_dir), Path(out)
    truth = list(csv.DictReader((out / "truth.csv").open(encoding="utf-8")))
    subs = pd.read_parquet(clean_year_dir / "submissions.parquet") if (clean_year_dir / "submissions.parquet").exists() else pd.DataFrame()
    quar = pd.read_csv(clean_year_dir / "quarantine.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    aside = pd.read_csv(clean_year_dir / "set_aside.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    labels = _labels()
    ho = heldout_tags()
    headers: dict[tuple, str] = {}        # (file, field) -> the header as written, for header failures
    if (out / "files.csv").exists():
        for f in csv.DictReader((out / "files.csv").open(encoding="utf-8")):
            for name, header in json.loads(f["columns"]):
                headers[(f["source_file"], name)] = header

    where: dict[tuple, list] = defaultdict(list)
    for r in subs.to_dict("records"):
        where[_key(r["source_file"], r.get("source_sheet"), r["source_row"])].append(("accept", r))
    file_level: dict[str, dict] = {}
    for r in quar.to_dict("records"):
        if r["source_row"] in ("", None):
            file_level[r["source_file"]] = r
            continue
        where[_key(r["source_file"], r["source_sheet"], r["source_row"])].append(("quarantine", r))
    for r in aside.to_dict("records"):
        if r["source_row"] in ("", None):
            file_level.setdefault(r["source_file"], r)
            continue
        where[_key(r["source_file"], r["source_sheet"], r["source_row"])].append(("set_aside", r))

    counts: Counter = Counter(t["outcome"] for t in truth)
    tests: dict[tuple, list] = defaultdict(list)     # a candidate's test responses in the same file
    for t in truth:
        if t["row_kind"] == "test":
            tests[(t["source_file"], t["province_code"], t["district_code"])] += [
                x for x in t["axes"].split(";") if x.startswith("test.")]
    failures: list[Failure] = []
    clear_right = nd_aside = nd_held = ho_clear = ho_right = 0
    tags_of_clear: Counter = Counter()
    keys = set()
    for t in truth:
        k = _key(t["source_file"], t["source_sheet"], t["source_row"])
        keys.add(k)
        tags = [x for x in t["axes"].split(";") if x]
        written = json.loads(t["written"])
        outcome = t["outcome"]
        heldout_row = is_heldout_row(t["axes"], ho, values_only=True)
        if outcome == "clear":
            tags_of_clear.update(set(_general(tags)) | set(tags))
            ho_clear += heldout_row
        places = where.get(k, [])
        base = dict(key=k, outcome=outcome, tags=tags)
        if len(places) > 1:
            failures.append(Failure(what="twice", did=" + ".join(p for p, _ in places), **base))
            continue
        if not places:
            fl = file_level.get(t["source_file"])
            if fl is not None:
                if outcome == "clear":
                    failures.append(Failure(what="held", did=f"file {fl['reason_code']}: {fl.get('reason_en', '')}",
                                            **base))
                continue
            failures.append(Failure(what="lost", did="in no output", **base))
            continue
        place, r = places[0]
        if place == "accept":
            if outcome != "clear":
                failures.append(Failure(what="wrong_accept", field=t["doubt"].split(":")[0],
                                        written=written.get(t["doubt"].split(":")[0], "") if t["doubt"] else
                                        written.get("name", written.get("project_title", "")),
                                        did=f"accepted ({t['row_kind']}{': ' + t['doubt'] if t['doubt'] else ''})",
                                        **base))
                continue
            if (_code(r.get("province_code"), 2), _code(r.get("district_code"), 4)) != (t["province_code"], t["district_code"]):
                failures.append(Failure(what="wrong_place", field="district" if t["district_code"] else "province",
                                        written=f"{written.get('province', '')} / {written.get('district', '')}",
                                        did=f"accepted as {_code(r.get('province_code'), 2)}/{_code(r.get('district_code'), 4)}"
                                            f", truth {t['province_code']}/{t['district_code']}", **base))
                continue
            bad = [f for f in TRUTH_FIELDS if f in FIELDS[t["category"]] and not same(f, r.get(f), t[f])]
            if bad:
                for f in bad:
                    header_failed = _blank(r.get(f)) and t[f] != ""
                    cell = written.get(f, "")
                    if header_failed:
                        cell = f"header {headers.get((t['source_file'], f), '?')!r}, cell {cell!r}"
                    failures.append(Failure(what="wrong_field", field=f, written=cell,
                                            did=f"read {r.get(f)!r}, truth {t[f]!r}",
                                            mode="header" if header_failed else "value", **base))
            else:
                clear_right += 1
                ho_right += heldout_row
            continue
        if place == "quarantine":
            if outcome == "not_data":
                nd_held += 1
            elif outcome == "clear":
                f = _field_of_problem(r, written, labels)
                code = r["reason_code"]
                if code.startswith("duplicate") and (t["source_file"], t["province_code"], t["district_code"]) in tests:
                    base["tags"] = tags + tests[(t["source_file"], t["province_code"], t["district_code"])]
                    f = ""           # superseded by a test response: the test's class
                cell = written.get(f, "")
                if code == "missing_value" and cell:
                    cell = f"header {headers.get((t['source_file'], f), '?')!r}, cell {cell!r}"
                failures.append(Failure(what="held", field=f, written=cell,
                                        did=f"{code}: {r.get('reason_en', '')}",
                                        mode=("header" if code == "missing_value" and written.get(f) else
                                              "both" if code == "missing_value" else "value"), **base))
            continue
        # set aside
        if outcome == "not_data":
            nd_aside += 1
        else:
            failures.append(Failure(what="set_aside", written=r.get("text", ""),
                                    did=f"set aside {r['reason_code']}", **base))
    extra = [(k, [p for p, _ in v]) for k, v in where.items() if k not in keys]
    extra_accepts = [(k, p) for k, p in extra if "accept" in p]
    for k, _ in extra_accepts:   # an accepted row that is no truth row is a wrong accept as well
        failures.append(Failure(key=k, what="wrong_accept", outcome="no_row", did="accepted a row that is no data row"))
    return Report(part, counts, clear_right, failures, extra, nd_aside, nd_held, ho_clear, ho_right, tags_of_clear)


def run(out: Path, *, cli: bool = False, part: str = "") -> Report:
    import time

    start = time.perf_counter()
    year_dir = run_clean(Path(out) / "raw", Path(out) / "clean", cli=cli)
    report = compare(year_dir, out, part)
    report.seconds = time.perf_counter() - start
    return report


# ====================================================================== classes of failure
def _general(tags: list[str]) -> list[str]:
    """``report_rate.digits=thai`` -> ``digits=thai``: the class across fields."""
    out = []
    for t in tags:
        head, _, value = t.partition("=")
        parts = head.split(".")
        if parts[0] == "header" and len(parts) >= 3:
            out.append(f"header.{parts[-1]}={value}")
        elif len(parts) >= 2:
            out.append(f"{parts[-1]}={value}")
        else:
            out.append(t)
    return out


def blamed(f: Failure) -> list[str]:
    """The tags a failure is blamed on. A value the clean step could not read (or read wrong)
    blames its spelling; a field it left blank blames its header (the column was not found);
    otherwise the row's own tags (a test response, a duplicate, a doubtful value), or the file's."""
    if f.field:
        value = [t for t in f.tags if t.startswith(f.field + ".")]
        header = [t for t in f.tags if t.startswith(f"header.{f.field}.")]
        own = {"value": value, "header": header}.get(f.mode, value + header)
        if own:
            return own
    row = [t for t in f.tags if t.startswith(("test.", "row.", "not_data.")) or ".doubt=" in t or ".order=" in t]
    if row:
        return row
    return [t for t in f.tags if t.startswith(("file=", "layout=", "header.language="))] or ["(no tag)"]


def classes(report: Report, top: int = 15) -> list[dict]:
    """The classes that fail: each failure is put on the one tag among those it is blamed on
    (in its class across fields, ``digits=fullwidth``) that fails most often over the whole part,
    so a plain spelling that merely sits beside the culprit is not counted."""
    def general(f: Failure) -> list[str]:
        return sorted(set(_general([t for t in blamed(f) if not t.startswith(_QUIET)])))

    seen: Counter = Counter()
    for f in report.failures:
        seen.update(general(f))

    def share(tag: str) -> float:
        n = report.tags_of_clear.get(tag, 0)
        return seen[tag] / n if n else float(seen[tag])

    put: dict[str, list[Failure]] = defaultdict(list)
    for f in report.failures:
        tags = general(f)
        if tags:
            put[max(tags, key=lambda t: (share(t), seen[t], t))].append(f)
    rows = [{"class": tag, "failures": len(fs), "clear_rows": report.tags_of_clear.get(tag, 0), "examples": fs[:3],
             "what": Counter(f.what for f in fs)} for tag, fs in put.items()]
    rows.sort(key=lambda r: (-r["failures"], r["class"]))
    return rows[:top]


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def format_report(report: Report, top: int = 12) -> str:
    f = report.figures()
    lines = [f"part {report.part or '?'}: {f['rows']} rows ({f['clear']} clear, {f['doubtful']} doubtful, "
             f"{f['not_data']} not data, {f['superseded']} superseded)"]
    rows = [("clear rows accepted, every field right", f"{f['clear_right']} / {f['clear']} ({_pct(report.clear_right_share)})", ">= 99%"),
            ("clear rows held back or set aside", f"{f['clear_held']} ({_pct(report.clear_held_share)})", ""),
            ("clear rows accepted with a wrong field", f"{f['clear_wrong_field']}", "0"),
            ("wrong accepts (doubtful / not data / superseded)",
             f"{f['wrong_accepts']} ({f['wrong_accepts_doubtful']} / {f['wrong_accepts_not_data']} / {f['wrong_accepts_superseded']})", "0"),
            ("candidates in a wrong place", f"{f['wrong_place']}", "0"),
            ("rows lost (in no output)", f"{f['lost']}", "0"),
            ("rows in two outputs", f"{f['twice']}", "0"),
            ("not data set aside / held back", f"{f['not_data_set_aside']} / {f['not_data_held']}", ""),
            ("output rows that are no truth row", f"{f['extra_rows']}", ""),
            ("clear rows with an unseen spelling in a cell: right", f"{f['heldout_clear_right']} / {f['heldout_clear']}", "")]
    w = max(len(a) for a, _, _ in rows)
    lines += [f"  {a:<{w}}  {b:>16}  {('target ' + c) if c else ''}".rstrip() for a, b, c in rows]
    cls = classes(report, top)
    if cls:
        lines.append("  failing classes (failures put on the class / clear rows with it; what happened):")
        for c in cls:
            what = ", ".join(f"{k} {v}" for k, v in sorted(c["what"].items()))
            lines.append(f"    {c['class']:<44} {c['failures']:>4} / {c['clear_rows']:<4} {what}")
            for ex in c["examples"][:2]:
                lines.append(f"        {ex.key[0].split('/')[-1]}:{ex.key[2]} {ex.field or ''} {ex.written!r} -> {ex.did[:110]}")
    return "\n".join(lines)
