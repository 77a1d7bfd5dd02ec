"""The Incentive effects page's account of its model: the plain summary, the two equations, a
legend of every symbol in notation beside its words, and each assumption with its status (the
repair rate's status follows the form: the data's own, or the reader's assumption)."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t

SYMBOLS = (  # the formulas' symbols, each defined in words below them
    ("p_{i,a,m}", "p"), (r"\sigma,\ \operatorname{logit}", "sigma"), ("b_a", "b"), (r"\varepsilon", "eps"),
    ("V_i", "V"), ("w", "w"), ("h_a", "h"), (r"\lambda_i", "lambda"), ("r", "r"), ("z_i", "z"), (r"\beta", "beta"),
    (r"\overline{e^{-\beta z}}", "bar"),
)  # fmt: skip
ASSUMPTIONS = (
    ("elasticity", "assumption"), ("value_of_time", "assumption"), ("effort", "assumption"),
    ("base_rates", "measured"), ("incentive_value", "assumption"), ("never_lower", "choice"),
    ("conferred", "measured"), ("yearly_value", "approximation"),
    ("negatives", "assumption"), ("rescored", "engine"), ("added_points", "approximation"),
    ("rule_caps", "engine"), ("lower_caps", "approximation"), ("repair", "measured"),
    ("cutoffs", "engine"), ("same_draws", "choice"), ("drift", "approximation"), ("synthetic", "choice"),
)  # fmt: skip


def show_model(repair_rate_set: bool) -> None:
    st.subheader(t("behaviour.model_heading"))
    st.markdown(t("behaviour.summary"))
    st.latex(
        r"p_{i,a,m} = \sigma\!\left(\operatorname{logit} b_a + \varepsilon \cdot"
        r" \frac{\max(V_i - w\,h_a,\ 0)}{1000}\right)"
    )
    st.latex(r"\lambda_i = \frac{r}{12} \cdot \frac{e^{-\beta z_i}}{\overline{e^{-\beta z}}}")
    st.markdown(t("behaviour.symbols"))
    st.latex(  # a legend in notation, as the formulas are: each symbol beside what it stands for
        r"\begin{array}{ll}"
        + r" \\ ".join(rf"{symbol} & \text{{{t(f'behaviour.symbol.{key}')}}}" for symbol, key in SYMBOLS)
        + r"\end{array}"
    )
    statuses = dict(ASSUMPTIONS)
    if repair_rate_set:  # a repair rate the reader sets is not the data's
        statuses["repair"] = "assumption"
    st.markdown(
        "\n".join(
            "- "
            + t("behaviour.assume_line", text=t(f"behaviour.assume.{item}"), status=t(f"behaviour.status.{status}"))
            for item, status in statuses.items()
        )
    )
