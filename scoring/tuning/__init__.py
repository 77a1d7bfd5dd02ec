"""Tuning a rulebook: edits as data, tier thresholds, differences between two rulebooks, saved scenarios."""
