"""The `station-hub` commands for the evidence the county's audit accepts (issue 21), through the
same functions as the dashboard; every change is in the audit log under `cli:<console user>`.

    station-hub claims QUARTER [--out FILE.zip|FILE.xlsx]      the quarter's claim; the approved part to file
    station-hub review-claim QUARTER STATION ROW accepted|rejected [--reason R]
    station-hub village-link STATION [CODE ...]                the villages a station serves
    station-hub register-send [--station S]                    send the poverty register again (after escrow)
    station-hub county-session --title T --day D --person-times N [--place P] [--organiser O] [--poverty N]
    station-hub training-progress [--year Y]
    station-hub indicators [--year Y] [--out FILE.xlsx|FILE.csv]
    station-hub indicator-map KEY FIELD [--name NAME]
(The village list and the register are uploads: `station-hub upload villages|poverty-register FILE`.)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from station_app.clock import local_day
from station_app.errors import UserError
from sync.hub import claims, county_training, indicators, register, villages
from sync.hub.audit import who
from sync.hub.db import open_hub
from sync.hub.shadows import Shadows
from sync.hub.store import Hub


@contextmanager
def _open(args: argparse.Namespace) -> Iterator[tuple[Hub, Shadows]]:
    hub = Hub(open_hub(args.db))
    shadows = Shadows(hub, getattr(args, "shadows", None))
    try:
        yield hub, shadows
    finally:
        shadows.close()
        hub.engine.dispose()


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    c = sub.add_parser("claims", parents=[common], help="the quarter's farm-produce subsidy claim, reviewed per row")
    c.add_argument("quarter", help="e.g. 2026Q4")
    c.add_argument("--out", type=Path, help="write the approved claim: .zip (xlsx + e-waybill images) or .xlsx")
    r = sub.add_parser("review-claim", parents=[common], help="accept or reject one claim row")
    r.add_argument("quarter")
    r.add_argument("station", help="the station's id")
    r.add_argument("row", help="the outgoing parcel's id (as `claims` lists it)")
    r.add_argument("decision", choices=[claims.ACCEPTED, claims.REJECTED])
    r.add_argument("--reason", default="")
    v = sub.add_parser("village-link", parents=[common], help="say which villages a station serves")
    v.add_argument("station")
    v.add_argument("codes", nargs="*", help="12-digit village codes (none: back to its own village)")
    s = sub.add_parser("register-send", parents=[common], help="send the poverty register to the stations again")
    s.add_argument("--station")
    t = sub.add_parser("county-session", parents=[common], help="record training held at the county centre")
    t.add_argument("--title", required=True)
    t.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    t.add_argument("--person-times", required=True, type=int)
    t.add_argument("--poverty", type=int, default=0, help="of them, poverty-register person-times")
    t.add_argument("--place", default="")
    t.add_argument("--organiser", default="")
    t.add_argument("--category", default="farmer")
    g = sub.add_parser("training-progress", parents=[common], help="the county's training person-times by month")
    g.add_argument("--year", type=int)
    i = sub.add_parser("indicators", parents=[common], help="the national indicators by month")
    i.add_argument("--year", type=int)
    i.add_argument("--out", type=Path, help="FILE.xlsx or FILE.csv (with the county's field names)")
    m = sub.add_parser("indicator-map", parents=[common], help="map an indicator to the national system's field")
    m.add_argument("key", choices=[x.key for x in indicators.INDICATORS])
    m.add_argument("field")
    m.add_argument("--name", default="")


def _fail(command: str, exc: UserError) -> int:
    print(f"station-hub {command}: {exc.message('zh_CN')}", file=sys.stderr)
    return 2


def cmd_claims(args: argparse.Namespace) -> int:
    with _open(args) as (_, shadows):
        try:
            claim = claims.build(shadows, args.quarter)
            if args.out:
                claims.write_claim(shadows, args.quarter, args.out)
        except UserError as exc:
            return _fail("claims", exc)
    for r in claim.rows:
        print(json.dumps({"station": r.station_id, "row": r.row.outbound_id, "receipt": r.row.receipt_no,
                          "entity": r.row.entity_name, "status": r.status, "why": r.why, "fen": r.fen},
                         ensure_ascii=False))
    approved = claim.approved()
    print(f"{claim.quarter}: {len(claim.rows)} rows, {len(approved)} approved, {sum(r.fen for r in approved)} fen"
          + (f" -> {args.out}" if args.out else ""), file=sys.stderr)
    return 0


def cmd_review_claim(args: argparse.Namespace) -> int:
    with _open(args) as (_, shadows):
        try:
            row = claims.review(shadows, args.quarter, args.station, args.row, decision=args.decision,
                                reason=args.reason, who=who())
        except UserError as exc:
            return _fail("review-claim", exc)
    print(json.dumps({"receipt": row.row.receipt_no, "status": row.status, "fen": row.fen}, ensure_ascii=False))
    return 0


def cmd_village_link(args: argparse.Namespace) -> int:
    with _open(args) as (hub, shadows):
        try:
            name, codes = villages.link_station(hub, args.station, args.codes, who())
        except UserError as exc:
            return _fail("village-link", exc)
        register.send_register(hub, shadows=shadows)
    print(json.dumps({"station": name, "villages": codes}, ensure_ascii=False))
    return 0


def cmd_register_send(args: argparse.Namespace) -> int:
    with _open(args) as (hub, shadows):
        sent = register.send_register(hub, shadows=shadows, station=args.station)
    print(json.dumps(sent, ensure_ascii=False))
    return 0


def cmd_county_session(args: argparse.Namespace) -> int:
    with _open(args) as (hub, _):
        try:
            s = county_training.record_session(hub, title=args.title, day=args.day, person_times=args.person_times,
                                               place=args.place, organiser=args.organiser, category=args.category,
                                               poverty_person_times=args.poverty, who=who())
        except UserError as exc:
            return _fail("county-session", exc)
    print(json.dumps({"id": s.id, "day": s.day, "person_times": s.person_times}, ensure_ascii=False))
    return 0


def cmd_training_progress(args: argparse.Namespace) -> int:
    with _open(args) as (hub, shadows):
        p = county_training.progress(shadows, args.year or local_day(hub.clock.now()).year)
    for m in p.months:
        print(json.dumps(m.__dict__, ensure_ascii=False))
    print(f"{p.year}: {p.total} of {p.target} person-times", file=sys.stderr)
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    with _open(args) as (hub, shadows):
        result = indicators.compute(shadows, args.year or local_day(hub.clock.now()).year)
        if args.out:
            data = indicators.to_csv(hub, result) if args.out.suffix == ".csv" else indicators.to_xlsx(hub, result)
            args.out.write_bytes(data)
        header, rows = indicators.table(hub, result)
    for row in rows:
        print(json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False))
    return 0


def cmd_indicator_map(args: argparse.Namespace) -> int:
    with _open(args) as (hub, _):
        try:
            field, name = indicators.set_mapping(hub, args.key, args.field, name=args.name, who=who())
        except UserError as exc:
            return _fail("indicator-map", exc)
    print(json.dumps({"key": args.key, "field": field, "name": name}, ensure_ascii=False))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "claims": cmd_claims, "review-claim": cmd_review_claim, "village-link": cmd_village_link,
    "register-send": cmd_register_send, "county-session": cmd_county_session,
    "training-progress": cmd_training_progress, "indicators": cmd_indicators, "indicator-map": cmd_indicator_map}
