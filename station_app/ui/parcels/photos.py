"""Counter photos at the parcel desk (evidence for disputes): the webcam photo of a parcel at
check-in and of the person collecting at hand-over — taken after each one when the station
chose so (`parcels.counter_photos`), or any time with Alt+F — and a parcel's photos shown with
it (Alt+V), pruned ones named as such."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station_app.clock import show
from station_app.core import parcels, settings
from station_app.core.parcels import photos
from station_app.i18n import translate
from station_app.ui import photo_dialog
from station_app.ui.context import StationContext
from station_app.ui.widgets import Notice, done_with, heading

THUMB = 260


def after_each(ctx: StationContext) -> bool:
    """The station takes a photo after every check-in and hand-over."""
    return bool(settings.get(ctx.db, "parcels.counter_photos"))


def take(ctx: StationContext, parent: QWidget, parcel_ids: list[str], moment: str, notice: Notice) -> bool:
    """Open the camera and keep the photo taken for each parcel (the collector's photo goes with
    every parcel handed over). True when a photo was kept; Esc keeps none (never required)."""
    if not parcel_ids:
        return False
    hint = translate("parcels", photos.MOMENTS[moment])
    dialog = photo_dialog.PhotoDialog(QCoreApplication.translate("ParcelPhotosDialog", "Counter photo"), hint, parent)
    taken = dialog.photo if dialog.exec() else None
    done_with(dialog)
    if taken is None:
        return False
    for parcel_id in parcel_ids:
        if ctx.act(photos.add_photo, parcel_id, moment=moment, image=taken, notice=notice) is None:
            return False
    notice.setText((notice.text() + "\n" if notice.isVisible() and notice.text() else "") +
                   QCoreApplication.translate("ParcelPhotosDialog", "Photo kept with {n} parcels").format(n=len(parcel_ids)))
    notice.show()
    return True


class ParcelPhotosDialog(QDialog):
    """A parcel's counter photos, with when they were taken (pruned ones say so)."""

    def __init__(self, ctx: StationContext, parcel_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        parcel = parcels.get_parcel(ctx.db, parcel_id)
        self.setWindowTitle(self.tr("Counter photos"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"{parcel.pickup_code or ''} {parcel.waybill}".strip()))
        grid = QGridLayout()
        found = photos.photos_of(ctx.db, parcel_id)
        keep = settings.get(ctx.db, "parcels.photo_keep_days")
        for i, photo in enumerate(found):
            picture = QLabel()
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            path = photos.photo_path(ctx.db, photo)
            if photo.kept and path.exists():
                picture.setPixmap(QPixmap(str(path)).scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                            Qt.TransformationMode.SmoothTransformation))
            elif photo.kept:
                picture.setText(self.tr("The file is missing on this PC"))
            else:
                picture.setText(self.tr("Deleted after {days} days, as the county decides").format(days=keep))
            caption = QLabel(f"{translate('parcels', photos.MOMENTS[photo.moment])}\n{show(photo.taken_at)}")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(picture, 0, i)
            grid.addWidget(caption, 1, i)
        if not found:
            grid.addWidget(QLabel(self.tr("No photos of this parcel")), 0, 0)
        layout.addLayout(grid)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        layout.addWidget(close)
        close.setFocus()


def show_photos(ctx: StationContext, parent: QWidget, parcel_id: str | None, notice: Notice) -> None:
    if parcel_id is None:
        notice.error(QCoreApplication.translate("ParcelPhotosDialog", "Choose a parcel in the list first"))
        return
    dialog = ParcelPhotosDialog(ctx, parcel_id, parent)
    dialog.exec()
    done_with(dialog)
