"""The gradient_decay widget: the backward walk it plots, the spectral radius, the slider,
the draggable line end, the tanh switch, goals, and the numbers lesson m14-l06 states."""

import math

import pytest

from lesson_kernel import lesson_widget
from mlmath import widgets
from mlmath.show import sci
from mlmath.m14.gradient_decay import grad_norms
from mlmath.m14.two_unit_rnn import M, W_X, inputs
from scene_checks import readout


def make(**config):
    return widgets.create("gradient_decay", config)


@pytest.mark.parametrize("config, words", [
    ({"rho": 2}, "rho must be"),
    ({"rho": True}, "rho must be"),
    ({"steps": 5}, "steps must be"),
    ({"tanh": "yes"}, "tanh must be"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        make(**config)


# The numbers ------------------------------------------------------------------------------

def test_m_is_symmetric_with_eigenvalues_one_and_a_half():
    assert M[0][1] == M[1][0]
    tr, det = M[0][0] + M[1][1], M[0][0] * M[1][1] - M[0][1] * M[1][0]
    disc = math.sqrt(tr * tr / 4 - det)
    assert (tr / 2 + disc, tr / 2 - disc) == pytest.approx((1.0, 0.5))


def test_linear_norms_follow_the_eigen_decomposition():
    """(1, 0) = cos30 u + (-sin30) v, so ||W^k (1,0)|| = sqrt(0.75 rho^2k + 0.25 (rho/2)^2k)."""
    for rho in (0.6, 0.9, 1.0, 1.3):
        norms = grad_norms(rho, 40, False)
        for k, n in enumerate(norms):
            want = math.sqrt(0.75 * rho ** (2 * k) + 0.25 * (rho / 2) ** (2 * k))
            assert n == pytest.approx(want, rel=1e-9)


def test_tanh_norms_are_the_honest_backward_walk():
    """Compare with the finite-difference derivative of one output unit's h_K with respect to h_{K-k}."""
    rho, K = 1.2, 12
    W = [[rho * M[i][j] for j in range(2)] for i in range(2)]
    xs = inputs(K)
    hs = [[0.0, 0.0]]
    for x in xs:
        h = hs[-1]
        hs.append([math.tanh(W[i][0] * h[0] + W[i][1] * h[1] + W_X[i] * x) for i in range(2)])

    def out_from(t, h):          # L = first unit of h_K (so dL/dh_K = (1, 0)), from h_t onward
        for x in xs[t:]:
            h = [math.tanh(W[i][0] * h[0] + W[i][1] * h[1] + W_X[i] * x) for i in range(2)]
        return h[0]
    norms = grad_norms(rho, K, True)
    for k in (1, 4, 9, 12):
        t, eps = K - k, 1e-6
        g = []
        for j in range(2):
            up = list(hs[t]); up[j] += eps
            dn = list(hs[t]); dn[j] -= eps
            g.append((out_from(t, up) - out_from(t, dn)) / (2 * eps))
        assert norms[k] == pytest.approx(math.hypot(*g), rel=1e-6)


def test_tanh_never_beats_the_linear_bound():
    for rho in (0.5, 0.8, 1.0, 1.2, 1.5):
        for k, n in enumerate(grad_norms(rho, 60, True)):
            assert n <= rho ** k * (1 + 1e-12)


# Events ----------------------------------------------------------------------------------

def test_slider_button_drag_and_keys():
    w = make(rho=0.8)
    w.handle({"type": "input", "id": "rho", "value": "1.037"})
    assert w.values()["rho"] == 1.04
    w.handle({"type": "input", "id": "rho", "value": "x"})
    assert w.values()["rho"] == 1.04
    w.handle({"type": "input", "id": "tanh", "value": None})
    assert w.values()["tanh"] == 1 and w.controls()[1]["label"] == "Remove tanh"
    w.handle({"type": "input", "id": "tanh", "value": None})
    assert w.values()["tanh"] == 0
    # dragging the line's far end to height y sets rho with rho^K ending there
    w.handle({"type": "drag", "handle": "rho", "x": 580, "y": w.plot.y(0.9 ** 40)})
    assert w.values()["rho"] == 0.9
    w.handle({"type": "drag", "handle": "rho", "x": 580, "y": -100})
    assert w.values()["rho"] == 1.5
    w.handle({"type": "key", "handle": "rho", "key": "ArrowDown"})
    assert w.values()["rho"] == 1.49
    w.handle({"type": "key", "handle": "rho", "key": "PageDown"})
    assert w.values()["rho"] == 1.39


def test_readouts_and_handle_label():
    w = make(rho=1.1)
    assert readout(w, "k = 40") == "39"
    assert readout(w, "\u03c1\u2074\u2070") == "45"
    handle = [s for s in w.shapes() if s.get("handle") == "rho"][0]
    assert handle["label"].startswith("spectral radius") and handle["value"] == "rho = 1.10"


def test_clipped_dots_are_marked_and_pinned_to_the_box():
    w = make(rho=1.5, steps=60)                          # 0.866 * 1.5^60 is far above 10^8
    dots = [s for s in w.shapes() if s["t"] == "circle" and "handle" not in s]
    assert len(dots) == 61 and dots[-1]["cls"] == "accent2" and dots[0]["cls"] == "accent"
    assert dots[-1]["cy"] == w.plot.y(1e8)


# The lesson -----------------------------------------------------------------------------

def test_lesson_goal_and_the_band_it_describes():
    w = lesson_widget("m14-l06", "decay")
    assert not w.goal_met()
    linear = [r / 100 for r in range(50, 151) if (w.set_values({"rho": r / 100, "tanh": 0}) or w.goal_met())]
    assert linear == [r / 100 for r in range(95, 107)]      # "a thin band around 1"
    with_tanh = [r / 100 for r in range(50, 151) if (w.set_values({"rho": r / 100, "tanh": 1}) or w.goal_met())]
    assert with_tanh and min(with_tanh) > 1.0              # reachable with tanh too, a little above 1


def test_numbers_stated_in_the_prose():
    assert sci(grad_norms(0.8, 40, False)[40]) == "1.2\u00d710\u207b\u2074"
    assert round(grad_norms(1.1, 40, False)[40]) == 39
    assert f"{grad_norms(1.0, 40, False)[40]:.2f}" == "0.87" and f"{grad_norms(1.0, 40, True)[40]:.3f}" == "0.016"
    assert grad_norms(1.0, 40, False)[40] == pytest.approx(math.cos(math.pi / 6))      # 0.866 rho^k
    assert grad_norms(1.5, 40, True)[40] < 1e-6                                        # tanh at 1.5 vanishes
    # the dots bend early, then run parallel to the line, at 0.866 rho^k
    n = grad_norms(0.8, 40, False)
    assert n[1] / 0.8 < 0.95 and n[30] / 0.8 ** 30 == pytest.approx(0.866, abs=1e-3)
    # the quiz: smallest k with 0.9^k < 0.001
    assert min(k for k in range(1, 200) if 0.9 ** k < 0.001) == 66
