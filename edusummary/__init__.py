"""edusummary: label the paragraphs of Chinese education-bureau reports by topic.

>>> import edusummary
>>> report = edusummary.tag("……报告全文……")          # doctest: +SKIP
>>> edusummary.predict(["全县新建幼儿园12所，学前三年毛入园率达到95.3%。"])  # doctest: +SKIP
Predictions([[('preschool', 0.97)]])

The top-level functions are the methods of :data:`default_tagger`, which loads the shipped
model on first use. ``edusummary.use_model("my.esm")`` switches them to another model and
``use_model(None)`` back to the shipped one; ``edusummary.default_tagger.reset()`` loads the
model file again. Build your own :class:`Tagger` for other thresholds.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ._version import __version__
from .batch.cells import write_table
from .batch.running import TaggingPool, tag_many
from .batch.suggesting import suggest
from .batch.summarize import compare_shares, indicator_panel, summarize
from .errors import (
    DataError,
    EdusummaryError,
    EdusummaryWarning,
    MissingDependencyError,
    ModelError,
    OutputError,
    ReadError,
)
from .model.classifier import Model
from .model.evaluation import Comparison, Evaluation, compare, evaluate
from .model.predictions import Predictions
from .model.records import Record, Samples, load_samples, read_records
from .model.shipped import load_model
from .model.training import TrainingSettings, cross_validate, train
from .reading import Document, read
from .reports.charts import plot_summary
from .reports.figures import Figure, extract_figures
from .reports.report import Paragraph, Report
from .reports.summary import Summary, TopicSummary
from .reports.tagging import Tagger, default_tagger, use_model
from .text.segmenting import Segment, segment
from .topics import LABEL_NAMES, LABELS, TOPICS, Topic
from .views.html import render_html

logging.getLogger(__name__).addHandler(logging.NullHandler())

tag = default_tagger.tag
tag_file = default_tagger.tag_file
tag_texts = default_tagger.tag_texts
predict = default_tagger.predict


if TYPE_CHECKING:
    # Read by type checkers and editors, to which the lazy name was Any.
    from .model.estimator import EdusummaryClassifier


def __getattr__(name: str):
    # The estimator imports scikit-learn, which tagging never needs: load it on first use.
    if name == "EdusummaryClassifier":
        from .model.estimator import EdusummaryClassifier

        return EdusummaryClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "LABELS",
    "LABEL_NAMES",
    "TOPICS",
    "Comparison",
    "DataError",
    "Document",
    "EdusummaryClassifier",
    "EdusummaryError",
    "EdusummaryWarning",
    "Evaluation",
    "Figure",
    "MissingDependencyError",
    "Model",
    "ModelError",
    "OutputError",
    "Paragraph",
    "Predictions",
    "ReadError",
    "Record",
    "Report",
    "Samples",
    "Segment",
    "Summary",
    "Tagger",
    "TaggingPool",
    "Topic",
    "TopicSummary",
    "TrainingSettings",
    "__version__",
    "compare",
    "compare_shares",
    "cross_validate",
    "default_tagger",
    "evaluate",
    "extract_figures",
    "indicator_panel",
    "load_model",
    "load_samples",
    "plot_summary",
    "predict",
    "read",
    "read_records",
    "render_html",
    "segment",
    "suggest",
    "summarize",
    "tag",
    "tag_file",
    "tag_many",
    "tag_texts",
    "train",
    "use_model",
    "write_table",
]


def __dir__() -> list[str]:
    # Tab completion in a notebook offers the public names and the pipeline's stages (the
    # lazily loaded estimator among them), not what this file imports to build them.
    stages = ("reading", "text", "model", "reports", "batch", "views", "errors", "topics")
    return sorted({*__all__, *stages})
