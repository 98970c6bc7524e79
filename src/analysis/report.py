"""The report step: what people read. Thai HTML pages that open offline, Excel for officials.

Reports are forwarded to executives and provinces without edits, so each HTML file stands
alone (Sarabun embedded as a web font, images inline, no script, nothing fetched), shows no
code, is byte-identical for the same inputs, and in public mode carries no personal names.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import subprocess
from functools import cache
from pathlib import Path

import fontpkg_sarabun
import pandas as pd

from analysis import __version__, store
from analysis.rubric import years_text

FONT_DIR = Path(fontpkg_sarabun.__file__).parent / "files"
FONTS = {400: "Sarabun-Regular.ttf", 700: "Sarabun-Bold.ttf"}
PERSON_COLUMNS = ("ชื่อ-สกุล", "ชื่อ", "กรรมการ", "name", "judge")
TITLES = ("นางสาว", "นาง", "นาย", "น.ส.", "ดร.", "ว่าที่ร้อยตรี", "ว่าที่ ร.ต.")

CSS = """
body{font-family:'Sarabun',sans-serif;font-size:16px;line-height:1.55;color:#1b1b1b;margin:0;background:#fff}
main{max-width:1100px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:1.7em;margin:.2em 0 .4em}h2{font-size:1.3em;margin:1.4em 0 .5em;border-bottom:2px solid #0072B2}
h3{font-size:1.1em}
table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.92em}
th,td{border:1px solid #c8c8c8;padding:3px 8px;vertical-align:top}
th{background:#eef3f8;text-align:left}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:nth-child(even) td{background:#fafafa}
img{max-width:100%;height:auto}
code,pre,kbd,samp{font-family:ui-monospace,'DejaVu Sans Mono',monospace,'Sarabun'}
.jp-OutputPrompt,.jp-InputPrompt,.prompt{display:none}
footer.provenance{margin-top:3em;font-size:.8em;color:#555;border-top:1px solid #ccc;padding-top:.8em}
footer.provenance code{font-size:.95em;word-break:break-all}
nav a{margin-right:1em}
.status-ok{color:#006d2c}.status-failed{color:#b30000;font-weight:bold}
"""


@cache
def font_css() -> str:
    """Sarabun as a web font inside the page: machines without Thai fonts (CI) show boxes otherwise."""
    faces = []
    for weight, name in FONTS.items():
        data = base64.b64encode((FONT_DIR / name).read_bytes()).decode("ascii")
        faces.append("@font-face{font-family:'Sarabun';font-style:normal;font-weight:%d;"
                     "src:url(data:font/ttf;base64,%s) format('truetype')}" % (weight, data))
    return "\n".join(faces)


def page(title: str, body: str, provenance: str = "") -> str:
    """A whole, self-contained HTML page."""
    return (
        "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{font_css()}\n{CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n{provenance}\n</main>\n</body>\n</html>\n"
    )


# ------------------------------------------------------------------------------- names (PDPA)
def mask_name(name) -> str:
    """'นายสมชาย ใจดี' -> 'นาย ส*** ใ***': the title stays, each name keeps its first letter."""
    text = str(name or "").strip()
    if not text:
        return text
    title = next((t for t in TITLES if text.startswith(t)), "")
    words = text[len(title):].split()
    masked = " ".join(w[0] + "***" for w in words if w)
    return f"{title} {masked}".strip()


def mask_known_names(frame: pd.DataFrame, names) -> pd.DataFrame:
    """Replace every known person's name wherever it appears in a table's text: in the name
    columns and inside messages that quote it. Longest names first, so 'นายสมชาย ใจดี' is
    masked whole before a bare 'สมชาย ใจดี' would be."""
    names = sorted({str(n).strip() for n in names if isinstance(n, str) and n.strip()}, key=len, reverse=True)
    if not names:
        return frame
    masks = {n: mask_name(n) for n in names}
    pattern = re.compile("|".join(re.escape(n) for n in names))
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: pattern.sub(lambda m: masks[m.group(0)], v)
                                    if isinstance(v, str) else v)
    return out


def people_in(clean_dir: Path, year: int) -> list[str]:
    """Every personal name in a year's cleaned data and quarantine (officers and judges)."""
    from analysis.headers import field_of  # here, not with the module: the score and compare
    # notebooks import this module for ``show`` and need none of the readers' libraries

    base = Path(clean_dir) / str(year)
    names: set[str] = set()
    for file, cols in (("submissions.parquet", ["name"]), ("scores.parquet", ["judge"]),
                       ("judges.parquet", ["judge"])):
        if (base / file).exists():
            frame = pd.read_parquet(base / file)
            for c in cols:
                if c in frame:
                    names |= set(frame[c].dropna().astype(str))
    if (base / "quarantine.csv").exists():
        q = pd.read_csv(base / "quarantine.csv", encoding="utf-8-sig", dtype=str)
        for raw in q["raw"].dropna():
            try:
                row = json.loads(raw)
            except ValueError:
                continue
            if isinstance(row, dict):  # header -> cell as typed: the cells under a person's header
                names |= {v for k, v in row.items()
                          if isinstance(v, str) and field_of(k) in ("name", "judge")}
    return sorted(n.strip() for n in names if n.strip())


# ------------------------------------------------------------------------------- tables
def show(frame: pd.DataFrame, *, public: bool = False, names=(), digits: int = 2):
    """A table for a notebook and its report: Thai headers as given, numbers formatted,
    text escaped (form text with HTML in it shows as text), no index, the same bytes every run."""
    from IPython.display import HTML

    return HTML(table_html(frame, public=public, names=names, digits=digits))


def table_html(frame: pd.DataFrame, *, public: bool = False, names=(), digits: int = 2) -> str:
    frame = frame.reset_index(drop=True)
    if public:
        frame = mask_known_names(frame, names)
        for col in frame.columns:
            if str(col) in PERSON_COLUMNS:
                frame[col] = frame[col].map(lambda v: mask_name(v) if isinstance(v, str) else v)
    classes = [_num_class(frame.iloc[:, i]) for i in range(frame.shape[1])]  # once per column
    head = "".join(f"<th{k}>{html.escape(str(c))}</th>" for k, c in zip(classes, frame.columns))
    rows = []
    for rec in frame.itertuples(index=False):
        cells = "".join(f"<td{k}>{_cell(v, digits)}</td>" for k, v in zip(classes, rec))
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _num_class(series: pd.Series) -> str:
    return ' class="num"' if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series) else ""


def _cell(value, digits: int) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "ใช่" if value else ""
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, pd.Timestamp):
        from analysis.thai import format_thai_date
        return html.escape(format_thai_date(value.date()))
    return html.escape(str(value))


# ------------------------------------------------------------------------------- provenance
def sha256(path: Path) -> str:
    """The file's SHA-256, hashed once per file version (every report lists the same inputs)."""
    st = os.stat(path)
    return _sha256(os.path.abspath(path), st.st_mtime_ns, st.st_size)


@cache
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


@cache
def git_commit() -> str:
    """The commit the package runs from, '+changes' when the work tree differs from it."""
    root = Path(__file__).resolve().parents[2]
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def inputs_digest(inputs: list[tuple[str, Path]]) -> str:
    """One SHA-256 for many input files: of the lines "<SHA-256 of the file>  <label>", sorted by
    label, as ``sha256sum`` prints them (so it can be checked with ``sha256sum | sort -k2``)."""
    lines = "".join(f"{sha256(path)}  {label}\n" for label, path in sorted(inputs, key=lambda x: x[0]))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def provenance_html(inputs: list[tuple[str, Path]], parameters: dict,
                    others: list[tuple[str, Path]] = ()) -> str:
    """The foot of every report: what it was made from, so anyone can check it. ``others``: input
    files listed by their count and one digest (``inputs_digest``) rather than one row each (a
    province's page reads every province's files for the region's and the nation's means)."""
    rows = "".join(f"<tr><td>{html.escape(label)}</td><td><code>{sha256(path)}</code></td></tr>"
                   for label, path in sorted(inputs, key=lambda x: x[0]))
    if others:
        rows += (f"<tr><td>ไฟล์อื่นทั้งหมด {len(others):,} ไฟล์ (ลายนิ้วมือรวม: SHA-256 ของรายการ "
                 f"\"SHA-256  ไฟล์\" เรียงตามชื่อไฟล์)</td><td><code>{inputs_digest(others)}</code></td></tr>")
    params = ", ".join(f"{html.escape(str(k))} = {html.escape(str(v))}" for k, v in sorted(parameters.items()))
    return (
        "<footer class=\"provenance\"><h3>ที่มาของรายงาน (provenance)</h3>"
        f"<p>แพ็กเกจ analysis รุ่น {html.escape(__version__)} · commit <code>{html.escape(git_commit())}</code></p>"
        f"<p>พารามิเตอร์: {params}</p>"
        f"<details><summary>ไฟล์ข้อมูลนำเข้า {len(inputs) + len(others)} ไฟล์ และลายนิ้วมือ SHA-256</summary>"
        f"<table><thead><tr><th>ไฟล์</th><th>SHA-256</th></tr></thead><tbody>{rows}</tbody></table>"
        "</details></footer>"
    )


# ------------------------------------------------------------------------------- notebooks
@cache
def _exporter():
    """One HTML exporter per process: building one compiles nbconvert's templates (half a second)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its last pass, which parses the whole page again with
        BeautifulSoup only to give images that lack one a placeholder alternative text ("No
        description has been provided") and to make JupyterLab-template outputs focusable. On a
        page of long tables that pass took longer than the export itself. Here every chart carries
        its titles as alternative text (``charts.show``) and the basic template has no JupyterLab
        markup, so the pass would change nothing."""

        def from_notebook_node(self, nb, resources=None, **kw):
            from nbconvert.filters.highlight import Highlight2HTML
            from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name"))
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    # No "¶" anchor links on headings: nbconvert writes them as <a ... />, which a browser reads as
    # an opening tag, so everything after the first heading became one link (the BeautifulSoup
    # pass used to close them).
    return ReportExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                          exclude_output_prompt=True, exclude_anchor_links=True)


def notebook_html(notebook, title: str, provenance: str = "") -> str:
    """An executed notebook (a path or an ``nbformat.NotebookNode``) as a report page: outputs only,
    no code, no prompts, no stderr. nbformat and nbconvert are imported here, not with the module:
    the notebooks import this module for ``show``, and nbformat's import alone takes ~2 s."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, Path)) else notebook
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    body, _ = _exporter().from_notebook_node(nb)
    # nbconvert tags each cell with a random-looking id: drop ids so the bytes are stable
    body = re.sub(r' id="cell-id=[^"]*"', "", body)
    # headings come out of nbconvert's markdown as character references (&#3627;...): written as
    # the characters they are, the page reads the same and a name in it can be found by a search
    # (the public-report check looks for names in the bytes). Only letters beyond ASCII, never <>&.
    body = _CHAR_REF.sub(_char, body)
    body = _PNG.sub(lambda m: m.group(1) + _palette_png(m.group(2)), body)
    return page(title, body, provenance)


_CHAR_REF = re.compile(r"&#([0-9]{3,7});")


def _char(m: re.Match) -> str:
    """A numeric character reference as its character, when that is a letter beyond ASCII."""
    n = int(m.group(1))
    return chr(n) if 160 <= n <= 0x10FFFF and not 0xD800 <= n <= 0xDFFF else m.group(0)


_PNG = re.compile(r'(data:image/png;base64,)([A-Za-z0-9+/=\s]+)')


def palette_png(image) -> bytes:
    """A PIL image as a 256-colour PNG on white. Charts are flat colours: with 256 colours (octree,
    no dithering) they look the same at a third of the bytes, which keeps each report small enough
    to send by e-mail (under 1.5 MB)."""
    import io

    from PIL import Image

    white = Image.new("RGBA", image.size, "white")
    white.alpha_composite(image.convert("RGBA"))
    out = io.BytesIO()
    white.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                                  dither=Image.Dither.NONE).save(out, format="PNG")
    return out.getvalue()


def _palette_png(b64: str) -> str:
    """A page's image as a palette PNG (``palette_png``). The package's charts are palette PNGs
    already (``charts.show``) and are kept as they are; an image a user drew otherwise is converted."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(base64.b64decode(b64)))
    return b64 if image.mode == "P" else base64.b64encode(palette_png(image)).decode("ascii")


# ------------------------------------------------------------------------------- Excel
# What a spreadsheet may read as the start of a formula (OWASP's CSV-injection list): the four
# operators, and a tab or carriage return, which some programs drop before reading the rest.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that begins like a formula is prefixed with ' so a spreadsheet shows it as
    text and never runs it (a form field can hold anything)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> Path:
    """A results workbook for officials: Thai headers as given, text neutralised."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"created": pd.Timestamp("2000-01-01").to_pydatetime()})  # stable bytes
    bold = wb.add_format({"bold": True, "bg_color": "#EEF3F8", "border": 1})
    for name, frame in sheets.items():
        ws = wb.add_worksheet(name[:31])
        for c, col in enumerate(frame.columns):
            ws.write_string(0, c, str(col), bold)
            ws.set_column(c, c, max(10, min(40, len(str(col)) + 4)))
        for r, rec in enumerate(frame.itertuples(index=False), start=1):
            for c, v in enumerate(rec):
                if v is None or (not isinstance(v, str) and pd.isna(v)):
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, neutralise(v))
                elif isinstance(v, (bool,)):
                    ws.write_boolean(r, c, v)
                elif isinstance(v, (int, float)):
                    ws.write_number(r, c, v)
                else:
                    ws.write_string(r, c, neutralise(str(v)))
        ws.freeze_panes(1, 0)
    wb.close()
    return path


# ------------------------------------------------------------------------------- the whole set
REPORT_TITLES = {"clean": "การตรวจข้อมูลที่จังหวัดส่ง", "score": "ผลคะแนนและรางวัล",
                 "compare": "เปรียบเทียบจังหวัดรายปี"}
STEP_LABELS = {"clean": "ตรวจข้อมูล (01_clean)", "score": "คำนวณคะแนน (02_score)",
               "compare": "เปรียบเทียบรายปี (03_compare)"}


def year_inputs(raw_dir: Path, criteria_dir: Path, year: int) -> list[tuple[str, Path]]:
    root = Path(raw_dir) / str(year)
    files = [(f"{Path(raw_dir).as_posix()}/{year}/{p.relative_to(root).as_posix()}", p)  # the folder read
             for p in sorted(root.rglob("*")) if p.is_file()] if root.is_dir() else []
    rubric = Path(criteria_dir) / f"{year}.yaml"
    return files + ([(rubric.as_posix(), rubric)] if rubric.exists() else [])


class NamesLeaked(RuntimeError):
    """A public report still holds a personal name: it must not be shared."""


def check_no_names(paths: list[Path], names: list[str]) -> None:
    """Fail when any known full name appears in any file's bytes (HTML source, xlsx parts)."""
    import zipfile

    needles = [n for n in {n.strip() for n in names} if len(n) >= 4]
    for path in paths:
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                text = "".join(z.read(i).decode("utf-8", "ignore") for i in z.namelist())
        else:
            text = path.read_text(encoding="utf-8", errors="ignore")
        found = [n for n in needles if n in text or html.escape(n) in text]
        if found:
            raise NamesLeaked(f"{path}: มีชื่อบุคคลในรายงานสาธารณะ / personal names in a public report "
                              f"({len(found)} names)")


def index_html(years: list[int], run, summaries: dict[int, str], public: bool,
               provenance: str) -> str:
    """The front page: every report, a short summary per year, and any step that failed."""
    mode = "ฉบับเผยแพร่ (ปิดชื่อบุคคล)" if public else "ฉบับใช้ภายใน (มีชื่อบุคคล)"
    parts = [f"<h1>รายงานการคัดเลือกท้องถิ่นอำเภอดีเด่น และ 1 จังหวัด 1 พัฒนา</h1>",
             f"<p>ปี พ.ศ. {min(years)}–{max(years)} · {mode}</p>"]
    failed = [s for s in run.steps if not s.ok]
    if failed:
        parts.append("<h2>ขั้นตอนที่ไม่สำเร็จ</h2><ul>")
        for s in failed:
            where = f"ปี {s.year}" if s.year else "ทุกปี"
            parts.append(f"<li class=\"status-failed\">{where}: {STEP_LABELS[s.step]} ไม่สำเร็จ — "
                         f"{html.escape(s.error)} (บันทึกการรัน: <code>{html.escape(s.log.name)}</code>)</li>")
        parts.append("</ul>")
    compare = next((s for s in run.steps if s.step == "compare"), None)
    if compare and compare.ok:
        parts.append("<h2>ภาพรวมหลายปี</h2><p><a href=\"compare.html\">เปรียบเทียบจังหวัดรายปี</a></p>")
    for year in years:
        steps = {s.step: s for s in run.steps if s.year == year}
        links = [f"<a href=\"{year}/{step}.html\">{REPORT_TITLES[step]}</a>"
                 for step in ("clean", "score") if step in steps and steps[step].ok]
        if "score" in steps and steps["score"].ok:
            links.append(f"<a href=\"{year}/ผลการประเมิน_{year}.xlsx\">ไฟล์ Excel ผลการประเมิน</a>")
        parts.append(f"<h2>ปี พ.ศ. {year}</h2><nav>{' '.join(links) or 'ไม่มีรายงาน'}</nav>")
        parts.append(summaries.get(year, ""))
    parts.append(provinces_html(getattr(run, "pages", [])))
    failed_pages = [p for p in getattr(run, "pages", []) if not p.ok]
    if failed_pages:
        parts.append("<ul>" + "".join(f"<li class=\"status-failed\">{PROVINCE_TITLE} {html.escape(p.province)} "
                                      f"ไม่สำเร็จ — {html.escape(p.error)}</li>" for p in failed_pages) + "</ul>")
    return page("รายงานท้องถิ่นอำเภอดีเด่น", "\n".join(parts), provenance)


def year_summary(clean_dir: Path, year: int, public: bool) -> str:
    """A few lines for the index: winners, participation, what to review before announcing."""
    folder = Path(clean_dir) / str(year)
    if not (folder / "results.parquet").exists():
        return ""
    from analysis import places

    r = pd.read_parquet(folder / "results.parquet")
    subs = pd.read_parquet(folder / "submissions.parquet")
    national = r[r["round"] == "national"]
    top = national[national["award"] == "ดีเด่น"].sort_values(["category", "region", "rank_national"])
    people = []
    for _, w in top.iterrows():
        if w["category"] == "individual":
            who = "" if public else f" {html.escape(str(w['name']))}"
            people.append(f"{places.REGIONS[w['region']]}: อ.{html.escape(str(w['district_name']))} "
                          f"จ.{html.escape(str(w['province_name']))}{who} ({w['total']:.2f})")
        else:
            people.append(f"1 จังหวัด 1 พัฒนา: จ.{html.escape(str(w['province_name']))} ({w['total']:.2f})")
    ind = subs[subs["category"] == "individual"]
    awarded = national["award"] != ""
    uncertain = int((national["award_review"] & awarded).sum())
    possible = int((national["award_review"] & ~awarded).sum())
    items = [f"<li>ผู้สมัครประเภทบุคคล {len(ind):,} คน จาก {ind['province_code'].nunique()} จังหวัด; "
             f"โครงการ 1 จังหวัด 1 พัฒนา {int((subs['category'] == 'province').sum())} จังหวัด (จาก 76)</li>",
             f"<li>รางวัลดีเด่น: {'; '.join(people) or 'ไม่มี'}</li>",
             f"<li>ควรทบทวนก่อนประกาศ: รางวัลที่อาจเปลี่ยนหากเปลี่ยนชุดกรรมการ {uncertain} จาก {int(awarded.sum())} รางวัล; "
             f"ผู้ไม่ได้รางวัลที่อาจได้ {possible} ราย</li>"]
    if (folder / "set_aside.csv").exists():  # the clean step's rows that are not data
        aside = pd.read_csv(folder / "set_aside.csv", encoding="utf-8-sig", usecols=["reason_code", "source_sheet"])
        sheets = aside.loc[aside["reason_code"] == "hidden_sheet", "source_sheet"].nunique()
        items.append(f"<li>แถวที่ไม่ใช่ข้อมูลผู้สมัคร (ผลรวม ส่วนลงชื่อ หมายเหตุ แผ่นงานที่ซ่อน {sheets} แผ่น) "
                     f"{len(aside):,} แถว ไม่นำไปใช้: ดูรายการใน <a href=\"{year}/clean.html\">รายงานการตรวจข้อมูล</a></li>")
    return f"<ul>{''.join(items)}</ul>"


def results_workbook(clean_dir: Path, year: int, target: Path, public: bool) -> Path:
    """The year's results for officials: one sheet per category, Thai headers."""
    from analysis.score import awards_th, leaderboard_th, review_th

    r = pd.read_parquet(Path(clean_dir) / str(year) / "results.parquet")
    sheets = {"รางวัล": awards_th(r, names=not public), "ควรทบทวน": review_th(r, names=not public),
              "บุคคล รอบประเทศ": leaderboard_th(r, "individual", "national", names=not public),
              "บุคคล รอบจังหวัด": leaderboard_th(r, "individual", "province", names=not public),
              "1 จังหวัด 1 พัฒนา": leaderboard_th(r, "province", "national")}
    return write_workbook(target, sheets)


def render_step(step, raw_dir: Path, clean_dir: Path, criteria_dir: Path, out_dir: Path,
                years: list[int], public: bool) -> list[Path]:
    """One executed step's report (and, for a year's score step, its workbook). The batch calls it
    in the worker as soon as the step has run, so the year's reports are written in parallel."""
    out_dir = Path(out_dir)
    s = step
    span = [s.year] if s.year else list(s.years or years)  # the comparison: the years it compared
    inputs = [i for y in span for i in year_inputs(raw_dir, criteria_dir, y)]
    params = {"years" if s.year is None else "year": s.year or years_text(span), "public": public}
    title = f"{REPORT_TITLES[s.step]} ปี พ.ศ. {s.year}" if s.year else \
        f"{REPORT_TITLES[s.step]} ปี พ.ศ. {min(span)}–{max(span)}"
    target = out_dir / (f"{s.year}/{s.step}.html" if s.year else f"{s.step}.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(target, notebook_html(s.log, title, provenance_html(inputs, params)))  # beside, then swap
    written = [target]
    if s.step == "score":
        written.append(results_workbook(clean_dir, s.year, out_dir / str(s.year) /
                                        f"ผลการประเมิน_{s.year}.xlsx", public))
    return written


PROVINCE_TITLE = "รายงานรายจังหวัด"


def render_province(page, raw_dir: Path, clean_dir: Path, criteria_dir: Path, out_dir: Path,
                    years: list[int], public: bool) -> list[Path]:
    """One province's page (``portfolio.Page``), ``provinces/<code>.html``, with the provenance of
    every year's inputs it was made from."""
    from analysis import places

    from analysis.province import _named_in

    every = [i for y in years for i in year_inputs(raw_dir, criteria_dir, y)]
    own = [i for i in every if _named_in(i[0]) == page.province or i[0].endswith(".yaml")]
    others = [i for i in every if i not in own]
    params = {"province": page.province, "years": years_text(years), "public": public}
    title = f"{PROVINCE_TITLE} จ.{places.province_name(page.province)} ปี พ.ศ. {min(years)}–{max(years)}"
    target = Path(out_dir) / "provinces" / f"{page.province}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(target, notebook_html(page.log, title, provenance_html(own, params, others)))
    return [target]


def provinces_html(pages) -> str:
    """The index's list of province pages, by region in Thai dictionary order, each a link."""
    from analysis import places
    from analysis.compare import thai_sort_key

    ok = {p.province for p in pages if p.ok}
    if not ok:
        return ""
    parts = [f"<h2>{PROVINCE_TITLE}</h2><p>ผลของแต่ละจังหวัดทุกปี และแถวจากไฟล์ของจังหวัดที่ยังใช้ไม่ได้ "
             "พร้อมวิธีแก้ (ส่งให้จังหวัดได้ทันที)</p>"]
    table = places.provinces()
    for region, region_th in places.REGIONS.items():
        mine = table[(table["region"] == region) & table["province_code"].isin(ok)]
        links = " · ".join(f"<a href=\"provinces/{c}.html\">{html.escape(n)}</a>"
                           for c, n in sorted(zip(mine["province_code"], mine["province_name"]),
                                              key=lambda x: thai_sort_key(x[1])))
        if links:
            parts.append(f"<p><b>{region_th}</b>: {links}</p>")
    return "\n".join(parts)


def build_reports(run, raw_dir: Path, clean_dir: Path, criteria_dir: Path, out_dir: Path,
                  years: list[int], public: bool) -> list[Path]:
    """HTML for every executed notebook, a workbook per scored year, and the index page. A step
    whose reports the batch already wrote (``step.written``) is not rendered again."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    for s in run.steps:
        if not s.ok:
            continue
        done = getattr(s, "written", None)
        written += done if done else render_step(s, raw_dir, clean_dir, criteria_dir, out_dir, years,
                                                 public)
    pages = getattr(run, "pages", [])
    for p in pages:
        if p.ok:
            written += p.written or render_province(p, raw_dir, clean_dir, criteria_dir, out_dir, years, public)
    summaries = {y: year_summary(clean_dir, y, public) for y in years}
    inputs = [i for y in years for i in year_inputs(raw_dir, criteria_dir, y)]
    index = out_dir / "index.html"
    store.write_text(index, index_html(years, run, summaries, public,
                                       provenance_html(inputs, {"years": f"{min(years)}-{max(years)}",
                                                                "public": public})))
    written.append(index)
    if public:
        names = sorted({n for y in years for n in people_in(clean_dir, y)})
        check_no_names(written, names)
    return written
