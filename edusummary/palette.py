"""The colour of each topic, shared by the plots and the HTML view of a report.

Colours come from the Okabe-Ito palette, which stays distinguishable for readers with the
common forms of colour blindness. Topics of the label contract keep fixed colours; other
labels (custom label sets) take the remaining ones in order.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Fixed colours of the contract's topics.
TOPIC_COLORS: dict[str, str] = {
    "preschool": "#E69F00",
    "compulsory_balance": "#0072B2",
    "teaching_reform": "#009E73",
    "moral_education": "#CC79A7",
    "other": "#999999",
}
_MORE_COLORS = ("#56B4E9", "#D55E00", "#F0E442", "#332288", "#882255", "#44AA99", "#117733")


def topic_colors(topics: Iterable[str]) -> dict[str, str]:
    """A colour for each topic, as ``#RRGGBB``.

    >>> topic_colors(["preschool", "safety", "funding"])
    {'preschool': '#E69F00', 'safety': '#56B4E9', 'funding': '#D55E00'}
    """
    topics = list(dict.fromkeys(topics))
    used = {TOPIC_COLORS[topic] for topic in topics if topic in TOPIC_COLORS}
    spare = [c for c in (*_MORE_COLORS, *TOPIC_COLORS.values()) if c not in used]
    colors = {}
    extra = 0
    for topic in topics:
        if topic in TOPIC_COLORS:
            colors[topic] = TOPIC_COLORS[topic]
        else:
            # Past the palette's end, colours repeat rather than fail.
            colors[topic] = spare[extra % len(spare)]
            extra += 1
    return colors
