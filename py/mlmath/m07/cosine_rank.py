"""A query arrow you drag, ranked against word-like vectors two ways: by cosine
similarity (direction only) and by raw dot product (direction times length).

    ```widget cosine_rank
    id = "rank"
    words = { kitten = [1, 0.5], lion = [3.5, 2.5], truck = [3, -2.5], banana = [-1.5, 2] }
    query = [0.5, 2]
    ```

values(): qx, qy, cos_<word> and dot_<word> for every word, top (the word with the
highest cosine), topdot (the word with the highest dot product). With the query at the
origin no cosine exists: every cos_ is None and top is "".
"""

import math
import re

from ..show import fixed, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.plane import Plane
from .linalg_common import PointsWidget, label, pair, vec

NAME = re.compile(r"^[a-z]{1,10}$")
COLOURS = ("accent", "accent2", "accent3", "muted", "muted", "muted")
DEFAULT = {"kitten": [1, 0.5], "lion": [3.5, 2.5], "truck": [3, -2.5], "banana": [-1.5, 2]}


def cosine(a, b):
    na, nb = math.hypot(*a), math.hypot(*b)
    return None if na == 0 or nb == 0 else (a[0] * b[0] + a[1] * b[1]) / (na * nb)


@register
class CosineRank(PointsWidget):
    name = "cosine_rank"
    width, height = 640, 330

    def configure(self, config):
        n = self.name
        words = config.pop("words", DEFAULT)
        if not isinstance(words, dict) or not 2 <= len(words) <= 6:
            raise ValueError(f"{n}: words must be a table of 2 to 6 words and their vectors")
        self.words = {}
        for w, v in words.items():
            if not NAME.match(w):
                raise ValueError(f"{n}: {w!r} is not a usable word (lower-case letters, at most 10)")
            self.words[w] = pair(n, f"words.{w}", v, 4)
            if self.words[w] == [0, 0]:
                raise ValueError(f"{n}: the word {w!r} has no direction (its vector is 0)")
        q = pair(n, "query", config.pop("query", [0.5, 2]), 4)
        super().configure(config)
        self.plane = Plane(4.2, (10, 10, 320, 320))
        self.add_point("q", "tip of the query arrow q", q, 4, 0.25)

    def values(self):
        q = self.point("q")
        out = {"qx": q[0], "qy": q[1]}
        cos = {w: cosine(q, v) for w, v in self.words.items()}
        dots = {w: q[0] * v[0] + q[1] * v[1] for w, v in self.words.items()}
        for w in self.words:
            out["cos_" + w], out["dot_" + w] = cos[w], dots[w]
        out["top"] = "" if q == [0, 0] else max(self.words, key=lambda w: cos[w])
        out["topdot"] = max(self.words, key=lambda w: dots[w])
        return out

    def shapes(self):
        p, v = self.plane, self.values()
        q = [v["qx"], v["qy"]]
        out = [p.handle("q", *q, self.points["q"], vec(q), cls="", r=8)]
        out += p.frame(xticks=[-4, -2, 2, 4], yticks=[-4, -2, 2, 4])
        for i, (w, u) in enumerate(self.words.items()):
            out += p.vector(u, COLOURS[i])
            out.append(label(p, *u, w, f"small {COLOURS[i]}", dy=-10))
        out += p.vector(q, "axis")
        out.append(label(p, *q, "q", "label", dx=12, dy=14))
        return out + self._table(v)

    def _table(self, v):
        left, top, mid, half = 340, 36, 480, 58
        out = [S.text(left, top - 12, "ranked by cosine", "small muted", "start"),
               S.text(mid + 20, top - 12, "cosine (−1 to 1)", "small muted"),
               S.text(634, top - 12, "q·word", "small muted", "end")]
        order = sorted(self.words, key=lambda w: -(v["cos_" + w] if v["cos_" + w] is not None else -2))
        colour = {w: COLOURS[i] for i, w in enumerate(self.words)}
        for r, w in enumerate(order):
            y, c = top + 10 + 40 * r, v["cos_" + w]
            out.append(S.text(left, y + 12, f"{r + 1}. {w}", f"label {colour[w]}", "start"))
            out.append(S.line(mid, y, mid, y + 18, "axis"))
            if c is not None and abs(c) > 0.002:
                x0 = mid if c > 0 else mid + half * c
                fill = "muted nofill" if colour[w] == "muted" else f"{colour[w]} nostroke"   # only accents fill a rect
                out.append(S.rect(x0, y + 2, half * abs(c), 14, fill))
            out.append(S.text(mid + half + 8, y + 14, "—" if c is None else fixed(c, 3), "small", "start"))
            out.append(S.text(634, y + 14, fixed(v["dot_" + w]), "small", "end"))
        y = top + 10 + 40 * len(order) + 10
        out.append(S.text(left, y, f"top by cosine: {v['top'] or '— (q has no direction)'}", "small", "start"))
        out.append(S.text(left, y + 20, f"top by dot product: {v['topdot']}", "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "q", "value": vec([v["qx"], v["qy"]])},
                {"label": "|q|", "value": num(math.hypot(v["qx"], v["qy"]), 3)},
                {"label": "nearest by cosine", "value": v["top"] or "none"},
                {"label": "largest dot product", "value": v["topdot"]}]
