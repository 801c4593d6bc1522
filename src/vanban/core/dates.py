"""How a date is written for people; the graph and every machine format write ISO dates.

Two audiences, two styles:

- :func:`as_cited` is the date as a Vietnamese document writes it when it cites another
  ("ngày 09/4/2023", NĐ 30's style: a zero before days under 10 and before months 1 and 2), for
  advice a drafter pastes into the text;
- :func:`in_table` is a day in a table or a page's list, every part its full width
  ("09/04/2023"), so that a column of dates lines up.
"""

from __future__ import annotations

import datetime


def as_cited(iso: str) -> str:
    """``2023-04-09`` -> ``09/4/2023``; ``2024-02-01`` -> ``01/02/2024``."""
    day = datetime.date.fromisoformat(iso)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def with_date(written: str, iso: str, family: str | None) -> str:
    """A reference as written, with its date after it as its family writes it: a Party
    document's after a comma ("Kế hoạch số 155-KH/TU, ngày 15/6/2023"), a State document's
    without one ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020"); see the conventions' citation
    style. A document of unknown family takes the Party form."""
    return f"{written}{date_glue(family)}ngày {as_cited(iso)}"


def date_glue(family: str | None) -> str:
    """What stands between a reference and "ngày" of its date: a comma and a space for a Party
    document (or one of unknown family), a space for a State document."""
    return " " if family == "state" else ", "


def in_table(iso: str | None) -> str:
    """``2023-04-09`` -> ``09/04/2023``; nothing for no date."""
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def document_year(date: str | None, symbol_year: int | None) -> int | None:
    """A document's year: its date's, else the year its symbol carries (``30/2020/NĐ-CP``)."""
    return int(date[:4]) if date else symbol_year
