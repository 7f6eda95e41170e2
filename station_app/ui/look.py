"""The program's look: a CJK font at the operator's size and the stylesheet sized from it."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from station_app.resources import asset

CJK_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")


def apply_look(app: QApplication, font_size: int) -> None:
    """A CJK font at `font_size` points and the stylesheet sized from it (large text = a larger
    size; the layouts are made to fit 1366×768 with it)."""
    families = set(QFontDatabase.families())
    font = QFont(next((f for f in CJK_FONTS if f in families), app.font().family()))
    font.setPointSize(font_size)
    app.setFont(font)
    style = asset("style.qss")
    if style.exists():
        sheet = style.read_text("utf-8")
        for name, size in (("{base}", font_size), ("{big}", font_size + 10), ("{heading}", font_size + 6),
                           ("{nav}", font_size + 2), ("{tile}", font_size + 8)):
            sheet = sheet.replace(name, str(size))
        app.setStyleSheet(sheet)
