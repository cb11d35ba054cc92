"""Where the boxes of a computation graph go, for the m12 widgets that draw one
(formula_graph, expression_graph): the output alone at the right, every node one
column left of its leftmost user, each column's boxes near the input slots they fill
in their users, and an edge that skips a column routed along a lane clear of the
boxes it would cross.

    grid = Layout(kids, box_w=84, box_h=44, gap=136, row=66, lane_room=17, left=12)
    grid.x(grid.col[i]), grid.y[i]            # node i's box: left edge, vertical centre
    shapes.link(grid.route(child, parent, (x2, y2)))
"""


class Layout:
    """kids[i] lists the nodes node i reads (indices below i; a repeat is the same node read
    twice). Nodes are boxes box_w x box_h, columns `gap` apart, rows `row` apart; a lane needs
    `lane_room` above and below it (for a label riding on it). y runs from 0 at the top."""

    def __init__(self, kids, box_w, box_h, gap, row, lane_room, left):
        self.box_w, self.gap, self.left = box_w, gap, left
        count = len(kids)
        depth = [0] * count                       # the longest way to the output, in edges
        for i in reversed(range(count)):
            for k in kids[i]:
                depth[k] = max(depth[k], depth[i] + 1)
        deepest = max(depth, default=0)
        col = [deepest - d for d in depth]
        inputs = [list(dict.fromkeys(ks)) for ks in kids]
        users = [[u for u in range(count) if i in inputs[u]] for i in range(count)]
        y = [0.0] * count
        for c in range(deepest, -1, -1):          # right to left: a column follows its users
            members = [i for i in range(count) if col[i] == c]
            want = {}
            for i in members:                     # aim at the slot this node fills among its user's inputs
                ys = [y[u] + (inputs[u].index(i) - (len(inputs[u]) - 1) / 2) * row for u in users[i]]
                want[i] = sum(ys) / len(ys) if ys else 0.0
            members.sort(key=lambda i: (want[i], i))
            placed = []
            for i in members:
                placed.append(want[i] if not placed else max(want[i], placed[-1] + row))
            drift = sum(p - want[i] for p, i in zip(placed, members)) / len(members)
            for p, i in zip(placed, members):
                y[i] = p - drift
        lanes = {}
        clear = box_h / 2 + lane_room / 2 + 4
        for i in range(count):
            for k in inputs[i]:
                if col[i] - col[k] < 2:
                    continue
                between = [y[j] for j in range(count) if col[k] < col[j] < col[i]]
                above, below = min(between) - row / 2 - 6, max(between) + row / 2 + 6
                options = [y[k], y[i]] + sorted((above, below), key=lambda lane: abs(lane - y[k]))
                lanes[(k, i)] = next(lane for lane in options if all(abs(lane - b) >= clear for b in between))
        top = min([v - box_h / 2 for v in y] + [lane - lane_room for lane in lanes.values()], default=0.0)
        self.col = col
        self.y = [v - top for v in y]
        self.lanes = {key: lane - top for key, lane in lanes.items()}   # (child, parent) -> y of its lane
        self.height = max([v + box_h / 2 for v in self.y] + [lane + lane_room for lane in self.lanes.values()],
                          default=0.0)
        self.right = self.x(deepest) + box_w

    def x(self, column):
        return self.left + column * (self.box_w + self.gap)

    def shift(self, dy):
        """Move everything down by dy (to make room above for something the caller draws)."""
        self.y = [v + dy for v in self.y]
        self.lanes = {key: lane + dy for key, lane in self.lanes.items()}
        self.height += dy

    def route(self, child, parent, end):
        """The points of the edge from child's box to `end` (where it enters parent), for
        shapes.link: straight out and in, along the lane when it skips columns."""
        start = (self.x(self.col[child]) + self.box_w, self.y[child])
        lane = self.lanes.get((child, parent))
        if lane is None:
            return [start, end]
        return [start, (self.x(self.col[child] + 1), lane), (self.x(self.col[parent] - 1) + self.box_w, lane), end]
