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


def test_a_page_workbook_lists_every_rulebook_value_with_its_status_in_the_pages_language():
    import openpyxl
    import streamlit as st

    from scoring.provenance import provenance_table
    from scoring.rulebook import load_preset
    from ui.export import marker_text, workbook

    st.session_state["lang"] = "zh-CN"
    try:
        rulebook = load_preset("fuzhou_style")
        marker = marker_text(rulebook)
        data = workbook(pd.DataFrame({"人数": [1, 2]}), marker, [rulebook])()
    finally:
        del st.session_state["lang"]
    assert marker.startswith("模拟数据") and "假设" in marker
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(sheets) == ["模拟数据", "说明", "取值依据"]
    provenance = sheets["取值依据"]
    assert len(provenance) == len(provenance_table(rulebook))
    assert set(provenance["状态"]) <= {"已确认", "有报道", "假设"}
    # Marked without a column repeated on every row: the sheet's name, the about sheet's first
    # line and every printed page say it is synthetic.
    assert list(sheets["模拟数据"].columns) == ["人数"]
    assert sheets["说明"].iloc[0].tolist() == ["数据性质", marker]
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert all(sheet.oddHeader.center.text == "模拟数据（合成）" for sheet in book.worksheets)


def test_a_rulebooks_marker_counts_its_statuses_once_for_all_the_downloads_of_a_page(monkeypatch):
    import gc

    from scoring.rulebook import load_preset
    from ui import export

    counted = []
    monkeypatch.setattr(export, "status_counts", lambda rulebook: counted.append(rulebook) or {"confirmed": 1,
                        "reported": 2, "assumption": 3})  # fmt: skip
    rulebook, other = load_preset("illustrative"), load_preset("fuzhou_style")
    markers = {export.marker_text(book) for book in (rulebook, rulebook, rulebook, other)}
    assert len(counted) == 2 and len(markers) == 2, "once per rulebook"
    del counted[:], rulebook
    gc.collect()
    assert export.marker_text(load_preset("illustrative")) in markers and len(counted) == 1, "a new rulebook is counted"
