"""CSV exports: BOM for Excel/WPS, the synthetic marker on every row, formulas neutralised."""

from __future__ import annotations

import io

import pandas as pd

from ui.export import csv_bytes


def test_csv_has_bom_marker_and_no_live_formulas():
    frame = pd.DataFrame({"名称": ["=SUM(A1)", "+1", "-x", "@cmd", "武进区"], "人数": [1, -2, 3, 4, 5]})
    data = csv_bytes(frame, "数据性质", "模拟数据（合成）")
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["数据性质", "名称", "人数"]
    assert (back["数据性质"] == "模拟数据（合成）").all()
    assert back["名称"].tolist() == ["'=SUM(A1)", "'+1", "'-x", "'@cmd", "武进区"]
    assert back["人数"].tolist() == [1, -2, 3, 4, 5], "numbers are numbers, not text"
