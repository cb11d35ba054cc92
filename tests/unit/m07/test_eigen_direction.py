"""eigen_direction and svd_ellipse: v snaps onto eigen-directions where Av = λv; power
iteration swings any start onto the dominant direction, its estimate tending to the top
eigenvalue; the unit circle's image has half-axes σ₁, σ₂ with M v_k = σ_k u_k and
σ₁σ₂ = |det M|. And the numbers m07-l05 states."""

import math
import random

import pytest

from mlmath import widgets
from mlmath.m07.eigen_direction import eigen2
from mlmath.m07.svd_ellipse import svd2
from mlmath.widgets.plane import apply
from scene_checks import readout


def test_eigen2_finds_av_equals_lambda_v():
    rng = random.Random(2)
    for _ in range(500):
        M = [[rng.randint(-6, 6) / 2 for _ in range(2)] for _ in range(2)]
        try:
            pairs = eigen2(M)
        except ValueError:
            (a, b), (c, d) = M
            assert (a + d) ** 2 - 4 * (a * d - b * c) < 0
            continue
        for lam, v in pairs:
            w = apply(M, v)
            assert abs(w[0] - lam * v[0]) < 1e-9 and abs(w[1] - lam * v[1]) < 1e-9, (M, lam, v)


def test_v_snaps_onto_the_eigen_directions_of_the_lessons_matrix():
    w = widgets.create("eigen_direction", {"matrix": [[2, 1], [1, 2]], "angle": 20})
    assert w.values()["aligned"] == 0 and w.values()["lam"] is None
    assert readout(w, "λ") == "not an eigenvector"
    for angle, lam in [(45, 3), (43, 3), (225, 3), (135, 1), (137, 1), (315, 1)]:
        w.set_values({"angle": angle})
        v = w.values()
        assert v["aligned"] == 1 and abs(v["lam"] - lam) < 1e-9, (angle, v)
    w.set_values({"angle": 40})          # 5 degrees off: no snap, Av leaves v's line
    assert w.values()["aligned"] == 0 and w.values()["gap"] > 1
    w.handle({"type": "key", "handle": "v", "key": "ArrowRight"})
    assert w.values()["angle"] == 41
    w.handle({"type": "drag", "handle": "v", "x": w.plane.x(-1), "y": w.plane.y(1)})
    assert w.values()["angle"] == 135 and w.values()["aligned"] == 1
    # the lesson's worked numbers
    assert apply([[2, 1], [1, 2]], (1, 1)) == (3, 3) and apply([[2, 1], [1, 2]], (1, -1)) == (1, -1)
    assert (59049 + 1) / 2 == 29525 and 3 ** 10 == 59049


def test_power_iteration_converges_to_the_dominant_direction():
    w = widgets.create("eigen_direction", {"mode": "power", "matrix": [[2, 1], [1, 2]], "angle": 120})
    gaps = []
    for k in range(0, 13):
        w.set_values({"k": k})
        gaps.append(w.values()["gap"])
    assert w.values()["start_gap"] > 60 and math.isclose(gaps[0], 75)
    assert all(b < a for a, b in zip(gaps, gaps[1:]))
    assert gaps[4] > 1 > gaps[5]                   # the goal's solution k = 5 is the first that works
    assert [round(g) for g in gaps[:4]] == [75, 51, 23, 8]   # the angles the lesson names
    for a, b in zip(gaps[:8], gaps[1:8]):         # each step divides the angle's tangent by 3
        assert math.isclose(math.tan(math.radians(b)) / math.tan(math.radians(a)), 1 / 3, rel_tol=1e-4)
    assert all(0.32 < b / a < 0.35 for a, b in zip(gaps[3:], gaps[4:]))   # and, once small, the angle itself
    assert abs(w.values()["estimate"] - 3) < 1e-6
    w.set_values({"angle": 135, "k": 12})          # exactly on the other eigen-line: it stays there
    assert math.isclose(w.values()["gap"], 90) and abs(w.values()["estimate"] - 1) < 1e-9


def test_svd_of_the_lessons_matrices():
    w = widgets.create("svd_ellipse", {"i": [2, 1], "j": [1, 2]})
    assert math.isclose(w.values()["s1"], 3) and math.isclose(w.values()["s2"], 1)
    w.set_values({"ix": 1, "iy": 0, "jx": 1, "jy": 1})          # the shear
    v = w.values()
    assert round(v["s1"], 3) == 1.618 and round(v["s2"], 3) == 0.618 and math.isclose(v["s1"] * v["s2"], 1)
    assert eigen2([[1, 1], [0, 1]])[0][0] == 1 and eigen2([[1, 1], [0, 1]])[1][0] == 1
    assert math.isclose(math.hypot(*apply([[1, 1], [0, 1]], (0, 1))), math.sqrt(2))
    w.set_values({"ix": 0, "iy": 2, "jx": -2, "jy": 0})
    assert math.isclose(w.values()["s1"], 2) and math.isclose(w.values()["s2"], 2)
    assert readout(w, "σ₁") == "2"


def test_svd_holds_for_random_matrices():
    rng = random.Random(4)
    for _ in range(500):
        M = [[rng.uniform(-3, 3) for _ in range(2)] for _ in range(2)]
        s1, s2, v1, v2, u1, u2 = svd2(M)
        assert s1 >= s2 >= 0
        for s, v, u in ((s1, v1, u1), (s2, v2, u2)):
            w = apply(M, v)
            assert abs(w[0] - s * u[0]) < 1e-9 and abs(w[1] - s * u[1]) < 1e-9
        assert abs(v1[0] * v2[0] + v1[1] * v2[1]) < 1e-12
        assert math.isclose(s1 * s2, abs(M[0][0] * M[1][1] - M[0][1] * M[1][0]), abs_tol=1e-9)
        # σ₁ is the largest stretch of any unit arrow
        for t in range(0, 360, 15):
            p = (math.cos(math.radians(t)), math.sin(math.radians(t)))
            assert math.hypot(*apply(M, p)) <= s1 + 1e-9


@pytest.mark.parametrize("config, words", [({"matrix": [[0, -1], [1, 0]]}, "no real eigenvalues"),
                                           ({"mode": "svd"}, "mode"), ({"k": 20}, "k"), ({"matrix": [[1, 2]]}, "matrix")])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("eigen_direction", config)
