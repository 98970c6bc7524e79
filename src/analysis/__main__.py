"""The command line: ``analysis clean|score|compare|run|templates|announce|sample|kernel ...`` (also ``python -m analysis``).

Every expected failure (a missing folder, a broken rubric, a year typed wrong, a file open in
Excel) ends with a message in Thai and English and exit code 2, never a traceback. Rows held
back are not failures: the command ran, so it exits 0 and says how many were held back and why.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from analysis.catalog import Folders, file
from analysis import __version__
from analysis.errors import AnalysisError, FolderNotFound
from analysis.rubric.load import load_rubric, rubric_path
from analysis.years import CLEANED, RAW, on_disk, parse_years
from functools import partial

PROG = "analysis"
DESCRIPTION = """\
ประเมินท้องถิ่นอำเภอดีเด่น และ 1 จังหวัด 1 พัฒนา: ตรวจและทำความสะอาดแบบฟอร์มที่จังหวัดส่ง
คำนวณคะแนน จัดอันดับ ตัดสินรางวัล เปรียบเทียบรายปี และทำรายงาน HTML ภาษาไทย
DLA's outstanding district local officer evaluation and the 1 province 1 development award:
clean the forms provinces send, score, rank, award, compare years, and write Thai HTML reports."""
EXAMPLES = """\
ตัวอย่าง / examples:
  analysis run --raw-dir data/raw --years 2564-2568 --out-dir reports --clean-dir data/clean
      ทุกขั้นตอนทุกปี จบที่ reports/index.html / every step of every year, ending in reports/index.html
  analysis clean --raw-dir data/raw --years 2568 --clean-dir data/clean
  analysis score --clean-dir data/clean --years 2568
  analysis compare --clean-dir data/clean --years 2564-2568
  analysis templates --years 2569 --out-dir templates
      แบบฟอร์มที่ตรวจการกรอกให้ทุกจังหวัด / forms that check what is typed, for every province
  analysis announce --clean-dir data/clean --years 2568 --out-dir reports
      ร่างหนังสือแจ้งผล บัญชีรายชื่อ และเกียรติบัตร / the results letter, its list and the certificates

ปี พ.ศ. เสมอ / years are always B.E.: 2568, a range 2564-2568, or a list 2564,2566.
แต่ละคำสั่งมีคำอธิบายของตัวเอง / each command has its own help: analysis clean --help"""
YEARS_HELP = "ปี พ.ศ. เช่น 2568 ช่วง 2564-2568 หรือ 2564,2566 / B.E. years: 2568, 2564-2568 or 2564,2566"


class Parser(argparse.ArgumentParser):
    """argparse, with its own errors (a missing option, a wrong choice) said in Thai and English too."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"ผิดพลาด / error: {message}\n"
                     f"ดูวิธีใช้ / for help: {self.prog} --help\n")


class Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help with its headings in Thai and English."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "วิธีใช้ / usage: " if prefix is None else prefix)


def _parser(sub, name: str, help_: str, description: str, examples: str):
    p = sub.add_parser(name, help=help_, description=description, epilog=examples,
                       formatter_class=Formatter, add_help=False)
    _bilingual(p)
    return p


def _bilingual(p: argparse.ArgumentParser) -> None:
    p._optionals.title = "ตัวเลือก / options"
    p._positionals.title = "คำสั่ง / commands"
    p.add_argument("-h", "--help", action="help", help="แสดงคำอธิบายนี้ / show this help and exit")


def parse_provinces(text: str) -> list[str]:
    """``--provinces 50,ลำปาง``: codes or names to province codes; a name not certain is an error
    that names it (a wrong guess would make the wrong province's page)."""
    from analysis import places

    codes = []
    for part in filter(None, (t.strip() for t in text.split(","))):
        code = part if places.province_name(part) else places.read_province(part)[0]
        if code is None:
            raise argparse.ArgumentTypeError(f"ไม่รู้จักจังหวัด {part!r} / unknown province {part!r}")
        codes.append(code)
    if not codes:
        raise argparse.ArgumentTypeError("ไม่ได้ระบุจังหวัด / no province given")
    return codes


