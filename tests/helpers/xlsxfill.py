"""Filling a template as Excel saves it, and reading back what a template checks.

``fill`` types values into cells of an .xlsx the way Excel stores them on saving: the cell keeps
its style (number format, lock) and gets a value; nothing else in the file changes. So a test
fills a template exactly as a clerk leaves it, without a spreadsheet program and without a
library that would rewrite the whole workbook (and could drop what the template put there).
A value typed here is not checked by the template's validation, which is what a paste does.

``validations``, ``locked_cells``, ``cells``, ``number_formats`` and ``sheet_xml`` read the sheet
XML (defusedxml) back.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from defusedxml import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
EPOCH = dt.datetime(1899, 12, 30)


def sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the zip."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    out = {}
    for s in book.find("m:sheets", NS):
        t = target[s.get(f"{{{NS['r']}}}id")]
        out[s.get("name")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    return out


def _cell_xml(ref: str, style: str | None, value) -> str:
    s = f' s="{style}"' if style else ""
    if isinstance(value, (dt.date, dt.datetime)):
        when = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        value = (when - EPOCH).total_seconds() / 86400
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'
    return f'<c r="{ref}"{s}><v>{value!r}</v></c>'


def fill(src: Path, dst: Path, values: dict[str, dict[str, object]]) -> Path:
    """Copy ``src`` to ``dst`` with ``values[sheet][cell]`` typed in (cells the template wrote,
    blank or not; a value of None clears the cell)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        parts = sheet_paths(zin)
        changes = {parts[name]: cells for name, cells in values.items()}
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in changes:
                xml = data.decode("utf-8")
                for ref, value in changes[info.filename].items():
                    pattern = re.compile(rf'<c r="{ref}"(?: s="(\d+)")?(?:/>|>.*?</c>)', re.S)
                    m = pattern.search(xml)
                    assert m, f"{ref} is not a cell the template wrote"
                    new = f'<c r="{ref}"{f" s={chr(34)}{m.group(1)}{chr(34)}" if m.group(1) else ""}/>' \
                        if value is None else _cell_xml(ref, m.group(1), value)
                    xml = xml[:m.start()] + new + xml[m.end():]
                data = xml.encode("utf-8")
            zout.writestr(info, data)
    return dst


def sheet_xml(path: Path, sheet: str):
    with zipfile.ZipFile(path) as zf:
        return ElementTree.fromstring(zf.read(sheet_paths(zf)[sheet]))


def sheet_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return list(sheet_paths(zf))


def cell_values(path: Path, sheet: str) -> dict[str, object]:
    """Cell reference -> what it holds as written (shared and inline strings as text, numbers as
    text too; formulas' saved values); blank styled cells are left out."""
    with zipfile.ZipFile(path) as zf:
        shared = []
        if "xl/sharedStrings.xml" in zf.namelist():
            sst = ElementTree.fromstring(zf.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in sst.findall("m:si", NS)]
    out = {}
    for c in sheet_xml(path, sheet).iter(f"{{{NS['m']}}}c"):
        v = c.find("m:v", NS)
        if c.get("t") == "s" and v is not None:
            out[c.get("r")] = shared[int(v.text)]
        elif c.get("t") == "inlineStr":
            out[c.get("r")] = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
        elif v is not None:
            out[c.get("r")] = v.text
    return out


def validations(path: Path, sheet: str) -> list[dict]:
    """Each data validation of a sheet: its attributes, with ``formula1``/``formula2`` texts."""
    out = []
    dvs = sheet_xml(path, sheet).find("m:dataValidations", NS)
    for dv in dvs if dvs is not None else []:
        item = dict(dv.attrib)
        for f in ("formula1", "formula2"):
            el = dv.find(f"m:{f}", NS)
            item[f] = el.text if el is not None else None
        out.append(item)
    return out


def cell_styles(path: Path, sheet: str) -> dict[str, int]:
    """Cell reference -> its style index (cellXfs)."""
    return {c.get("r"): int(c.get("s", 0)) for c in sheet_xml(path, sheet).iter(f"{{{NS['m']}}}c")}


def cells(path: Path, sheet: str) -> dict[str, tuple[str | None, int, str | None]]:
    """Cell reference -> (its type attribute: None for a number, "s" for a shared string, ...;
    its style index; its value as written, None for a blank)."""
    out = {}
    for c in sheet_xml(path, sheet).iter(f"{{{NS['m']}}}c"):
        v = c.find("m:v", NS)
        out[c.get("r")] = (c.get("t"), int(c.get("s", 0)), v.text if v is not None else None)
    return out


def number_formats(path: Path) -> list[str]:
    """The number format code of each cell style (the list's index is a cell's style index)."""
    builtin = {"0": "General", "1": "0", "2": "0.00", "3": "#,##0", "4": "#,##0.00", "49": "@"}
    with zipfile.ZipFile(path) as zf:
        styles = ElementTree.fromstring(zf.read("xl/styles.xml"))
    fmts = styles.find("m:numFmts", NS)
    custom = {f.get("numFmtId"): f.get("formatCode") for f in (fmts if fmts is not None else [])}
    return [custom.get(i, builtin.get(i, i)) for i in
            (xf.get("numFmtId", "0") for xf in styles.find("m:cellXfs", NS))]


def unlocked_styles(path: Path) -> set[int]:
    """The cellXfs indexes whose cells are unlocked (``<protection locked="0"/>``)."""
    with zipfile.ZipFile(path) as zf:
        styles = ElementTree.fromstring(zf.read("xl/styles.xml"))
    xfs = styles.find("m:cellXfs", NS)
    return {i for i, xf in enumerate(xfs) if (p := xf.find("m:protection", NS)) is not None
            and p.get("locked") == "0"}


def protected(path: Path, sheet: str) -> bool:
    el = sheet_xml(path, sheet).find("m:sheetProtection", NS)
    return el is not None and el.get("sheet") in ("1", "true")


def excel_serial(value: dt.date | dt.datetime) -> float:
    when = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    return (when - EPOCH).total_seconds() / 86400
