"""mlp_param_counter: each layer from m to n holds m·n + n parameters; the lesson's numbers
(the 2-3-2 network holds 17, 784-126-10 is the narrowest past 100,000 at 100,180, each unit
costs 795, GPT-2 small's MLP 768-3072-768 holds 4,722,432)."""

from mlmath import widgets
from mlmath.m11.mlp_param_counter import layer_counts


def make(**config):
    return widgets.create("mlp_param_counter", config)


def test_a_layer_holds_m_times_n_weights_and_n_biases():
    assert layer_counts([2, 3, 2]) == [(6, 3), (6, 2)] and sum(map(sum, layer_counts([2, 3, 2]))) == 17


def test_the_narrowest_layer_past_100000():
    w = make(inputs=784, width=125, depth=1, outputs=10)
    assert w.values()["total"] == 99385
    w.set_values({"width": 126})
    assert w.values()["total"] == 100180 == 99385 + 795


def test_gpt2_small_mlp():
    w = make(inputs=768, width=3072, depth=1, outputs=768)
    assert w.values()["total"] == 4722432


def test_depth_repeats_the_hidden_layer():
    w = make(inputs=10, width=10, depth=3, outputs=10)
    assert w.values()["total"] == 4 * 110
    w.handle({"type": "input", "id": "depth", "value": 1})
    assert w.values()["total"] == 220
