"""The label contract (``LABELS.md``): the five topic ids every record and model uses."""

from __future__ import annotations

LABELS: tuple[str, ...] = (
    "preschool",
    "compulsory_balance",
    "teaching_reform",
    "moral_education",
    "other",
)

LABEL_NAMES: dict[str, str] = {
    "preschool": "学前教育",
    "compulsory_balance": "义务教育均衡发展",
    "teaching_reform": "教学改革",
    "moral_education": "德育",
    "other": "其他",
}

#: Paragraphs with fewer Chinese characters than this are headings or furniture, not labelled.
MIN_HAN_CHARS = 15
