"""axe-core over the catalog page: no serious or critical violation. Every lesson page is
scanned the same way at the end of its walk in test_lessons.py, with every step open."""

import pytest

from conftest import serious_violations

pytestmark = pytest.mark.browser


def test_the_catalog_has_no_serious_or_critical_violation(watched, site_url, axe_source):
    watched.page.goto(site_url + "index.html")
    assert serious_violations(watched.page, axe_source) == []
