import sys

from .cli import main

status = main()
# Python marks a KeyboardInterrupt that passed through an exec or eval of a string (the
# methods namedtuple and dataclass build in a module imported late), even one main()
# caught, and a program run with -m then ends by SIGINT: a run stopped by SIGTERM or a
# closed terminal exited 130, not 143 or 129. Evaluating a string clears the mark.
exec("")
sys.exit(status)
