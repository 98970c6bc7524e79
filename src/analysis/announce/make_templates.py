"""Builds the three Word templates of the announcement into ``share/announce/`` (run once; again
only to start over from the package's layout):

    python -m analysis.announce.make_templates [FOLDER]

``letter.docx`` (the results letter, in the parts and order of a government letter: the seed's),
``attachment.docx`` (the winners' table per category, the letter's enclosure 1) and
``certificates.docx`` (A4 landscape, a page per winner). They are ordinary Word files with
docxtpl's fields (``{{ name }}``, ``{%p for ... %}``) in them: an office restyles them in Word or
LibreOffice (fonts, spacing, the emblem, the office's address) and keeps the fields; nothing in the
code needs to change. Styles carry the look (Normal: Sarabun 12 pt, which reads about as TH Sarabun
New 16 pt; Sarabun's letters are drawn larger), and Sarabun is embedded in each file so that it
opens with Thai glyphs on a machine that does not have it.
"""

from __future__ import annotations

import io
import sys
import uuid
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
import datetime as dt
from analysis.announce.write import normalised

FONT = "Sarabun"
SIZE = 12
RED = RGBColor(0xC0, 0x00, 0x00)
# fixed so that the same templates are the same bytes (and so the documents drawn from them)
FONT_KEYS = {"regular": "{6B2F7C10-3A1D-4E5B-9C7A-2564A0000001}", "bold": "{6B2F7C10-3A1D-4E5B-9C7A-2564A0000002}"}


