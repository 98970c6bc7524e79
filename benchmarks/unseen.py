"""``make unseen``: the clean step on forms it has never seen, both parts of the generator.

Generates the DEVELOPMENT part (seed 1) and the HELD-OUT part (seed 2), 20 files each plus the
file whose dates show no day/month order (``tests/unseen``), into a temporary folder; runs the
clean step on each as an analyst would; compares with the truth (``tests/unseen/measure.py``);
prints a table of figures per part and the classes that fail most, with cells as written and
what the clean step did. Not a test: it prints figures (the targets are tested in
``tests/clean/test_unseen.py`` on a small development part).

    .venv/bin/python benchmarks/unseen.py [--files 20] [--dev-seed 1] [--heldout-seed 2]
                                          [--keep DIR] [--cli] [--top 12] [--write-docs]

``--write-docs`` writes ``docs/unseen-forms.md``: how the generator works, its axes and the
split (from the tables themselves), and these figures with the date and the commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
# this script is named like the package it measures with: the package must win
sys.path[:] = [str(ROOT / "tests")] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

from unseen import axes, generate, heldout, measure  # noqa: E402
from unseen.compose import COVERAGE, HO_SHARE, table_tags  # noqa: E402
from unseen.files import KINDS  # noqa: E402

PARTS = ("development", "heldout")
FIGURES = [("rows", "rows in the truth"), ("clear", "clear rows (a Thai reader reads every value)"),
           ("doubtful", "doubtful rows"), ("not_data", "not-data rows"), ("superseded", "superseded submissions"),
           ("clear_right", "clear rows accepted, every field right"), ("clear_right_share", "  share (target >= 99%)"),
           ("clear_held", "clear rows held back or set aside"), ("clear_held_share", "  share"),
           ("clear_wrong_field", "clear rows accepted with a wrong field (target 0)"),
           ("wrong_accepts", "wrong accepts (target 0)"), ("wrong_accepts_doubtful", "  of them doubtful"),
           ("wrong_accepts_not_data", "  of them not data (tests, totals ...)"),
           ("wrong_accepts_superseded", "  of them superseded"), ("wrong_place", "candidates in a wrong place (target 0)"),
           ("lost", "rows lost, in no output (target 0)"), ("twice", "rows in two outputs (target 0)"),
           ("not_data_set_aside", "not-data rows set aside"), ("not_data_held", "not-data rows held back (tolerated)"),
           ("doubtful_set_aside", "doubtful rows set aside (belong in the quarantine)"),
           ("extra_rows", "output rows that are no truth row"),
           ("heldout_clear", "clear rows with an unseen spelling in a cell"),
           ("heldout_clear_right", "  of them accepted, every field right")]


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def measure_parts(base: Path, files: int, seeds: dict, cli: bool) -> dict:
    reports = {}
    for part in PARTS:
        out = generate(base / part, part, seeds[part], files=files)
        reports[part] = measure.run(out, cli=cli, part=part)
    return reports


def _value(f: dict, key: str) -> str:
    v = f[key]
    return f"{100 * v:.1f}%" if key.endswith("_share") else str(v)


def figures_table(reports: dict, markdown: bool = False) -> str:
    figs = {p: r.figures() for p, r in reports.items()}
    if markdown:
        lines = ["| figure | development | held-out |", "|---|---:|---:|"]
        lines += [f"| {label.strip()} | {_value(figs['development'], k)} | {_value(figs['heldout'], k)} |"
                  for k, label in FIGURES]
        return "\n".join(lines)
    w = max(len(label) for _, label in FIGURES)
    lines = [f"{'':<{w}}  {'development':>12}  {'held-out':>12}"]
    lines += [f"{label:<{w}}  {_value(figs['development'], k):>12}  {_value(figs['heldout'], k):>12}"
              for k, label in FIGURES]
    return "\n".join(lines)


def classes_text(report, top: int, markdown: bool = False) -> str:
    rows = measure.classes(report, top)
    if not markdown:
        out = []
        for c in rows:
            what = ", ".join(f"{k} {v}" for k, v in sorted(c["what"].items()))
            out.append(f"  {c['class']:<46} {c['failures']:>4} failures / {c['clear_rows']:>4} clear rows with it ({what})")
            for ex in c["examples"][:3]:
                out.append(f"      {ex.key[0].split('/')[-1]} row {ex.key[2]} {ex.field}: {ex.written!r} -> {ex.did[:120]}")
        return "\n".join(out)
    out = ["| class | failures | clear rows with it | what happened | cells as written → what the clean step did |",
           "|---|---:|---:|---|---|"]
    for c in rows:
        what = ", ".join(f"{k} {v}" for k, v in sorted(c["what"].items()))
        ex = "<br>".join(f"{e.key[0].split('/')[-1]} row {e.key[2]} {e.field}: `{_md(e.written) or '(row)'}` → "
                         f"{_md(e.did[:110])}" for e in c["examples"][:3])
        out.append(f"| `{_md(c['class'])}` | {c['failures']} | {c['clear_rows']} | {what} | {ex} |")
    return "\n".join(out)


def _md(s: str) -> str:
    return str(s).replace("|", "\\|").replace("\n", "⏎").replace("`", "'")


# ------------------------------------------------------------------------------------ the page
def _spellings(module, name: str) -> list[str]:
    """A table's spellings as written (templates: ``{n}`` the number ...), or its tags."""
    table = getattr(module, name, None)
    if table is None:
        return []
    if isinstance(table, dict) and name == "SHORT_NAMES":
        return [f"{k} → {v}" for k, v in table.items()]
    out: list[str] = []

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for e in x:
                if isinstance(e, str):
                    out.append(e)
                elif name == "FILE_KINDS":
                    out.append(e[0])
                elif isinstance(e[1], str) and len(e[1]) <= 1 and not (e[1].strip() and e[1].isprintable()):
                    out.append(f"{e[0]} (U+{ord(e[1]):04X})" if e[1] else f"{e[0]} (nothing)")   # an invisible
                elif isinstance(e[1], str) and not e[1].startswith("@") and e[1] not in ("letters", "tone_order"):
                    out.append(e[1].replace("\n", "⏎"))
                elif isinstance(e[1], tuple) and e[1] and isinstance(e[1][0], str) and name not in ("DIGITS", "THAI_FORMS"):
                    out.append(e[1][0])
                else:
                    out.append(e[0])
    walk(table)
    return list(dict.fromkeys(out))


