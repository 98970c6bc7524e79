"""The vectorised engine: a round's score rows as an integer-coded cube, its points, totals and ranks.

What ``rules`` says in a few lines per rule is done here for a million score rows at a time: the
rows' strings are encoded once into small integers, the scores scattered into the (S, C, K) cube
(judge slots x candidates x judged criteria) and every rule applied to whole arrays. A round is
held as a ``Round`` (the cube and what the uncertainty module needs of it), not as a dict of
arrays with string keys.
"""

from __future__ import annotations

import functools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.rubric.load import CategoryRubric
from analysis.score import rules
from analysis.score.rules import DECIMALS
from analysis.vocab import award_scope

def _arrow_strings(column: pd.Series) -> bool:
    """Strings stored by pyarrow (how the clean step's parquet files load)."""
    return isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"


def _positions(column: pd.Series, table: pd.Index) -> np.ndarray:
    """Each value's position in ``table`` (unique), -1 when absent or missing. Never a Python loop
    over the rows: Arrow-backed strings in a table of strings are looked up by pyarrow
    (``index_in``, one pass); anything else is factorised first, so that the hash look-ups run
    over the distinct values only."""
    if _arrow_strings(column) and table.inferred_type == "string":
        values = pa.array(column)
        found = pc.index_in(values, value_set=pa.array(table.to_numpy(dtype=object), type=values.type),
                            skip_nulls=True)                  # a missing value is never found
        return pc.fill_null(found, -1).to_numpy()
    codes, uniques = pd.factorize(column)                     # -1: missing
    return np.append(table.get_indexer(uniques), -1)[codes]


def _isin(column: pd.Series, values: pd.Series) -> np.ndarray:
    """``column.isin(values)`` (a missing value matches a missing value) by hash look-ups in the
    distinct ``values`` (pandas' isin on Arrow strings loops in Python over every row)."""
    codes, uniques = pd.factorize(values)
    hit = pd.Index(uniques).get_indexer(column) >= 0
    return hit | (bool((codes < 0).any()) & column.isna().to_numpy())


