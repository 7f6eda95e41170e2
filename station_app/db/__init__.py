"""The station file: opening it (PRAGMAs), migrations, checks, backup and restore."""

from station_app.db.connection import StationDB, default_data_dir, open_station, station_path

__all__ = ["StationDB", "default_data_dir", "open_station", "station_path"]
