"""Packaging of Village Station: PyInstaller bundle, Inno Setup installer, smoke test.

Not part of the installed program: nothing under station_app, printer or sync imports it.
"""
