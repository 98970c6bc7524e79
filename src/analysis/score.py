"""Scores: computed criteria, judges combined, totals, ranks, awards, and how sure each rank is.

Everything here is a pure function of DataFrames except ``run_score`` (reads the clean step's
parquet files, writes ``results.parquet`` and ``judging.parquet``). Every number can be re-derived by
hand from ``submissions.parquet``, ``scores.parquet`` and the year's rubric; the README section
"How scores are computed" walks through it.

Shapes used below: one *round* is one (category, round) pair; its candidates are C rows, its judged
criteria K columns, and its *panel* has S judge slots per candidate (arrays are (S, C, K): slots
first, so that combining judges reduces over contiguous blocks) (the province committee in the
individual province round, the national committee otherwise). A slot is blank (NaN) when that judge
did not score that candidate (conflict of interest, or a row held back by the cleaner): NaN is
"not scored", never zero.
"""

from __future__ import annotations

import functools
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import places
from analysis import store
from analysis.rubric import KEY, CategoryRubric, Rubric, load_rubric, rubric_path

ROUNDS = {"individual": ("province", "national"), "province": ("national",)}
DECIMALS = 6           # totals (and tie-break criteria) are compared rounded to this
EPS = 1e-9             # a band threshold is "reached" allowing for float noise (0.57 * 100)
WEIGHT_LOW, WEIGHT_HIGH = 0.75, 1.25
QUANTILES = (0.05, 0.5, 0.95)
ID_COLUMNS = ["year", "category", "round", "province_code", "province_name", "district_code",
              "district_name", "region", "name", "project_title"]
FLAG_COLUMNS = ["total", "rank_national", "rank_region", "rank_province", "award", "nominee",
                "not_nominee", "no_province_round", "few_judges", "incomplete", "n_judges_min",
                "spread_max", "rank_p05", "rank_median", "rank_p95", "close_call", "submitted_at"]
JUDGING_COLUMNS = ["year", "category", "round", "province_code", "district_code", "criterion",
                   "panel_size", "n_judges", "mean", "aggregated", "spread", "min", "max"]


# ------------------------------------------------------------------------ computed criteria
def band_points(values, spec: dict) -> np.ndarray:
    """Points of the first band whose threshold the value reaches (>=), else ``otherwise``.

    A missing value gives NaN (the candidate is then incomplete), never ``otherwise``.
    """
    v = np.asarray(values, dtype=float)
    out = np.full(v.shape, float(spec["otherwise"]))
    done = np.isnan(v)
    out[done] = np.nan
    for threshold, points in spec["bands"]:
        hit = ~done & (v >= threshold - EPS)
        out[hit] = points
        done |= hit
    return out


def _numbers(column: pd.Series) -> np.ndarray:
    return pd.to_numeric(column, errors="coerce").astype("float64").to_numpy(na_value=np.nan)


def computed_points(forms: pd.DataFrame, spec: dict) -> np.ndarray:
    """One computed criterion (``field`` or ``ratio`` with bands) for every form row."""
    if "field" in spec:
        return band_points(_numbers(forms[spec["field"]]), spec)
    num, den = (_numbers(forms[f]) for f in spec["ratio"])
    with np.errstate(divide="ignore", invalid="ignore"):
        points = band_points(num / den, spec)
    zero = spec.get("when_denominator_zero", spec["otherwise"])
    return np.where(den == 0, float(zero), points)


