"""The dashboard's colours, defined once, for readers with any colour vision.

Groups and categories (districts, key groups, …) take Paul Tol's "muted" qualitative scheme
(https://personal.sron.nl/~pault/#sec:qualitative, colour-blind safe as a set) without its rose
and wine: in China red means honour and the red list is good news, so no group, tier or falling
score is ever painted red, and a reddish series would read as a verdict. Seven colours remain,
which is why the distribution charts draw at most seven series.

Tiers are ordinal, so they take a sequential ramp instead: viridis (perceptually uniform and
readable in greyscale and with colour-vision deficiencies), best tier darkest, worst the light
yellow-green end, so best and worst are told apart at a glance. Neither end is grey: the light
grey of people outside the scale (unscored) and of a merged remainder ("n others") stays theirs.
"""

from __future__ import annotations

from plotly.colors import hex_to_rgb, sample_colorscale

# Paul Tol, "muted": indigo, cyan, teal, green, olive, sand, purple (rose #CC6677, wine #882255 left out).
QUALITATIVE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#AA4499")
UNSCORED_GREY = "#b8b8b8"
OTHER_GREY = "#d0d0d0"  # the merged remainder of a breakdown (see BinnedScores.largest)
INK = "#4d4d4d"  # lines and outlines that are not data: cut-offs, the base score, bar edges
FLAG = "#f3e9c0"  # the background of a table cell a rule flags (sand, lightened: text stays readable)
VIRIDIS_SPAN = (0.0, 0.9)  # the last tenth of viridis is too pale a yellow on white


def category(i: int) -> str:
    """The colour of the i-th category (cycling, though pages draw at most len(QUALITATIVE))."""
    return QUALITATIVE[i % len(QUALITATIVE)]


def translucent(colour: str, alpha: float) -> str:
    """A palette colour (#rrggbb) as rgba at `alpha`: a band filled with it lets what lies beneath show."""
    red, green, blue = hex_to_rgb(colour)
    return f"rgba({red}, {green}, {blue}, {alpha})"


def tiers(n_tiers: int) -> list[str]:
    """One colour per tier, best (first) darkest, along viridis; then the unscored grey."""
    low, high = VIRIDIS_SPAN
    steps = [low + (high - low) * i / max(n_tiers - 1, 1) for i in range(n_tiers)]
    return [*sample_colorscale("Viridis", steps), UNSCORED_GREY]


# Winners and losers around zero: gains in the qualitative indigo and cyan (two tiers or more
# darker), losses in olive and sand (never red, see above); staying put is not drawn.
MOVES = {"down_2": QUALITATIVE[4], "down_1": QUALITATIVE[5], "up_1": QUALITATIVE[1], "up_2": QUALITATIVE[0]}
NO_CHANGE = "#8c8c8c"  # the bin of people a reform leaves where they were: neither gain nor loss