def _factorize(column: pd.Series, sort: bool = False) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(column, sort=sort)``: codes (-1: missing) and the distinct values. Arrow-backed
    strings are encoded by pyarrow directly: the same codes (as int32), without the two copies
    pandas makes of them; integers all equal (the national round's one panel) need no hashing."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iu" and len(column) \
            and (column.to_numpy() == column.iloc[0]).all():
        return np.zeros(len(column), dtype=np.intp), pd.Index(column.iloc[:1])
    if not _arrow_strings(column):
        return pd.factorize(column, sort=sort)
    encoded = pc.dictionary_encode(pa.array(column))
    if isinstance(encoded, pa.ChunkedArray):                  # one dictionary for every chunk
        encoded = encoded.combine_chunks()
    codes = pc.fill_null(encoded.indices, -1).to_numpy()
    uniques = pd.Index(encoded.dictionary.to_pandas())
    if sort:
        order = uniques.argsort()
        new_code = np.empty(len(order), dtype=np.int32)
        new_code[order] = np.arange(len(order))
        codes, uniques = np.append(new_code, -1)[codes], uniques[order]   # -1 stays -1
    return codes, uniques


def _run_starts(column: pd.Series) -> np.ndarray | None:
    """Where each run of equal values begins (a missing value is a run of its own); None when the
    runs are short (under 4 rows on average) or the column is not Arrow-backed."""
    if not _arrow_strings(column) or len(column) < 2:
        return None
    values = pa.array(column)
    differs = pc.fill_null(pc.not_equal(values[1:], values[:-1]), True)
    starts = np.flatnonzero(np.concatenate([[True], differs.to_numpy(zero_copy_only=False)]))
    return starts if len(starts) <= len(column) // 4 else None


def _cand_codes(rows: pd.Series, forms: pd.Series) -> dict:
    """The candidate ids of the score rows (``cand``) and of the forms (``form_cand``) numbered
    together (equal ids, equal codes; -1: missing) by one hash table, so that no id is looked up
    twice; ``n_cand`` codes in all; ``scored``: which codes have score rows (its extra last entry
    is code -1, so that a missing id on a form matches a missing id on a score row, as in isin).

    A candidate's marks come together in the score rows (the clean step writes them so: 10 to 60
    rows in a row), so only the first row of each run is looked up and its code repeated down the
    run; rows in another order are all looked up, with the same result.
    """
    starts = _run_starts(rows)
    firsts = rows if starts is None else rows.iloc[starts]
    codes, uniques = _factorize(pd.concat([firsts, forms], ignore_index=True))  # Arrow: no copy
    row_codes = codes[:len(firsts)]
    if starts is not None:
        row_codes = np.repeat(row_codes, np.diff(np.append(starts, len(rows))))
    # codes are numbered in order of first appearance and the score rows come first, so the codes
    # they hold are exactly 0 .. their largest
    scored = np.arange(len(uniques) + 1) <= row_codes.max(initial=-1)
    scored[-1] = row_codes.min(initial=0) < 0
    return {"cand": row_codes, "form_cand": codes[len(firsts):], "n_cand": len(uniques),
            "scored": scored}


def _judge_slots(panel: pd.Series, judge: pd.Series) -> dict:
    """Each score row's judge slot in its panel (``slot``): a panel's slots are every judge with a
    row in that panel, sorted by name. Also the distinct ``panels`` and ``per_panel``, the number
    of slots of each (and a last 0, for a candidate of no panel)."""
    p_code, panels = _factorize(panel)
    j_code, judges = _factorize(judge, sort=True)              # code order = sorted names
    nj = max(len(judges), 1)
    pair = p_code.astype(np.int64, copy=False) * nj + j_code
    # rows with no panel or judge (code -1; the clean step holds such rows back) name no slot
    named = pair if min(p_code.min(initial=0), j_code.min(initial=0)) >= 0 else \
        pair[(p_code >= 0) & (j_code >= 0)]
    dense = len(panels) * nj <= 4 * len(pair) + 4096            # a bincount table fits: no sort
    if dense:
        pairs = np.flatnonzero(np.bincount(named, minlength=len(panels) * nj))
    else:
        pairs = np.unique(named)                                # by panel, then judge name
    pair_panel = pairs // nj
    pair_slot = np.arange(pairs.size) - np.searchsorted(pair_panel, pair_panel)
    if dense:
        slot_of = np.zeros(len(panels) * nj, dtype=np.intp)
        slot_of[pairs] = pair_slot
        slot = slot_of[pair]
    else:
        slot = pair_slot[np.searchsorted(pairs, pair)]
    if named is not pair:  # a row of no judge is no judge's mark: slot -1, dropped by panel_index
        slot[(p_code < 0) | (j_code < 0)] = -1
    return {"slot": slot, "panels": panels,
            "per_panel": np.append(np.bincount(pair_panel, minlength=len(panels)), 0),
            "seats": (pair_panel, pair_slot, np.asarray(judges, dtype=object)[pairs % nj])}


def encode_rows(forms: pd.DataFrame, scores: pd.DataFrame, keys: list[str]) -> dict:
    """The score rows as integer codes: all the work that touches every row's strings.

    ``cand``, ``form_cand``, ``n_cand``, ``scored``: see ``_cand_codes``; ``slot``, ``panels``,
    ``per_panel``: see ``_judge_slots``; ``crit``: each row's criterion's position in ``keys``
    (-1: not judged).

    Why: hashing a million strings is most of the cost of a round, and every later step needs only
    small integers. pyarrow releases the GIL while it hashes, so two columns are encoded at once on
    two cores (the longest jobs first, so that both threads finish about together).
    """
    cand, judge, criterion, panel = (scores[c] for c in ("cand", "judge", "criterion", "panel"))
    form_cand = forms["cand"]
    jobs = {"slots": lambda: _judge_slots(panel, judge),
            "cand": lambda: _cand_codes(cand, form_cand),
            "crit": lambda: _positions(criterion, pd.Index(keys, dtype=object))}
    with ThreadPoolExecutor(max_workers=2) as pool:
        running = {name: pool.submit(job) for name, job in jobs.items()}
        encoded = {name: job.result() for name, job in running.items()}
    return {**encoded.pop("slots"), **encoded.pop("cand"), **encoded}


def _cand_positions(encoded: dict) -> np.ndarray:
    """Each score row's candidate's position among the forms coded ``form_cand``, -1 when none (or
    missing). A candidate must appear once there, as the clean step ensures."""
    cand_codes = encoded["form_cand"]
    named = np.flatnonzero(cand_codes >= 0)
    if np.bincount(cand_codes[named], minlength=1).max() > 1:
        raise ValueError("ผู้สมัครซ้ำกันในรอบเดียวกัน / a candidate appears twice in one round")
    position = np.full(encoded["n_cand"] + 1, -1)     # the extra last entry: code -1 (missing)
    position[cand_codes[named]] = named
    return position[encoded["cand"]]


def panel_index(cands: pd.DataFrame, scores: pd.DataFrame, keys: list[str],
                encoded: dict | None = None) -> dict:
    """Where each score row goes in the (S, C, K) cube, as integer codes.

    A panel's slots are every judge with a row in that panel, sorted by name; a candidate with fewer
    slots than S is padded with NaN. Returns ``flat`` (each kept row's place in the cube laid out
    flat, (slot * C + candidate) * K + criterion: rows of another candidate or criterion are
    dropped), ``rows`` (the kept rows: a mask, or a slice of all rows when none is dropped),
    ``size`` (slots per candidate, (C,)), ``panel`` (each candidate's panel: its position in
    ``encoded["panels"]``, -1 for none) and ``shape``. ``encoded``:
    ``encode_rows(cands, scores, keys)`` when already done (``form_cand``: the candidates' codes).
    """
    encoded = encoded if encoded is not None else encode_rows(cands, scores, keys)
    panel = _positions(cands["panel"], pd.Index(encoded["panels"]))
    size = encoded["per_panel"][panel]
    S, C, K = max(int(size.max(initial=0)), 1), len(cands), len(keys)
    c = _cand_positions(encoded)
    k = encoded["crit"]
    # rows of another candidate or criterion, or of no judge (-1), are dropped; when none is, a
    # slice (a view) keeps every row without copying each array
    j = encoded["slot"]
    rows = slice(None) if min(c.min(initial=0), k.min(initial=0), j.min(initial=0)) >= 0 else \
        (c >= 0) & (k >= 0) & (j >= 0)
    # one index, not three (NumPy scatters it 2x faster): (slot * C + candidate) * K + criterion,
    # computed in place in one array
    flat = encoded["slot"][rows] * C
    flat += c[rows]
    flat *= K
    flat += k[rows]
    return {"flat": flat, "rows": rows, "size": size, "shape": (S, C, K), "panel": panel}


def fill_cube(index: dict, values: np.ndarray) -> np.ndarray:
    """The (S, C, K) cube of one column of the score rows (``values``, aligned with the rows)."""
    cube = np.full(index["shape"], np.nan)
    cube.reshape(-1)[index["flat"]] = values[index["rows"]]          # a view: writes into cube
    return cube


# ------------------------------------------------------------------------ one round
def _across(ufunc: np.ufunc, table: np.ndarray) -> np.ndarray:
    """``ufunc.reduce(table, axis=1)`` for a (C, K) table, folded one criterion column at a time:
    NumPy reduces a short last axis row by row, some 20x slower. (Only for exact ufuncs: min,
    max, or; a sum could round differently.)"""
    return functools.reduce(ufunc, table.T)


def _in_round(forms: pd.DataFrame, scores: pd.DataFrame, category: str, rnd: str,
              encoded: dict) -> np.ndarray:
    """Which forms are in a round (a mask): the province round scores every applicant of a province
    that held one; the individual national round scores whoever has national rows (the nominees);
    the province category's national round scores every project submitted. ``encoded``:
    ``encode_rows(forms, scores, ...)``."""
    if rnd == "province":
        return _isin(forms["province_code"], scores["province_code"])
    if category == "individual":
        return encoded["scored"][encoded["form_cand"]]
    return np.ones(len(forms), dtype=bool)


@dataclass
class Round:
    """One round (a category's province or national round) as the uncertainty and judge modules
    need it: the candidates, the cube of scores as given, and who sat where.

    ``raw`` is (S, C, K): slots x candidates x judged criteria (``keys``), NaN = not scored;
    ``panel`` each candidate's panel (its position in ``panels``; -1 when nobody scored it);
    ``seats`` (S, P) the judge in each slot of each panel ("" where a panel has fewer slots).
    """
    category: str
    round: str
    rubric: CategoryRubric
    cands: pd.DataFrame
    keys: list[str]
    raw: np.ndarray
    panel: np.ndarray
    panels: pd.Index
    seats: np.ndarray
    computed: dict = field(default_factory=dict)   # key -> (C,) points of the computed criteria

    @property
    def n_panels(self) -> int:
        return len(self.panels)

    @property
    def scope(self) -> str:
        """Where this round's decision ranks a candidate: province, region or national."""
        return award_scope(self.category, self.round, self.rubric.award_scope)

    @property
    def size(self) -> np.ndarray:
        """Slots of each candidate's panel (0 for a candidate of no panel)."""
        filled = (self.seats != "").sum(axis=0)
        return np.where(self.panel >= 0, filled[np.where(self.panel >= 0, self.panel, 0)], 0)

    @property
    def maxima(self) -> np.ndarray:
        return np.array([c.max for c in self.rubric.criteria])

    @property
    def judged_index(self) -> list[int]:
        return [self.rubric.keys.index(k) for k in self.keys]

    def judged(self, method: str | None = None, raw: np.ndarray | None = None) -> np.ndarray:
        """The judged criteria's points, (..., C, K), combined by ``method`` (the rubric's by default)
        from ``raw`` (the observed cube by default, or a stack of panel draws (..., S, C, K))."""
        method = method or self.rubric.aggregation
        raw = self.raw if raw is None else raw
        top = self.maxima[self.judged_index]
        if method == "standardised":
            raw = rules.standardise(raw, self.panel, self.n_panels, top)
        elif method == "adjusted":
            raw = rules.adjust(raw, self.panel, self.n_panels)
        out = rules.aggregate(raw, "mean" if method in ("standardised", "adjusted") else method, axis=-3)
        return np.clip(out, 0.0, top) if method == "adjusted" else out

    def points(self, judged: np.ndarray) -> np.ndarray:
        """Every criterion's points (..., C, K_all) from the judged ones and the computed ones."""
        out = np.empty(judged.shape[:-1] + (len(self.rubric.criteria),))
        for i, c in enumerate(self.rubric.criteria):
            out[..., i] = self.computed[c.key] if c.computed else judged[..., self.keys.index(c.key)]
        return out


def build_round(forms: pd.DataFrame, scores: pd.DataFrame, rub: CategoryRubric, category: str,
                rnd: str) -> Round:
    """The round's candidates and cube from one category's forms and score rows (with ``cand`` and
    ``panel`` columns; see ``score_and_rank``)."""
    keys = rub.judged_keys
    sc = scores[scores["round"] == rnd]
    encoded = encode_rows(forms, sc, keys)          # once, for _in_round and panel_index
    in_round = _in_round(forms, sc, category, rnd, encoded)
    cands = forms[in_round].assign(round=rnd).reset_index(drop=True)
    index = panel_index(cands, sc, keys, {**encoded, "form_cand": encoded["form_cand"][in_round]})
    raw = fill_cube(index, sc["score"].to_numpy(dtype=float))
    pair_panel, pair_slot, names = encoded["seats"]
    seats = np.full((raw.shape[0], len(encoded["panels"])), "", dtype=object)
    seats[pair_slot, pair_panel] = names
    computed = {c.key: rules.computed_points(cands, c.computed) for c in rub.criteria if c.computed}
    return Round(category, rnd, rub, cands, keys, raw, index["panel"], pd.Index(encoded["panels"]),
                 seats, computed)


def round_frame(r: Round) -> tuple[pd.DataFrame, np.ndarray]:
    """The candidates with every criterion's points, the total and the judging flags (ranks come
    later), and the judged points (C, K) under the rubric's method."""
    rub = r.rubric
    judged = r.judged()
    n_judges = (~np.isnan(r.raw)).sum(axis=0)                          # (C, K)
    spread = np.fmax.reduce(r.raw, axis=0) - np.fmin.reduce(r.raw, axis=0)
    points = pd.DataFrame(r.points(judged), columns=rub.keys, index=r.cands.index)
    total = points.sum(axis=1, skipna=False)
    with np.errstate(invalid="ignore"):
        flags = pd.DataFrame({
            "total": total, "incomplete": total.isna(),
            "few_judges": _across(np.logical_or, n_judges < rub.min_judges) if r.keys else False,
            "n_judges_min": _across(np.minimum, n_judges) if r.keys else np.nan,
            "spread_max": _across(np.fmax, spread) if r.keys else np.nan}, index=r.cands.index)
    return pd.concat([r.cands, points, flags], axis=1), judged          # one concat, not 5 inserts


def judging_table(r: Round, judged: np.ndarray) -> pd.DataFrame:
    """The long judging table (``JUDGING_COLUMNS``): one row per candidate and judged criterion, in
    the candidates' order (their ids are unique)."""
    keys, cands, raw = r.keys, r.cands, r.raw
    high, low = np.fmax.reduce(raw, axis=0), np.fmin.reduce(raw, axis=0)
    criterion = (pd.Series(keys, dtype="str").array.take(np.tile(np.arange(len(keys)), len(cands)))
                 if keys else np.tile(keys, len(cands)))
    judging = pd.DataFrame({
        "criterion": criterion, "panel_size": np.repeat(r.size, len(keys)),
        "n_judges": (~np.isnan(raw)).sum(axis=0).ravel(),
        "mean": (judged if r.rubric.aggregation == "mean" else rules.aggregate(raw, "mean")).ravel(),
        "aggregated": judged.ravel(), "spread": (high - low).ravel(), "min": low.ravel(),
        "max": high.ravel()})
    ids = cands[["year", "category", "round", "province_code", "district_code"]].take(
        np.repeat(np.arange(len(cands)), len(keys))).reset_index(drop=True)
    return pd.concat([ids, judging], axis=1)


def score_round(forms: pd.DataFrame, scores: pd.DataFrame, rub: CategoryRubric, category: str,
                rnd: str) -> tuple[pd.DataFrame, pd.DataFrame, Round]:
    """Points per criterion, total and judging flags for one round (ranks come later), the long
    judging table, and the ``Round`` itself. ``forms``/``scores`` are one category's rows with
    ``cand`` and ``panel`` columns."""
    r = build_round(forms, scores, rub, category, rnd)
    frame, judged = round_frame(r)
    return frame, judging_table(r, judged), r


# ------------------------------------------------------------------------ ranks and awards
def rank_order(frame: pd.DataFrame, tie_break=(), by: str | None = None) -> pd.Series:
    """1 = best within ``by`` (or all rows): total descending (rounded to 6 decimals), then each
    tie-break in order (a criterion: higher first; ``submitted_at``: earlier first, unknown last);
    rows still tied share the better rank ("min"). No total -> no rank (<NA>)."""
    return rank_orders(frame, tie_break, [by])[0]


def rank_orders(frame: pd.DataFrame, tie_break, scopes: list[str | None]) -> list[pd.Series]:
    """``rank_order`` within each of ``scopes`` (a column, or None for all rows), e.g. national and
    regional ranks: the sort keys are built and numbered once for every scope (most of the cost)."""
    ok = frame["total"].notna()
    keys = {"k0": -frame["total"].round(DECIMALS)}
    for i, t in enumerate(tie_break, 1):
        if t == "submitted_at":
            when = pd.to_datetime(frame[t])
            secs = (when - pd.Timestamp("1970-01-01")) / pd.Timedelta(seconds=1)
            keys[f"k{i}"] = secs.astype(float).fillna(np.inf)
        else:
            keys[f"k{i}"] = -frame[t].astype(float).round(DECIMALS)
    rows = np.flatnonzero(ok.to_numpy())                # the rows with a total: they get a rank
    cols = [k.to_numpy(dtype=float)[rows] for k in keys.values()]
    # NaN keys (never the case from score_round) go the np.lexsort way, see _rank_sorted
    ties = None if any(np.isnan(c).any() for c in cols) else _pack([_number(c) for c in cols])
    # one sort by the keys, for every scope (a quicksort: rows equal on every key get the same
    # rank, so their order among themselves does not matter)
    by_keys = None if ties is None else np.argsort(ties)
    out = []
    for by in scopes:
        group = frame[by] if by else pd.Series(0, index=frame.index)
        if frame.index.is_unique and not group.isna().any():
            codes = _factorize(group)[0][rows]
            out.append(_rank_sorted(codes, cols, ties, by_keys, rows, frame.index))
            continue
        sub = pd.DataFrame({"g": group, **keys})[ok].sort_values(["g", *keys], kind="stable")
        new_block = sub.ne(sub.shift()).any(axis=1).cumsum()
        position = sub.groupby("g").cumcount() + 1
        rank = position.groupby(new_block).transform("min")
        out.append(rank.reindex(frame.index).astype("Int64"))
    return out


def _number(key: np.ndarray) -> tuple[np.ndarray, int]:
    """Integer codes 0..n-1 that sort like ``key`` (equal values, equal codes), and n."""
    uniques, codes = np.unique(key, return_inverse=True)
    return codes, len(uniques)


def _pack(numbered: list[tuple[np.ndarray, int]]) -> np.ndarray:
    """Several keys' codes (``_number``) packed into one int64 per row, the first key most
    significant, like the digits of a number: it sorts like the keys one after the other and is
    equal exactly when every key is.

    Why: one quicksort of this number replaces ``np.lexsort``'s stable merge sort per key, several
    times slower on tens of thousands of candidates."""
    packed, size = np.zeros(len(numbered[0][0]), dtype=np.int64), 1   # size: values it can take
    for codes, n in numbered:
        if size * n >= 2**62:               # would overflow: renumber both sides (each <= rows)
            packed, size = _number(packed)
            codes, n = _number(codes)
        packed = packed * n + codes
        size *= n
    return packed


def _rank_sorted(group: np.ndarray, cols: list[np.ndarray], ties, by_keys, rows: np.ndarray,
                 index: pd.Index) -> pd.Series:
    """``rank_order`` with NumPy of the rows with a total (``rows``: their positions in ``index``;
    ``group``: their group codes; ``cols``: their keys k0, k1, ...; ``ties``: ``_pack`` of the keys
    and ``by_keys`` the order that sorts it, both None when a key has NaN): sorted by group then
    keys, a block per run of equal keys, rank = the block's first position in its group. (The
    order of the groups among themselves does not change any rank, so codes need not sort like
    names.)"""
    if ties is not None:
        # the rows in key order, then stably by group: each group keeps its key order. (Group codes
        # as int16 when they fit: NumPy's stable sort of small integers is a radix sort.)
        small = group.astype(np.int16) if group.max(initial=0) < 2**15 else group
        order = by_keys[np.argsort(small[by_keys], kind="stable")]
        t = ties[order]
        changed = np.ones(len(order), dtype=bool)
        changed[1:] = t[1:] != t[:-1]
    else:
        order = np.lexsort([*cols[::-1], group])        # last key first: group, then k0, k1, ...
        changed = np.zeros(len(order), dtype=bool)
        changed[:1] = True
        for col in cols:                               # NaN != NaN: as pandas' ne, a new block
            c = col[order]
            changed[1:] |= c[1:] != c[:-1]
    n = len(order)
    g = group[order]
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = g[1:] != g[:-1]
    changed |= new_group
    at = np.arange(n)
    position = at - np.maximum.accumulate(np.where(new_group, at, 0)) + 1
    rank = position[np.maximum.accumulate(np.where(changed, at, 0))]
    out, mask = np.zeros(len(index), dtype=np.int64), np.ones(len(index), dtype=bool)
    out[rows[order]], mask[rows[order]] = rank, False
    return pd.Series(pd.arrays.IntegerArray(out, mask), index=index)


def score_and_rank(forms: pd.DataFrame, scores: pd.DataFrame, rub: CategoryRubric, category: str,
                   rnd: str) -> tuple[pd.DataFrame, pd.DataFrame, Round]:
    """One round of ``score_year`` up to the uncertainty: the committees (``panel``: the province
    in the individual province round, else one panel), points, totals and the ranks (national,
    regional, and in the province round within the province). ``forms``/``scores`` are one
    category's rows from ``prepare``; their ``panel`` column is set here. ``make bench`` times
    this function against DuckDB."""
    in_province = category == "individual" and rnd == "province"
    forms["panel"] = forms["province_code"] if in_province else 0      # 0: the one national panel
    scores["panel"] = scores["province_code"] if in_province else 0
    r = build_round(forms, scores, rub, category, rnd)
    frame, judged = round_frame(r)
    # the long judging table and the ranks do not depend on each other: built side by side
    with ThreadPoolExecutor(max_workers=1) as pool:
        judging = pool.submit(judging_table, r, judged)
        scopes = [None, "region", "province_code"] if in_province else [None, "region"]
        ranks = rank_orders(frame, rub.tie_break, scopes)
        judging = judging.result()
    frame["rank_national"], frame["rank_region"] = ranks[:2]
    frame["rank_province"] = ranks[2] if in_province else pd.Series(pd.arrays.IntegerArray(
        np.zeros(len(frame), np.int64), np.ones(len(frame), bool)), index=frame.index)
    return frame, judging, r


def prepare(frame: pd.DataFrame, category: str) -> pd.DataFrame:
    """One category's rows, with ``cand``: the candidate's id (district, or province for projects)."""
    frame = frame[frame["category"] == category]   # a new frame (copy-on-write): no .copy() needed
    frame["cand"] = frame["district_code"] if category == "individual" else frame["province_code"]
    return frame
