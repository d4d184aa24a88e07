"""What the package ships: the default model and the training data it was built from.

Both are package data under ``edusummary/resources`` (the repository's ``models/`` and
``data/`` point there), so they are found the same way in a source checkout and an
installed wheel.
"""

from __future__ import annotations

import copy
import os
import threading
from importlib import resources
from pathlib import Path

from ..errors import ModelError
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


def is_default(path: object) -> bool:
    """Whether ``path`` names the shipped model: None or "default", as ``--model`` and
    ``train(base="default")`` name it."""
    return path is None or (isinstance(path, (str, os.PathLike)) and os.fspath(path) == "default")


def load_model(path: str | os.PathLike[str] | None = None) -> Model:
    """Load a model file; with no argument or "default", the shipped default model.

    The shipped model's file is read once per process (again when it has changed, such as
    after retraining into it): each call returns a model of its own, whose metadata may be
    changed freely, sharing the read-only weights and feature tables of the others.

    Raises
    ------
    TypeError
        ``path`` is not a path.
    ModelError
        The file is missing, damaged or not a model.
    """
    if not is_default(path):
        return Model.load(path)
    shipped = _shipped_model()
    return Model(
        shipped.labels, shipped.features, shipped.coef, shipped.intercept,
        temperature=shipped.temperature, metadata=copy.deepcopy(shipped.metadata),
    )


#: The shipped model as last read, with the state of its file then: reading and checking
#: it costs 30 ms, ten times evaluating 100 paragraphs with it.
_shipped: tuple[tuple[int, ...], Model] | None = None
_shipped_lock = threading.Lock()


def _shipped_model() -> Model:
    """The shipped model, read again only when its file has changed since."""
    global _shipped
    path = default_model_path()
    try:
        stat = path.stat()
        state = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    except OSError:
        return Model.load(path)  # which says what is wrong with the file
    with _shipped_lock:  # one thread reads it; the others wait for its model
        if _shipped is None or _shipped[0] != state:
            model = Model.load(path)
            # Shared by every model load_model() returns: none may change another's.
            for array in (model._coef_by_term, model.coef, model.intercept, model.features.idf):
                array.flags.writeable = False
            _shipped = (state, model)
        return _shipped[1]


def check_model_argument(model: object, name: str = "model") -> None:
    """Raise a :class:`TypeError` naming the argument ``name`` unless ``model`` is a Model,
    a model file, or the shipped model ("default" or None); a :class:`ModelError` when the
    file it names does not exist, before a model is needed."""
    if not (model is None or isinstance(model, (Model, str, os.PathLike))):
        # A fitted EdusummaryClassifier holds its Model; the estimator is scikit-learn's.
        hint = (
            f"; pass the model it fitted, {name}=estimator.model_"
            if isinstance(getattr(model, "model_", None), Model) else ""
        )
        raise TypeError(
            f"{name} must be a Model, a model file or 'default', got {type(model).__name__}: "
            f"{model!r:.60}{hint}"
        )
    if isinstance(model, (str, os.PathLike)) and model != "default" and not os.path.exists(model):
        raise ModelError(f"{model}: no such model file")


def as_model(model: Model | str | os.PathLike[str] | None, name: str = "model") -> Model:
    """``model`` itself, or the model file it names loaded (None or "default": the shipped
    model); anything else is a :class:`TypeError` naming the argument ``name``."""
    check_model_argument(model, name)
    return model if isinstance(model, Model) else load_model(model)
