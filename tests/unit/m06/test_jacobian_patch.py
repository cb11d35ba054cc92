"""jacobian_patch: each map's Jacobian matches central differences; the image of a tiny square
approaches J's parallelogram (the gap over s falls like s) and its area over s² approaches
|det J| (5 at (1, 0.5) for (x² − y², 2xy), as m06-l04 states); det J vanishes at the origin."""

import pytest

from mlmath import widgets
from mlmath.m06.jacobian_patch import MAPS


def widget(**config):
    return widgets.create("jacobian_patch", config)


@pytest.mark.parametrize("name", sorted(MAPS))
@pytest.mark.parametrize("p", [(1, 0.5), (-0.7, 1.3), (0.2, -1.1)])
def test_the_jacobian_matches_central_differences(name, p):
    F, J = MAPS[name][0], MAPS[name][1]
    h = 1e-5
    for j in range(2):
        up = [p[0] + h * (j == 0), p[1] + h * (j == 1)]
        down = [p[0] - h * (j == 0), p[1] - h * (j == 1)]
        col = [(a - b) / (2 * h) for a, b in zip(F(*up), F(*down))]
        for i in range(2):
            assert abs(col[i] - J(*p)[i][j]) < 1e-8     # central difference error ~h² |F'''| < 1e-9


@pytest.mark.parametrize("name", sorted(MAPS))
def test_a_tiny_square_becomes_js_parallelogram(name):
    w = widget(map=name, x=1, y=0.5)
    gaps, ratios = [], []
    for s in (1, 0.1, 0.01):
        w.set_values({"s": s})
        v = w.values()
        gaps.append(v["gap"])
        ratios.append(v["area_ratio"])
    assert gaps[2] < 0.01 and gaps[1] < gaps[0] and gaps[2] < gaps[1]
    assert abs(ratios[2] - abs(w.values()["det"])) < 0.01 * max(1, abs(w.values()["det"]))


def test_the_lessons_numbers():
    w = widget(map="square", x=1, y=0.5, s=1)
    v = w.values()
    assert [v["j11"], v["j12"], v["j21"], v["j22"]] == [2, -1, 1, 2] and v["det"] == 5 and v["gap"] >= 0.01
    w = widget(map="square", x=1, y=-1, s=0.3)
    assert abs(w.values()["det"]) >= 0.05
    w.set_values({"x": 0, "y": 0})
    assert w.values()["det"] == 0
