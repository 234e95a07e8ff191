"""`python -m curriculint` runs the command line in this process."""

import sys

from curriculint.cli.main import main

sys.exit(main())
