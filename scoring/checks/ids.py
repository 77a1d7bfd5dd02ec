"""The checks' ids, in the order they are shown. Kept apart (no imports) because the rulebook
validates its `explanations` against them, and the checks themselves import the rulebook."""

CHECK_IDS: tuple[str, ...] = (
    "catalogue",  # record types scored outside the 2021 public credit information catalogue
    "double_count_lists",  # a record's deduction and the deduction for the list entry it causes
    "double_count_cases",  # records of one case (case_id) that each deduct (data)
    "publicity",  # negative records counted past their maximum publicity period
    "repair",  # repair unavailable or stricter than the national rules
    "tier_restrictions",  # sanctions or restrictions on a score rather than a legal list
    "proportionality",  # deductions not ordered by severity
    "consent",  # scoring without consent
    "residence",  # non-local residents kept out of scoring, hence out of incentives
    "group_density",  # some key groups scored on many more record types than others
    "objection_limit",  # the rulebook's objection limit above the legal one
    "objection_times",  # objections answered late or left open past the legal limit (data)
)
