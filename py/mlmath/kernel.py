"""The page's Python side: one notebook namespace, the mounted widgets, streamed output.

The page's worker calls into this module; every reply is a JSON string so a single
crossing of the JS bridge carries it.
"""

import json
import sys
import time

from . import widgets
from .runner import run_cell, run_check

MAX_OUTPUT = 100_000   # characters per run; a runaway print loop must not swamp the page


class _Stream:
    """A file-like stdout that forwards text to the page in batches, not per write."""

    def __init__(self, send):
        self.send, self.buffer, self.total, self.last = send, [], 0, time.monotonic()

    def write(self, text):
        if self.total >= MAX_OUTPUT:
            return len(text)
        self.total += len(text)
        self.buffer.append(text if self.total < MAX_OUTPUT else text + "\n[output truncated]\n")
        if time.monotonic() - self.last > 0.05:
            self.flush()
        return len(text)

    def flush(self):
        if self.buffer:
            self.send("".join(self.buffer))
            self.buffer = []
        self.last = time.monotonic()


class Kernel:
    def __init__(self, widget_specs, push=None):
        """`push(widget_id, scene_json)` sends a scene to the page at once, for Widget.refresh()."""
        self.namespace = {"__name__": "__main__"}
        self.sent = {}
        for spec in json.loads(widget_specs):
            widgets.mounted[spec["id"]] = widgets.create(spec["name"], spec["config"])
            self.sent[spec["id"]] = json.dumps(widgets.mounted[spec["id"]].scene())
        self.push = push
        widgets.publish = self._publish if push else None

    def _publish(self, widget):
        """Push a refreshed scene, unless it is what the page already shows: a training loop
        refreshes every watching widget, and most of them (a 1 MB download link, say) have
        not changed."""
        for wid, w in widgets.mounted.items():
            if w is widget:
                scene = json.dumps(widget.scene())
                if scene != self.sent[wid]:
                    self.sent[wid] = scene
                    self.push(wid, scene)

    def _changed_scenes(self):
        changed = {}
        for wid, w in widgets.mounted.items():
            try:
                scene = json.dumps(w.scene())
            except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - a learner's function may break or hang a widget
                scene = json.dumps({**json.loads(self.sent[wid]), "error": f"{type(exc).__name__}: {exc}"})
            if scene != self.sent[wid]:
                self.sent[wid] = changed[wid] = scene
        return "{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in changed.items()) + "}"

    async def run(self, cell_id, code, check, send):
        stream = _Stream(send)
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = stream
        try:
            outcome = await run_cell(code, self.namespace, cell_id)
            result = await run_check(check, self.namespace, cell_id) if check and outcome.ok else None
        finally:
            sys.stdout, sys.stderr = saved
            stream.flush()
        reply = {"ok": outcome.ok, "value": outcome.value, "error": outcome.error,
                 "interrupted": outcome.interrupted,
                 "check": None if result is None else {"ok": result.ok, "message": result.message,
                                                        "details": result.details}}
        return json.dumps(reply)[:-1] + ',"scenes":' + self._changed_scenes() + "}"

    def event(self, widget_id, event):
        w, event = widgets.mounted[widget_id], json.loads(event)
        try:
            # "set" puts a widget straight into a state (the browser tests walk goals with it).
            w.set_values(event["values"]) if event["type"] == "set" else w.handle(event)
            scene = json.dumps(w.scene())
        except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001
            return json.dumps({"error": f"{type(exc).__name__}: {exc}"})
        self.sent[widget_id] = scene
        return scene
