"""The whole set of reports: a page per executed notebook, a year's executive summary and
workbook, and the index that leads to them (the summaries first)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from analysis import catalog, store
from analysis.render.dates import report_date
from analysis.render.html import page
from analysis.report.names import check_no_names, people_in
from analysis.report.notebook import notebook_html
from analysis.report.provenance import (EDITION, Made, made, made_html, provenance_html, running,
                                        year_inputs)
from analysis.report.summary import summary_page, year_summary
from analysis.years import years_text
from analysis.report.workbook import results_workbook
from analysis.rubric.load import load_rubric, rubric_path
from analysis import places
from analysis.province.facts import _named_in
from analysis.province.facts import provinces_that_took_part

REPORT_TITLES = {"clean": "การตรวจข้อมูลที่จังหวัดส่ง", "score": "ผลคะแนนและรางวัล",
                 "compare": "เปรียบเทียบจังหวัดรายปี", "summary": "สรุปสำหรับผู้บริหาร"}
STEP_LABELS = {"clean": "ตรวจข้อมูล (01_clean)", "score": "คำนวณคะแนน (02_score)",
               "compare": "เปรียบเทียบรายปี (03_compare)"}
# Pages of wide tables print landscape (the leaderboards, the quarantine); the others portrait.
LANDSCAPE = {"clean", "score"}
INDEX_TITLE = "รายงานการคัดเลือกท้องถิ่นอำเภอดีเด่น และ 1 จังหวัด 1 พัฒนา"


workbook_name = catalog.workbook_name  # named in the catalog; kept here for the report's users
# The links between pages: the catalog's names relative to the reports folder.
_LINK = catalog.ReportFolder(Path())


def _href(path: Path) -> str:
    return html.escape(path.as_posix(), quote=True)


def index_html(years: list[int], run, summaries: dict[int, str], public: bool,
               provenance: str, made_=None) -> str:
    """The front page: the executive summaries first, any step that failed, then every report
    with a short summary per year."""
    made_ = made_ or None
    parts = [f"<h1>{INDEX_TITLE}</h1>",
             made_html(made_, public) if made_ else f"<p>ปี พ.ศ. {min(years)}–{max(years)} · {EDITION[public]}</p>"]
    steps = {(s.year, s.step): s for s in run.steps}
    scored = [y for y in years if (y, "score") in steps and steps[(y, "score")].ok]
    if scored:
        links = " ".join(f"<a href=\"{_href(_LINK.page(y, 'summary'))}\">ปี พ.ศ. {y}</a>" for y in sorted(scored, reverse=True))
        parts.append(f"<h2>{REPORT_TITLES['summary']}</h2><p class=\"lead\">หนึ่งหน้าต่อปี: ผลรางวัล การเข้าร่วม "
                     f"และสิ่งที่คณะกรรมการควรทบทวนก่อนประกาศ</p><nav>{links}</nav>")
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
        parts.append(f"<h2>ภาพรวมหลายปี</h2><nav><a href=\"{_href(_LINK.compare)}\">เปรียบเทียบจังหวัดรายปี</a></nav>")
    for year in years:
        mine = {s.step: s for s in run.steps if s.year == year}
        ok = {step for step, s in mine.items() if s.ok}
        links = []
        if "score" in ok:
            links.append(f"<a href=\"{_href(_LINK.page(year, 'summary'))}\">{REPORT_TITLES['summary']}</a>")
            links.append(f"<a href=\"{_href(_LINK.page(year, 'score'))}\">{REPORT_TITLES['score']}</a>")
        if "clean" in ok:
            links.append(f"<a href=\"{_href(_LINK.page(year, 'clean'))}\">{REPORT_TITLES['clean']}</a>")
        if "score" in ok:
            links.append(f"<a href=\"{_href(_LINK.workbook(year))}\">ไฟล์ Excel ผลการประเมิน</a>")
        parts.append(f"<h2>ปี พ.ศ. {year}</h2><nav>{' '.join(links) or 'ไม่มีรายงาน'}</nav>")
        parts.append(summaries.get(year, ""))
    pages = getattr(run, "pages", [])
    parts.append(provinces_html(pages))
    failed_pages = [p for p in pages if not p.ok]
    if failed_pages:
        parts.append("<ul>" + "".join(f"<li class=\"status-failed\">{PROVINCE_TITLE} {html.escape(p.province)} "
                                      f"ไม่สำเร็จ — {html.escape(p.error)}</li>" for p in failed_pages) + "</ul>")
    return page("รายงานท้องถิ่นอำเภอดีเด่น", "\n".join(parts), provenance,
                running=running(INDEX_TITLE, public, made_) if made_ else None)


def render_step(step, folders: catalog.Folders, years: list[int], public: bool,
                province_pages=False) -> list[Path]:
    """One executed step's report (and, for a year's score step, its executive summary and its
    workbook). The batch calls it in the worker as soon as the step has run, so the year's reports
    are written in parallel. Each file is written beside its place and swapped in.
    ``province_pages`` (see ``year_province_nav``): the province pages the page links to."""
    raw_dir, clean_dir, criteria_dir = folders.raw_dir, folders.clean_dir, folders.criteria_dir
    reports = folders.reports
    s = step
    span = [s.year] if s.year else list(s.years or years)  # the comparison: the years it compared
    inputs = [i for y in span for i in year_inputs(raw_dir, criteria_dir, y)]
    params = {"years" if s.year is None else "year": s.year or years_text(span), "public": public}
    when = f"ปี พ.ศ. {s.year}" if s.year else f"ปี พ.ศ. {min(span)}–{max(span)}"
    title = f"{REPORT_TITLES[s.step]} {when}"
    target = reports.page(s.year, s.step) if s.year else reports.compare
    target.parent.mkdir(parents=True, exist_ok=True)
    made_ = made(raw_dir, criteria_dir, span)
    provenance = provenance_html(inputs, params)
    nav = year_province_nav(clean_dir, span, province_pages, "../" if s.year else "")
    store.write_text(target, notebook_html(s.log, title, provenance,
                                           running=running(title, public, made_, s.step in LANDSCAPE),
                                           made=made_html(made_, public), after=nav))
    written = [target]
    if s.step == "score":
        summary_title = f"{REPORT_TITLES['summary']} {when}"
        target = reports.page(s.year, "summary")
        store.write_text(target, summary_page(clean_dir, s.year, public, running=running(summary_title, public, made_),
                                              made_html=made_html(made_, public), provenance=provenance,
                                              after=nav))
        written.append(target)
        rubric = load_rubric(rubric_path(criteria_dir, s.year))
        written.append(results_workbook(clean_dir, s.year, reports.workbook(s.year), public, rubric,
                                        notes=(made_.line, EDITION[public]),
                                        created=report_date([p for _, p in inputs])))
    return written


PROVINCE_TITLE = "รายงานรายจังหวัด"


def render_province(page_, folders: catalog.Folders, years: list[int], public: bool, *,
                    inputs=None, made_=None) -> list[Path]:
    """One province's page (``portfolio.Page``), ``provinces/<code>.html``: its own input files
    with their SHA-256, every other province's by one digest. ``inputs`` (the years' input files)
    and ``made_`` (the made-line) are the same for every page of a run (``ProvinceRenderer``)."""
    raw_dir, criteria_dir = folders.raw_dir, folders.criteria_dir
    every = inputs if inputs is not None else [i for y in years for i in year_inputs(raw_dir, criteria_dir, y)]
    own = [i for i in every if _named_in(i[0]) == page_.province or i[0].endswith(".yaml")]
    others = [i for i in every if i not in own]
    params = {"province": page_.province, "years": years_text(years), "public": public}
    title = f"{PROVINCE_TITLE} จ.{places.province_name(page_.province)} ปี พ.ศ. {min(years)}–{max(years)}"
    made_ = made_ or made(raw_dir, criteria_dir, years)
    target = folders.reports.province(page_.province)
    target.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(target, notebook_html(page_.log, title, provenance_html(own, params, others),
                                           running=running(title, public, made_),
                                           made=made_html(made_, public)))
    return [target]


@dataclass
class ProvinceRenderer:
    """``render_province`` for the pages of one run (``render(page) -> [paths]``, picklable for
    the portfolio's workers). The years' input files and the made-line are the same for every
    page: they are found once per worker, not once per page (two walks over a thousand files, a
    fifth of what a page took). One renderer is one run: files added later are not seen."""

    folders: catalog.Folders
    years: list[int]
    public: bool
    _inputs: list | None = field(default=None, repr=False)
    _made: Made | None = field(default=None, repr=False)

    def __call__(self, page_) -> list[Path]:
        if self._inputs is None:
            f = self.folders
            self._inputs = [i for y in self.years for i in year_inputs(f.raw_dir, f.criteria_dir, y)]
            self._made = made(f.raw_dir, f.criteria_dir, self.years)
        return render_province(page_, self.folders, self.years, self.public, inputs=self._inputs,
                               made_=self._made)


def province_links(codes, prefix: str = "") -> str:
    """Links to the province pages of ``codes``, a line per region, in Thai dictionary order;
    ``prefix`` is the way from the page to the reports folder (``../`` from a year's page)."""
    table = places.provinces()
    parts = []
    for region, region_th in places.REGIONS.items():
        mine = table[(table["region"] == region) & table["province_code"].isin(set(codes))]
        links = " · ".join(f"<a href=\"{prefix}{_href(_LINK.province(c))}\">{html.escape(n)}</a>"
                           for c, n in sorted(zip(mine["province_code"], mine["province_name"]),
                                              key=lambda x: places.thai_sort_key(x[1])))
        if links:
            parts.append(f"<p><b>{region_th}</b>: {links}</p>")
    return "\n".join(parts)


def provinces_html(pages) -> str:
    """The index's list of province pages, by region in Thai dictionary order, each a link."""
    ok = {p.province for p in pages if p.ok}
    if not ok:
        return ""
    return (f"<h2>{PROVINCE_TITLE}</h2><p>ผลของแต่ละจังหวัดทุกปี และแถวจากไฟล์ของจังหวัดที่ยังใช้ไม่ได้ "
            "พร้อมวิธีแก้ (ส่งให้จังหวัดได้ทันที)</p>\n" + province_links(ok))


def year_province_nav(clean_dir: Path, years: list[int], pages, prefix: str) -> str:
    """A year page's way to the province pages (on screen; a nav does not print): the provinces
    that took part in ``years`` whose page the batch makes. ``pages``: False (no pages), True
    (every province that took part) or the codes asked for (``analysis run --provinces``). The
    year's page is written before the province pages, so it links the pages to be made; one that
    then fails is named on the index page."""
    if not pages:
        return ""

    codes = provinces_that_took_part(clean_dir, years)
    if pages is not True:
        codes = [c for c in codes if c in set(pages)]
    if not codes:
        return ""
    return (f"<nav class=\"provinces\"><h2>{PROVINCE_TITLE}</h2><p>หน้าของแต่ละจังหวัด: ผลทุกปี "
            "และแถวจากไฟล์ของจังหวัดที่ยังใช้ไม่ได้ พร้อมวิธีแก้</p>\n" + province_links(codes, prefix) + "</nav>")


def build_reports(run, folders: catalog.Folders, years: list[int], public: bool) -> list[Path]:
    """HTML for every executed notebook, a summary and a workbook per scored year, and the index
    page. A step whose reports the batch already wrote (``step.written``) is not rendered again."""
    raw_dir, clean_dir, criteria_dir = folders.raw_dir, folders.clean_dir, folders.criteria_dir
    written: list[Path] = []
    made_pages = [p.province for p in getattr(run, "pages", []) if p.ok] or False
    for s in run.steps:
        if not s.ok:
            continue
        done = getattr(s, "written", None)
        written += done if done else render_step(s, folders, years, public, made_pages)
    for p in getattr(run, "pages", []):
        if p.ok:
            written += p.written or render_province(p, folders, years, public)
    summaries = {y: year_summary(clean_dir, y, public) for y in years}
    inputs = [i for y in years for i in year_inputs(raw_dir, criteria_dir, y)]
    index = folders.reports.index
    store.write_text(index, index_html(years, run, summaries, public,
                                       provenance_html(inputs, {"years": f"{min(years)}-{max(years)}",
                                                                "public": public}),
                                       made(raw_dir, criteria_dir, years)))
    written.append(index)
    if public:
        names = sorted({n for y in years for n in people_in(clean_dir, y)})
        check_no_names(written, names)
    return written