FOLDER_HELP = {
    "raw_dir": "แบบฟอร์มที่จังหวัดส่ง / what provinces sent: <raw-dir>/<year>/<individual|province>/"
               "<submissions|scores>/ (default: data/raw)",
    "clean_dir": "ข้อมูลที่ตรวจแล้ว / the cleaned data: <clean-dir>/<year>/ (default: beside the raw folder, "
                 "<raw-dir>/../clean, so data/clean)",
    "criteria_dir": "เกณฑ์ <year>.yaml / the rubric files (default: beside the raw folder, <raw-dir>/../criteria, "
                    "so data/criteria)",
    "out_dir": "เอกสารที่ส่งให้ผู้อ่าน / what people receive: the reports (index.html, <year>/...) or the "
               "templates (<year>/forms/, score-sheets/) (default: reports)",
}


class _OldSpelling(argparse.Action):
    """An option's old spelling, kept for a release: it sets the new option and says so."""

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values)
        new = "--" + self.dest.replace("_", "-")
        print(f"หมายเหตุ: {option_string} ของคำสั่งนี้เปลี่ยนชื่อเป็น {new} (ชื่อเดิมจะเลิกใช้ในรุ่นถัดไป) / "
              f"note: {option_string} is now {new} for this command (the old spelling goes in the next release)",
              file=sys.stderr)


def _folders(p, *names: str, old: dict[str, str] | None = None) -> None:
    """The folder options, the same name, meaning and default in every command (catalog.Folders)."""
    for name in names:
        p.add_argument("--" + name.replace("_", "-"), dest=name, metavar="DIR", help=FOLDER_HELP[name])
    for spelling, name in (old or {}).items():
        p.add_argument(spelling, dest=name, metavar="DIR", action=_OldSpelling, help=argparse.SUPPRESS)


def folders(args) -> Folders:
    """The command's folders, each given or its one default."""
    return Folders.given(**{n: getattr(args, n, None) for n in FOLDER_HELP})


def _years(p, required: bool = True, default: str | None = None) -> None:
    p.add_argument("--years", "--year", dest="years", required=required, default=default,
                   metavar="YEARS", help=YEARS_HELP + (f" (default {default})" if default else ""))


def _print_clean(year: int, result, out_dir: Path) -> None:
    from analysis.clean import summary
    from analysis.clean.facts import set_aside

    q = result.quarantine
    print(f"ปี พ.ศ. {year} / B.E. {year}: {int(result.rows_read['rows'].sum())} data rows read "
          f"in {result.rows_read['source_file'].nunique()} files -> {out_dir / str(year)}")
    print(summary(result).to_string(index=False))
    if len(q):
        print("กันไว้ตรวจ แยกตามเหตุผล / held back by reason:")
        print(q.groupby(["category", "reason_code"]).size().to_string())
    aside = result.set_aside
    if len(aside):
        print(f"แถวที่ไม่ใช่ข้อมูลผู้สมัคร ตั้งแยกไว้ / set aside as not data "
              f"(-> {out_dir / str(year) / file('set_aside')}):")
        print(aside.groupby(["category", "reason_code"]).size().to_string())
        hidden = aside[aside["reason_code"] == "hidden_sheet"]
        for (f, sheet), g in hidden.groupby(["source_file", "source_sheet"]):
            print(f"  แผ่นงานที่ซ่อน ไม่ได้อ่าน / hidden sheet, not read: {f} [{sheet}] ({len(g)} rows)")
    for item in set_aside(result.ignored_files, result.notes):
        where = f"{item['file']}: " if item["file"] else ""
        print(f"  ไม่ได้อ่าน / not read: {where}{item['th']}" + (f" / {item['en']}" if item["en"] else ""))


def _asked(args, data_dir: Path, f: Folders, data=RAW) -> list[int]:
    """The years asked for, every one checked before the first is worked on: a year with neither
    its folder nor its rubric is refused with the years that are there (``years.on_disk``)."""
    return on_disk(parse_years(args.years), data_dir, f.criteria_dir, rubric_path, data)


def cmd_clean(args) -> int:
    from analysis.clean import run_clean

    f = folders(args)
    for year in _asked(args, f.raw_dir, f):
        rubric = load_rubric(rubric_path(f.criteria_dir, year))
        result = run_clean(f.raw_dir, year, f.clean_dir, rubric)
        _print_clean(year, result, f.clean_dir)
    return 0


