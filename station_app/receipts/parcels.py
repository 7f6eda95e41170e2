"""Parcel receipts: the pickup slip of an arrived parcel, the sender's receipt of an outbound
parcel, and the courier hand-over sheet."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from printer.document import Column, Receipt, ReceiptBuilder
from station_app.core.parcels import carrier_name
from station_app.i18n import translate
from station_app.receipts.layout import masked, start, when, yuan

if TYPE_CHECKING:
    from station_app.core.outbound import HandOverSheet, OutboundReceipt
    from station_app.core.parcels import Parcel


def kg(grams: int) -> str:
    """A weight as the hand-over sheet shows it: 5200 -> '5.20kg'."""
    return f"{grams / 1000:.2f}kg"


def pickup_slip(*, station: str, pickup_code: str, waybill: str, phone: str | None, carrier: str = "",
                recipient: str = "", shelf: str = "", arrived: datetime | str = "") -> Receipt:
    """Shelf label and pickup slip for an arrived parcel: the pickup code very large."""
    b = ReceiptBuilder("pickup_slip", translate("receipt", "Pickup code") + " " + pickup_code)
    b.center(station, bold=True).center(translate("receipt", "Parcel pickup slip")).rule("=")
    b.center(translate("receipt", "Pickup code"))
    b.center(pickup_code, bold=True, size=3).rule()
    b.pair(translate("receipt", "Waybill"), waybill)
    if carrier:
        b.pair(translate("receipt", "Carrier"), carrier)
    if recipient:
        b.pair(translate("receipt", "Recipient"), recipient)
    b.pair(translate("receipt", "Phone"), masked(phone))
    if shelf:
        b.pair(translate("receipt", "Shelf"), shelf)
    if arrived:
        b.pair(translate("receipt", "Arrived at"), when(arrived))
    b.barcode(waybill)
    b.line(translate("receipt", "Show the pickup code or give the last 4 digits of your phone to collect."))
    return b.cut().build()


def parcel_pickup_slip(station: str, parcel: Parcel) -> Receipt:
    """The pickup slip / shelf label for a parcel just checked in."""
    return pickup_slip(
        station=station, pickup_code=parcel.pickup_code or "", waybill=parcel.waybill,
        phone=parcel.phone or parcel.phone_masked, carrier=parcel.carrier_name, recipient=parcel.recipient_name,
        shelf=parcel.slot, arrived=parcel.arrived_at)


def parcel_out_receipt(*, station: str, receipt_no: str, waybill: str, carrier: str, sender: str,
                       sender_phone: str | None, destination: str, weight_g: int, fee_fen: int,
                       when_taken: datetime | str, operator: str, contents: str = "",
                       farm_produce: bool = False, fee_from_county: bool = False) -> Receipt:
    """The sender's receipt for an outbound parcel, with its waybill as a barcode."""
    b = start("parcel_out", translate("receipt", "Parcel sent") + " " + waybill, station,
              translate("receipt", "Parcel sending receipt"))
    b.pair(translate("receipt", "Receipt no."), receipt_no)
    b.pair(translate("receipt", "Waybill"), waybill).pair(translate("receipt", "Carrier"), carrier)
    b.pair(translate("receipt", "Sender"), sender).pair(translate("receipt", "Phone"), masked(sender_phone))
    b.pair(translate("receipt", "Destination"), destination)
    if contents:
        b.pair(translate("receipt", "Contents"), contents)
    b.pair(translate("receipt", "Weight"), f"{weight_g / 1000:.2f} kg")
    if farm_produce:
        b.line(translate("receipt", "Farm produce sent out of the county (county programme)"))
    b.rule()
    if fee_from_county:
        b.pair(translate("receipt", "Postage"), yuan(fee_fen)).line(translate("receipt", "Paid by the county subsidy"))
    else:
        b.pair(translate("receipt", "Postage"), yuan(fee_fen), bold=True, size=2)
    b.rule().pair(translate("receipt", "Time"), when(when_taken)).pair(translate("receipt", "Operator"), operator)
    b.barcode(waybill)
    return b.cut().build()


def outbound_receipt(result: OutboundReceipt) -> Receipt:
    """The sender's receipt for a parcel just taken in to send."""
    p = result.parcel
    return parcel_out_receipt(
        station=result.station_name, receipt_no=p.receipt_no, waybill=p.ewaybill, carrier=p.carrier_name,
        sender=p.sender_name, sender_phone=p.sender_phone, destination=f"{p.recipient_name} {p.recipient_address}",
        weight_g=p.weight_g, fee_fen=p.fee_fen, when_taken=p.taken_at, operator=result.operator_name,
        contents=p.contents, farm_produce=p.subsidy_eligible, fee_from_county=False)


def hand_over_sheet(sheet: HandOverSheet) -> Receipt:
    """The courier hand-over sheet: every parcel with its receiver and weight, the totals,
    and lines for both signatures."""
    b = sheet.batch
    doc = ReceiptBuilder("handover_sheet", translate("receipt", "Hand-over sheet") + " " + (b.sheet_no or ""))
    doc.center(sheet.station_name, bold=True, size=2).center(translate("receipt", "Courier hand-over sheet"),
                                                             bold=True).rule("=")
    doc.pair(translate("receipt", "Sheet no."), b.sheet_no or "").pair(translate("receipt", "Carrier"),
                                                                      carrier_name(b.carrier))
    doc.pair(translate("receipt", "Courier name"), b.courier_name or "").pair(translate("receipt", "Operator"),
                                                                             sheet.operator_name)
    doc.pair(translate("receipt", "Time"), when(b.closed_at or b.opened_at)).rule()
    doc.table([Column(translate("receipt", "Waybill")), Column(translate("receipt", "Receiver"), 8),
               Column(translate("receipt", "Weight"), 8, "right")],
              [(p.ewaybill, p.recipient_name, kg(p.weight_g)) for p in sheet.lines])
    doc.rule().pair(translate("receipt", "Number of parcels"), str(len(sheet.lines)), bold=True).pair(
        translate("receipt", "Total weight"), kg(sheet.total_weight_g))
    if sheet.farm_count:
        doc.pair(translate("receipt", "Farm produce"), str(sheet.farm_count))
    if sheet.left_behind:
        doc.line(translate("receipt", "Not scanned, still at the station:") + " "
                 + "、".join(p.ewaybill for p in sheet.left_behind))
    doc.feed(1).line(translate("receipt", "Courier (signature):") + "________________")
    doc.feed(1).line(translate("receipt", "Operator (signature):") + "________________")
    return doc.cut().build()
