"""Predictive validity (issue 16), on synthetic ground truth only: a real scheme has no label,
the generator knows who will be seriously dishonest in the year after the data's as-of date.

One module each: `outcome` (the label and its checks), `discrimination` (ROC AUC and KS of the
score), `calibration` (the observed rate per tier), `weights` (weights learned from the data,
scaled to points with a PDO, beside the hand-set ones) and `stability` (population stability
index between two score distributions). The null generator's figures, which say what the
generator alone produces, come from the same functions on a `records_independent` population
(synthetic/settings.py); the spread across seeds lives in synthetic/spread.py.
"""
