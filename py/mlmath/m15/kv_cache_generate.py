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

from ..show import char, commas, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Button, Slider
from ..widgets.plot import Plot

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
    TOP = 58
    BOX = 196          # the triangle's square frame, in pixels

    def configure(self, config):
        length = whole(self.name, "length", config.pop("length", 32), 4, 40)
        t = whole(self.name, "t", config.pop("t", 1), 1, length)
        text = config.pop("text", TEXT)
        if not isinstance(text, str) or len(text) < length:
            raise ValueError(f"{self.name}: text must be a string of at least {length} characters")
        super().configure(config)
        self.length, self.start, self.text = length, t, text[:length]
        step = Slider("t", "tokens t", 1, length, 1, t)      # no control of its own: the buttons move it
        self.knobs = {"t": step, "next": Button("next", "Next token", lambda: step.set(step.value + 1)),
                      "next4": Button("next4", "Next 4 tokens", lambda: step.set(step.value + 4)),
                      "reset": Button("reset", "Start over", lambda: step.set(self.start))}
        self.plot = Plot((0, length), (0, dots_without_cache(length)), (500, self.TOP, 680, self.TOP + self.BOX))

    @property
    def t(self):
        return self.knobs["t"].value

    def values(self):
        t = self.t
        return {"t": t, "nocache": dots_without_cache(t), "cache": dots_with_cache(t),
                "kv_nocache": t * (t + 1) // 2, "kv_cache": t,
                "step_nocache": t * (t + 1) // 2, "step_cache": t}

    # Drawing -------------------------------------------------------------------------
    def _panel(self, x0, cached):
        """One triangle of scores and its strip of key/value rows, for step t."""
        c, t, top = self.BOX / self.length, self.t, self.TOP
        kx, gx = x0, x0 + c + 8      # the k,v strip (one square per position), then the score triangle
        out = [S.text(gx + self.BOX / 2, 16, "with the KV cache" if cached else "without a cache",
                      "label accent3" if cached else "label accent2"),
               S.text(gx + self.BOX / 2, 32, "only the new token queries" if cached else "rerun the whole prefix", "small muted"),
               S.text(kx + c / 2, top - 6, "k,v", "small muted"),
               S.rect(gx, top, self.BOX, self.BOX, "grid nofill")]
        for i in range(t):
            new = (not cached) or i == t - 1
            out += [S.rect(kx, top + i * c, c - 1, c - 1, "accent" if new else "accent3", opacity=0.9 if new else 0.5),
                    S.rect(gx, top + i * c, (i + 1) * c, c, "accent", opacity=0.85 if new else 0.12)]
        if self.length <= 20:   # room to name each position by its character
            out += [S.text(gx + (i + 0.5) * c, top + self.BOX + 14, char(self.text[i]), "small muted") for i in range(t)]
        out.append(S.text(gx + self.BOX / 2, top + self.BOX + 30,
                          f"this step: {plural(t, 'dot product')}, 1 new k,v" if cached else
                          f"this step: {plural(t * (t + 1) // 2, 'dot product')}, {t} k,v", "small"))
        return out

    def _chart(self):
        p, L = self.plot, self.length
        left, top, right, bottom = p.box
        a, b = dots_without_cache(self.t), dots_with_cache(self.t)
        ts = range(self.t + 1)
        return [S.text((left + right) / 2, 16, "dot products so far", "label"),
                *p.frame(xticks=[], yticks=[], grid=False),
                S.text(left + 3, top + 10, commas(dots_without_cache(L)), "small muted", "start"),
                S.text(right, bottom + 14, f"{L} tokens", "small muted", "end"),
                S.text(left, bottom + 14, "0", "small muted", "start"),
                p.polyline([(t, dots_without_cache(t)) for t in ts], "accent2"),
                p.polyline([(t, dots_with_cache(t)) for t in ts], "accent3"),
                p.point(self.t, a, "accent2"), p.point(self.t, b, "accent3"),
                S.text(left + 6, top + 30, f"without: {commas(a)}", "small accent2", "start"),
                S.text(left + 6, top + 46, f"with cache: {commas(b)}", "small accent3", "start")]

    def shapes(self):
        out = self._panel(14, cached=False) + self._panel(250, cached=True) + self._chart()
        y = self.height - 18           # the text so far, newest character in brackets
        seen = self.text[:self.t - 1].replace("\n", " ")
        return out + [S.text(14, y, f"tokens so far ({self.t} of {self.length}), newest in brackets:", "small muted", "start"),
                      S.text(300, y, f"{seen}[{char(self.text[self.t - 1])}]", "label", "start")]

    def readouts(self):
        v = self.values()
        return [{"label": "tokens t", "value": str(v["t"])},
                {"label": "dot products so far, without cache", "value": commas(v["nocache"])},
                {"label": "with cache", "value": commas(v["cache"])},
                {"label": "ratio", "value": f"{fixed(v['nocache'] / v['cache'])}{TIMES}"},
                {"label": "k,v rows computed, without / with", "value": f"{commas(v['kv_nocache'])} / {v['kv_cache']}"}]

    def controls(self):
        self.knobs["next"].disabled = self.knobs["next4"].disabled = self.t >= self.length
        self.knobs["reset"].disabled = self.t == self.start
        return [self.knobs[k].control() for k in ("next", "next4", "reset")]

    def __repr__(self):
        return f"<kv_cache_generate t={self.t} of {self.length}>"
