"""The run's figures a reader quotes: the incentives' cost summed over the horizon on each path and
the difference the response makes (the monthly series are in `Outcome.cost`)."""

from __future__ import annotations

from scoring.behaviour.model import PATHS, Outcome


def horizon_cost(outcome: Outcome) -> dict[str, float]:
    """Yuan over the whole horizon per path (`PATHS`), and `response`: simulated less no-response."""
    totals = outcome.cost.groupby("path")["cost_yuan"].sum()
    out = {path: float(totals.get(path, 0.0)) for path in PATHS}
    out["response"] = out["simulated"] - out["no_response"]
    return out
