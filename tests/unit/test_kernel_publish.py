"""Widget.refresh() through the page's kernel: a changed scene is pushed at once, an
unchanged one is not pushed again (a training loop refreshes every watching widget)."""

import json

from mlmath.kernel import Kernel
from mlmath.widgets import widget


def test_refresh_pushes_only_changed_scenes():
    pushed = []
    Kernel(json.dumps([{"id": "order", "name": "number_line", "config": {}}]),
           push=lambda wid, scene: pushed.append((wid, json.loads(scene))))
    w = widget("order")
    w.refresh()
    assert pushed == [], "nothing changed since the page drew it"
    w.set_values({"a": -2})
    w.refresh()
    w.refresh()
    assert len(pushed) == 1 and pushed[0][0] == "order" and pushed[0][1] == json.loads(json.dumps(w.scene()))
