import hashlib

import pytest

from mlmath.data import shakespeare


def test_shakespeare_is_the_pinned_text():
    try:
        text = shakespeare()
    except OSError as exc:
        pytest.skip(str(exc))
    assert len(text) == 1_115_394 and len(set(text)) == 65
    assert hashlib.sha256(text.encode()).hexdigest() == \
        "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"
