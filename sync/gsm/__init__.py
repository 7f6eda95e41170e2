"""A GSM/4G USB modem ("短信猫") for sending SMS without an SMS contract: the PDU codec of
3GPP TS 23.040 (`pdu`) and the AT commands of TS 27.005 over a serial port (`modem`).

Shared by the county hub (`sync.hub.senders.modem`) and the station program
(`station_app.devices.modem`); it imports nothing of either.
"""
