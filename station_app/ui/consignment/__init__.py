"""The tabs of the consignment page (代卖代买), one module each; `ui/pages/consignment.py` puts them together.

Every tab is a QWidget with `refresh()`, `focus_first()` and `handle_scan(code) -> bool`. The
sale, intake, stock and settle tabs share the page's Notice and slip (`common.py`); the proxy-order
and online-shop tabs have their own Notice and print their own slips (`station_app.receipts.orders`).
Tabs call core actions through `ctx.act` and hold no rules.
"""
