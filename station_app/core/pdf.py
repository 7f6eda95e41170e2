"""What every A4 PDF of the station shares: the Chinese font and "page x of y" footers.

reportlab is imported inside the functions so the core imports quickly.
"""

from __future__ import annotations

from typing import Any

FONT = "STSong-Light"  # a CID font built into reportlab: Chinese renders with no font file


def register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def numbered_canvas(page_of: str, running_head: str, left_mm: float) -> type:
    """A reportlab canvas class that writes `page_of` ("Page {page} of {pages}") at the foot of
    every page and `running_head` at the top of every page after the first."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    # reportlab has no type hints: under strict mypy its Canvas is Any
    class NumberedCanvas(Canvas):  # type: ignore[misc, unused-ignore]
        """Holds each page until the end so the foot can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self.setFont(FONT, 8)
                self.drawCentredString(A4[0] / 2, 8 * mm, page_of.format(page=number, pages=len(self._pages)))
                if number > 1:
                    self.drawString(left_mm * mm, A4[1] - 9 * mm, running_head)
                super().showPage()
            super().save()

    return NumberedCanvas
