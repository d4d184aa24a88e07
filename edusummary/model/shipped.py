"""What the package ships: the default model and the training data it was built from.

Both are package data under ``edusummary/resources`` (the repository's ``models/`` and
``data/`` point there), so they are found the same way in a source checkout and an
installed wheel.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from .classifier import Model

#: File name of the shipped model in ``edusummary/resources/models``.
DEFAULT_MODEL_NAME = "default.esm"


def _resource(*parts: str) -> Path:
    return Path(str(resources.files("edusummary.resources").joinpath(*parts)))


def default_model_path() -> Path:
    """Where the shipped default model lives."""
    return _resource("models", DEFAULT_MODEL_NAME)


def default_data_path() -> Path:
    """The folder of the training data the shipped model was trained on."""
    return _resource("data")


def load_model(path: str | os.PathLike[str] | None = None) -> Model:
    """Load a model file; with no argument, the shipped default model.

    Raises
    ------
    ModelError
        The file is missing, damaged or not a model.
    """
    return Model.load(default_model_path() if path is None else path)
