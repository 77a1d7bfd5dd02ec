"""The national limits the checks judge against, each with the source that sets or reports it
(scoring/data/sources.yaml), in months unless said otherwise.

Publicity (发改办财金〔2019〕527号): general dishonesty min 3 / max 12 months, serious min 6 / max
36. For minor (simplified-procedure) penalties the 2019 rule sets no period; the NDRC's 2025
comment draft gives a maximum of 3 months and repair once obligations are met (a draft: reported).
Objections: 20 days, the limit of the credit-reporting regulation (征信业管理条例 Art. 25), which
governs financial credit reporting and is known, not retrieved (assumption): the dashboard's
rulebooks borrow it for lack of a retrieved provincial limit.
"""

from __future__ import annotations

from typing import NamedTuple


class Limit(NamedTuple):
    value: int
    source: str


PUBLICITY_MAX = {
    "minor": Limit(3, "ndrc-2025-repair-draft"),
    "general": Limit(12, "ndrc-2019-527"),
    "serious": Limit(36, "ndrc-2019-527"),
}
REPAIR_MIN = {
    "general": Limit(3, "ndrc-2019-527"),
    "serious": Limit(6, "ndrc-2019-527"),
}  # minor: no minimum in the 2019 rule (the 2025 draft: repair once obligations are met)
OBJECTION_DAYS = Limit(20, "credit-reporting-2013")
TRAINING_ONLY_FOR = ("serious",)  # 527号: training and a credit report only for serious dishonesty

LEGALITY = "gb-2020-49"  # legality, necessity, proportionality (过惩相当), no unauthorised expansion
CATALOGUE = "ncpi-2021"
REPAIR = "ndrc-2019-527"
CONSENT = "rongcheng-consent"  # the practice the evaluator checklist names (Rongcheng now asks consent)
KEY_GROUPS = "gb-2016-98"
