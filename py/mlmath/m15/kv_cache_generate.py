"""Generating a sequence one token at a time, with and without a KV cache, side by side,
with a running count of the attention work each way.

After t tokens the causal score matrix is the lower triangle of a t x t square. At each
step a new token arrives and one more row is needed:

  * without a cache the model is rerun on the whole prefix, so every row is computed
    again (t(t+1)/2 query-key dot products) and every key and value row too (t of each);
  * with a cache only the new token issues a query: one row of t dot products, against
    keys and values that were stored when their tokens arrived; one new key and value.

Totals after t tokens: t(t+1)(t+2)/6 dot products without the cache, t(t+1)/2 with it,
a ratio of (t+2)/3. Key/value rows: t(t+1)/2 without, t with.

    ```widget kv_cache_generate
    id = "gen"
    length = 32                       # tokens to generate, 4 to 40
    t = 1                             # tokens already processed at the start, 1 to length
    text = "First Citizen: Before ..."  # one character per token; at least `length` of them
    goal = { text = "...", check = "nocache >= 10 * cache", solution = { t = 28 } }
    ```

values() for goals: t, nocache and cache (dot products so far), kv_nocache and kv_cache
(key/value rows computed so far), step_nocache and step_cache (this step's dot products).
"""

from ..show import char, commas
from ..widgets import register
from ..widgets.base import Widget, whole

TEXT = "First Citizen: Before we proceed any further, hear me speak."
TIMES = "\u00d7"


def dots_without_cache(t):
    """Query-key dot products to generate t tokens when every step reruns the whole prefix."""
    return t * (t + 1) * (t + 2) // 6


def dots_with_cache(t):
    """Query-key dot products to generate t tokens when only the new token issues a query."""
    return t * (t + 1) // 2


def plural(n, word):
    return f"{commas(n)} {word}{'' if n == 1 else 's'}"


