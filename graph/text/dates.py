"""Dates written the ways Chinese news pages write them, as ISO 8601 dates.

>>> iso_date("发布时间：2024年3月5日 10:20")
'2024-03-05'
>>> iso_date("2024-03-05T08:00:00+08:00")
'2024-03-05'
>>> iso_date("3月5日") is None  # no year: not a date we can place
True
"""

from __future__ import annotations

import re
from datetime import date

# 2024年3月5日, 2024-03-05, 2024/3/5, 2024.03.05; the year is required.
_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*(?:年\s*(?P<month_cn>\d{1,2})\s*月\s*(?P<day_cn>\d{1,2})\s*[日号]"
    r"|(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d))"
)


def iso_date(text: str) -> str | None:
    """The first valid date with a year in ``text`` as ``YYYY-MM-DD``, else None."""
    for match in _DATE.finditer(text):
        month = match.group("month_cn") or match.group("month")
        day = match.group("day_cn") or match.group("day")
        try:
            return date(int(match.group("year")), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None
