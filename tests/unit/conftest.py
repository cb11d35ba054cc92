import pytest

from mlmath import widgets


@pytest.fixture(autouse=True)
def unmount_widgets():
    """Each test starts and ends with no widgets mounted, as a fresh page does."""
    widgets.mounted.clear()
    yield
    widgets.mounted.clear()
