"""The same candidate (or the same judge's row) sent twice: the later submission counts, and rows
whose order cannot be told are all held back."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import places
from analysis.clean.common import Problem
from analysis.clean.quarantine import Held, _quarantine_row
from analysis.clean.rows import Accepted, _grouped
from analysis.render.dates import be_date


@dataclass(frozen=True)
class HeldAnswer:
    """An answer held back whose candidate (district or province code) and time are known."""

    candidate: str
    submitted_at: object
    source_file: str
    source_row: int


def settle_duplicates(accepted: Accepted, key: list[str], fields: list[str],
                      label, held_later: list[HeldAnswer] = ()) -> tuple[np.ndarray, list[tuple[np.ndarray, Problem]]]:
    """The same candidate sent twice: the later submission counts.

    Later means a later ``submitted_at`` (for score rows, which have none, the rows must be
    identical); copies of the latest one, identical to it, count as that one. Rows that are
    identical keep the last one read. When the order cannot be told (same time with
    different values, or a missing date) and the rows differ, all are held back: which one
    counts is the province's call, not ours. Returns which accepted rows are kept (a mask)
    and the rows held back, as (positions among the accepted rows, Problem).

    A later answer that is itself held back (a value to correct) replaces the earlier ones all the
    same: they are held as ``duplicate_superseded`` naming it, so the province corrects the answer
    it meant to count, and an older one is not counted in its place (``held_later``).

    The work is per candidate and per record, not per row: a file of a million copies of a
    few rows is settled as fast as one of a few rows.
    """
    keep = np.ones(len(accepted.record), dtype=bool)
    if not len(accepted.record):
        return keep, []
    keep, by_held = _superseded_by_held(accepted, key, label, held_later)
    records, record = accepted.records, accepted.record
    candidate = records.groupby(key, sort=False, dropna=False).ngroup().to_numpy()[record]
    dup = np.flatnonzero((np.bincount(candidate)[candidate] > 1) & keep)  # candidates sent more than once
    if not len(dup):
        return keep, by_held
    # Rows in file order, then row order (stable: sheets of one file keep their reading order).
    files, rows = records["source_file"].to_numpy()[record[dup]], accepted.source_row[dup]
    order = np.lexsort((rows, pd.factorize(files, sort=True)[0]))
    dup, files, rows = dup[order], files[order], rows[order]
    content = records.groupby(fields, sort=False, dropna=False).ngroup().to_numpy()[record[dup]]
    when = (pd.to_datetime(records["submitted_at"]).to_numpy() if "submitted_at" in records
            else np.full(len(records), np.datetime64("NaT"), dtype="datetime64[ns]"))[record[dup]]
    held: list[tuple[np.ndarray, Problem]] = by_held
    for pos in pd.Series(np.arange(len(dup))).groupby(candidate[dup], sort=False).indices.values():
        who = label(records.iloc[record[dup[pos[0]]]])
        if len(set(content[pos])) == 1:
            winner = pos[-1]
        elif not np.isnat(when[pos]).any():
            latest = pos[when[pos] == when[pos].max()]
            winner = latest[-1] if len(set(content[latest])) == 1 else None
        else:
            winner = None
        if winner is None:
            named = pos[:4]
            problems = _conflicts(who, len(pos), [f"{f} แถว {r}" for f, r in zip(files[named], rows[named])],
                                  [f"{f} row {r}" for f, r in zip(files[named], rows[named])])
            # the first rows each name the others; the rest share one problem
            held += [(dup[pos[k:k + 1] if k < len(named) else pos[k:]], p) for k, p in enumerate(problems)]
            keep[dup[pos]] = False
            continue
        w_file, w_row = files[winner], rows[winner]
        stamp = f" ส่งเมื่อ {be_date(when[winner])}" if not np.isnat(when[winner]) else ""  # B.E., for people
        problem = Problem(
            "duplicate_superseded",
            f"{who} ส่งซ้ำ ใช้ฉบับหลังสุดแทน: {w_file} แถว {w_row}{stamp}",
            f"{who} sent again; superseded by {w_file} row {w_row}",
            suggestion=f"{w_file} แถว {w_row}")
        superseded = dup[pos[pos != winner]]
        held.append((superseded, problem))
        keep[superseded] = False
    return keep, held


def _superseded_by_held(accepted: Accepted, key: list[str], label, held_later) -> tuple[np.ndarray, list]:
    """Accepted answers replaced by a later answer of the same candidate that is held back."""
    keep = np.ones(len(accepted.record), dtype=bool)
    latest: dict[str, HeldAnswer] = {}
    for h in held_later:
        if h.candidate not in latest or h.submitted_at > latest[h.candidate].submitted_at:
            latest[h.candidate] = h
    if not latest:
        return keep, []
    records = accepted.records
    code = records[key[0]].astype(str).to_numpy()[accepted.record]
    when = pd.to_datetime(records["submitted_at"]).to_numpy()[accepted.record]
    held = []
    for cand, h in latest.items():
        mine = np.flatnonzero(code == cand)
        if not len(mine):
            continue
        stamps = when[mine]
        if np.isnat(stamps).any() or (stamps >= np.datetime64(h.submitted_at)).any():
            continue  # the held answer is not the later one (or no one can tell): the usual rules
        who = label(records.iloc[accepted.record[mine[0]]])
        stamp = be_date(h.submitted_at)
        held.append((mine, Problem(
            "duplicate_superseded",
            f"{who} ส่งซ้ำ ฉบับหลังสุด ({h.source_file} แถว {h.source_row} ส่งเมื่อ {stamp}) ถูกกันไว้ตรวจ: "
            f"แก้ฉบับนั้นแล้วส่งใหม่ ฉบับนี้จึงไม่นับ",
            f"{who} sent again; the later answer ({h.source_file} row {h.source_row}) is held back: "
            f"correct that one; this earlier one does not count",
            suggestion=f"{h.source_file} แถว {h.source_row}")))
        keep[mine] = False
    return keep, held


def _conflicts(who: str, n: int, names_th: list[str], names_en: list[str]) -> list[Problem]:
    """The problems of the ``n`` rows of a candidate sent with different values and no order:
    one for each row named (it names up to three of the others, and how many more), then one
    shared by all the rest, so a message stays short in a file of thousands."""
    out = []
    for k in range(min(n, len(names_th) + 1)):
        others = [m for j, m in enumerate(names_th) if j != k][:3]
        others_en = [m for j, m in enumerate(names_en) if j != k][:3]
        more = n - 1 - len(others)
        out.append(Problem(
            "duplicate_conflict",
            f"{who} ส่งมากกว่าหนึ่งครั้ง ค่าไม่ตรงกัน และบอกไม่ได้ว่าครั้งใดหลังสุด (ซ้ำกับ "
            f"{', '.join(others)}{f' และอีก {more:,} แถว' if more else ''})",
            f"{who} was sent more than once with different values and no way to tell which is "
            f"later (also {', '.join(others_en)}{f' and {more:,} more rows' if more else ''})"))
    return out


def _held_duplicates(accepted: Accepted, held: list[tuple[np.ndarray, Problem]], year, category,
                     kind) -> list[Held]:
    """Quarantine entries for accepted rows held back as duplicates: one per record and problem."""
    out = []
    for positions, problem in held:
        for r, rows in _grouped(accepted.record[positions], accepted.source_row[positions]):
            table, cells = accepted.sources[r]
            out.append((_quarantine_row(year, category, kind, table, None, cells, problem), rows))
    return out


def _candidate_label(category):
    def label(r):
        if category == "individual":
            return f"อ.{places.district_name(r['district_code'])} จ.{places.province_name(r['province_code'])}"
        return f"จ.{places.province_name(r['province_code'])}"
    return label
