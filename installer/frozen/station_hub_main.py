"""`station-hub` in the frozen bundle (built only with `build.py --with-hub`)."""

import sys

if __name__ == "__main__":
    from sync.hub.cli import main

    sys.exit(main())
