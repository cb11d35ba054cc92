"""Byte-level BPE for lesson m17-l02 (How a tokenizer is built), in plain Python.

The same few functions the learner writes on the page, used by the lesson's widgets
(bpe_merge_stepper, bpe_merge_replay) and its tests:

    count_pairs(ids)            {(a, b): how often a is followed by b}, in first-seen order
    top_pair(ids)               the most frequent pair; a tie goes to the pair seen first
    merge(ids, pair, new_id)    one left-to-right pass replacing each a, b with new_id
    train(text, n)              n greedy merges -> {pair: new id}, ids 256, 257, ... in order
    encode(text, merges)        replay the merges, in training order, on new text
    vocab(merges)               id -> the bytes it stands for
    label(bs)                   a token's bytes as a picture shows them

MERGES is the table `train(shakespeare()[:SLICE], COUNT)` makes, recorded so the
widgets need not fetch tiny-shakespeare to draw; tests/unit/test_widget_bpe_merge_replay.py
retrains it and checks the two agree.
"""

SLICE, COUNT = 4000, 50

MERGES = [
    (101, 32), (116, 32), (116, 104), (115, 32), (111, 117), (44, 32), (101, 110), (100, 32), (114, 32),
    (105, 116), (121, 32), (105, 110), (97, 110), (58, 10), (10, 10), (111, 110), (115, 257), (108, 108),
    (114, 101), (111, 32), (121, 260), (265, 105), (258, 256), (277, 122), (279, 262), (258, 101), (97, 114),
    (105, 114), (67, 280), (284, 269), (46, 270), (104, 97), (111, 114), (116, 275), (110, 111), (101, 114),
    (115, 116), (70, 283), (273, 32), (105, 259), (105, 99), (293, 272), (297, 285), (104, 101), (101, 115),
    (97, 116), (112, 101), (32, 119), (104, 256), (111, 264),
]


def table():
    """The recorded merge table as {pair: new id}, in training order."""
    return {pair: 256 + k for k, pair in enumerate(MERGES)}


def count_pairs(ids):
    counts = {}
    for pair in zip(ids, ids[1:]):
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def top_pair(ids):
    counts = count_pairs(ids)
    return max(counts, key=counts.get) if counts else None


def merge(ids, pair, new_id):
    out, i, a, b = [], 0, pair[0], pair[1]
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == a and ids[i + 1] == b:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def train(text, n):
    ids, merges = list(text.encode("utf-8")), {}
    for k in range(n):
        pair = top_pair(ids)
        if pair is None:
            break
        ids = merge(ids, pair, 256 + k)
        merges[pair] = 256 + k
    return merges


def encode(text, merges, k=None):
    """text -> ids, replaying the first k merges (all of them when k is None) in training order."""
    ids = list(text.encode("utf-8"))
    for n, (pair, new_id) in enumerate(merges.items()):
        if k is not None and n >= k:
            break
        ids = merge(ids, pair, new_id)
    return ids


def vocab(merges):
    out = {i: bytes([i]) for i in range(256)}
    for (a, b), new_id in merges.items():
        out[new_id] = out[a] + out[b]
    return out


def decode(ids, merges):
    v = vocab(merges)
    return b"".join(v[i] for i in ids).decode("utf-8", errors="replace")


def label(bs):
    """A token's bytes for a picture: visible space and newline, hex for a piece of a character."""
    try:
        text = bs.decode("utf-8")
    except UnicodeDecodeError:
        return " ".join(f"{b:02X}" for b in bs)
    return text.replace(" ", "\u2423").replace("\n", "\u23ce").replace("\t", "\u21e5")