def _examples(module, name: str, n: int = 10) -> str:
    items = _spellings(module, name)
    if not items:
        return "—"
    shown = ", ".join(f"`{_md(t)}`" for t in items[:n])
    return shown + (f" … ({len(items)} in all)" if len(items) > n else "")


def page(reports: dict, seeds: dict, files: int, when: str, rev: str, top: int) -> str:
    axes_rows = "\n".join(f"| `{name}` | {_examples(axes, name)} | {_examples(heldout, name)} |" for name in COVERAGE)
    kinds = "\n".join(f"| `{k.name}` | {k.container} {k.ext} | {k.encoding or '—'} | {repr(k.delimiter) if k.container == 'csv' else '—'} "
                      f"| {'Forms/Sheets export' if k.forms else 'PDF converted' if k.pdf else 'office file'} "
                      f"| {'development' if any(t == k.name for t, *_ in axes.FILE_KINDS) else 'held-out'} |"
                      for k in KINDS.values())
    return f"""# Unseen forms: the generator and how the clean step does on it

Issue 22, item 5. The project's tests know the sample's traps; in a real year every file is
unseen. `tests/unseen/` is the project's own generator of form files made the way provincial
offices make them, each row with its truth, and the measurement of the clean step against that
truth. This page is written by `benchmarks/unseen.py --write-docs` (`make unseen` prints the
same figures).

## How the generator works

1. **The truth first.** For each file the composer chooses who applied (distinct districts, or
   provinces for 1 จังหวัด 1 พัฒนา, DOPA codes from `geothai`) and every true value (counts,
   the reporting rate, the budget, dates, the submission time in Thailand's wall clock).
2. **Then the spelling.** Each cell is spelled from the axes' tables: a column has a habit
   (the spelling its clerk uses for most rows) and some cells are spelled afresh; invisible
   characters, other spaces, full-width forms and other Thai character sequences are added
   now and then. The truth is the composed value, never a reading of the cell, and the generator
   imports nothing of the reader (`analysis.read.thai`, `analysis.read.headers`, `analysis.places`,
   `analysis.clean`): it writes workbooks with `analysis.sample.write_grid`, amounts in words with its
   own table (checked against `pythainlp.util.bahttext`), places from `geothai`.
3. **Each row has an outcome.** `clear`: a Thai reader reads every value without doubt; it must
   be accepted with every field equal to the truth. `doubtful`: one value nobody can be sure of
   (`ประมาณ 12`, `10-12`, `12 หรือ 13`, an amount in words that disagrees with the figure, a
   weekday that is not the date's, a day/month order the column never shows); it must not be
   accepted. `not_data`: a Google Forms test response (`ทดสอบ`, `test`, `ลองกรอก` ..., before or
   after the real answer from the same district), a total, a note, a signature block, a page
   header or footer, a header repeated after a page break; it must not be accepted (set aside is
   right, held back is tolerated). `superseded`: an earlier answer of a candidate who answered
   again later; it must not be accepted, the later one must.
4. **Files** are written as the programs provinces use write them (table below), with the row
   number the reader must report (the row a spreadsheet shows, or the physical line a CSV record
   starts on).
5. **The truth** goes to `<out>/truth.csv`: `source_file, source_sheet, source_row, category,
   outcome, expect, row_kind, province_code, district_code`, the true value of every field
   (blank: the cell is blank or the column absent, and the clean step must leave it blank), the
   doubt, a note, the file kind, the `axes` tags of every spelling used
   (`<field>.<axis>=<spelling>`, `header.<field>.<axis>=...`, `file=...`) and the cells `written`.
   `<out>/files.csv` lists every file's kind and headers.

About 80% of the rows are clear, as in a real year. The same part and seed give the same bytes.

## The axes (tables, not code)

Each axis is a table of `(tag, spelling, weight)` in `tests/unseen/axes.py` (development) and
`tests/unseen/heldout.py` (held-out): digit systems (ASCII, Thai, full-width, mixed in one
number), thousands separators, unit and qualifier words, rates and their misspellings, money
(with `บาท`, `ล้านบาท`, `฿`, `THB`, `.-`, amounts in words in brackets), dates in every B.E./A.D.
form, ISO 8601 in full and Google Forms/Sheets timestamps (an instant in UTC or another offset
is converted to +07:00 for the truth), provinces and districts (prefixes, English, `ฯ` and short
names, `เมือง`), character forms (`เเ`, `ํา`, a tone mark before its vowel, SARA AM in a PDF's
order), invisible characters and spaces, full-width forms, header wordings (Thai, English, both,
numbered, with units, line breaks, a Forms `*`), test responses, the rows that are not data, the
doubtful values, and the file kinds.

| table | development spellings | held-out spellings |
|---|---|---|
{axes_rows}

### File kinds

| kind | container | encoding | delimiter | what | part |
|---|---|---|---|---|---|
{kinds}

What real files look like was taken from public files collected in
[docs/real-spellings.md](real-spellings.md) (summarised in [real-files.md](real-files.md)): the Thai-locale Sheets
timestamp `4/8/2021, 18:34:26` (A.D., d/M, a comma), the English `9/6/2018 0:06:16`, the Forms
download `2021/07/22 2:30:45 PM GMT+7` (and the month-first `12/15/2025 10:18:29 GMT+7`), the
JavaScript `Thu Jul 22 2021 ... GMT+0700 (Indochina Time)`, headers `ประทับเวลา`, `Email
Address`/`Email address`, `คะแนน`/`Total score` (`0.00 / 0`), numbered questions and units in
brackets (`(พิมพ์เป็นตัวเลข)`), B.E. years typed into a Thai date question (`10/1/2544`), rows typed
into the response sheet without a timestamp, a gviz CSV quoting every cell; Excel's Unicode text
(UTF-16LE with BOM, tabs, CRLF, quoting only when needed, displayed values); cp874 with NBSP;
`5,000,000 บาท (ห้าล้านบาทถ้วน)` and `รวมทั้งสิ้น: 45,000 บาท (...)`, `คิดเป็นร้อยละ`, `(฿)`;
`จ.`/`อ.` prefixes, `Changwat ...`, `Amphoe ...`, trailing spaces; test rows named `ทดสอบ`,
`test`, `TEST`, `ทดสอบระบบ`, `ลองส่ง`, Thai keyboard mashing `ฟหกด`, with the owner's e-mail;
PDF conversion's SARA AM order `สาํ`, page headers `หน้า 1/10` and multi-row headers. Full-width
digits were not found in public Thai files: they are generated, but rarely.

## The split

The held-out part is not only another seed: every table's held-out spellings (`heldout.py`) are
spellings the development part never contains (`tests/clean/test_unseen.py` checks that no tag and no
header of one is in the other, and that no development row carries a held-out spelling). The
held-out part draws from both tables, the held-out spellings taking {int(HO_SHARE * 100)}% of a fresh draw
(full-width digits 4%), and every held-out file kind at least once. A reader tuned on the
development part is thus measured honestly on the held-out part: **do not tune on `heldout.py`**.

## How the clean step is measured

`tests/unseen/measure.py` runs the clean step (`analysis.clean.run_clean`, what `analysis clean`
calls; `--cli` runs the command) and puts every truth row where the outputs put it. Figures:
clear rows accepted with the right place and every field right (dates to the day, times to the
second, amounts to the satang), clear rows held back or set aside, clear rows accepted with a
wrong field, rows accepted that are doubtful, not data or superseded (wrong accepts), candidates
in a wrong place, rows in no output (lost) or in two, and output rows that are no truth row (a
title or a header read as a row). A failure is blamed on the spelling of its field when the value
could not be read or was read wrong, on its header when the field came out blank, on the test
response that superseded it, otherwise on the row's or the file's tags; each failure is counted
on the one class that fails most, so a plain spelling beside the culprit is not counted.

Run: `make unseen` (or `.venv/bin/python benchmarks/unseen.py`); the targets on a small
development part: `.venv/bin/python -m pytest tests/clean/test_unseen.py -n 0`.

## Figures

Measured {when} at commit `{rev}`, {files} files per part plus the file without day/month order
(development seed {seeds['development']}, held-out seed {seeds['heldout']}).

{figures_table(reports, markdown=True)}

### How the held-out part has been used

The held-out part's figures above are **not** a clean measure any more. Its first measure, before
anyone looked at its failures, was the honest one: of its clear rows **75.0%** were accepted with
every field right, with 37 wrong fields, 12 rows lost and 4 wrong accepts (the reader before
issue 22: development 63.7%, held-out 26.1%). Its failing classes were then read and the grammar
widened by class (never by spelling: see the README's "What a cell may hold"), so today's held-out
figure says the classes are covered, not how the next unseen file will do. Fresh seeds of both
parts (other rows, other combinations of the same spellings) then found four more classes (a unit
row taken for figures, a group label spread over a column of its own, English inflections, an
amount in millions scaled twice: one wrong number accepted), fixed as rules with generated tests;
on nine such seeds after the fix no clear row is held back or read wrong. A fresh held-out part,
with spelling tables disjoint from both, is the next honest measure; until it exists, read 75% as
the estimate for files nobody has described.

### Classes that fail most: development part

{classes_text(reports['development'], top, markdown=True)}

### Classes that fail most: held-out part

{classes_text(reports['heldout'], top, markdown=True)}

## Decisions where the brief is silent

- A numeric A.D. date whose day and month could be swapped (`5/7/2021`) is doubtful only in a
  column that never shows the order (no day over 12 in the same spelling); with a B.E. year
  (`5/7/2564`) it is Thai and day-first. A column never mixes a month-first spelling with a Thai
  day-first one (`1/7/64` beside `7/22/2021`), since nobody could say which the clerk meant.
  A date question's column keeps its locale's spelling (only the era varies, RS §1.1).
- A two-digit year with an English month (`19-Jul-21`, Excel's display) is A.D.: with a Thai
  month or in figures (`19 ก.ค. 64`, `19/7/64`) it is B.E. (the brief).
- A submission typed as a date only is that day at 00:00; times are compared to the second.
- A percent cell is generated only for a whole rate (a `0%` format would show 87.5 as 88%); a
  rate is never written as a fraction in text (`0.95`), and never 1 or less.
- A restatement in words that agrees (`… บาท (หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน)`) is clear; one
  that disagrees is doubtful; so is a weekday that is not the date's.
- Width forms in text (a full-width bracket in a position) are ASCII in the truth, as issue 22
  item 1 promises; Thai digits never appear in text fields.
- A test response is `not_data` whatever the clean step makes of it, including one with a real
  name and a title `ทดสอบ`; when a test after the real answer makes the clean step hold the real
  one as superseded, the failure is put on the test's class.
- Each part has a year's share of outcomes: about 80% clear, 6-8% doubtful, the rest not data and
  a few superseded answers.
"""


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--dev-seed", type=int, default=1)
    ap.add_argument("--heldout-seed", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="write the parts here and keep them")
    ap.add_argument("--cli", action="store_true", help="run `python -m analysis clean` rather than run_clean")
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--write-docs", action="store_true")
    a = ap.parse_args(argv)
    seeds = {"development": a.dev_seed, "heldout": a.heldout_seed}
    with tempfile.TemporaryDirectory(prefix="unseen-") as tmp:
        base = a.keep or Path(tmp)
        reports = measure_parts(base, a.files, seeds, a.cli)
    print(figures_table(reports))
    for part in PARTS:
        print(f"\nclasses that fail most, {part} part (clean step and comparison {reports[part].seconds:.1f} s):")
        print(classes_text(reports[part], a.top))
    if a.write_docs:
        when = dt.date.today().isoformat()
        (ROOT / "docs" / "unseen-forms.md").write_text(page(reports, seeds, a.files, when, commit(), a.top), encoding="utf-8")
        print("\nwrote docs/unseen-forms.md")


if __name__ == "__main__":
    main()
