"""The matches of a challenge drawn as a network, server-side (no script): each match a
small square in the middle, each organisation a dot on a circle around, a line from a match
to each of its organisations. The page shows the same in a table beside it; the drawing has
a title and a description of its own (role="img")."""

import math
from dataclasses import dataclass

SIZE = 640  # the drawing's height (viewBox); it scales to the width it is given
WIDTH = 960  # and its width: room for the labels left and right of the circle
OUTER = 230  # the organisations' circle
INNER = 95  # the matches' circle
MAX_LABEL = 22  # characters of a label before it is cut with "…"


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label: str
    full: str
    anchor: str = "middle"
    label_x: float = 0
    label_y: float = 0


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _on_circle(index: int, count: int, radius: float) -> tuple[float, float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
    return WIDTH / 2 + radius * math.cos(angle), SIZE / 2 + radius * math.sin(angle), angle


def network(matches: list[dict]) -> dict | None:
    """The drawing of ``matches`` (a challenge's, as :mod:`situation.compile` has them), or
    None when there is nothing to draw."""
    if not matches:
        return None
    names = sorted({o["name"] for m in matches for o in m["organisations"]})
    organisations = {}
    for index, name in enumerate(names):
        x, y, angle = _on_circle(index, len(names), OUTER)
        cos = math.cos(angle)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        dx = 10 if anchor == "start" else -10 if anchor == "end" else 0
        dy = (
            22 if math.sin(angle) > 0.3 and anchor == "middle" else -12 if anchor == "middle" else 5
        )
        organisations[name] = Node(
            round(x, 1), round(y, 1), _short(name), name, anchor, round(x + dx, 1), round(y + dy, 1)
        )
    hubs, edges = [], []
    for index, match in enumerate(matches):
        x, y, _angle = _on_circle(index, len(matches), INNER if len(matches) > 1 else 0)
        x, y = round(x, 1), round(y, 1)
        hubs.append(Node(x, y, str(index + 1), match["what"], "middle", x - 14, y - 14))
        for organisation in match["organisations"]:
            node = organisations[organisation["name"]]
            edges.append(Edge(round(x, 1), round(y, 1), node.x, node.y))
    return {
        "size": SIZE,
        "width": WIDTH,
        "organisations": list(organisations.values()),
        "hubs": hubs,
        "edges": edges,
    }


def challenge_context(data: dict, challenge: dict, *, contacts: bool) -> dict:
    """What the page of one challenge's lägesbild shows (the public page, staff's, the
    admin beside the analysis): the challenge, the drawing, what the workshop added."""
    return {
        "data": data,
        "challenge": challenge,
        "contacts": contacts,
        "drawing": network(challenge["matches"]),
        "workshop_added": [
            item for item in challenge["workshop"] if item["kind"] not in {"gap", "idea"}
        ],
    }
