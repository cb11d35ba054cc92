"""Three toy tokenizers for lesson m17-l01 (Text becomes integers), in pure Python.

    character   the 65 characters of tiny-shakespeare, sorted: exactly mlmath.gpt.tokenizer's vocabulary
    word        every piece (a word with the space before it, a punctuation mark, a newline) seen in
                the first `n` characters of tiny-shakespeare; anything else becomes UNK
    subword     the 65 characters plus the first k merges of MERGES, a byte-pair-style merge table
                trained on the first TRAIN_CHARS characters

MERGES is recorded here because training it takes seconds in CPython and far longer in the
page; tests/unit/test_widget_tokenizer_compare.py retrains it with `train_merges` and checks
that it matches, entry for entry.
"""

import re
from collections import Counter

# The vocabulary of the character tokenizer: sorted(set(shakespeare())), 65 characters.
CHARS = "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
UNK = "<UNK>"
TRAIN_CHARS = 100_000           # the merge table and the default word vocabulary see this much text
HELD_OUT = 20_000               # the cost curve is measured on the last HELD_OUT characters
N_MERGES = 500

# A piece: a run of letters (and apostrophes) with at most one space in front of it, or one other
# non-space character with at most one space in front, or one whitespace character. Every character
# of a text lands in exactly one piece, so "".join(pieces(text)) == text.
PIECE = re.compile(r" ?[A-Za-z']+| ?[^A-Za-z'\s]|\s")


def pieces(text):
    return PIECE.findall(text)


def show(token):
    """A token as the page draws it: a space as ␣, a newline as ↵."""
    return token.replace(" ", "\u2423").replace("\n", "\u21b5").replace("\t", "\u21e5")


def corpus():
    from mlmath.data import shakespeare
    return shakespeare()


_WORDS = {}


def word_vocab(n=TRAIN_CHARS):
    """The word tokenizer's vocabulary: the distinct pieces of the first n characters, sorted."""
    if n not in _WORDS:
        _WORDS.clear()
        _WORDS[n] = sorted(set(pieces(corpus()[:n])))
    return _WORDS[n]


def train_merges(text, k):
    """Byte-pair-style training: start from single characters inside each piece, and k times merge
    the adjacent pair that occurs most often (ties: the pair that sorts first)."""
    freq = Counter(pieces(text))
    seqs = {w: list(w) for w in freq}
    pairs = Counter()
    where = {}
    for w, f in freq.items():
        s = seqs[w]
        for p in zip(s, s[1:]):
            pairs[p] += f
            where.setdefault(p, set()).add(w)
    merges = []
    for _ in range(k):
        live = [p for p, c in pairs.items() if c > 0]
        if not live:
            break
        best = min(live, key=lambda p: (-pairs[p], p))
        a, b = best
        merges.append(best)
        for w in list(where.get(best, ())):
            s, f = seqs[w], freq[w]
            for p in zip(s, s[1:]):
                pairs[p] -= f
            seqs[w] = s = merge_once(s, a, b)
            for p in zip(s, s[1:]):
                pairs[p] += f
                where.setdefault(p, set()).add(w)
    return merges