def cmd_score(args) -> int:
    from analysis.score import run_score

    f = folders(args)
    for year in _asked(args, f.clean_dir, f, CLEANED):
        rubric = load_rubric(rubric_path(f.criteria_dir, year))
        out = run_score(f.clean_dir, year, rubric, draws=args.draws, seed=args.seed)
        r = out["results"]
        print(f"ปี พ.ศ. {year} / B.E. {year}: {len(r)} rows -> {f.clean_dir / str(year)}"
              f"/{file('results')}; intervals {out['timing']['seconds'].sum():.2f} s")
        print(r.groupby(["category", "round"]).agg(
            candidates=("total", "size"), incomplete=("incomplete", "sum"),
            few_judges=("few_judges", "sum"), not_nominee=("not_nominee", "sum"),
            award_review=("award_review", "sum")).to_string())
        awarded = r[r["award"] != ""]
        if len(awarded):
            print(awarded.groupby(["category", "award"]).size().to_string())
    return 0


def cmd_compare(args) -> int:
    from analysis.compare import run_compare

    f = folders(args)
    out = run_compare(f.clean_dir, parse_years(args.years), f.criteria_dir, args.category)
    panel = out["panel"]
    print(f"{panel['province_code'].nunique()} provinces x {panel['year'].nunique()} years = "
          f"{len(panel)} rows -> {f.clean_dir / 'compare' / 'panel.parquet'}")
    took = panel.groupby("year")[["individual_participated", "project_participated"]].sum()
    print("provinces taking part / จังหวัดที่เข้าร่วม:\n" + took.to_string())
    show = ["province_name", "region", "total_first", "total_last", "total_delta", "rank_delta"]
    for name in ("improvers", "decliners"):
        print(f"{name} ({args.category}):\n" + out[name][show].round(2).to_string(index=False))
    pc = out["participation_changes"]
    print("stopped / started:\n" + pc.groupby(["year", "category", "change"]).size().to_string())
    rc = out["rubric_changes"]
    if len(rc):
        print("criteria changes / เกณฑ์ที่เปลี่ยน:\n" + rc[["year_a", "year_b", "key", "reason_code",
                                                         "comparable"]].to_string(index=False))
    return 0


def cmd_run(args) -> int:
    """Forms to shared reports: notebooks through papermill, then HTML, Excel and the index."""
    from analysis import store
    from analysis.run.batch import run_notebooks
    from analysis.run.outcome import run_summary
    from analysis.report import ProvinceRenderer, build_reports, render_step

    years = parse_years(args.years)
    f = folders(args)
    out, clean_dir, raw = f.out_dir, f.clean_dir, f.raw_dir
    if not raw.is_dir():
        raise FolderNotFound(f"ไม่พบโฟลเดอร์ {raw} / no folder {raw}")
    years = on_disk(years, raw, f.criteria_dir, rubric_path)  # before any kernel starts
    # a year's reports are written by the worker that ran its step, in parallel with the others
    render = partial(render_step, folders=f, years=years, public=args.public,
                     province_pages=not args.no_province_pages and (args.provinces or True))
    pages = None if args.no_province_pages else ProvinceRenderer(folders=f, years=years, public=args.public)
    run = run_notebooks(f, years, args.public, render=render, province_pages=pages, provinces=args.provinces)
    index_error = ""
    try:
        written = build_reports(run, f, years, args.public)
    except store.FileInUse as exc:  # the index page: every other report is written
        index_error = str(exc)
        written = [p for s in run.steps for p in s.written]
        if args.public:  # what the workers wrote is still checked for names
            from analysis.report import check_no_names, people_in

            check_no_names(written, sorted({n for y in years for n in people_in(clean_dir, y)}))
    print(run_summary(run, years, out, clean_dir, written, index_error))
    return 0 if run.ok and not index_error else 1


def cmd_templates(args) -> int:
    """The forms for every province, or (``--score-sheets``) the committees' score sheets."""
    from analysis.templates import make_forms, make_score_sheets

    f = folders(args)
    for year in parse_years(args.years):
        if args.score_sheets:
            made = make_score_sheets(f.out_dir, year, f.clean_dir, f.criteria_dir, args.seats)
            what = "ใบให้คะแนน / score-sheet workbooks"
        else:
            made = make_forms(f.out_dir, year, f.criteria_dir)
            what = "แบบฟอร์ม (แบบ 2, แบบ 4) / forms"
        print(f"ปี พ.ศ. {year} / B.E. {year}: {len(made.files)} {what} -> {made.folder}")
        for category in ("individual", "province"):
            n = sum(f.startswith(category + "/") for f in made.files)
            if n:
                print(f"  {made.folder / category}: {n}")
        for note in made.notes:
            print(f"  หมายเหตุ / note: {note}")
    return 0


