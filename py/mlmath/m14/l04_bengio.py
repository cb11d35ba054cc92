"""Lesson m14-l04's code: the tiny Bengio model's alphabet, and turning text into the
(context, next) windows it trains on. The embedding_drift widget reads text the same way."""

import re

ALPHABET = " aeioutnshr"
OTHER = "\u00b7"
SYMBOLS = list(ALPHABET) + [OTHER]


def squash(text):
    """Lowercase; keep the alphabet; other letters become ·, everything else a space; collapse spaces."""
    out = []
    for ch in text.lower():
        out.append(ch if ch in ALPHABET else OTHER if ch.isalpha() else " ")
    return re.sub(" +", " ", "".join(out))


def encode(text):
    """Symbol indices of already-squashed text (any character outside the alphabet counts as ·)."""
    index = {s: i for i, s in enumerate(SYMBOLS)}
    other = index[OTHER]
    return [index.get(ch, other) for ch in text]


def windows(ids, n):
    """(context tuple, next index) for every position that has n symbols before it."""
    return [(tuple(ids[i:i + n]), ids[i + n]) for i in range(len(ids) - n)]
