"""Dates as Chinese news pages write them, normalised to ISO 8601."""

from __future__ import annotations

import pytest

from graph.text.dates import iso_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T09:30:00+08:00", "2024-03-05"),
        ("2024/3/5 10:20", "2024-03-05"),
        ("2024.03.05", "2024-03-05"),
        ("发布时间：2024年3月5日 10:20", "2024-03-05"),
        ("《中国冶金报》(2024年02月20日 04版四版)", "2024-02-20"),
        ("2024 年 4 月 13 日晚间", "2024-04-13"),
        ("3月5日", None),  # no year
        ("2024年2月30日", None),  # no such day
        ("2024-13-01", None),
        ("电话：010-64411649", None),  # digits with dashes are not a date
        ("GPT-3.5在2024年", None),
        ("", None),
    ],
)
def test_iso_date(text, expected):
    assert iso_date(text) == expected