def _fonts(style) -> None:
    """Sarabun for every script (Thai is a complex script in Word: w:cs and w:szCs), and Thai as the
    complex-script language."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    size = str(int((style.font.size or Pt(SIZE)).pt * 2))
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), size)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")
    rpr.append(lang)


def _document(landscape: bool = False) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.top_margin = section.bottom_margin = Cm(1.5)
        section.left_margin = section.right_margin = Cm(2.0)
    else:  # the margins of a government letter: 3 cm left, 2 cm right, 2.5 cm top, 2 cm bottom
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
        section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _fonts(normal)
    for name in ("Table Grid",):
        _fonts(doc.styles[name])
    core = doc.core_properties
    core.author = core.last_modified_by = "analysis"
    core.title = ""
    core.created = core.modified = dt.datetime(2021, 7, 1)
    core.revision = 1
    return doc


def _p(doc_or_cell, text: str = "", *, align=None, indent: float | None = None, first: float | None = None,
       hanging: float | None = None, tabs=(), bold=False, size=None, before: float = 0, after: float = 0,
       keep=False):
    p = doc_or_cell.add_paragraph()
    f = p.paragraph_format
    if align is not None:
        p.alignment = align
    if indent is not None:
        f.left_indent = Cm(indent)
    if first is not None:
        f.first_line_indent = Cm(first)
    if hanging is not None:
        f.left_indent = Cm(hanging)
        f.first_line_indent = Cm(-hanging)
    for pos, kind in tabs:
        f.tab_stops.add_tab_stop(Cm(pos), kind)
    f.space_before, f.space_after = Pt(before), Pt(after)
    if keep:
        f.keep_with_next = True
    if text:
        _run(p, text, bold=bold, size=size)
    return p


def _run(p, text: str, *, bold=False, size=None, mark=False, color=None):
    r = p.add_run(text)
    r.bold = bold or None
    if bold:
        r._element.get_or_add_rPr().append(OxmlElement("w:bCs"))
    if size:
        r.font.size = Pt(size)
        szcs = OxmlElement("w:szCs")
        szcs.set(qn("w:val"), str(int(size * 2)))
        r._element.get_or_add_rPr().append(szcs)
    if mark:  # a field an official fills in: highlighted, so that none is missed
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if color is not None:
        r.font.color.rgb = color
    return r


def _tag(doc, tag: str) -> None:
    """A docxtpl paragraph tag ({%p ... %}): the paragraph is removed when the document is drawn."""
    _p(doc, tag)


BODY = dict(first=2.5, align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY)
SIGN = dict(indent=7.0, align=WD_ALIGN_PARAGRAPH.CENTER)


def letter() -> Document:
    doc = _document()
    _tag(doc, "{%p if warning %}")
    p = _p(doc, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    _run(p, "{{ warning }}", bold=True, color=RED)
    _tag(doc, "{%p endif %}")
    p = _p(doc, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    _run(p, "{{ placeholder.emblem }}", mark=True)
    # ที่ ... on the left, the department and its address from the middle of the line (the seed's tabs)
    p = _p(doc, tabs=[(8.5, WD_TAB_ALIGNMENT.LEFT)])
    _run(p, "ที่ มท ๐๘๑๒/")
    _run(p, "{{ placeholder.letter_number }}", mark=True)
    _run(p, "\t{{ department }}")
    _p(doc, "\tถนนนครราชสีมา เขตดุสิต กทม. ๑๐๓๐๐", tabs=[(8.5, WD_TAB_ALIGNMENT.LEFT)])
    p = _p(doc, indent=8.0, before=6, after=6)
    _run(p, "{{ placeholder.day }}", mark=True)
    _run(p, " {{ month_year }}")
    _p(doc, "เรื่อง\t{{ subject }}", hanging=1.25, tabs=[(1.25, WD_TAB_ALIGNMENT.LEFT)], after=6)
    _p(doc, "เรียน\tผู้ว่าราชการจังหวัด ทุกจังหวัด", hanging=1.25, tabs=[(1.25, WD_TAB_ALIGNMENT.LEFT)], after=6)
    p = _p(doc, "อ้างถึง\tหนังสือกรมส่งเสริมการปกครองท้องถิ่น ที่ มท ๐๘๑๒/", hanging=1.25,
           tabs=[(1.25, WD_TAB_ALIGNMENT.LEFT)], after=6)
    _run(p, "{{ placeholder.call_letter }}", mark=True)
    _run(p, " เรื่อง {{ call_subject }}")
    _tag(doc, "{%p for e in enclosures %}")
    _p(doc, "{% if loop.first %}สิ่งที่ส่งมาด้วย{% endif %}\t{{ e.number }}. {{ e.title }}\t{{ e.amount }}",
       hanging=2.75, tabs=[(2.75, WD_TAB_ALIGNMENT.LEFT), (16.0, WD_TAB_ALIGNMENT.RIGHT)])
    _tag(doc, "{%p endfor %}")
    _p(doc, "ตามที่ กรมส่งเสริมการปกครองท้องถิ่นได้แจ้งจังหวัดเรื่อง{{ call_subject }} ประกอบด้วย "
            "(๑) การคัดเลือกและประเมินผลงานท้องถิ่นอำเภอดีเด่น (ประเภทบุคคล) และ (๒) การคัดเลือกและ"
            "ประเมินผลงาน ๑ จังหวัด ๑ พัฒนา (ประเภทจังหวัด) ความละเอียดแจ้งแล้ว นั้น", before=12, **BODY)
    _p(doc, "กรมส่งเสริมการปกครองท้องถิ่นขอเรียนว่า คณะกรรมการคัดเลือกและประเมินผลงานระดับประเทศได้พิจารณา"
            "ผลการประเมินแล้ว {{ categories[0].title }} มี{{ counts.individual.assessed_th }} และ"
            "{{ categories[1].title }} มี{{ counts.province.assessed_th }} ผลการคัดเลือก ดังนี้", before=6, **BODY)
    _tag(doc, "{%p for c in categories %}")
    _p(doc, "{{ c.number }}. {{ c.title }}", first=2.5, keep=True, before=3)
    _tag(doc, "{%p for g in c.groups %}")
    _p(doc, "{{ g.scope_th }}", indent=3.0, keep=True)
    _tag(doc, "{%p for a in g.awards %}")
    _p(doc, "{{ a.award_th }} ได้แก่{% if a.single %} {{ a.who[0].text }}{% endif %}", indent=3.5,
       align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY)
    _tag(doc, "{%p if not a.single %}")
    _tag(doc, "{%p for w in a.who %}")
    _p(doc, "({{ w.number }}) {{ w.text }}", indent=4.0, align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if c.empty %}")
    _p(doc, "ไม่มีผู้ได้รับรางวัล", indent=3.0)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _p(doc, "รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย ๑ ในการนี้ ขอให้จังหวัดแจ้งผู้ได้รับรางวัลทราบ และมอบเกียรติบัตร"
            "ตามสิ่งที่ส่งมาด้วย ๒ แก่ผู้ได้รับรางวัลต่อไป", before=6, **BODY)
    _p(doc, "จึงเรียนมาเพื่อโปรดทราบและดำเนินการต่อไป", before=6, first=2.5, keep=True)
    _p(doc, "ขอแสดงความนับถือ", before=12, keep=True, **SIGN)
    for _ in range(3):
        _p(doc, keep=True)
    p = _p(doc, keep=True, **SIGN)
    _run(p, "(")
    _run(p, "{{ placeholder.signatory }}", mark=True)
    _run(p, ")")
    p = _p(doc, **SIGN)
    _run(p, "{{ placeholder.signatory_position }}", mark=True)
    _p(doc)
    _p(doc, "กลุ่มพัฒนาระบบบริหาร", before=12, keep=True)
    p = _p(doc, "โทร. ๐ ๒๒๔๑ ๙๐๐๐ ต่อ ", keep=True)
    _run(p, "{{ placeholder.extension }}", mark=True)
    p = _p(doc, "ผู้ประสานงาน ")
    _run(p, "{{ placeholder.coordinator }}", mark=True)
    return doc


def _cell(cell, text: str, *, bold=False, align=None):
    cell.paragraphs[0].text = ""
    p = cell.paragraphs[0]
    if align is not None:
        p.alignment = align
    _run(p, text, bold=bold)


def _table(doc, headers: list[tuple[str, float]], fields: list[str]):
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for col, (_, width) in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), headers):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for i, (head, width) in enumerate(headers):
        for row in t.rows:
            row.cells[i].width = Cm(width)
        _cell(t.rows[0].cells[i], head, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _cell(t.rows[2].cells[i], "{{ %s }}" % fields[i],
              align=WD_ALIGN_PARAGRAPH.CENTER if i < 2 else None)
    _cell(t.rows[1].cells[0], "{%tr for p in g.winners %}")
    _cell(t.rows[3].cells[0], "{%tr endfor %}")
    hdr = t.rows[0]._tr.get_or_add_trPr()
    rep = OxmlElement("w:tblHeader")
    hdr.append(rep)          # the header row again on every page
    for row in t.rows:
        cant = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant)
    return t


def attachment() -> Document:
    doc = _document()
    doc.sections[0].left_margin = doc.sections[0].right_margin = Cm(2.0)
    _p(doc, "สิ่งที่ส่งมาด้วย ๑", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _p(doc, "บัญชีรายชื่อผู้ได้รับรางวัล", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14, before=6)
    _p(doc, "การคัดเลือกและประเมินผลงานของท้องถิ่นอำเภอดีเด่น ประจำปี พ.ศ. {{ year }}",
       align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14, after=6)
    _p(doc, "{{ categories[0].number }}. {{ categories[0].title }}", bold=True, before=6, keep=True)
    _tag(doc, "{%p for g in individual_groups %}")
    _p(doc, "{{ g.scope_th }}", bold=True, before=6, keep=True)
    _table(doc, [("ที่", 1.3), ("รางวัล", 1.8), ("ชื่อ-สกุล", 4.5), ("ตำแหน่ง", 4.4), ("อำเภอ", 2.5),
                 ("จังหวัด", 2.5)],
           ["p.number", "p.award", "p.name", "p.position", "p.district", "p.province"])
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if categories[0].empty %}")
    _p(doc, "ไม่มีผู้ได้รับรางวัล")
    _tag(doc, "{%p endif %}")
    _p(doc, "{{ categories[1].number }}. {{ categories[1].title }}", bold=True, before=12, keep=True)
    _tag(doc, "{%p for g in province_groups %}")
    _p(doc, "{{ g.scope_th }}", bold=True, before=6, keep=True)
    _table(doc, [("ที่", 1.3), ("รางวัล", 1.8), ("จังหวัด", 2.8), ("ชื่อโครงการ", 11.1)],
           ["p.number", "p.award", "p.province", "p.project"])
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if categories[1].empty %}")
    _p(doc, "ไม่มีผู้ได้รับรางวัล")
    _tag(doc, "{%p endif %}")
    return doc


def _border(section) -> None:
    """A double line round the page, as certificates have (an office replaces it with its own frame)."""
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{side}")
        for k, v in (("val", "double"), ("sz", "18"), ("space", "24"), ("color", "1F3864")):
            b.set(qn(f"w:{k}"), v)
        borders.append(b)
    sect = section._sectPr
    sect.insert(sect.index(sect.find(qn("w:pgMar"))) + 1, borders)


def certificates() -> Document:
    doc = _document(landscape=True)
    _border(doc.sections[0])
    center = dict(align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(doc, "{%p for c in certificates %}")
    # each certificate from a new page: the page break is the emblem's own "break before" (a paragraph
    # holding a break would spill onto a blank page after a full one)
    for tag, new_page in (("{%p if loop.first %}", False), ("{%p else %}", True)):
        _tag(doc, tag)
        p = _p(doc, **center)
        p.paragraph_format.space_before = Pt(18)
        p.paragraph_format.page_break_before = new_page or None
        _run(p, "{{ placeholder.emblem }}", mark=True, size=16)
    _tag(doc, "{%p endif %}")
    _p(doc, "กรมส่งเสริมการปกครองท้องถิ่น", bold=True, size=28, before=18, **center)
    _p(doc, "มอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า", size=18, before=12, **center)
    _p(doc, "{{ c.name }}", bold=True, size=32, before=18, **center)
    _p(doc, "{{ c.detail }}", size=18, before=6, **center)
    _p(doc, "{{ c.place }}", size=18, **center)
    _p(doc, "ได้รับ{{ c.award_th }} {{ c.competition }} {{ c.scope_th }}", bold=True, size=20, before=18, **center)
    _p(doc, "ประจำปี พ.ศ. {{ c.year }}", bold=True, size=20, **center)
    _p(doc, "ขอให้มีความสุข ความเจริญ และปฏิบัติหน้าที่เพื่อประโยชน์ของประชาชนสืบไป", size=18, before=18, **center)
    p = _p(doc, size=16, before=12, **center)
    _run(p, "ให้ไว้ ณ วันที่ ", size=18)
    _run(p, "{{ placeholder.day }}", size=18, mark=True)
    _run(p, " {{ month_year }}", size=18)
    p = _p(doc, before=48, **center)
    _run(p, "(", size=18)
    _run(p, "{{ placeholder.signatory }}", size=18, mark=True)
    _run(p, ")", size=18)
    p = _p(doc, **center)
    _run(p, "{{ placeholder.signatory_position }}", size=18, mark=True)
    _tag(doc, "{%p endfor %}")
    return doc


TEMPLATES = {"letter.docx": letter, "attachment.docx": attachment, "certificates.docx": certificates}


# ------------------------------------------------------------------ Sarabun, embedded
def _obfuscate(data: bytes, key: str) -> bytes:
    """Word's embedded-font obfuscation (ECMA-376 Part 1, 17.8.1): the first 32 bytes XORed with the
    font key's 16 bytes, the key's hex digits read from the end."""
    k = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ k[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def sarabun_files() -> dict[str, Path]:
    import fontpkg_sarabun

    folder = Path(fontpkg_sarabun.__file__).parent / "files"
    return {"regular": folder / "Sarabun-Regular.ttf", "bold": folder / "Sarabun-Bold.ttf"}


def embed_sarabun(docx: bytes) -> bytes:
    """The document with Sarabun (regular and bold) embedded, and Word told to keep it embedded
    when the file is saved again (settings: embedTrueTypeFonts)."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    files = {i.filename: src.read(i.filename) for i in src.infolist()}
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    embeds = []
    for i, (kind, path) in enumerate(sarabun_files().items(), 1):
        key = FONT_KEYS[kind]
        files[f"word/fonts/font{i}.odttf"] = _obfuscate(path.read_bytes(), key)
        rels.append(f'<Relationship Id="rIdFont{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
                    f'2006/relationships/font" Target="fonts/font{i}.odttf"/>')
        tag = "embedRegular" if kind == "regular" else "embedBold"
        embeds.append(f'<w:{tag} r:id="rIdFont{i}" w:fontKey="{key}"/>')
    rels.append("</Relationships>")
    files["word/_rels/fontTable.xml.rels"] = "".join(rels).encode()
    table = files["word/fontTable.xml"].decode()
    if 'xmlns:r=' not in table.split(">", 2)[1]:
        table = table.replace("<w:fonts ", '<w:fonts xmlns:r="http://schemas.openxmlformats.org/'
                                           'officeDocument/2006/relationships" ', 1)
    font = (f'<w:font w:name="{FONT}"><w:charset w:val="DE"/><w:family w:val="swiss"/>'
            f'<w:pitch w:val="variable"/>{"".join(embeds)}</w:font>')
    files["word/fontTable.xml"] = table.replace("</w:fonts>", font + "</w:fonts>").encode()
    types = files["[Content_Types].xml"].decode()
    if 'Extension="odttf"' not in types:
        types = types.replace("<Default ", '<Default Extension="odttf" ContentType="application/'
                                           'vnd.openxmlformats-officedocument.obfuscatedFont"/><Default ', 1)
    files["[Content_Types].xml"] = types.encode()
    settings = files["word/settings.xml"].decode()
    if "embedTrueTypeFonts" not in settings:
        at = settings.index("<w:zoom")
        at = settings.index(">", at) + 1            # after w:zoom, as the schema orders them
        settings = settings[:at] + '<w:embedTrueTypeFonts/>' + settings[at:]
    files["word/settings.xml"] = settings.encode()

    return normalised(files)


# w:rPr's children in the schema's order (Word refuses a file whose run properties are out of order)
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
             "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
             "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]


def _ordered(doc) -> None:
    rank = {qn(f"w:{t}"): i for i, t in enumerate(RPR_ORDER)}
    for root in (doc.element, doc.styles.element):
        for rpr in root.iter(qn("w:rPr")):
            children = list(rpr)
            for c in children:
                rpr.remove(c)
            for c in sorted(children, key=lambda c: rank.get(c.tag, len(rank))):
                rpr.append(c)


def build(folder: Path | str) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in TEMPLATES.items():
        buf = io.BytesIO()
        doc = make()
        _ordered(doc)
        doc.save(buf)
        (folder / name).write_bytes(embed_sarabun(buf.getvalue()))
        written.append(folder / name)
    return written


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    from analysis.announce.write import SHARE

    for path in build(sys.argv[1] if len(sys.argv) > 1 else SHARE):
        print(path)
