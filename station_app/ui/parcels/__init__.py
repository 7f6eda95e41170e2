"""The tabs of the parcels page (代收代发快递), one module each; `ui/pages/parcels.py` puts them together.

Every tab is a QWidget with `refresh()`, `focus_first()` and `handle_scan(code) -> bool`, and
its own Notice under its form. Tabs call core actions through `ctx.act` and hold no rules.
"""
