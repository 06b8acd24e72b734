import sys

from textlab.cli import main

sys.exit(main())
