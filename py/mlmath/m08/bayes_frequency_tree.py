"""A diagnostic test as a frequency tree: Bayes' theorem as counting people.

10,000 people split by the base rate into sick and healthy, then each group by the test
into positive and negative. Among everyone who tests positive, the share who are sick is
P(sick | +) = true positives / all positives: Bayes' theorem, read off the tree.

    ```widget bayes_frequency_tree
    id = "test"
    base = 0.01           # P(sick), the base rate
    sens = 0.9            # P(+ | sick), the sensitivity
    spec = 0.95           # P(- | healthy), the specificity
    goal = { text = "...", check = "posterior >= 0.5", solution = { base = 0.06 } }
    ```

values(): base, sens, spec (knobs), tp, fn, fp, tn (expected counts out of 10,000),
posterior (P(sick | +)).
"""

from ..show import commas, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider

POP = 10_000


def count(x):
    """A count of people, whole where it is whole: 90 -> '90', 47.7 -> '47.7'."""
    return commas(round(x)) if abs(x - round(x)) < 1e-9 else num(x, 1)


def posterior(base, sens, spec):
    tp, fp = base * sens, (1 - base) * (1 - spec)
    return tp / (tp + fp) if tp + fp else 0.0


@register
class BayesFrequencyTree(Widget):
    name = "bayes_frequency_tree"
    width, height = 600, 280

    def configure(self, config):
        base = number(self.name, "base", config.pop("base", 0.01), 0.001, 0.5)
        sens = number(self.name, "sens", config.pop("sens", 0.9), 0.5, 1)
        spec = number(self.name, "spec", config.pop("spec", 0.95), 0.5, 1)
        self.knobs = {"base": Slider("base", "base rate P(sick)", 0.001, 0.5, 0.001, base, fine=0.001, coarse=0.01),
                      "sens": Slider("sens", "sensitivity P(+ | sick)", 0.5, 1, 0.01, sens),
                      "spec": Slider("spec", "specificity P(− | healthy)", 0.5, 1, 0.01, spec)}
        super().configure(config)

    def values(self):
        b, se, sp = (self.knobs[k].value for k in ("base", "sens", "spec"))
        sick, healthy = POP * b, POP * (1 - b)
        v = {"base": b, "sens": se, "spec": sp, "tp": sick * se, "fn": sick * (1 - se),
             "fp": healthy * (1 - sp), "tn": healthy * sp}
        v["posterior"] = v["tp"] / (v["tp"] + v["fp"]) if v["tp"] + v["fp"] else 0.0
        return v

    def shapes(self):
        v = self.values()
        sick, healthy = POP * v["base"], POP * (1 - v["base"])

        def node(x, y, label, n, cls="node"):
            return [S.rect(x - 62, y - 16, 124, 34, cls), S.text(x, y - 2, label, "small"),
                    S.text(x, y + 12, count(n), "small")]

        out = [S.line(300, 42, 160, 104, "edge"), S.line(300, 42, 440, 104, "edge")]
        for px, cx in ((160, 85), (160, 235), (440, 365), (440, 515)):
            out.append(S.line(px, 138, cx, 200, "edge"))
        out += node(300, 26, "everyone", POP)
        out += node(160, 120, "sick", sick)
        out += node(440, 120, "healthy", healthy)
        out += node(85, 216, "sick, test +", v["tp"], "node selected")
        out += node(235, 216, "sick, test −", v["fn"])
        out += node(365, 216, "healthy, test +", v["fp"], "node selected")
        out += node(515, 216, "healthy, test −", v["tn"])
        out.append(S.text(300, 264, f"P(sick | +) = {count(v['tp'])} / ({count(v['tp'])} + {count(v['fp'])}) = "
                                    f"{num(v['posterior'], 3)}", "label"))
        out.append(S.text(218, 76, f"× {num(v['base'], 3)}", "small", "end"))
        out.append(S.text(382, 76, f"× {num(1 - v['base'], 3)}", "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "positives", "value": count(v["tp"] + v["fp"])},
                {"label": "P(sick | +)", "value": num(v["posterior"], 3)}]

    def controls(self):
        return [self.knobs[k].control() for k in ("base", "sens", "spec")]
