"""Incentive effects (issue 15): the gaming surface (points per unit of effort, the cheapest route
from each tier to the next) and the behavioural response model (monthly periods, simulated
against the no-response path)."""
