"""The bigram tables that bigram_descent and smoothing_vs_l2 both learn from: a small
alphabet plus one bucket for every other character, pair counts over a slice of
tiny-shakespeare, the average negative log-likelihood a table scores on them, and the
column of row buttons both widgets pick a row with."""

import math

from ..show import char, fixed
from ..widgets import shapes as S

OTHER = "\u00b7"          # the bucket for every character outside the alphabet


def symbols(alphabet):
    return list(alphabet) + [OTHER]


def key_name(sym):
    """How a symbol is named in goal checks: p_sp, p_e, p_other."""
    return "sp" if sym == " " else "other" if sym == OTHER else sym


def encode(text, alphabet):
    index = {ch: i for i, ch in enumerate(alphabet)}
    other = len(alphabet)
    return [index.get(ch, other) for ch in text]


def count_table(text, alphabet):
    """N[a][b]: how often symbol b follows symbol a in text (outside characters in the · bucket)."""
    ids = encode(text, alphabet)
    V = len(alphabet) + 1
    N = [[0] * V for _ in range(V)]
    for a, b in zip(ids, ids[1:]):
        N[a][b] += 1
    return N


def avg_nll(P, N):
    """Average negative log-likelihood of table P on the pairs counted in N (inf if P gives a seen pair 0)."""
    n = sum(map(sum, N))
    total = 0.0
    for row_p, row_n in zip(P, N):
        for p, c in zip(row_p, row_n):
            if c:
                if p <= 0:
                    return math.inf
                total -= c * math.log(p)
    return total / n


def count_probs(N):
    return [[c / sum(row) for c in row] for row in N]


def fmt(v, digits=3):
    """An NLL: a table that gives a seen pair probability 0 scores infinity."""
    return "\u221e" if v == math.inf else fixed(v, digits)


def load_text(chars, start=0):
    from mlmath.data import shakespeare
    return shakespeare()[start:start + chars]


def check_alphabet(alphabet, who):
    if not isinstance(alphabet, str) or not 2 <= len(alphabet) <= 9 or len(set(alphabet)) != len(alphabet) \
            or OTHER in alphabet:
        raise ValueError(f"{who}: alphabet must be 2 to 9 distinct characters, e.g. \" etoah\"")


def context_index(widget, syms, name):
    """The row a goal names (by key_name: "t", "sp", "other")."""
    names = [key_name(s) for s in syms]
    if name not in names:
        raise ValueError(f"{widget}: context must be one of {names}, not {name!r}")
    return names.index(name)


def context_buttons(syms, context, caption, what):
    """The column of row buttons, one handle "ctx:i" each; the chosen row is lit."""
    out = [S.text(32, 18, caption, "small muted")]
    for i, s in enumerate(syms):
        y, on = 30 + i * 34, i == context
        out.append(S.handle(S.rect(8, y, 48, 28, "accent3" if on else "", rx=5), f"ctx:{i}",
                            f"{what} {char(s)}", "selected" if on else "not selected"))
        out.append(S.text(22 if what == "context" else 32, y + 19, char(s), "label"))
        if what == "context":
            out.append(S.text(44, y + 19, "1" if on else "0", "small"))
    return out


def context_event(event, V, context):
    """The row a click or key on a row button picks: the button itself, or Up/Down/Home/End
    from the current row (wrapping at the ends, as a list box does)."""
    handle = str(event.get("handle", ""))
    if not (handle.startswith("ctx:") and handle[4:].isdigit() and int(handle[4:]) < V):
        return context
    key = event.get("key")
    if event.get("type") == "drag" or key == "Enter":
        return int(handle[4:])
    step = {"ArrowDown": 1, "ArrowUp": -1}.get(key)
    if step:
        return (context + step) % V
    return {"Home": 0, "End": V - 1}.get(key, context)
