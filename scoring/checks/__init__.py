"""Legality and proportionality checks of a rulebook (and of the data it scores) against the
national limits: each check is a pure function returning `Finding`s; `run.run_checks` runs them
all. This package file imports nothing, so that the rulebook can read the check ids (`ids`)."""
