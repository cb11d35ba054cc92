"""m05-l04's product-rule quiz: its answer is the rule's, and no half of the rule lands within
its tolerance (at x = π/2 the old quiz let f′·g alone pass, since f·g′ vanished there)."""

import math

from lesson_kernel import lesson_part

QUIZ = lesson_part("m05-l04", "quiz", "product-at-a-point").data


def test_the_answer_is_the_product_rule_and_each_wrong_method_misses():
    x, e = 1.0, math.exp(1.0)
    f, df, g, dg = x, 1.0, e, e                   # x · eˣ at x = 1
    assert abs(df * g + f * dg - QUIZ["answer"]) < 1e-5
    assert abs(2 * 2.718 - QUIZ["answer"]) <= QUIZ["tolerance"]   # with the prompt's e ≈ 2.718
    for wrong in (df * dg, df * g, f * dg, f * g):  # f′g′, either term alone, the product itself
        assert abs(wrong - QUIZ["answer"]) > 10 * QUIZ["tolerance"]
