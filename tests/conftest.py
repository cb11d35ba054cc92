"""Suite-wide ordering: browser tests run last.

Playwright's sync API keeps an event loop running on the main thread while its
browser is open, and code under test calls asyncio.run(), which refuses to start
inside a running loop. Running every browser test after the rest avoids the clash.
"""


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: "/browser/" in str(item.path))
