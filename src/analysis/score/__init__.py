"""The score step: the rubric applied, judges combined, ranks, awards, and how sure each award is.

One module per concern: ``rules`` (what a person re-derives by hand), ``engine`` (the vectorised
cube and ranks), ``uncertainty`` (panel draws, award probabilities, weight and method
sensitivity, boundary margins), ``agreement`` (judges' leniency, blanks, rater agreement),
``year`` (the year driver and its files) and ``tables`` (the Thai tables people read). The names
below are the step's public interface; ``tests/test_score_api.py`` keeps the list honest.
"""

from analysis.score.engine import Round, rank_order, rank_orders, score_and_rank, score_round
from analysis.score.rules import (aggregate, award_levels, band_points, computed_points, decide_awards,
                                  judge_effects, standardise)
from analysis.score.tables import (agreement_th, awards_th, blank_shifts_th, criteria_th, criterion_maxima,
                                   disagreement_th, leaderboard_th, leniency_th, margins_th, methods_th,
                                   probability_sentence, review_th, weights_th)
from analysis.score.year import (FLAG_COLUMNS, ID_COLUMNS, JUDGING_COLUMNS, OUTPUTS, read_cleaned,
                                 run_score, score_year)
from analysis.vocab import CATEGORY_TH, ROUND_TH

__all__ = [
    "CATEGORY_TH", "FLAG_COLUMNS", "ID_COLUMNS", "JUDGING_COLUMNS", "OUTPUTS", "ROUND_TH", "Round",
    "aggregate", "agreement_th", "award_levels", "awards_th", "band_points", "blank_shifts_th",
    "computed_points", "criteria_th", "criterion_maxima", "decide_awards", "disagreement_th",
    "judge_effects", "leaderboard_th",
    "leniency_th", "margins_th", "methods_th", "probability_sentence", "rank_order", "rank_orders",
    "read_cleaned", "review_th", "run_score", "score_and_rank", "score_round", "score_year",
    "standardise", "weights_th",
]
