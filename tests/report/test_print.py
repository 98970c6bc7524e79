"""What officials receive, the way they receive it: every report printed to A4 PDF in headless
Chromium, on a phone 390 px wide, and the results workbook read back and rendered by LibreOffice.

The sample's two latest years go through the whole batch once (``analysis run``); B.E. 2568 is
the largest year of the sample (439 forms), so its score page is the one that must stay within
30 printed pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from analysis.__main__ import main
from helpers import golden
from helpers.files import CRITERIA

CHROMIUM = "/usr/bin/chromium"
YEARS = golden.YEARS
SCORE_PAGES = 30          # the bound for a year's score page, without the review packet
PACKET_PAGES = 2          # the review packet: a contested set starts a page and takes at most two
PORTRAIT_PX, LANDSCAPE_PX = 703, 1032   # an A4 page's width between the 12 mm margins, in CSS px
PAGE_LIMITS = {"index.html": 3, "compare.html": 12, "clean.html": 8, "score.html": SCORE_PAGES,
               "summary.html": 1, "province": 8}
PRINTED_PROVINCES = golden.PROVINCES   # of the 76 province pages three are made and printed (a minute saved)


def _pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext, laid out as printed)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def _pdf_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups()
    return float(w), float(h)


def _browser(p):
    assert Path(CHROMIUM).exists(), "chromium is missing: `make test` installs it"
    return p.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"])


@pytest.fixture(scope="module")
def batch(sample, tmp_path_factory):
    """The sample's last two years through the whole batch, every page printed to PDF; per page:
    (pdf, headings, widest table in print, width of the page in print, width on a phone)."""
    from playwright.sync_api import sync_playwright

    base = tmp_path_factory.mktemp("print")
    shutil.copytree(sample / "raw", base / "raw")
    shutil.copytree(CRITERIA, base / "criteria")
    out = base / "print" / "reports"
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = golden.EPOCH   # the reports' date fixed: they are fingerprinted
    try:
        code = main(golden.batch_args(base, out))
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH") if saved is None else os.environ.update(SOURCE_DATE_EPOCH=saved)
    assert code == 0
    assert sorted(p.stem for p in (out / "provinces").glob("*.html")) == sorted(PRINTED_PROVINCES)
    pages = {}
    with sync_playwright() as p:
        browser = _browser(p)
        for html in sorted(out.rglob("*.html")):
            name = html.relative_to(out).as_posix()
            if name.startswith("provinces/") and html.stem not in PRINTED_PROVINCES:
                continue
            printing = browser.new_page()
            printing.goto(html.as_uri())
            printing.wait_for_load_state("load")
            printing.evaluate("document.fonts.ready")
            pdf = out.parent / (name.replace("/", "_").replace(".html", ".pdf"))
            printing.pdf(path=str(pdf), prefer_css_page_size=True)
            headings = printing.evaluate("[...document.querySelectorAll('main h1, main h2, main h3')]"
                                         ".map(h => h.innerText.replace(/\\s+/g, ' ').trim())")
            landscape = printing.evaluate("document.body.classList.contains('landscape')")
            printing.close()
            # the same page laid out for print at the page's width: the widest table must fit
            paper = browser.new_page(viewport={"width": LANDSCAPE_PX if landscape else PORTRAIT_PX,
                                               "height": 1000})
            paper.emulate_media(media="print")
            paper.goto(html.as_uri())
            widest = paper.evaluate("Math.max(0, ...[...document.querySelectorAll('table, img')]"
                                    ".map(t => Math.ceil(t.getBoundingClientRect().right)))")
            room = paper.evaluate("document.querySelector('main').getBoundingClientRect().right")
            paper.close()
            phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                                     device_scale_factor=2)
            phone.goto(html.as_uri())
            phone.wait_for_load_state("load")
            sideways = phone.evaluate("document.documentElement.scrollWidth")
            boxes = phone.evaluate("[...document.querySelectorAll('.table-wrap')].filter("
                                   "w => w.scrollWidth > w.clientWidth + 1 && getComputedStyle(w).overflowX == 'auto').length")
            phone.close()
            pages[name] = {"pdf": pdf, "headings": headings, "landscape": landscape, "widest": widest,
                           "room": room, "phone": sideways, "scroll_boxes": boxes}
        browser.close()
    return out, pages


def _contested_sets(out: Path, year: str) -> int:
    import pandas as pd

    c = pd.read_parquet(out.parent / "clean" / year / "contested.parquet")
    c = c[c["contested"]]
    return c.groupby(["category", "scope_group", "level"]).ngroups


def test_every_page_prints_on_a4_within_its_bound(batch):
    out, pages = batch
    kind = lambda name: "province" if name.startswith("provinces/") else name.rsplit("/", 1)[-1]  # noqa: E731
    assert {kind(n) for n in pages} == set(PAGE_LIMITS)
    counts = {}
    for name, page in pages.items():
        printed = _pdf_pages(page["pdf"])
        counts[name] = len(printed)
        limit = PAGE_LIMITS[kind(name)]
        if kind(name) == "score.html":
            sets = _contested_sets(out, name.split("/")[0])
            assert sets >= 1, name                       # every sample year has contested sets
            limit += PACKET_PAGES * sets
        assert 1 <= len(printed) <= limit, (name, len(printed), limit)
        w, h = _pdf_size(page["pdf"])
        a4 = sorted((round(w), round(h)))
        assert a4 == [595, 842], (name, w, h)  # A4 in points
        assert (w > h) == page["landscape"], name  # the leaderboards and the quarantine: landscape
    assert pages["2568/score.html"]["landscape"] and not pages["2568/summary.html"]["landscape"]
    print("printed pages:", counts)


def test_printed_pages_carry_title_edition_date_and_page_numbers(batch):
    _, pages = batch
    for name, page in pages.items():
        printed = _pdf_pages(page["pdf"])
        n = len(printed)
        for i, text in enumerate(printed, 1):
            assert f"หน้า {i} จาก {n}" in text, (name, i)
            assert "ฉบับใช้ภายใน (มีชื่อบุคคล)" in text, (name, i)
            assert re.search(r"จัดทำ \d{1,2} \S+ 25\d\d", text), (name, i)  # the date made, B.E.
    score = _pdf_pages(pages["2568/score.html"]["pdf"])
    assert all("ผลคะแนนและรางวัล ปี พ.ศ. 2568" in t for t in score)
    assert all("ข้อมูลปี พ.ศ. 2568" in t for t in score)  # and the data it was made from


def _last_lines(pdf: Path) -> list[tuple[str, float]]:
    """Per printed page: the last line of text inside the page's margins (what the running lines
    leave) and how far down the page it is (0 = top of the text area, 1 = its foot); ("", 0) for
    a page with no text there (a page of charts)."""
    import html

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in re.findall(r"<page (.*?)</page>", out, re.S):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        top, foot = 13 / 25.4 * 72, height - 12 / 25.4 * 72   # the page's margins (13 mm, 12 mm)
        words = [(float(y0), float(y1), html.unescape(w)) for y0, y1, w in
                 re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', page)]
        body = [w for w in words if w[0] > top and w[1] < foot]
        if not body:
            pages.append(("", 0.0))
            continue
        last = max(y1 for _, y1, _ in body)
        line = [w for y0, y1, w in body if y1 > last - 6]
        pages.append(("".join("".join(line).split()), (last - top) / (foot - top)))
    return pages


def test_no_heading_is_left_alone_at_the_foot_of_a_page(batch):
    _, pages = batch
    for name, page in pages.items():
        headings = {"".join(h.split()) for h in page["headings"] if h}
        for i, (line, depth) in enumerate(_last_lines(page["pdf"]), 1):
            # a heading may be a page's last text only at its top, with a chart under it
            assert line not in headings or depth < 0.5, (name, i, line, depth)


def test_nothing_printed_is_wider_than_the_page(batch):
    _, pages = batch
    for name, page in pages.items():
        assert page["widest"] <= page["room"] + 1, (name, page["widest"], page["room"])


def test_no_page_scrolls_sideways_on_a_phone_and_wide_tables_scroll_in_their_box(batch):
    _, pages = batch
    for name, page in pages.items():
        assert page["phone"] <= 390, (name, page["phone"])
    assert pages["2568/score.html"]["scroll_boxes"] > 5  # the leaderboards scroll on their own


def test_the_print_stylesheet_keeps_rows_figures_and_headings_whole(batch):
    out, _ = batch
    text = (out / "2568/score.html").read_text(encoding="utf-8")
    style = text[text.index("<style>"):text.index("</style>")]
    for rule in ("thead{display:table-header-group}", "tr,li,img,dl,.output_png{break-inside:avoid}",
                 "h1,h2,h3,h4{break-after:avoid", "size:A4 landscape", "@top-left{content:",
                 "@bottom-right{content:\"หน้า \" counter(page) \" จาก \" counter(pages)"):
        assert rule in style, rule


def test_the_executive_summary_is_one_page_first_in_the_index(batch):
    out, pages = batch
    index = (out / "index.html").read_text(encoding="utf-8")
    first = index.index("สรุปสำหรับผู้บริหาร")
    assert first < index.index("2568/score.html") and first < index.index("compare.html")
    assert index.index("2568/summary.html") < index.index("2567/summary.html")  # the latest first
    text = "".join(_pdf_pages(pages["2568/summary.html"]["pdf"]))
    for part in ("การเข้าร่วม", "ผลรางวัล", "รางวัลที่ข้อมูลยังแยกไม่ได้", "ดีเด่น", "ชมเชย"):
        assert part in text, part
    flat = re.sub(r"\s+", "", text)
    # the contested sets in the committee's words, in place of a flag beside each award
    sets = _contested_sets(out, "2568")
    assert f"({sets}ชุด)" in flat
    assert re.search(r"\d+รางวัล(ดีเด่น|ชมเชย)\S*ระหว่าง\d+(คน|จังหวัด)นี้ข้อมูลยังแยกไม่ได้", flat)
    # and one sentence on the panel size for next year, with the chart and the packet in score.html
    assert re.search(r"ด้วยกรรมการ\d+คนราว\d+%", flat), flat[-600:]
    score = "".join(_pdf_pages(pages["2568/score.html"]["pdf"]))
    for part in ("จำนวนกรรมการสำหรับปีหน้า", "ชุดเอกสารทบทวนสำหรับคณะกรรมการ", "ถ้าเพิ่มกรรมการ",
                 "ผลรวมคะแนนที่กรรมการแต่ละคนให้"):
        assert part in score, part
    assert 'alt="ถ้าปีหน้ามีกรรมการกี่คน' in (out / "2568" / "score.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ the workbook
def _sheets(path: Path) -> dict[str, str]:
    """Sheet name -> its worksheet XML, read from the .xlsx as it is (no spreadsheet library)."""
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
        target |= {k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)}
        out = {}
        for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', book):
            out[name] = z.read("xl/" + target[rid].lstrip("/").removeprefix("xl/")).decode()
        out["__workbook__"], out["__styles__"] = book, z.read("xl/styles.xml").decode()
        out["__strings__"] = z.read("xl/sharedStrings.xml").decode()
    return out


def _formats(styles: str) -> list[str]:
    """The number format of each cell style (index = the cell's s attribute)."""
    custom = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    builtin = {"0": "General", "1": "0", "2": "0.00", "3": "#,##0", "4": "#,##0.00"}
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1)
    return [custom.get(i, builtin.get(i, i)) for i in re.findall(r'<xf numFmtId="(\d+)"', xfs)]