def cmd_announce(args) -> int:
    """The results letter, its attachment and the certificates of each year, from the results."""
    from analysis.announce import run_announce

    failed, f = [], folders(args)
    for year in parse_years(args.years):
        try:
            d = run_announce(f.clean_dir, year, f.out_dir, despite_review=args.despite_review,
                             templates=args.templates)
        except AnalysisError as exc:
            print(f"ผิดพลาด / error: {exc}", file=sys.stderr)
            failed.append(year)
            continue
        a = d.announcement
        print(f"ปี พ.ศ. {year} / B.E. {year}: ผู้ได้รับรางวัล {len(a.people)} ราย / {len(a.people)} winners -> {d.folder}")
        for f in d.files:
            print(f"  {f.name}")
        if a.despite_review:
            print(f"  หมายเหตุ / note: ร่างนี้ทำทั้งที่ยังมีรายการควรทบทวน {a.open_review} รายการ (ข้อความสีแดงที่หัวหนังสือ) / "
                  f"drafted despite {a.open_review} open review items (said in red at the letter's top)")
        print("  ช่องที่ต้องกรอกก่อนลงนาม (เน้นสีเหลือง) / fields to fill before signing (highlighted): "
              "เลขที่หนังสือ วันที่ หนังสืออ้างถึง ผู้ลงนาม ผู้ประสานงาน ตราครุฑ")
    return 2 if failed else 0


def cmd_sample(args) -> int:
    from analysis.sample.files import generate

    f = folders(args)
    generate(f.raw_dir, years=tuple(parse_years(args.years)), seed=args.seed,
             truth_dir=Path(args.truth_dir) if args.truth_dir else None, criteria_dir=f.criteria_dir)
    print(f"sample written to {f.raw_dir}")
    return 0


