"""The ``edusummary`` command's entry point, outside the package so that it is in place
before the library loads.

Importing anything of ``edusummary`` runs ``edusummary/__init__.py``, which loads the whole
library (numpy, the readers, the model's code), a third of a second in which Ctrl-C printed
a traceback and the program died of SIGINT. This module imports nothing but :mod:`sys`
before it can catch it.
"""

import sys


def main() -> int:
    """Run the command line; Ctrl-C while the library loads ends it as it ends a run."""
    try:
        from edusummary.cli import main as run

        return run()
    except KeyboardInterrupt:
        # As edusummary.cli says it: the package's own helpers are what is being loaded.
        print("edusummary: interrupted", file=sys.stderr)
        return 130
