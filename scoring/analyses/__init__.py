"""Analyses of scores for the pages and exports: pure functions of results returning plain tables."""