def cmd_kernel(args) -> int:
    from analysis.run import kernels

    where = kernels.install(user=args.user)
    print(f"ลงทะเบียน kernel '{kernels.NAME}' แล้ว / registered the kernel '{kernels.NAME}': {where}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog=PROG, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=Formatter, add_help=False)
    _bilingual(parser)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}",
                        help="แสดงรุ่นของโปรแกรม / show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                title="คำสั่ง / commands")

    p = _parser(sub, "run", "ทุกขั้นตอน จบที่รายงาน / every step, ending in the reports",
                "รันโน้ตบุ๊กทุกปี (ตรวจข้อมูล คำนวณคะแนน เปรียบเทียบรายปี) แล้วทำรายงาน HTML, Excel และหน้าแรก index.html\n"
                "Every year through the notebooks (clean, score, compare), then the HTML reports, the\n"
                "workbooks and the index page. A year that fails does not stop the others.",
                "ตัวอย่าง / examples:\n"
                "  analysis run --raw-dir data/raw --years 2564-2568 --out-dir reports --clean-dir data/clean\n"
                "  analysis run --raw-dir data/raw --years 2568 --out-dir reports-public --public\n"
                "      ฉบับเผยแพร่: ปิดชื่อบุคคล (PDPA) / for wide circulation: personal names masked")
    _years(p)
    _folders(p, "raw_dir", "clean_dir", "criteria_dir", "out_dir")
    p.add_argument("--public", action="store_true",
                   help="ปิดชื่อบุคคลในทุกรายงาน (PDPA) / mask personal names in every report")
    p.add_argument("--no-province-pages", action="store_true",
                   help="ไม่ทำรายงานรายจังหวัด (provinces/<รหัส>.html) / skip the per-province pages")
    p.add_argument("--provinces", metavar="PROVINCES", type=parse_provinces,
                   help="ทำรายงานรายจังหวัดเฉพาะจังหวัดเหล่านี้ เช่น 50,ลำปาง / only these provinces' pages, "
                        "by code or Thai name, comma-separated (default: every province that took part)")
    p.set_defaults(func=cmd_run)

    p = _parser(sub, "clean", "ตรวจและทำความสะอาดข้อมูล / clean raw forms and score sheets",
                "อ่านแบบฟอร์มและใบให้คะแนน (xlsx, xls, csv) แถวที่ไม่แน่ใจกันไว้ตรวจพร้อมเหตุผล\n"
                "Read the forms and score sheets (xlsx, xls, csv) of each year into tidy data; every row\n"
                f"not accepted goes to {file('quarantine')} with its reason. Writes <clean-dir>/<year>/.",
                "ตัวอย่าง / examples:\n"
                "  analysis clean --raw-dir data/raw --years 2568 --clean-dir data/clean\n"
                "  analysis clean --years 2564-2568")
    _years(p)
    _folders(p, "raw_dir", "clean_dir", "criteria_dir", old={"--out-dir": "clean_dir"})
    p.set_defaults(func=cmd_clean)

    p = _parser(sub, "score", "คำนวณคะแนน อันดับ รางวัล / scores, ranks, awards, rank intervals",
                "คำนวณคะแนนตามเกณฑ์ของปี รวมคะแนนกรรมการ จัดอันดับ ตัดสินรางวัล และช่วงอันดับ\n"
                "Apply the year's rubric to what the clean step wrote, combine the judges, rank, award,\n"
                f"and give each rank its interval. Writes {file('results')} and {file('judging')}.",
                "ตัวอย่าง / examples:\n"
                "  analysis score --clean-dir data/clean --years 2568\n"
                "  analysis score --clean-dir data/clean --years 2564-2568 --draws 2000")
    _years(p)
    _folders(p, "raw_dir", "clean_dir", "criteria_dir")
    p.add_argument("--draws", type=int, default=1000, help="จำนวนการสุ่มต่อวิธี / draws per method for the rank intervals")
    p.add_argument("--seed", type=int, default=2564, help="seed ของการสุ่ม / the draws' seed")
    p.set_defaults(func=cmd_score)

    p = _parser(sub, "compare", "เปรียบเทียบจังหวัดรายปี / compare provinces year over year",
                "จังหวัดใดดีขึ้น ลดลง หยุดหรือกลับมาเข้าร่วม จากผลของขั้น clean ของทุกปีที่ระบุ\n"
                "Who improved, who declined, who stopped or started taking part, from the clean step's\n"
                "files of every year given. Writes <clean-dir>/compare/panel.parquet.",
                "ตัวอย่าง / examples:\n"
                "  analysis compare --clean-dir data/clean --years 2564-2568\n"
                "  analysis compare --clean-dir data/clean --years 2566,2568 --category province")
    _years(p)
    _folders(p, "raw_dir", "clean_dir", "criteria_dir")
    p.add_argument("--category", choices=["individual", "province"], default="individual",
                   help="ประเภทบุคคล หรือ 1 จังหวัด 1 พัฒนา / individual or province (default individual)")
    p.set_defaults(func=cmd_compare)

    p = _parser(sub, "templates", "แบบฟอร์มและใบให้คะแนนที่ตรวจการกรอก / templates that check what is typed",
                "แบบ 2 และ แบบ 4 ของทุกจังหวัด (จังหวัดกรอกไว้ให้ อำเภอเลือกจากรายการ ทุกช่องตรวจค่าที่กรอก วันที่แสดงเป็น พ.ศ.)\n"
                "หรือ --score-sheets: ใบให้คะแนนของคณะกรรมการแต่ละชุด จากผลของขั้น clean\n"
                "Form 2 and form 4 for every province (the province filled in, districts from a list, every field\n"
                "checked as it is typed, dates shown in B.E.), into <out>/<year>/forms/; or, with --score-sheets,\n"
                "each committee's score sheets from the clean step's files, into <out>/<year>/score-sheets/.",
                "ตัวอย่าง / examples:\n"
                "  analysis templates --years 2569 --out-dir templates\n"
                "      แบบฟอร์มของทุกจังหวัด / every province's forms: templates/2569/forms/\n"
                "  analysis templates --years 2569 --out-dir templates --score-sheets --clean-dir data/clean\n"
                "      ใบให้คะแนน หลังขั้น clean / the score sheets, after the clean step: templates/2569/score-sheets/")
    _years(p)
    _folders(p, "raw_dir", "clean_dir", "criteria_dir", "out_dir", old={"--out": "out_dir"})
    p.add_argument("--score-sheets", action="store_true",
                   help="ทำใบให้คะแนนแทนแบบฟอร์ม / make the committees' score sheets instead of the forms")
    p.add_argument("--seats", type=int,
                   help="จำนวนกรรมการรอบจังหวัด (ค่าเริ่มต้น min_judges ของเกณฑ์) / province committee seats "
                        "(default: the rubric's min_judges)")
    p.set_defaults(func=cmd_templates)

    p = _parser(sub, "announce", "ร่างหนังสือแจ้งผล บัญชีรายชื่อ และเกียรติบัตร / draft the results letter, list and certificates",
                "ร่างหนังสือแจ้งผลถึงผู้ว่าราชการจังหวัดทุกจังหวัด (แบบหนังสือราชการ) บัญชีรายชื่อผู้ได้รับรางวัล (สิ่งที่ส่งมาด้วย)\n"
                "และเกียรติบัตรของผู้ได้รับรางวัลทุกคน เป็นไฟล์ Word จากผลของขั้น score ไม่ต้องพิมพ์ชื่อใหม่\n"
                "ไม่ร่างให้ปีที่ยังมีรายการที่คณะกรรมการควรทบทวน เว้นแต่ระบุ --despite-review\n"
                "The results letter to every governor (in the government letter form), its winners' list and a\n"
                "certificate per winner, as Word files drawn from the score step's results, into\n"
                "<out-dir>/<year>/announce/. Refused for a year with open review items unless --despite-review.",
                "ตัวอย่าง / examples:\n"
                "  analysis announce --clean-dir data/clean --years 2568 --out-dir reports\n"
                "  analysis announce --clean-dir data/clean --years 2568 --out-dir reports --despite-review\n"
                "      เมื่อคณะกรรมการพิจารณารายการที่ควรทบทวนแล้ว / once the committee has read the review items")
    _years(p)
    _folders(p, "raw_dir", "clean_dir", "out_dir")
    p.add_argument("--despite-review", action="store_true",
                   help="ร่างแม้ยังมีรายการควรทบทวน (ร่างจะมีข้อความสีแดงกำกับ) / draft even with review items open "
                        "(the draft then says so in red)")
    p.add_argument("--templates", help="แม่แบบ Word ที่หน่วยงานปรับเอง / an office's own Word templates "
                                       "(default: share/announce/)")
    p.set_defaults(func=cmd_announce)

    p = _parser(sub, "sample", "สร้างข้อมูลตัวอย่างใหม่ / regenerate the seeded sample data",
                "สร้างข้อมูลตัวอย่าง (seed เดิมได้ไฟล์เดิมทุกไบต์) / the bundled sample, the same bytes for the same seed.",
                "ตัวอย่าง / example:\n  analysis sample --raw-dir data/raw")
    _years(p, required=False, default="2564-2568")
    _folders(p, "raw_dir", "criteria_dir")
    p.add_argument("--truth-dir", help="what a perfect cleaner would do (for tests)")
    p.add_argument("--seed", type=int, default=2564)
    p.set_defaults(func=cmd_sample)

    p = _parser(sub, "kernel", "ลงทะเบียน kernel 'analysis' ของ Jupyter / register the 'analysis' Jupyter kernel",
                "ลงทะเบียน kernel ชื่อ analysis (Python ที่ติดตั้งแพ็กเกจนี้) ให้ JupyterLab และ papermill\n"
                "Register the Jupyter kernel 'analysis' (this Python, where the package is installed) that the\n"
                "notebooks name. `make setup` does it inside the venv.",
                "ตัวอย่าง / examples:\n"
                "  analysis kernel          ในสภาพแวดล้อมนี้ / in this environment (venv or conda env)\n"
                "  analysis kernel --user   สำหรับ JupyterLab ที่ติดตั้งที่อื่น / for a JupyterLab installed elsewhere")
    p.add_argument("--user", action="store_true",
                   help="ลงทะเบียนให้ผู้ใช้ (~/.local/share/jupyter) / for the user, not the environment")
    p.set_defaults(func=cmd_kernel)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AnalysisError as exc:  # the person can fix it (errors.py); anything else is a bug
        print(f"ผิดพลาด / error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nหยุดแล้ว (Ctrl-C): ผลของขั้นที่เสร็จแล้วครบถ้วน ส่วนที่กำลังเขียนยังเป็นของเดิม รันใหม่เพื่อทำต่อ / "
              "stopped (Ctrl-C): what finished is complete, what was being written is as it was; "
              "run again to finish", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug: say so plainly, details on request
        if os.environ.get("ANALYSIS_DEBUG"):
            traceback.print_exc()
        print(f"ข้อผิดพลาดภายในโปรแกรม (โปรดแจ้งผู้ดูแล) / internal error, please report: "
              f"{exc.__class__.__name__}: {exc}. Set ANALYSIS_DEBUG=1 for details.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
