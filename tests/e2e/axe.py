"""axe-core in the browser, with the WCAG 2.2 AA rule tags the project is held to."""

from axe_playwright_python.sync_playwright import Axe

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page, **context):
    """No violation on the page (or in `context`, e.g. include=[["main"]])."""
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}
    results = Axe().run(page, context=context or None, options=options)
    assert results.violations_count == 0, results.generate_report()
