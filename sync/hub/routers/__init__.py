"""The hub's faces, one router each (FastAPI's "bigger applications" layout), put together by
`sync.hub.app.create_app`; who may ask is `sync.hub.auth`, in every one.

    protocol    /v1 ...            stations: the sync protocol and evidence files (Bearer token)
    admin       /v1/admin ..., /   county staff: stations, codes, settings, flags (HTTP Basic)
    county      /county ...        county staff: the catalogue and the online shop's orders
    dashboard   /dashboard ...     county staff: the month's figures and records (login)
    public      /t/{code}          anyone: the traceability page of a consignment label
"""
