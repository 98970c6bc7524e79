"""The sample: seeded, deterministic raw data for B.E. 2564-2568 and the truth it was made from.

``files`` writes the forms and score sheets as provinces send them (every mess the brief lists)
with a truth table for the cleaner; ``marks`` is how the sample's judges mark (leniency, spread,
halo, conflict blanks): the truth the score step's uncertainty figures are tested against.
"""

from analysis.sample.files import Grid, Pct, generate, write_grid

__all__ = ["Grid", "Pct", "generate", "write_grid"]
