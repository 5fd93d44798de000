"""``python -m graph``: the ``kg`` command line."""

import sys

from graph.cli import main

sys.exit(main())
