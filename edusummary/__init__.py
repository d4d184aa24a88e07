"""edusummary: label the paragraphs of Chinese education-bureau reports by topic.

>>> import edusummary
>>> report = edusummary.tag("……报告全文……")          # doctest: +SKIP
>>> edusummary.predict(["全县新建幼儿园12所，学前三年毛入园率达到95.3%。"])  # doctest: +SKIP
[[('preschool', 0.97)]]

The top-level functions are the methods of :data:`default_tagger`, which loads the shipped
model on first use. Build your own :class:`Tagger` for another model, or call
``edusummary.default_tagger.reset()`` to load the default again.
"""

from __future__ import annotations

import logging

from ._version import __version__
from .bulk import tag_many
from .classifier import Model
from .errors import DataError, EdusummaryError, MissingDependencyError, ModelError, ReadError
from .evaluation import Comparison, Evaluation, compare, evaluate
from .figures import Figure, extract_figures
from .labels import LABEL_NAMES, LABELS
from .plotting import plot_summary
from .reading import Document, read
from .records import Record, Samples, load_samples, read_records
from .segmenting import Segment, segment
from .suggesting import suggest
from .summaries import Summary, TopicSummary, summarize
from .tagging import Paragraph, Report, Tagger, default_tagger, load_model
from .training import cross_validate, train
from .viewing import render_html

logging.getLogger(__name__).addHandler(logging.NullHandler())

tag = default_tagger.tag
tag_file = default_tagger.tag_file
predict = default_tagger.predict

__all__ = [
    "LABELS",
    "LABEL_NAMES",
    "Comparison",
    "DataError",
    "Document",
    "EdusummaryError",
    "Evaluation",
    "Figure",
    "MissingDependencyError",
    "Model",
    "ModelError",
    "Paragraph",
    "ReadError",
    "Record",
    "Report",
    "Samples",
    "Segment",
    "Summary",
    "Tagger",
    "TopicSummary",
    "__version__",
    "compare",
    "cross_validate",
    "default_tagger",
    "evaluate",
    "extract_figures",
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
    "train",
]
