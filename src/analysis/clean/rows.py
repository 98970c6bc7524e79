"""The per-distinct-row engine: a table's rows with each distinct row once, so that each is checked
once and its verdict given to every copy (the cost grows with distinct rows, not rows)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.clean.common import (FIELD_LABELS, Problem, _cell_key, _float_zero_in, _letter,
                                   _merged, _row_key)
from analysis.clean.notdata import classify
from analysis.clean.quarantine import Aside, Held, _capped
from analysis.read.files import Table
from analysis.read.thai import clean_text


def _columns(table: Table, rows: list[list]) -> tuple[dict[str, int], list[list], dict[int, Problem]]:
    """Field -> column index, and which of ``rows`` (a table's rows) have columns that disagree.

    A field named by two columns (two อำเภอ columns, ชื่อ-สกุล twice) is read from whichever
    is filled. Where both are filled and differ (after clean_text) the row is held back as
    ``conflicting_columns``: which one the province meant is not ours to guess. The value
    read goes in an extra cell past the headers (so the raw values in the quarantine stay as
    typed); the rows returned carry those cells and the index points at them. Conflicts are
    keyed by the row's position in ``rows``.
    """
    where: dict[str, list[int]] = {}
    for i, f in enumerate(table.fields):
        if f and f != "row_number":
            where.setdefault(f, []).append(i)
    index = {f: cols[0] for f, cols in where.items()}
    doubled = {f: cols for f, cols in where.items() if len(cols) > 1}
    if not doubled:
        return index, rows, {}
    width = len(table.headers)
    index.update({f: width + k for k, f in enumerate(doubled)})
    texts: dict = {}  # clean_text once per distinct cell

    def text(v):
        k = _cell_key(v)
        if k not in texts:
            texts[k] = clean_text(v)
        return texts[k]

    extended, conflicts = [], {}
    for pos, cells in enumerate(rows):
        merged, problems = [], []
        for f, cols in doubled.items():
            filled = [(c, cells[c]) for c in cols if text(cells[c]) is not None]
            merged.append(filled[0][1] if filled else None)
            if len({text(v) for _, v in filled}) > 1:
                label = table.headers[cols[0]] or FIELD_LABELS.get(f, f)
                th = " กับ ".join(f"'{_capped(text(v), 100)}' (คอลัมน์ {_letter(c)})" for c, v in filled)
                en = " and ".join(f"'{_capped(text(v), 100)}' (column {_letter(c)})" for c, v in filled)
                problems.append(Problem(
                    "conflicting_columns", f"มีคอลัมน์ {label} มากกว่าหนึ่งคอลัมน์ และกรอกไม่ตรงกัน: {th}",
                    f"{label} appears in more than one column and they differ: {en}", label,
                    " | ".join(text(v) for _, v in filled)))
        extended.append(list(cells[:width]) + merged)
        if problems:
            conflicts[pos] = _merged(problems)
    return index, extended, conflicts



def _grouped(keys: np.ndarray, values: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """``values`` grouped by ``keys``: (key, its values in their order), by increasing key."""
    if not len(keys):
        return []
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return list(zip(keys[starts].tolist(), np.split(values, starts[1:])))



# ---------------------------------------------------------------------------------- distinct rows

@dataclass
class DistinctRows:
    """A table's rows with each distinct row once.

    Rows with the same cells get the same verdict, so each distinct row is checked once and
    its verdict given to every copy: a file of a million copies of ten rows is checked as ten
    rows, and the cost grows with distinct rows, not rows.
    """

    cols: dict[str, int]  # field -> the cell of a row it is read from
    rows: list[list]  # the cells of each distinct row (and the cell read for a doubled field)
    conflicts: dict[int, Problem]  # distinct rows whose columns for one field disagree
    which: np.ndarray  # per row of the table, in order: its distinct row
    source_rows: np.ndarray  # per row of the table: its row number as the file shows it

    def spread(self, verdicts: list) -> tuple[list[Held], list[Held], np.ndarray, np.ndarray]:
        """Each distinct row's verdict given to its copies.

        ``verdicts`` holds, per distinct row, a quarantine entry (dict), a set-aside entry
        (``Aside``, not data) or the number of its accepted record (int). Returns the quarantine
        entries and the set-aside entries with the rows they hold, and for the accepted rows, in
        the table's order, their record and row number.
        """
        record = np.array([v if isinstance(v, int) else -2 if isinstance(v, Aside) else -1
                           for v in verdicts], dtype=np.int64)
        per_row = record[self.which]
        out = []
        for code in (-1, -2):
            mask = per_row == code
            out.append([(verdicts[d], rows) for d, rows in _grouped(self.which[mask], self.source_rows[mask])])
        ok = per_row >= 0
        return out[0], out[1], per_row[ok], self.source_rows[ok]

    def not_data(self, table: Table, kind: str) -> dict[int, str]:
        """Distinct rows that are not data (``notdata.classify``): distinct row -> code. A title
        line (``ท้องถิ่นจังหวัด...``) is not data only where it follows a signature block."""
        found = {i: code for i, cells in enumerate(self.rows) if (code := classify(table, self.cols, cells, kind))}
        for i in [i for i, code in found.items() if code == "office"]:
            where = np.flatnonzero(self.which == i)
            before = self.which[where[where > 0] - 1]
            if len(where) and where[0] > 0 and all(found.get(int(b)) in ("signature_block", "office") for b in before):
                found[i] = "signature_block"
            else:
                del found[i]
        return found


def distinct_rows(table: Table) -> DistinctRows:
    """The table's distinct rows (see DistinctRows), with doubled columns settled (_columns)."""
    # Quick: rows as they are, with each cell's type (so 1, 1.0 and True stay apart). Where a
    # float zero is among them (0.0 == -0.0) or a cell cannot be hashed, cell by cell instead.
    seen: dict = {}
    try:
        which = [seen.setdefault((*cells, *map(type, cells)), len(seen)) for _, cells in table.rows]
        exact = any(map(_float_zero_in, seen))
    except TypeError:
        exact = True
    if exact:
        seen = {}
        which = [seen.setdefault(_row_key(cells), len(seen)) for _, cells in table.rows]
    which = np.array(which, dtype=np.int64)
    first = np.unique(which, return_index=True)[1]  # distinct rows are numbered as first seen
    cols, rows, conflicts = _columns(table, [table.rows[i][1] for i in first])
    source_rows = np.fromiter((r for r, _ in table.rows), dtype=np.int64, count=len(table.rows))
    return DistinctRows(cols, rows, conflicts, which, source_rows)


@dataclass
class Accepted:
    """Rows that passed their own checks, before duplicates are settled.

    Each distinct accepted row's values are one record; every accepted row read is the record
    it shares and its own row number. A million copies of one row are one record and two
    arrays of numbers, not a million rows of text.
    """

    records: pd.DataFrame  # one row per record
    sources: list[tuple[Table, list]]  # per record: the table and cells it was read from
    record: np.ndarray  # per accepted row, in reading order: its record
    source_row: np.ndarray  # per accepted row: its row number

    def frame(self, keep: np.ndarray | None = None) -> pd.DataFrame:
        """The accepted rows (or those a mask keeps): their record's values and row number."""
        keep = np.ones(len(self.record), dtype=bool) if keep is None else keep
        out = self.records.iloc[self.record[keep]].reset_index(drop=True)
        out["source_row"] = self.source_row[keep]
        return out


@dataclass
class Verdicts:
    """What a clean_* function gathers table by table: the rows held back (quarantine entries with
    their row numbers) and, per accepted row, its record and row number."""

    held: list[Held] = field(default_factory=list)
    aside: list[Held] = field(default_factory=list)  # rows that are not data
    record: list[np.ndarray] = field(default_factory=list)
    source_row: list[np.ndarray] = field(default_factory=list)

    def add(self, table: DistinctRows, verdicts: list) -> None:
        """One table's verdicts per distinct row (``DistinctRows.spread``), records numbered
        across all tables."""
        held, aside, record, source_row = table.spread(verdicts)
        self.held += held
        self.aside += aside
        self.record.append(record)
        self.source_row.append(source_row)

    def accepted(self, records: pd.DataFrame, sources: list) -> Accepted:
        empty = np.zeros(0, dtype=np.int64)
        return Accepted(records, sources,
                        np.concatenate(self.record) if self.record else empty,
                        np.concatenate(self.source_row) if self.source_row else empty)
