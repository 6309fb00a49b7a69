import pytest

from tests.registry.files import registry_rows


@pytest.fixture(scope="session")
def rows():
    """Twenty generated rows in the Registry's shape (copied by each test
    that changes them)."""
    return registry_rows(20)
