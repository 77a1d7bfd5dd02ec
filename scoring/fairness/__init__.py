"""Fairness without a label (issue 16), Aequitas' compute → compare → judge, one module each:
`groups` (who is compared), `metrics` (rates per group), `disparity` (ratios and gaps against a
reference group), `judge` (the four-fifths rule), `decomposition` (which rules drive a score gap)
and `density` (how much of a gap comes from what can be recorded about a group)."""