def merge_once(seq, a, b):
    """seq with every non-overlapping (a, b), read left to right, joined into a + b."""
    out, i = [], 0
    while i < len(seq):
        if i + 1 < len(seq) and seq[i] == a and seq[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(seq[i])
            i += 1
    return out


_RANKS = {}


def ranks():
    if not _RANKS:
        _RANKS.update({tuple(p): r for r, p in enumerate(MERGES)})
    return _RANKS


def encode_piece(piece, k, applied=None):
    """The subword tokens of one piece with the first k merges: repeatedly apply the earliest-learned
    merge that fits (the same result as replaying merges 0..k-1 in order). `applied`, a list, collects
    the rank of every single join made."""
    seq = list(piece)
    table = ranks()
    while len(seq) > 1:
        best = None
        for p in zip(seq, seq[1:]):
            r = table.get(p)
            if r is not None and r < k and (best is None or r < best):
                best = r
        if best is None:
            break
        a, b = MERGES[best]
        new = merge_once(seq, a, b)
        if applied is not None:
            applied.extend([best] * (len(seq) - len(new)))
        seq = new
    return seq


def tokenize(text, kind, k=N_MERGES, n=TRAIN_CHARS):
    """[(token, known)] for kind 'char', 'word' or 'subword'. A character outside the 65 is unknown to
    every tokenizer here; a piece outside the word vocabulary is unknown to the word tokenizer."""
    if kind == "char":
        return [(c, c in CHARS) for c in text]
    if kind == "word":
        vocab = set(word_vocab(n))
        return [(p, p in vocab) for p in pieces(text)]
    if kind != "subword":
        raise ValueError(f"kind is 'char', 'word' or 'subword', not {kind!r}")
    return [(t, all(c in CHARS for c in t)) for p in pieces(text) for t in encode_piece(p, k)]


def held_out():
    return corpus()[-HELD_OUT:]


def subword_curve(text=None):
    """tokens[k]: how many subword tokens `text` (the held-out passage by default) takes with the
    first k merges, for k = 0..len(MERGES)."""
    text = held_out() if text is None else text
    drop = [0] * len(MERGES)          # drop[r]: tokens merge r saves on the text
    for p, f in Counter(pieces(text)).items():
        applied = []
        encode_piece(p, len(MERGES), applied)
        for r in applied:
            drop[r] += f
    tokens = [len(text)]
    for d in drop:
        tokens.append(tokens[-1] - d)
    return tokens


# Recorded by train_merges(corpus()[:TRAIN_CHARS], N_MERGES).
MERGES = [
    (' ', 't'), ('h', 'e'), ('o', 'u'), (' ', 'a'), (' t', 'he'), (' ', 's'), (' ', 'w'),
    ('r', 'e'), ('h', 'a'), ('i', 'n'), (' ', 'm'), (' ', 'b'), ('n', 'd'), ('i', 't'), ('o', 'n'),
    ('e', 'r'), (' ', 'y'), ('o', 'r'), ('e', 's'), ('l', 'l'), ('i', 's'), ('e', 'n'), (' ', 'c'),
    (' ', 'f'), (' y', 'ou'), (' ', 'p'), ('U', 'S'), (' ', 'h'), (' ', 'n'), ('a', 'r'),
    (' ', 'd'), (' t', 'o'), (' ', 'o'), ('u', 's'), ('ha', 't'), ('v', 'e'), ('a', 't'),
    (' ', 'he'), ('l', 'e'), ('o', 'm'), (' ', 'g'), (' n', 'o'), ('I', 'US'), ('a', 'n'),
    (' b', 'e'), (' a', 'nd'), ('i', 'r'), (' o', 'f'), ('o', 'w'), ('s', 't'), (' t', 'h'),
    (' ', 'ha'), (' ', 'I'), (' ', 'l'), ('in', 'g'), ('l', 'd'), ('N', 'IUS'), ('c', 'e'),
    (' ', 'in'), ('ou', 'r'), ('e', 'd'), ('i', 'm'), ('s', 'e'), ('a', 'y'), ('i', 'c'),
    ('u', 't'), (' w', 'e'), ('it', 'h'), (' you', 'r'), ('e', 't'), (' no', 't'), (' t', 'hat'),
    (' f', 'or'), ('T', 'he'), ("'", 's'), ('om', 'e'), (' h', 'im'), ('C', 'O'), ('o', 'o'),
    ('k', 'e'), ('O', 'L'), (' ha', 've'), (' ', 'it'), (' ', 'C'), (' s', 't'), (' ', 'e'),
    (' ', 're'), ('g', 'h'), ('r', 'i'), (' ', 'is'), ('he', 'r'), (' w', 'ith'), ("'", 'd'),
    ('I', 'NIUS'), (' h', 'is'), (' m', 'y'), ('o', 't'), ('ou', 'ld'), (' m', 'e'), ('i', 'll'),
    ('en', 't'), ('i', 'us'), (' ', 'v'), ('l', 'y'), ('R', 'I'), ('o', 're'), (' ', 'on'),
    ('a', 's'), ('it', 'i'), ('a', 'd'), ('i', 'd'), ('E', 'N'), ('E', 'NIUS'), ('EN', 'ENIUS'),
    ('M', 'ENENIUS'), ('a', 'l'), (' a', 's'), (' the', 'm'), ('c', 'h'), (' d', 'o'), ('A', 'N'),
    ('AN', 'US'), ('CO', 'RI'), ('CORI', 'OL'), ('CORIOL', 'ANUS'), ('A', 'nd'), ('u', 'r'),
    ('ha', 'n'), ('u', 'n'), ('o', 'l'), (' a', 're'), (' the', 'ir'), ('r', 'a'), (' ', 'our'),
    ('ha', 'll'), ('i', 'on'), ('z', 'en'), ('e', 'a'), ('iti', 'zen'), ('oo', 'd'), ('t', 'h'),
    ('o', 'p'), (' w', 'h'), ("'", 't'), (' b', 'ut'), (' ', 'us'), (' s', 'o'), ('gh', 't'),
    ('H', 'e'), (' s', 'p'), (' the', 'y'), ('C', 'INIUS'), ('I', 'CINIUS'), ('S', 'ICINIUS'),
    ('W', 'e'), ('a', 'in'), ('ir', 'st'), ('t', 'er'), ('T', 'h'), ('T', 'o'), ('v', 'er'),
    (' p', 'r'), (' s', 'hall'), (' w', 'or'), ('T', 'US'), ('es', 's'), ('es', 't'), ('i', 'f'),
    ('u', 'l'), (' a', 'll'), (' w', 'ill'), ('u', 'p'), (' ', 'k'), ('B', 'R'), ('BR', 'U'),
    ('BRU', 'TUS'), (' ', 'r'), (' he', 'ar'), ('e', 'c'), (' c', 'on'), (' s', 'h'), ('ic', 'h'),
    ('a', 'ke'), (' a', 'n'), ('us', 't'), (' ', 'le'), (' g', 'o'), ('e', 'e'), (' th', 'is'),
    ('T', 'hat'), (' p', 'e'), (' w', 'he'), ('b', 'le'), (' ', 'M'), (' C', 'itizen'), (' c', 'a'),
    (' pe', 'op'), (' peop', 'le'), ('F', 'irst'), (' d', 'e'), (' l', 'i'), ('I', 'A'), ('W', 'h'),
    ('Y', 'ou'), ('A', 'R'), ('on', 'e'), (' w', 'hat'), ('c', 'k'), ('d', 's'), ('i', 've'),
    (' w', 'ould'), ('ar', 'c'), ('i', 'l'), ('n', 'ow'), ('v', 'es'), (' a', 't'), (' s', 'u'),
    (' t', 'han'), ('e', 'nd'), ('ou', 't'), ('arc', 'ius'), (' ', 'up'), (' c', 'om'),
    (' g', 'ood'), ('a', 'nd'), ('a', 'm'), (' l', 'o'), ('at', 'e'), ('o', 'nd'), ('u', 'e'),
    (' ', 'R'), (' m', 'an'), ('W', 'hat'), ('er', 's'), (' M', 'arcius'), (' b', 'y'), ('CO', 'M'),
    ('COM', 'INIUS'), ('W', 'he'), ('se', 'l'), (' m', 'ore'), (' th', 'ou'), ("'", 'll'),
    ('e', 'm'), ('i', 'e'), ('it', 'y'), (' n', 'e'), ('g', 'e'), ('r', 'y'), ('u', 'm'),
    (' f', 'a'), (' k', 'now'), ('an', 't'), ('ea', 'k'), (' c', 'an'), ('g', 'ain'), ('on', 'g'),
    ('ou', 'nd'), (' ', 'hat'), (' ', 'if'), (' o', "'"), (' w', 'as'), ('A', 's'), ('c', 't'),
    ('e', 'll'), ('ou', 's'), (' d', 'is'), (' s', 'ay'), (' t', 'r'), (' v', 'o'), ('M', 'N'),
    ('MN', 'IA'), ('OL', 'U'), ('OLU', 'MNIA'), ('V', 'OLUMNIA'), ('r', 'om'), (' m', 'ust'),
    (' s', 'ir'), ('i', 'ce'), ('o', 'st'), (' ha', 'd'), (' the', 'n'), ('AR', 'C'),
    ('ARC', 'IUS'), ('o', 'se'), ('ou', 'n'), (' ', 'S'), (' ', 'en'), (' on', 'e'), (' sp', 'eak'),
    (' we', 're'), ('M', 'ARCIUS'), ('ar', 't'), ('ic', 'es'), ('in', 'd'), ('t', 'her'),
    ('u', 're'), (' m', 'ake'), (' we', 'll'), ('a', 've'), ('f', 'ore'), ('on', 'our'), (' ', "'"),
    (' wh', 'ich'), ('I', 'n'), ('O', 'f'), ('W', 'ith'), ('e', 'ar'), ('re', 'at'), (' p', 're'),
    (' s', 'ee'), ('a', 'st'), ('at', 'or'), ('i', 'ght'), ('ow', 'er'), (' ', 'A'), (' ', 'or'),
    (' R', 'ome'), (' con', 's'), (' he', 're'), (' s', 'w'), (' up', 'on'), ('L', 'et'),
    ('in', 'e'), ('w', 'n'), (' a', 'l'), (' d', 'id'), (' no', 'w'), (' w', 'ar'), (' whe', 'n'),
    ('en', 'ator'), ('i', 'ol'), ('i', 're'), (' ', "'t"), (' b', 'l'), (' le', 't'),
    (' sh', 'ould'), ('F', 'or'), ('ri', 'b'), (' a', 'm'), (' p', 'ower'), (' the', 're'),
    (' vo', 'ices'), ('B', 'e'), ('en', 'ce'), ('i', 'le'), (' a', 'gain'), (' b', 'r'),
    (' f', 'rom'), (' hear', 't'), ('Y', 'our'), ('ar', 'd'), ('in', 'k'), ('is', 'h'),
    ('ou', 'gh'), ('q', 'u'), ('v', 'en'), (' ', 'out'), (' h', 'onour'), (' li', 'ke'), ('l', 'a'),
    ('or', 'iol'), ('ot', 'h'), (' cons', 'ul'), (' g', 'ive'), (' m', 'ad'), (' no', 'ble'),
    (' the', 'e'), (' a', 'r'), (' d', 'es'), (' f', 'o'), ('T', 'han'), ('Wh', 'ich'), ('at', 'h'),
    ('ow', 'n'), ('rib', 'un'), ('ve', 'd'), (' go', 'ds'), (' of', 'f'), (' s', 'a'), (' th', 'y'),
    ('ec', 'ond'), ('i', 'es'), ('ot', 'her'), (' ', 'un'), (' com', 'm'), (' f', 'ri'),
    (' whe', 're'), ('B', 'ut'), ('ar', 'k'), ('at', 'ion'), ('i', 'er'), ('im', 'e'), ('oun', 't'),
    (' ', 'T'), (' ', 'i'), (' C', 'oriol'), (' c', 'ome'), (' fri', 'end'), (' p', 'o'),
    (' w', 'ay'), ('N', 'o'), ('The', 'y'), ('d', 'e'), ('e', 'p'), ('i', 'p'), ('is', 'e'),
    ('o', 'ld'), ('p', 'p'), ('sel', 'f'), (' a', 'b'), (' be', 'ar'), (' e', 'ver'),
    (' g', 'reat'), (' p', 'art'), (' s', 'e'), (' t', 'ribun'), (' to', 'o'), ('I', 'f'),
    ('S', 'econd'), ('Whe', 're'), ('at', 'her'), ('g', 'er'), ('i', 'an'), (' S', 'enator'),
    (' c', 'h'), (' hat', 'h'), (' m', 'ay'), (' pr', 'o'), (' the', 'se'), (' wor', 'th'),
    (' y', 'et'), ('H', 'ow'), ('a', 'k'), ('a', 'p'), ('at', 'ter'), ('n', 'ot'), ('or', 'n'),
    (' c', 'ity'), (' d', 'one'), (' f', 'l'), (' g', 'r'), (' l', 'a'), (' o', 'wn'), (' st', 'r'),
    ('Whe', 'n'), ('it', 'her'), ('on', 's'), ('or', 'd'), ('or', 't'), ('u', 'f'), (' m', 'ost'),
    (' su', 'ch'), (' t', 'ime'), (' th', 'us'), ('a', 're'), ('c', 'c'), ('ec', 't'), ('o', 'd'),
    ('ow', 's'), ('t', 'le'), ('us', 'e'), (' h', 'ome'), (' he', 'r'), (' lo', 've'),
    (' pre', 's'), (' s', 'ome'), (' tribun', 'es'), ('A', 'll'), ('AR', 'T'), ('ART', 'IUS'),
    ('G', 'I'), ('GI', 'L'), ('GIL', 'IA'), ('I', 'R'), ('IR', 'GILIA'), ('L', 'ARTIUS'),
    ('V', 'IRGILIA'), ('a', 'll'), ('an', 'ce'), ('ea', 'ce'), ('itizen', 's'), ('o', 'ck'),
    ('o', 's'), ('u', 'nd'), (' be', 'en'), (' can', 'not'), (' comm', 'on'), (' con', 't'),
    (' ha', 's'), (' i', "'"), (' th', 'ink'), (' w', 'ound'), ('I', 't'), ('O', 'n'), ('We', 'll'),
    ('w', 'e'), (' be', 'ing'), (' c', 'ount'), (' ca', 'll'),
]
