"""The station file: opening it (PRAGMAs), migrations, checks, backup and restore."""

from station_app.db.connection import StationDB, default_data_dir, open_station, station_path
from station_app.db.store import Store

__all__ = ["StationDB", "Store", "default_data_dir", "open_station", "station_path"]
