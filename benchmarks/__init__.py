"""Measured targets, printed as medians and ratios."""
