"""The dashboard's counts of what supporters did."""

import datetime

from django.utils import timezone

from actions.admin.dashboard import SupporterCountsPanel
from tests.factories import LetterPageFactory, SignatureFactory
from tests.queries import within_budget


def test_the_dashboard_counts_in_four_queries(data):
    letter = LetterPageFactory(parent=data["petition"].get_parent())
    letter.completions.create()
    letter.completions.create(created_at=timezone.now() - datetime.timedelta(days=8))
    SignatureFactory(action=data["second"], source_page=data["story"])

    with within_budget(4, "the supporters panel"):
        counts = SupporterCountsPanel().get_context_data({})

    assert counts["signatures"] == {"total": 4, "recent": 3}
    assert counts["letters"] == {"total": 2, "recent": 1}
    by_title = {row["title"]: (row["unit"], row["total"]) for row in counts["actions"]}
    assert by_title[data["petition"].title] == ("signatures", 3)
    assert by_title[letter.title] == ("letters written", 2)
    assert by_title[data["signup"].title] == ("form submissions", 1)
    assert counts["stories"] == [
        {"source_page_id": data["story"].pk, "source_page__title": data["story"].title, "count": 2}
    ]
