"""Query budgets: the most SQL queries a page or a piece of it may cost.

A budget is a ceiling, never an exact count: a change that saves a query must
not fail a test. Tests that promise a count does not grow with the number of
stories or signatures compare the counts they read from `within_budget`.
"""

from contextlib import contextmanager

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Every public page renders uncached in at most this many queries.
PAGE_BUDGET = 12


@contextmanager
def within_budget(budget, what="the block"):
    """Fail, listing the queries, if the block runs more than `budget` of them.

    Yields the captured queries; `len()` of them, read after the block, is
    the count.
    """
    with CaptureQueriesContext(connection) as captured:
        yield captured
    if len(captured) > budget:
        listed = "\n".join(
            f"  {number}. {query['sql']}"
            for number, query in enumerate(captured.captured_queries, start=1)
        )
        pytest.fail(
            f"{what} ran {len(captured)} queries, over its budget of {budget}:\n{listed}",
            pytrace=False,
        )