def _cells(xml: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Cell reference -> (type, style, value) of every cell written."""
    out = {}
    for ref, attrs, inner in re.findall(r'<c r="([A-Z]+\d+)"([^>]*?)(?:/>|>(.*?)</c>)', xml):
        t = re.search(r' t="(\w+)"', attrs)
        s = re.search(r' s="(\d+)"', attrs)
        v = re.search(r"<v>(.*?)</v>", inner or "")
        out[ref] = (t and t.group(1), s and s.group(1), v and v.group(1))
    return out


def _column(cells: dict, header_row: int, header_index: int) -> str:
    letters = sorted({re.match(r"[A-Z]+", r).group(0) for r in cells}, key=lambda c: (len(c), c))
    return letters[header_index]


def test_the_workbook_reads_back_as_numbers_with_formats_and_print_setup(batch):
    out, _ = batch
    book = _sheets(out / "2568" / "ผลการประเมิน_2568.xlsx")
    formats = _formats(book["__styles__"])
    strings = re.findall(r"<si><t[^>]*>(.*?)</t></si>", book["__strings__"], re.S)
    assert "" not in strings  # no cell holds an empty string
    sheets = {k: v for k, v in book.items() if not k.startswith("__")}
    assert set(sheets) >= {"รางวัล", "ควรทบทวน", "ยังแยกไม่ได้", "ให้คะแนนเพิ่มก่อน", "ชุดเอกสารทบทวน",
                           "บุคคล รอบประเทศ", "บุคคล รอบจังหวัด", "1 จังหวัด 1 พัฒนา", "เกณฑ์", "คำอธิบายศัพท์"}
    # a row per member of each contested set, and the packet's marks: a row per set, candidate and judge
    header = lambda name: int(re.search(r"<autoFilter ref=\"A(\d+):", sheets[name]).group(1))  # noqa: E731
    rows = lambda name: int(re.findall(r"<row r=\"(\d+)\"", sheets[name])[-1]) - header(name)  # noqa: E731
    import pandas as pd

    c = pd.read_parquet(out.parent / "clean" / "2568" / "contested.parquet")
    assert rows("ยังแยกไม่ได้") == int(c["contested"].sum())
    assert rows("ชุดเอกสารทบทวน") >= 4 * rows("ยังแยกไม่ได้")       # five judges a candidate, less a blank
    for name, xml in sheets.items():
        assert "<autoFilter ref=" in xml, name
        setup = re.search(r"<pageSetup ([^>]*)/>", xml).group(1)  # A4, landscape, as long as it takes
        assert {'paperSize="9"', 'orientation="landscape"', 'fitToHeight="0"'} <= set(setup.split()), name
        assert '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' in xml, name
        assert 'state="frozen"' in xml, name
        assert re.search(r"<oddFooter>&amp;L.*ปี พ\.ศ\. 2568.*&amp;Rหน้า &amp;P จาก &amp;N</oddFooter>",
                         xml.replace("&amp;8", "")), name
        assert f"<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{list(sheets).index(name)}\">" \
               in book["__workbook__"], name  # the header row repeated on every printed page
        title = strings[int(_cells(xml)["A1"][2])]
        assert "ปี พ.ศ. 2568" in title, name  # a title row with the B.E. year
    board = _cells(sheets["บุคคล รอบประเทศ"])
    header_row = int(re.search(r"<autoFilter ref=\"A(\d+):", sheets["บุคคล รอบประเทศ"]).group(1))
    headers = [strings[int(v)] for ref, (t, s, v) in board.items()
               if re.fullmatch(rf"[A-Z]+{header_row}", ref)]
    assert headers[0] == "ลำดับในภาค" and "A1 เต็ม 10" in headers and "คะแนนรวม" in headers
    rank, total = (_column(board, header_row, headers.index(h)) for h in ("ลำดับในภาค", "คะแนนรวม"))
    ranks = [c for ref, c in board.items() if ref.startswith(rank) and int(ref[len(rank):]) > header_row]
    totals = [c for ref, c in board.items() if ref.startswith(total) and int(ref[len(total):]) > header_row]
    assert len(ranks) == 71 and all(t is None and v is not None for t, _, v in ranks)  # numbers, not text
    assert {formats[int(s)] for _, s, _ in ranks} == {"0"} and {formats[int(s)] for _, s, _ in totals} == {"0.00"}
    assert sorted(float(v) for _, _, v in ranks)[:2] == [1.0, 1.0]
    # the rank interval: two number columns, from <= to, whole numbers (issue 25: not the text "1–2")
    from analysis.score.tables import INTERVAL_FROM_TH, INTERVAL_TO_TH

    low, high = (_column(board, header_row, headers.index(h)) for h in (INTERVAL_FROM_TH, INTERVAL_TO_TH))
    pairs = [(board[f"{low}{r}"], board[f"{high}{r}"]) for r in range(header_row + 1, header_row + 72)]
    assert all(a[0] is None and b[0] is None and formats[int(a[1])] == formats[int(b[1])] == "0"
               and 1 <= float(a[2]) <= float(b[2]) for a, b in pairs)
    # blanks are true blanks: a cell without a value, never an empty string
    assert any(v is None for t, s, v in board.values()) and not any(t == "str" and not v for t, s, v in board.values())


def test_the_criteria_sheet_names_every_criterion_with_its_maximum_and_how(batch):
    from analysis.rubric.load import load_rubric

    out, _ = batch
    book = _sheets(out / "2568" / "ผลการประเมิน_2568.xlsx")
    strings = re.findall(r"<si><t[^>]*>(.*?)</t></si>", book["__strings__"], re.S)
    cells = _cells(book["เกณฑ์"])
    rows: dict[int, list] = {}
    for ref, (t, s, v) in cells.items():
        row = int(re.search(r"\d+", ref).group(0))
        rows.setdefault(row, []).append(strings[int(v)] if t == "s" else (float(v) if v else None))
    rubric = load_rubric(CRITERIA / "2568.yaml")
    listed = {r[1]: r for r in rows.values() if len(r) == 5 and isinstance(r[3], float)}
    for category in ("individual", "province"):
        for c in rubric[category].criteria:
            assert listed[c.key][2] == c.name and listed[c.key][3] == c.max, c.key
    assert "คำนวณจากร้อยละการรายงานตรงเวลา: ตั้งแต่ 95 ได้ 10" in listed["A1"][4]
    assert listed["A3"][4].startswith("กรรมการให้คะแนน")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_every_sheet_one_page_wide_with_its_header_on_every_page(batch, tmp_path):
    out, _ = batch
    book = out / "2568" / "ผลการประเมิน_2568.xlsx"
    shutil.copy(book, tmp_path / "book.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "book.xlsx")],
                   check=True, capture_output=True, timeout=180)
    printed = _pdf_pages(tmp_path / "book.pdf")
    sheets = {k: v for k, v in _sheets(book).items() if not k.startswith("__")}
    strings = re.findall(r"<si><t[^>]*>(.*?)</t></si>", _sheets(book)["__strings__"], re.S)

    def bare(text: str) -> str:  # LibreOffice's PDF text puts Thai vowel marks out of order: compare without
        return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch) == "Mn"))

    seen: dict[str, int] = {}
    for page in printed:
        name = next(n for n in sheets if bare(f"ผลการประเมิน ปี พ.ศ. 2568 · {n}") in bare(page))
        seen[name] = seen.get(name, 0) + 1
        xml = sheets[name]
        header_row = int(re.search(r"<autoFilter ref=\"A(\d+):", xml).group(1))
        cells = _cells(xml)
        last = max((r for r in cells if re.fullmatch(rf"[A-Z]+{header_row}", r)), key=lambda r: (len(r), r))
        first_header, last_header = strings[int(cells[f"A{header_row}"][2])], strings[int(cells[last][2])]
        # one page wide: the first and the last column on every page, under the repeated header (the
        # first column's header may wrap onto two lines, so its first word is looked for)
        assert bare(first_header)[:4] in bare(page) and bare(last_header) in bare(page), \
            (name, first_header, last_header)
    assert set(seen) == set(sheets)
    assert seen["บุคคล รอบจังหวัด"] > 1  # a long sheet goes on over pages, never across them
    print("LibreOffice pages per sheet:", seen)
    # no boxes for Thai: a workbook names no font for Thai (Excel and LibreOffice take one the
    # machine has), so the PDF must hold one that covers Thai; with none the text extracts fine
    # and prints as empty boxes (seen on a Debian without fonts-thai-tlwg, which `make test` installs)
    families = subprocess.run(["fc-list", ":lang=th", "family"], capture_output=True, text=True).stdout
    thai = {name.replace(" ", "") for line in families.splitlines() for name in line.split(",")}
    used = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]).split("-")[0]
            for line in subprocess.run(["pdffonts", str(tmp_path / "book.pdf")], capture_output=True,
                                       text=True).stdout.splitlines()[2:]}
    assert used & thai, f"no font in the PDF covers Thai: {sorted(used)}"


def test_the_print_rules_keep_a_heading_with_what_follows_it(tmp_path):
    """The check above catches a heading at a page's foot, and the stylesheet is what prevents it:
    a heading that just fits at the foot of a page, over a table, is stranded there without the
    rule and carried over with the table by it."""
    from playwright.sync_api import sync_playwright

    from analysis.render.html import Running, page

    rows = "".join(f"<tr><td>แถว {i}</td></tr>" for i in range(60))
    body = "<div style='height:256mm'>ก</div><h2>หัวข้อทดสอบ</h2><table><tbody>" + rows + "</tbody></table>"
    with_rule = page("ทดสอบ", body, running=Running("ทดสอบ"))
    without = with_rule.replace("h1,h2,h3,h4{break-after:avoid", "h1,h2,h3,h4{break-after:auto")
    assert without != with_rule
    last = {}
    with sync_playwright() as p:
        browser = _browser(p)
        for name, text in (("with", with_rule), ("without", without)):
            (tmp_path / f"{name}.html").write_text(text, encoding="utf-8")
            tab = browser.new_page()
            tab.goto((tmp_path / f"{name}.html").as_uri())
            tab.pdf(path=str(tmp_path / f"{name}.pdf"), prefer_css_page_size=True)
            last[name] = _last_lines(tmp_path / f"{name}.pdf")[0]
        browser.close()
    assert last["without"][0] == "หัวข้อทดสอบ" and last["without"][1] > 0.9
    assert last["with"][0] != "หัวข้อทดสอบ"


def test_the_reports_are_the_ones_the_fingerprints_record(batch):
    """Byte for byte what ``tests/golden/print-batch.sha256`` records (the commit and the run's
    folder masked): a change meant to leave the reports alone leaves them alone. A change meant to
    alter them writes the file anew (``tests/helpers/golden.py``), and the diff says which pages."""
    out, _ = batch
    found = golden.fingerprints(out, out.parents[1])
    recorded = golden.read(golden.ROOT / "tests" / "golden" / "print-batch.sha256")
    assert sorted(found) == sorted(recorded)
    assert {n for n in found if found[n] != recorded[n]} == set()
