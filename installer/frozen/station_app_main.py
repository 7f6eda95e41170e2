"""`station-app` in the frozen bundle (PyInstaller runs this file as __main__).

The same program as the `station-app` console script: the desktop program without a
subcommand, the command-line tools with one (DESIGN §9). With VILLAGE_STATION_SMOKE set
(installer/smoke.py does that) it reports its first window and closes it; see smoke_probe.
"""

import os
import sys

if __name__ == "__main__":
    if os.environ.get("VILLAGE_STATION_SMOKE"):
        import smoke_probe

        smoke_probe.arm(os.environ["VILLAGE_STATION_SMOKE"])

    from station_app.cli import main

    sys.exit(main())
