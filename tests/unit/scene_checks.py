"""Checks shared by the widget tests. assert_scene_fits: what every widget's scene must be
(plain JSON, no more shapes than the test allows, only classes the stylesheet styles inside
an SVG, every coordinate inside the widget's box give or take `slack` user units);
readout: one labelled readout's value."""

import json
import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[2] / "site" / "static" / "css" / "site.css"
SVG_CLASSES = frozenset(c for chain in re.findall(r"svg\.canvas [a-z]*((?:\.[a-z][a-z0-9-]*)+)", CSS.read_text())
                        for c in chain.strip(".").split("."))


def assert_scene_fits(scene, max_shapes=None, slack=0):
    """Check a scene (from widget.scene()); return it as the page would receive it."""
    scene = json.loads(json.dumps(scene))
    if max_shapes is not None:
        assert len(scene["shapes"]) <= max_shapes
    for s in scene["shapes"]:
        assert set(s.get("cls", "").split()) <= SVG_CLASSES, s
        for k in ("x", "cx", "x1", "x2"):
            if k in s:
                assert -slack <= s[k] <= scene["w"] + slack, s
        for k in ("y", "cy", "y1", "y2"):
            if k in s:
                assert -slack <= s[k] <= scene["h"] + slack, s
    return scene


def readout(widget, label):
    """The value of the widget's readout with this label (the test fails if there is none)."""
    found = [r["value"] for r in widget.readouts() if r["label"] == label]
    assert found, f"no readout labelled {label!r} in {widget.readouts()}"
    return found[0]