@register
class KvCacheGenerate(Widget):
    name = "kv_cache_generate"
    width, height = 700, 360

    def configure(self, config):
        length = whole(self.name, "length", config.pop("length", 32), 4, 40)
        t = whole(self.name, "t", config.pop("t", 1), 1, length)
        text = config.pop("text", TEXT)
        if not isinstance(text, str) or len(text) < length:
            raise ValueError(f"kv_cache_generate: text must be a string of at least {length} characters")
        super().configure(config)
        self.length, self.t, self.start = length, t, t
        self.text = text[:length]

    # Numbers -------------------------------------------------------------------------
    def values(self):
        t = self.t
        return {"t": t, "nocache": dots_without_cache(t), "cache": dots_with_cache(t),
                "kv_nocache": t * (t + 1) // 2, "kv_cache": t,
                "step_nocache": t * (t + 1) // 2, "step_cache": t}

    def set_values(self, values):
        extra = set(values) - {"t"}
        if extra:
            raise KeyError(f"kv_cache_generate can only set t, not {sorted(extra)}")
        if "t" in values:
            self._set_t(values["t"])

    def _set_t(self, t):
        self.t = min(max(int(t), 1), self.length)

    # Events --------------------------------------------------------------------------
    def handle(self, event):
        if event.get("type") != "input":
            return
        cid = event.get("id")
        if cid == "next":
            self._set_t(self.t + 1)
        elif cid == "next4":
            self._set_t(self.t + 4)
        elif cid == "reset":
            self._set_t(self.start)

    # Drawing -------------------------------------------------------------------------
    TOP = 58
    BOX = 196          # the triangle's square frame, in pixels

    def _cell(self):
        return self.BOX / self.length

    def _panel(self, x0, cached):
        """One triangle of scores and its strip of key/value rows, for step t."""
        c, t, top = self._cell(), self.t, self.TOP
        kx = x0                      # the k,v strip: one square per position
        gx = x0 + c + 8              # the score triangle
        out = [{"t": "text", "x": gx + self.BOX / 2, "y": 16, "cls": "label accent3" if cached else "label accent2",
                "s": "with the KV cache" if cached else "without a cache"},
               {"t": "text", "x": gx + self.BOX / 2, "y": 32, "cls": "small muted",
                "s": ("only the new token queries" if cached else "rerun the whole prefix")},
               {"t": "text", "x": kx + c / 2, "y": top - 6, "cls": "small muted", "s": "k,v"},
               {"t": "rect", "x": gx, "y": top, "w": self.BOX, "h": self.BOX, "cls": "grid nofill"}]
        for i in range(t):
            y = round(top + i * c, 2)
            new = (not cached) or i == t - 1
            out.append({"t": "rect", "x": kx, "y": y, "w": round(c - 1, 2), "h": round(c - 1, 2),
                        "cls": "accent" if new else "accent3", "opacity": 0.9 if new else 0.5})
            out.append({"t": "rect", "x": gx, "y": y, "w": round((i + 1) * c, 2), "h": round(c, 2),
                        "cls": "accent", "opacity": 0.85 if new else 0.12})
        if self.length <= 20:   # room to name each position by its character
            for i in range(t):
                out.append({"t": "text", "x": round(gx + (i + 0.5) * c, 2), "y": top + self.BOX + 14,
                            "cls": "small muted", "s": char(self.text[i])})
        out.append({"t": "text", "x": gx + self.BOX / 2, "y": top + self.BOX + 30, "cls": "small",
                    "s": (f"this step: {plural(t, 'dot product')}, 1 new k,v" if cached else
                          f"this step: {plural(t * (t + 1) // 2, 'dot product')}, {t} k,v")})
        return out

    def shapes(self):
        out = self._panel(14, cached=False) + self._panel(250, cached=True)
        out += self._chart(500, 680, self.TOP, self.TOP + self.BOX)
        # the text so far, newest character in brackets
        seen = self.text[:self.t - 1].replace("\n", " ")
        y = self.height - 18
        out.append({"t": "text", "x": 14, "y": y, "anchor": "start", "cls": "small muted",
                    "s": f"tokens so far ({self.t} of {self.length}), newest in brackets:"})
        out.append({"t": "text", "x": 300, "y": y, "anchor": "start", "cls": "label",
                    "s": f"{seen}[{char(self.text[self.t - 1])}]"})
        return out

    def _chart(self, x0, x1, y0, y1):
        L = self.length
        top = dots_without_cache(L)

        def X(t):
            return round(x0 + (x1 - x0) * t / L, 2)

        def Y(v):
            return round(y1 - (y1 - y0) * v / top, 2)

        out = [{"t": "text", "x": (x0 + x1) / 2, "y": 16, "cls": "label", "s": "dot products so far"},
               {"t": "line", "x1": x0, "y1": y1, "x2": x1, "y2": y1, "cls": "axis"},
               {"t": "line", "x1": x0, "y1": y0, "x2": x0, "y2": y1, "cls": "axis"},
               {"t": "text", "x": x0 + 3, "y": y0 + 10, "anchor": "start", "cls": "small muted", "s": commas(top)},
               {"t": "text", "x": x1, "y": y1 + 14, "anchor": "end", "cls": "small muted", "s": f"{L} tokens"},
               {"t": "text", "x": x0, "y": y1 + 14, "anchor": "start", "cls": "small muted", "s": "0"}]
        ts = range(0, self.t + 1)
        out.append({"t": "poly", "pts": [[X(t), Y(dots_without_cache(t))] for t in ts], "cls": "accent2"})
        out.append({"t": "poly", "pts": [[X(t), Y(dots_with_cache(t))] for t in ts], "cls": "accent3"})
        a, b = dots_without_cache(self.t), dots_with_cache(self.t)
        out.append({"t": "circle", "cx": X(self.t), "cy": Y(a), "r": 4, "cls": "accent2"})
        out.append({"t": "circle", "cx": X(self.t), "cy": Y(b), "r": 4, "cls": "accent3"})
        out.append({"t": "text", "x": x0 + 6, "y": y0 + 30, "anchor": "start", "cls": "small accent2",
                    "s": f"without: {commas(a)}"})
        out.append({"t": "text", "x": x0 + 6, "y": y0 + 46, "anchor": "start", "cls": "small accent3",
                    "s": f"with cache: {commas(b)}"})
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "tokens t", "value": str(v["t"])},
                {"label": "dot products so far, without cache", "value": commas(v["nocache"])},
                {"label": "with cache", "value": commas(v["cache"])},
                {"label": "ratio", "value": f"{v['nocache'] / v['cache']:.2f}{TIMES}"},
                {"label": "k,v rows computed, without / with", "value": f"{commas(v['kv_nocache'])} / {v['kv_cache']}"}]

    def controls(self):
        done = self.t >= self.length
        return [{"kind": "button", "id": "next", "label": "Next token", "disabled": done},
                {"kind": "button", "id": "next4", "label": "Next 4 tokens", "disabled": done},
                {"kind": "button", "id": "reset", "label": "Start over", "disabled": self.t == self.start}]

    def __repr__(self):
        return f"<kv_cache_generate t={self.t} of {self.length}>"
