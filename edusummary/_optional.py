"""Optional dependencies, imported when first needed.

Summaries as DataFrames need pandas (and openpyxl for Excel files), pictures need
matplotlib: ``pip install edusummary[notebook]`` installs them. Tagging never needs them, so
they are imported only by the functions that use them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingDependencyError

#: The extra that installs each optional module.
EXTRAS = {"pandas": "notebook", "openpyxl": "notebook", "matplotlib": "notebook"}


def require(module: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingDependencyError` naming the extra.

    Parameters
    ----------
    module : str
        Module name, such as "pandas".
    purpose : str
        What needs it, for the message: "summarize()".
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = EXTRAS.get(module.split(".")[0], "notebook")
        raise MissingDependencyError(
            f"{purpose} needs {module.split('.')[0]}, which is not installed: "
            f"pip install 'edusummary[{extra}]'"
        ) from exc
