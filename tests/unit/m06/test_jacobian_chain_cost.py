"""jacobian_chain_cost: the multiply-add counts of the two orders (a x b times b x c costs abc),
the lesson's 11,000,000 for the output-first order, the goal unmet at the start, and both
orders costing the same when every size is equal."""

from mlmath import widgets
from mlmath.m06.jacobian_chain_cost import costs


def mul_cost(A, B):
    return A[0] * A[1] * B[1]


def test_the_counts_follow_the_shapes():
    for n, h1, h2, m in ((10, 10, 10, 1), (10000, 1000, 1000, 1), (1, 100, 10, 1000)):
        J1, J2, J3 = (h1, n), (h2, h1), (m, h2)
        fwd = mul_cost(J2, J1) + mul_cost(J3, (h2, n))
        rev = mul_cost(J3, J2) + mul_cost((m, h1), J1)
        assert costs(n, h1, h2, m) == (fwd, rev)


def test_the_lessons_numbers():
    w = widgets.create("jacobian_chain_cost", {"n": 10, "h1": 10, "h2": 10, "m": 1})
    v = w.values()
    assert (v["fwd"], v["rev"]) == (1100, 200) and not v["fwd"] >= 100 * v["rev"]
    w.set_values({"n": 10000, "h1": 1000, "h2": 1000})
    v = w.values()
    assert v["rev"] == 11_000_000 and v["fwd"] >= 100 * v["rev"]


def test_many_outputs_and_few_inputs_favour_the_input_end():
    fwd, rev = costs(1, 100, 100, 10000)
    assert fwd < rev
    assert costs(100, 100, 100, 100)[0] == costs(100, 100, 100, 100)[1]
