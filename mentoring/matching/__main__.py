"""Allow ``python -m mentoring.matching``."""

import sys

from .cli import main

sys.exit(main())