# ------------------------------------------------------------------------ combining judges
def aggregate(cube: np.ndarray, method: str) -> np.ndarray:
    """Combine judges over the slot axis (the first) of ``(S, ..., C, K)``, skipping NaN.

    ``mean``: plain mean of the judges who scored. ``trimmed_mean``: with at least 5 judges, drop one
    highest and one lowest, else the plain mean. ``standardised``: the cube already holds
    standardised scores (``standardise``), combined by the plain mean. No judge -> NaN.
    """
    n = np.add.reduce(~np.isnan(cube), axis=0, dtype=np.int16)
    total = np.nansum(cube, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(n > 0, total / n, np.nan)
        if method != "trimmed_mean":
            return mean
        high, low = np.fmax.reduce(cube, axis=0), np.fmin.reduce(cube, axis=0)
        return np.where(n >= 5, (total - high - low) / (n - 2), mean)


def standardise(scores: pd.DataFrame, maxima: dict[str, float]) -> pd.Series:
    """Scores of one round put on the panel's scale, so a lenient or severe judge moves nobody.

    Per judge and criterion: z = (x - judge mean) / judge sd (sample sd, Excel STDEV.S) over the
    candidates that judge scored; back on the panel's scale as panel mean + z * panel sd, where the
    panel mean is the mean of all scores of the round and criterion and the panel sd is the pooled
    within-judge sd (sqrt of the summed squared deviations from each judge's own mean over the summed
    n_j - 1), which a judge's leniency does not change. A judge with fewer than 2 scores or sd 0
    keeps the raw scores. Clipped to [0, max]. NaN stays NaN.
    """
    s = scores["score"]
    by = [scores["criterion"], scores["judge"]]
    j_mean = s.groupby(by).transform("mean")
    j_sd = s.groupby(by).transform("std")
    j_n = s.groupby(by).transform("count")
    ok = (j_n >= 2) & (j_sd > 0)
    dev2 = ((s - j_mean) ** 2).where(ok, 0.0)
    crit = scores["criterion"]
    dof = ((j_n - 1) / j_n).where(ok & s.notna(), 0.0)  # sums to n_j - 1 per usable judge
    pooled = np.sqrt(dev2.groupby(crit).transform("sum") / dof.groupby(crit).transform("sum"))
    panel_mean = s.groupby(crit).transform("mean")
    value = (panel_mean + (s - j_mean) / j_sd * pooled).where(ok, s)
    return value.clip(lower=0.0, upper=crit.map(maxima).astype(float))


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
            "per_panel": np.append(np.bincount(pair_panel, minlength=len(panels)), 0)}


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
    ``size`` (slots per candidate, (C,)) and ``shape``. ``encoded``:
    ``encode_rows(cands, scores, keys)`` when already done (``form_cand``: the candidates' codes).
    """
    encoded = encoded if encoded is not None else encode_rows(cands, scores, keys)
    size = encoded["per_panel"][_positions(cands["panel"], pd.Index(encoded["panels"]))]
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
    return {"flat": flat, "rows": rows, "size": size, "shape": (S, C, K)}


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


def _round_scores(forms: pd.DataFrame, scores: pd.DataFrame, rub: CategoryRubric, category: str,
                 rnd: str) -> tuple[pd.DataFrame, dict, dict]:
    """``score_round`` but for the long judging table: the candidates frame, what that table is
    made of (``_judging_table`` builds it) and the arrays the intervals need."""
    keys = rub.judged_keys
    maxima = {c.key: c.max for c in rub.criteria}
    sc = scores[scores["round"] == rnd]
    encoded = encode_rows(forms, sc, keys)          # once, for _in_round and panel_index
    in_round = _in_round(forms, sc, category, rnd, encoded)
    cands = forms[in_round].assign(round=rnd).reset_index(drop=True)
    index = panel_index(cands, sc, keys, {**encoded, "form_cand": encoded["form_cand"][in_round]})
    size = index["size"]
    raw = fill_cube(index, sc["score"].to_numpy(dtype=float))
    values = raw if rub.aggregation != "standardised" else fill_cube(
        index, standardise(sc, maxima).to_numpy(dtype=float))
    judged = aggregate(values, rub.aggregation)                       # (C, K)
    n_judges = (~np.isnan(raw)).sum(axis=0)                            # (C, K)
    high, low = np.fmax.reduce(raw, axis=0), np.fmin.reduce(raw, axis=0)
    spread = high - low                                                # (C, K)
    points = pd.DataFrame({c.key: computed_points(cands, c.computed) if c.computed
                           else judged[:, keys.index(c.key)] for c in rub.criteria}, index=cands.index)
    total = points.sum(axis=1, skipna=False)
    with np.errstate(invalid="ignore"):
        flags = pd.DataFrame({
            "total": total, "incomplete": total.isna(),
            "few_judges": _across(np.logical_or, n_judges < rub.min_judges) if keys else False,
            "n_judges_min": _across(np.minimum, n_judges) if keys else np.nan,
            "spread_max": _across(np.fmax, spread) if keys else np.nan}, index=cands.index)
    frame = pd.concat([cands, points, flags], axis=1)                  # one concat, not 5 inserts
    parts = {"cands": cands, "keys": keys, "size": size, "n_judges": n_judges, "raw": raw,
             "aggregated": judged, "method": rub.aggregation, "spread": spread, "min": low,
             "max": high}
    arrays = {"values": values, "size": size, "judged": judged,
              "points": points.to_numpy(dtype=float),
              "maxima": np.array([c.max for c in rub.criteria]),
              "judged_index": [rub.keys.index(k) for k in keys]}
    return frame, parts, arrays


def _judging_table(parts: dict) -> pd.DataFrame:
    """The long judging table (``JUDGING_COLUMNS``): one row per candidate and judged criterion, in
    the candidates' order (their ids are unique), from ``_round_scores``' parts."""
    cands, keys = parts["cands"], parts["keys"]
    judged = parts["aggregated"]
    criterion = (pd.Series(keys, dtype="str").array.take(np.tile(np.arange(len(keys)), len(cands)))
                 if keys else np.tile(keys, len(cands)))
    judging = pd.DataFrame({
        "criterion": criterion, "panel_size": np.repeat(parts["size"], len(keys)),
        "n_judges": parts["n_judges"].ravel(),
        "mean": (judged if parts["method"] == "mean" else aggregate(parts["raw"], "mean")).ravel(),
        "aggregated": judged.ravel(), "spread": parts["spread"].ravel(), "min": parts["min"].ravel(),
        "max": parts["max"].ravel()})
    ids = cands[["year", "category", "round", "province_code", "district_code"]].take(
        np.repeat(np.arange(len(cands)), len(keys))).reset_index(drop=True)
    return pd.concat([ids, judging], axis=1)


def score_round(forms: pd.DataFrame, scores: pd.DataFrame, rub: CategoryRubric, category: str,
                rnd: str) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Points per criterion, total and judging flags for one round (ranks come later).

    ``forms``/``scores`` are one category's rows with ``cand`` and ``panel`` columns. Returns the
    candidates frame, the long judging frame and the arrays the intervals need.
    """
    frame, parts, arrays = _round_scores(forms, scores, rub, category, rnd)
    return frame, _judging_table(parts), arrays


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


def decide_awards(frame: pd.DataFrame, rules, rank_column: str) -> pd.Series:
    """The first rule whose ranks [from, to] contain the rank and whose min_total (if any) the total
    reaches; "" for none."""
    award = pd.Series("", index=frame.index, dtype=object)
    rank = frame[rank_column].astype("Float64").fillna(np.inf).astype(float)
    total = frame["total"].round(DECIMALS)
    for rule in rules:
        lo, hi = rule["ranks"]
        hit = (award == "") & rank.between(lo, hi) & (total >= rule.get("min_total", -np.inf))
        award[hit] = rule["award"]
    return award


def close_calls(frame: pd.DataFrame, level: pd.Series, scope: str, rank_column: str) -> pd.Series:
    """An awarded row (``level`` >= 0, 0 = best) whose [p05, p95] overlaps the interval of the
    best-ranked row of its scope that got a lesser award or none (the runner-up)."""
    out = pd.Series(False, index=frame.index)
    lvl = np.where(level.to_numpy() < 0, np.inf, level.to_numpy())
    rank = frame[rank_column].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    p05, p95 = (frame[c].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
                for c in ("rank_p05", "rank_p95"))
    groups = frame[scope].astype(str).to_numpy()
    for i in np.flatnonzero(np.isfinite(lvl) & ~np.isnan(p05)):
        lesser = np.flatnonzero((groups == groups[i]) & (lvl > lvl[i]) & ~np.isnan(rank))
        if lesser.size:
            r = lesser[np.lexsort((p05[lesser], rank[lesser]))[0]]
            out.iloc[i] = bool(p05[i] <= p95[r] and p05[r] <= p95[i])
    return out


# ------------------------------------------------------------------------ how sure each rank is
def bootstrap_totals(arrays: dict, method: str, draws: int, rng: np.random.Generator) -> np.ndarray:
    """(draws, C) totals with each candidate's judge slots resampled with replacement (blank slots
    included). A draw in which no drawn slot scored a criterion keeps the observed value."""
    values, size = arrays["values"], arrays["size"]
    S, C, K = values.shape
    padded = np.concatenate([values, np.full((1, C, K), np.nan)])       # slot S: always blank
    idx = (rng.random((S, draws, C, 1)) * size[:, None]).astype(np.intp)
    inside = (np.arange(S)[:, None] < size)[:, None, :, None]            # (S, 1, C, 1)
    drawn = np.take_along_axis(padded[:, None], np.where(inside, idx, S), axis=0)  # (S, draws, C, K)
    judged = aggregate(drawn, method)
    judged = np.where(np.isnan(judged), arrays["judged"][None], judged)
    points = np.repeat(arrays["points"][None], draws, axis=0)
    points[:, :, arrays["judged_index"]] = judged
    return points.sum(axis=2)


def weight_totals(arrays: dict, draws: int, rng: np.random.Generator) -> np.ndarray:
    """(draws, C) totals with every criterion's weight times an independent U(0.75, 1.25) factor,
    rescaled to 100: sum(points_k * f_k) * 100 / sum(max_k * f_k)."""
    f = rng.uniform(WEIGHT_LOW, WEIGHT_HIGH, size=(draws, arrays["maxima"].size))
    return (f @ arrays["points"].T) * 100.0 / (f @ arrays["maxima"])[:, None]


def draw_ranks(totals: np.ndarray, scope: np.ndarray) -> np.ndarray:
    """Rank (1 + how many in the same scope have a strictly higher total) in every draw."""
    ranks = np.full(totals.shape, np.nan)
    t = np.round(totals, DECIMALS)
    complete = ~np.isnan(t).any(axis=0)
    for g in pd.unique(scope[complete]):
        cols = np.flatnonzero(complete & (scope == g))
        sub = t[:, cols]
        ranks[:, cols] = 1 + (sub[:, None, :] > sub[:, :, None]).sum(axis=2)
    return ranks


def rank_intervals(arrays: dict, method: str, scope: np.ndarray, draws: int, seed: int,
                   stream: int = 0) -> np.ndarray:
    """(C, 3) rank p05, median, p95 over ``draws`` judge-bootstrap draws pooled with ``draws``
    weight draws; quantiles of the observed ranks ("inverted_cdf", so they are ranks), NaN for an
    incomplete candidate. ``stream`` separates the rounds' random streams under one seed."""
    rng = np.random.default_rng([seed, stream])
    totals = np.vstack([bootstrap_totals(arrays, method, draws, rng), weight_totals(arrays, draws, rng)])
    ranks = draw_ranks(totals, scope)
    out = np.full((totals.shape[1], 3), np.nan)
    ok = ~np.isnan(ranks).any(axis=0)
    if ok.any():
        out[ok] = np.quantile(ranks[:, ok], QUANTILES, axis=0, method="inverted_cdf").T
    return out


# ------------------------------------------------------------------------ the year
def score_and_rank(forms: pd.DataFrame, scores: pd.DataFrame, rub: CategoryRubric, category: str,
                   rnd: str) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """One round of ``score_year`` up to the rank intervals: the committees (``panel``: the province
    in the individual province round, else one panel), points, totals and the ranks (national,
    regional, and in the province round within the province). ``forms``/``scores`` are one
    category's rows from ``_prepare``; their ``panel`` column is set here. ``make bench`` times
    this function against DuckDB."""
    in_province = category == "individual" and rnd == "province"
    forms["panel"] = forms["province_code"] if in_province else 0      # 0: the one national panel
    scores["panel"] = scores["province_code"] if in_province else 0
    frame, parts, arrays = _round_scores(forms, scores, rub, category, rnd)
    # the long judging table and the ranks do not depend on each other: built side by side
    with ThreadPoolExecutor(max_workers=1) as pool:
        judging = pool.submit(_judging_table, parts)
        scopes = [None, "region", "province_code"] if in_province else [None, "region"]
        ranks = rank_orders(frame, rub.tie_break, scopes)
        judging = judging.result()
    frame["rank_national"], frame["rank_region"] = ranks[:2]
    frame["rank_province"] = ranks[2] if in_province else pd.Series(pd.arrays.IntegerArray(
        np.zeros(len(frame), np.int64), np.ones(len(frame), bool)), index=frame.index)
    return frame, judging, arrays


def _prepare(frame: pd.DataFrame, category: str) -> pd.DataFrame:
    frame = frame[frame["category"] == category]   # a new frame (copy-on-write): no .copy() needed
    frame["cand"] = frame["district_code"] if category == "individual" else frame["province_code"]
    return frame


def score_year(submissions: pd.DataFrame, scores: pd.DataFrame, rubric: Rubric, *, draws: int = 1000,
               seed: int = 2564, intervals: bool = True) -> dict[str, pd.DataFrame]:
    """All rounds of one year: ``{"results", "judging", "timing"}`` (see the module docstring).
    ``intervals=False`` leaves the rank intervals out (blank, and no ``close_call``): totals, ranks
    and awards do not depend on them, and the compare step needs only those."""
    if intervals and draws < 1:
        raise ValueError("draws ต้องอย่างน้อย 1 / draws must be at least 1")
    frames, judging, timing = [], [], []
    for ci, category in enumerate(ROUNDS):
        rub = rubric[category]
        forms, sc = _prepare(submissions, category), _prepare(scores, category)
        for ri, rnd in enumerate(ROUNDS[category]):
            in_province = category == "individual" and rnd == "province"
            frame, judged, arrays = score_and_rank(forms, sc, rub, category, rnd)
            scope = "province_code" if in_province else (
                "region" if rub.award_scope == "region" else "year")
            rank_col = {"province_code": "rank_province", "region": "rank_region",
                        "year": "rank_national"}[scope]
            start = time.perf_counter()
            q = rank_intervals(arrays, rub.aggregation, frame[scope].astype(str).to_numpy(), draws,
                               seed, stream=10 * ci + ri) if intervals else np.full((len(frame), 3), np.nan)
            timing.append({"category": category, "round": rnd, "candidates": len(frame),
                           "draws": 2 * draws if intervals else 0,
                           "seconds": time.perf_counter() - start})
            for j, col in enumerate(["rank_p05", "rank_median", "rank_p95"]):
                frame[col] = pd.Series(q[:, j], index=frame.index).astype("Int64")
            if in_province:
                frame["award"] = ""
                frame["nominee"] = (frame["rank_province"] == 1).fillna(False).astype(bool)
                level = pd.Series(np.where(frame["nominee"], 0, -1), index=frame.index)
            else:
                frame["award"] = decide_awards(frame, rub.award_rules, rank_col)
                order = {r["award"]: i for i, r in enumerate(rub.award_rules)}
                level = frame["award"].map(order).fillna(-1).astype(int)
            frame["close_call"] = close_calls(frame, level, scope, rank_col)
            frames.append(frame)
            judging.append(judged)
    results = pd.concat(frames, ignore_index=True)
    results = _nominees(results)
    results["province_name"] = results["province_code"].map(places.province_name)
    results["district_name"] = results["district_code"].map(
        lambda c: places.district_name(c) if isinstance(c, str) else None)
    keys = list(dict.fromkeys(k for c in ROUNDS for k in rubric[c].keys))
    results = results.reindex(columns=ID_COLUMNS + keys + FLAG_COLUMNS)
    for col in ("nominee", "not_nominee", "no_province_round", "few_judges", "incomplete",
                "close_call"):
        results[col] = results[col].fillna(False).astype(bool)
    results["n_judges_min"] = results["n_judges_min"].astype("Int64")
    results["award"] = results["award"].fillna("").astype(str)
    return {"results": results,
            "judging": pd.concat(judging, ignore_index=True).reindex(columns=JUDGING_COLUMNS),
            "timing": pd.DataFrame(timing)}


def _nominees(results: pd.DataFrame) -> pd.DataFrame:
    """The province round's rank 1 is the province's nominee; a national-round candidate who was not
    is flagged ``not_nominee``; with no province round in that province, ``no_province_round``."""
    ind = results["category"] == "individual"
    prov_round = results[ind & (results["round"] == "province")]
    nominated = set(prov_round.loc[prov_round["nominee"].astype(bool), "district_code"])
    held = set(prov_round["province_code"])
    national = ind & (results["round"] == "national")
    results.loc[national, "nominee"] = results.loc[national, "district_code"].isin(nominated)
    results.loc[national, "no_province_round"] = ~results.loc[national, "province_code"].isin(held)
    results.loc[national, "not_nominee"] = ~(results.loc[national, "nominee"].astype(bool)
                                             | results.loc[national, "no_province_round"].astype(bool))
    return results


def read_cleaned(clean_dir: str | Path, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The clean step's ``submissions.parquet`` and ``scores.parquet`` of a year: what scoring reads
    (the score step, and the compare step, which scores each year itself)."""
    folder = Path(clean_dir) / str(year)
    for name in ("submissions.parquet", "scores.parquet"):
        if not (folder / name).is_file():
            raise FileNotFoundError(
                f"ไม่พบ {name} ในโฟลเดอร์ {folder} (ให้รันขั้น clean ของปี {year} ก่อน) / "
                f"{name} not found in folder {folder} (run the clean step for {year} first)")
    return pd.read_parquet(folder / "submissions.parquet"), pd.read_parquet(folder / "scores.parquet")


def run_score(clean_dir: str | Path, year: int, rubric: Rubric, *, draws: int = 1000,
              seed: int = 2564) -> dict[str, pd.DataFrame]:
    """Read ``<clean_dir>/<year>/{submissions,scores}.parquet``, score, and write
    ``results.parquet`` and ``judging.parquet`` beside them, and ``timing.parquet`` (seconds spent on
    the rank intervals per round: ``make bench`` reads it after the batch)."""
    final = Path(clean_dir) / str(year)
    store.verify(final, "clean", rubric=rubric.path, needs=("submissions.parquet", "scores.parquet"))
    submissions, scores = read_cleaned(clean_dir, year)
    out = score_year(submissions, scores, rubric, draws=draws, seed=seed)
    with store.staged(final, "score", keep="clean", rubric=rubric.path,
                      parameters={"draws": draws, "seed": seed}) as folder:  # written whole, beside clean's
        out["results"].to_parquet(folder / "results.parquet", index=False)
        out["judging"].to_parquet(folder / "judging.parquet", index=False)
        out["timing"].assign(year=year).to_parquet(folder / "timing.parquet", index=False)
    return out


# ------------------------------------------------------------------------ tables in Thai
CATEGORY_TH = {"individual": "ประเภทบุคคล", "province": "ประเภทจังหวัด"}
ROUND_TH = {"province": "รอบจังหวัด", "national": "รอบประเทศ"}
FLAGS_TH = {"incomplete": "คะแนนไม่ครบ ไม่จัดอันดับ", "few_judges": "กรรมการให้คะแนนน้อยกว่าเกณฑ์",
            "not_nominee": "ไม่ใช่ผู้ที่จังหวัดเสนอชื่อ", "no_province_round": "ไม่มีผลรอบจังหวัด",
            "close_call": "ผลใกล้เคียงกับลำดับถัดไป"}


def _scope_rank(category: str, rnd: str) -> str:
    if rnd == "province":
        return "rank_province"
    return "rank_region" if category == "individual" else "rank_national"


def _notes(frame: pd.DataFrame) -> pd.Series:
    """Each row's flags in Thai, "; "-joined (column-wise: a row-by-row apply was most of the cost of
    a leaderboard)."""
    flags = [np.where(frame[f].to_numpy(dtype=bool), t, "") for f, t in FLAGS_TH.items()]
    return pd.Series(["; ".join(t for t in row if t) for row in zip(*flags)], index=frame.index,
                     dtype="str")


def _interval(frame: pd.DataFrame) -> pd.Series:
    """"p05–p95" of each row's rank, blank when it has none."""
    text = frame["rank_p05"].astype("string") + "–" + frame["rank_p95"].astype("string")
    return text.fillna("").astype("str")


def leaderboard_th(results: pd.DataFrame, category: str, round: str = "national",
                   region: str | None = None, names: bool = True) -> pd.DataFrame:
    """One round's ranking with Thai headers; ``region`` (north, ...) filters, ``names=False`` leaves
    officers' names out (PDPA)."""
    rnd = round
    f = results[(results["category"] == category) & (results["round"] == rnd)]
    if region:
        f = f[f["region"] == region]
    rank = _scope_rank(category, rnd)
    region_order = {r: i for i, r in enumerate(places.REGIONS)}
    f = f.assign(_r=f["region"].map(region_order)).sort_values(
        ["_r", "province_code", rank] if rnd == "province" else ["_r", rank], na_position="last")
    keys = [c for c in results.columns if KEY.match(c) and f[c].notna().any()]
    table = pd.DataFrame({"ลำดับ": f[rank], "ภาค": f["region"].map(places.REGIONS),
                          "จังหวัด": f["province_name"]})
    if category == "individual":
        table["อำเภอ"] = f["district_name"]
        if names:
            table["ชื่อ-สกุล"] = f["name"]
    else:
        table["ชื่อโครงการ"] = f["project_title"]
    for k in keys:
        table[k] = f[k].round(2)
    table["คะแนนรวม"] = f["total"].round(2)
    table["ช่วงลำดับ (5%–95%)"] = _interval(f)
    if rnd == "province":
        table["ผู้ได้รับการเสนอชื่อ"] = np.where(f["nominee"], "✓", "")
    else:
        table["รางวัล"] = f["award"]
    table["หมายเหตุ"] = _notes(f)
    return table.reset_index(drop=True)


def awards_th(results: pd.DataFrame, names: bool = True) -> pd.DataFrame:
    """Every award of the year (national round), best first per category and region, with close calls."""
    f = results[(results["round"] == "national") & (results["award"] != "")].copy()
    f["_r"] = np.where(f["category"] == "individual", f["region"].map(
        {r: i for i, r in enumerate(places.REGIONS)}), -1)
    f["_rank"] = np.where(f["category"] == "individual", f["rank_region"], f["rank_national"])
    f = f.sort_values(["category", "_r", "_rank"])
    table = pd.DataFrame({
        "ประเภท": f["category"].map(CATEGORY_TH),
        "ภาค": np.where(f["category"] == "individual", f["region"].map(places.REGIONS), "ทั่วประเทศ"),
        "รางวัล": f["award"], "ลำดับ": f["_rank"].astype("Int64"), "จังหวัด": f["province_name"],
        "อำเภอ": f["district_name"].fillna("")})
    if names:
        table["ชื่อ-สกุล / โครงการ"] = np.where(f["category"] == "individual", f["name"],
                                                f["project_title"])
    table["คะแนนรวม"] = f["total"].round(2)
    table["ช่วงลำดับ (5%–95%)"] = _interval(f)
    table["ผลใกล้เคียง"] = np.where(f["close_call"], "ใกล้เคียง", "")
    table["หมายเหตุ"] = _notes(f)
    return table.reset_index(drop=True)


def disagreement_th(judging: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Where judges disagreed most: the largest spreads (max - min of the raw scores)."""
    f = judging.dropna(subset=["spread"]).sort_values("spread", ascending=False, kind="stable").head(top)
    return pd.DataFrame({
        "ประเภท": f["category"].map(CATEGORY_TH), "รอบ": f["round"].map(ROUND_TH),
        "จังหวัด": f["province_code"].map(places.province_name),
        "อำเภอ": f["district_code"].map(lambda c: places.district_name(c) if isinstance(c, str) else ""),
        "เกณฑ์": f["criterion"], "จำนวนกรรมการ": f["n_judges"], "ต่ำสุด": f["min"], "สูงสุด": f["max"],
        "ส่วนต่าง": f["spread"], "ค่าเฉลี่ย": f["mean"].round(2)}).reset_index(drop=True)
