"""The station's receipts: domain results (what core actions and queries return) laid out as
printer documents (`printer.Receipt`), one module per service.

    parcels       pickup slip, sender's receipt, courier hand-over sheet
    bills         bill payment receipts (accepted, paid, failed, refunded)
    consignment   product label, sale, return and refund, settlement statement
    orders        proxy order slip, pickup and cancellation; online-shop packing slip
    training      trainee sign-in card
    cash          daily cash close
    printer_test_page   what the printer can do
    station_printer     printer messages and the print queue in the station language

Each module has layouts of plain values (keyword arguments, small dataclasses for lists;
the golden receipts in tests/printer are made from these) and functions taking the core's
results (`parcel_pickup_slip(station, parcel)`, `bill_receipt(slip)`, ...) that the pages and
the command line call. Text is in the station language through `translate("receipt", ...)`;
`layout` holds what every receipt shares (money with the full-width ￥, times in China time,
masked phones). Only this package turns station data into printer documents; `printer/` is a
generic ESC/POS library and imports nothing from station_app.
"""
