"""Every module-7 widget keeps its scene inside its box wherever its points are dragged:
random states on the snap grid, including the edges of the view."""

import random

import pytest

from mlmath import widgets
from scene_checks import assert_scene_fits

CONFIGS = [("vector_add_plane", {"show": "sum", "target": [3, -1]}), ("vector_add_plane", {"show": "scale"}),
           ("vector_add_plane", {"show": "length"}), ("dot_angle_plane", {"projection": True}),
           ("cosine_rank", {}), ("basis_transform", {"target": "shear", "point": [2, 1], "area": True}),
           ("map_composition", {}), ("eigen_direction", {}), ("eigen_direction", {"mode": "power"}), ("svd_ellipse", {})]


@pytest.mark.parametrize("name, config", CONFIGS)
def test_random_states_fit(name, config):
    rng = random.Random(11)
    w = widgets.create(name, config)
    knobs = {k: kn for k, kn in w.knobs.items() if hasattr(kn, "lo")}
    for _ in range(300):
        for k, kn in knobs.items():
            kn.set(rng.choice([kn.lo, kn.hi, rng.uniform(kn.lo, kn.hi)]))
        assert_scene_fits(w.scene())
