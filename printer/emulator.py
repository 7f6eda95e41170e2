"""A receipt printer in software: ESC/POS bytes back to text and a picture.

    python -m printer.emulator --port 9100            # a network printer; each job saved
    python -m printer.emulator --file job.bin --png job.png [--paper 80]

It reads what a Chinese receipt printer reads: GB18030 text inside `FS & ... FS .`,
`GS !` sizes, `ESC a` alignment, `GS ( k` QR codes, `GS k 73` Code128, `GS v 0`
pictures, cuts and drawer kicks, and it answers `DLE EOT` status requests (set
`paper_out`, `cover_open` to play a printer in trouble). Its rows are the same kind
`printer.layout` makes, so its text preview can be compared with the one intended, and
its picture (QR and bars really drawn) can be decoded by a barcode reader.
"""

from __future__ import annotations

import argparse
import re
import socket
import struct
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from printer import code128
from printer.layout import preview
from printer.profiles import Paper, paper
from printer.rows import (
    BarcodeRow,
    CutRow,
    DrawerRow,
    FeedRow,
    ImageRow,
    QRRow,
    Row,
    TextRow,
)
from printer.tokenizer import Token, Tokenizer, tokenize

EC_NAMES = {48: "L", 49: "M", 50: "Q", 51: "H"}
STATUS_REQUEST = re.compile(rb"\x10\x04[\x01-\x04]")


@dataclass
class PrinterState:
    """What the emulated printer reports when asked with DLE EOT."""

    paper_out: bool = False
    paper_near_end: bool = False
    cover_open: bool = False
    error: bool = False
    silent: bool = False  # a printer that never answers status requests (many cheap ones)

    def answer(self, n: int) -> bytes:
        if self.silent:
            return b""
        offline = self.paper_out or self.cover_open or self.error
        bits = {
            1: 0x08 if offline else 0,
            2: (0x04 if self.cover_open else 0) | (0x20 if self.paper_out else 0) | (0x40 if self.error else 0),
            3: 0x40 if self.error else 0,
            4: (0x0C if self.paper_near_end else 0) | (0x60 if self.paper_out else 0),
        }.get(n, 0)
        return bytes([0x12 | bits])


@dataclass
class Printout:
    """What came out: rows, their text, anything the emulator did not understand."""

    rows: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    paper: Paper = field(default_factory=lambda: paper(58))

    @property
    def text(self) -> str:
        return preview(self.rows, self.paper)

    def picture(self):  # -> PIL.Image.Image
        from printer.picture import draw

        return draw(self.rows, self.paper.dots, marks=True)

    def save_png(self, path: Path | str) -> None:
        self.picture().save(str(path))


class EmulatedPrinter:
    """Interprets tokens into rows. `respond` gets status answers (the wire back)."""

    def __init__(self, paper_mm: int = 58, state: PrinterState | None = None,
                 respond: Callable[[bytes], None] | None = None) -> None:
        self.out = Printout(paper=paper(paper_mm))
        self.state = state or PrinterState()
        self.respond = respond or (lambda b: None)
        self.answers = 0  # status answers sent
        self._tokens = Tokenizer()
        self._tail = b""  # the last bytes fed, for a status request split between pieces
        self._reset()

    def _reset(self) -> None:
        self.align, self.bold, self.size, self.chinese = "left", False, 1, False
        self.line: list[tuple[bytes, bool]] = []  # (bytes, in Chinese mode)
        self.line_style: tuple[str, bool, int] | None = None
        self.bar_height, self.bar_module, self.bar_hri = 162, 3, 0
        self.qr_size, self.qr_ec, self.qr_data = 3, "L", b""
        self._picture: list[ImageRow | int] = []  # raster bands and dot feeds, glued together

    def feed(self, data: bytes) -> None:
        """Bytes as they arrive. Status requests are answered on arrival, wherever they
        are, even inside picture or barcode data, as real printers do (real-time commands)."""
        seen = self._tail + data
        for m in STATUS_REQUEST.finditer(seen):
            if m.end() > len(self._tail):
                answer = self.state.answer(seen[m.end() - 1])
                if answer:
                    self.answers += 1
                    self.respond(answer)
        self._tail = seen[-2:]
        for token in self._tokens.feed(data):
            self.token(token)

    def finish(self) -> Printout:
        """Flush what is still buffered (a line without LF prints on the next command)."""
        if self._tokens.pending:
            self.out.warnings.append(f"truncated command at end: {self._tokens.pending[:8].hex(' ')}")
        self._flush_line(force=False)
        self._flush_picture()
        return self.out

    def _emit(self, row: Row) -> None:
        self._flush_picture()
        self.out.rows.append(row)

    def _flush_line(self, force: bool = True) -> None:
        if not self.line and not force:
            return
        merged: list[tuple[bytes, bool]] = []  # a character may have come in two pieces
        for raw, chinese in self.line:
            if merged and merged[-1][1] == chinese:
                merged[-1] = (merged[-1][0] + raw, chinese)
            else:
                merged.append((raw, chinese))
        text = "".join(self._decode(raw, chinese) for raw, chinese in merged)
        align, bold, size = self.line_style or (self.align, self.bold, self.size)
        self.line, self.line_style = [], None
        self._emit(TextRow(text, align, bold, size))  # type: ignore[arg-type]

    def _decode(self, raw: bytes, chinese: bool) -> str:
        if chinese:
            return raw.decode("gb18030", errors="replace")
        if any(b >= 0x80 for b in raw):
            self.out.warnings.append(f"non-ASCII bytes outside Chinese mode: {raw.hex(' ')}")
        return raw.decode("cp437")

    def _flush_picture(self) -> None:
        parts, self._picture = self._picture, []
        images = [p for p in parts if isinstance(p, ImageRow)]
        if not images:
            if parts:
                self.out.rows.append(FeedRow(max(1, round(sum(p for p in parts if isinstance(p, int)) / 30))))
            return
        width = max(i.width for i in images)
        stride = (width + 7) // 8
        bits = bytearray()
        for p in parts:
            if isinstance(p, int):
                bits += bytes(stride * p)
            else:
                s = (p.width + 7) // 8
                for y in range(p.height):
                    bits += p.bits[y * s:(y + 1) * s] + bytes(stride - s)
        self.out.rows.append(ImageRow(width, len(bits) // stride, bytes(bits), images[0].align))

    def token(self, t: Token) -> None:
        name, a = t.name, t.args
        if t.kind == "text":
            if not self.line:
                self.line_style = (self.align, self.bold, self.size)
            self.line.append((t.raw, self.chinese))
        elif name == "LF":
            self._flush_line()
        elif name in ("CR", "HT", "CAN", "ESC 2", "ESC 3", "ESC M", "ESC t", "ESC -", "GS B",
                      "ESC {", "GS L", "GS W", "ESC SP", "FS !", "FS -", "FS C", "FS S", "ESC G"):
            pass  # spacing, code pages and effects the preview does not show
        elif name == "ESC @":
            if self.line:
                self._flush_line()
            self._reset()
        elif name == "ESC a":
            self.align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}.get(a[0], "left")
        elif name == "ESC E":
            self.bold = bool(a[0] & 1)
        elif name == "ESC !":
            self.bold = bool(a[0] & 0x08)
            self.size = 2 if a[0] & 0x30 else 1
        elif name == "GS !":
            self.size = (a[0] >> 4) + 1
        elif name == "FS &":
            self.chinese = True
        elif name == "FS .":
            self.chinese = False
        elif name == "ESC d":
            if self.line:
                self._flush_line()
            self._emit(FeedRow(a[0]))
        elif name == "ESC J":
            if self.line:
                self._flush_line()
            self._picture.append(a[0])
        elif name == "GS h":
            self.bar_height = a[0]
        elif name == "GS w":
            self.bar_module = a[0]
        elif name == "GS H":
            self.bar_hri = a[0] & 3
        elif name == "GS f":
            pass
        elif name == "GS k":
            self._barcode(t)
        elif name == "GS ( k":
            self._qr(t)
        elif name == "GS v 0":
            if self.line:
                self._flush_line()
            width_bytes, height = a[1] | a[2] << 8, a[3] | a[4] << 8
            self._picture.append(ImageRow(width_bytes * 8, height, t.data, self.align))  # type: ignore[arg-type]
        elif name in ("GS V", "ESC i", "ESC m"):
            if self.line:
                self._flush_line()
            self._emit(CutRow(partial=name == "ESC m" or (bool(a) and a[0] in (1, 49, 66, 98))))
        elif name == "ESC p":
            self._emit(DrawerRow(a[0] & 1))
        elif name == "DLE EOT":
            pass  # answered on arrival, in feed()
        else:
            self.out.warnings.append(f"ignored {t.describe()[:60]}")

    def _barcode(self, t: Token) -> None:
        if self.line:
            self._flush_line()
        if t.args[0] != 73:
            self.out.warnings.append(f"barcode type {t.args[0]} not drawn")
            return
        try:
            code = code128.from_escpos(t.data)
        except ValueError as exc:
            self.out.warnings.append(f"bad Code128 data: {exc}")
            return
        self._emit(BarcodeRow(code, self.bar_module, self.bar_height, self.bar_hri in (2, 3)))

    def _qr(self, t: Token) -> None:
        data = t.data
        if len(data) < 2 or data[0] != 0x31:
            self.out.warnings.append(f"2D code other than QR ignored: {t.describe()[:40]}")
            return
        fn, rest = data[1], data[2:]
        if fn == 0x43:
            self.qr_size = rest[0]
        elif fn == 0x45:
            self.qr_ec = EC_NAMES.get(rest[0], "L")
        elif fn == 0x50:
            self.qr_data = rest[1:]
        elif fn == 0x51:
            if self.line:
                self._flush_line()
            self._emit(QRRow(self.qr_data.decode("utf-8", errors="replace"), self.qr_size, self.qr_ec))


def decode(data: bytes, paper_mm: int = 58) -> Printout:
    """Everything a printer would print from `data`."""
    printer = EmulatedPrinter(paper_mm)
    for token in tokenize(data):
        if token.kind == "unknown" and token.name == "TRUNCATED":
            printer.out.warnings.append("truncated command at end")
            continue
        printer.token(token)
    return printer.finish()


class EmulatorServer:
    """A network printer on TCP (raw port 9100 style), one connection at a time.

    `jobs` holds the bytes of every connection, in order. `drop_after` cuts the next
    connection after that many bytes (a printer losing its link mid-receipt).
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, paper_mm: int = 58,
                 state: PrinterState | None = None,
                 on_job: Callable[[bytes, Printout], None] | None = None) -> None:
        self.paper_mm = paper_mm
        self.state = state or PrinterState()
        self.on_job = on_job
        self.jobs: list[bytes] = []
        self.answers = 0  # status answers sent, over all connections
        self.drop_after: int | None = None
        self._sock = socket.create_server((host, port))
        self._sock.settimeout(0.2)
        self.host, self.port = self._sock.getsockname()[:2]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="printer-emulator", daemon=True)
        self._lock = threading.Condition()
        self.finished = 0  # connections closed so far

    @property
    def spec(self) -> str:
        return f"net:{self.host}:{self.port}"

    def start(self) -> EmulatorServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_for_jobs(self, count: int, timeout: float = 30.0) -> bool:
        """Wait until `count` connections have ended (for tests)."""
        with self._lock:
            return self._lock.wait_for(lambda: self.finished >= count, timeout)

    def received(self) -> bytes:
        with self._lock:
            return b"".join(self.jobs)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                try:
                    self._session(conn)
                finally:
                    with self._lock:
                        self.finished += 1
                        self._lock.notify_all()

    def _session(self, conn: socket.socket) -> None:
        conn.settimeout(0.2)
        got = bytearray()
        with self._lock:
            limit, self.drop_after = self.drop_after, None
            self.jobs.append(b"")
            index = len(self.jobs) - 1
        printer = EmulatedPrinter(self.paper_mm, self.state, respond=lambda b: conn.sendall(b))
        try:
            self._receive(conn, printer, got, limit, index)
        finally:
            with self._lock:
                self.answers += printer.answers

    def _receive(self, conn: socket.socket, printer: EmulatedPrinter, got: bytearray, limit: int | None,
                 index: int) -> None:
        while not self._stop.is_set():
            try:
                chunk = conn.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            if limit is not None and len(got) + len(chunk) >= limit:
                chunk = chunk[:limit - len(got)]
                got += chunk
                with self._lock:
                    self.jobs[index] = bytes(got)
                linger = struct.pack("HH" if sys.platform == "win32" else "ii", 1, 0)
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                return  # closed with a reset, the rest of the job lost
            got += chunk
            with self._lock:
                self.jobs[index] = bytes(got)
            try:
                printer.feed(chunk)
            except OSError:
                break
        if self.on_job:
            self.on_job(bytes(got), printer.finish())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m printer.emulator", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, help="listen on this TCP port (9100 like a network printer)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--file", type=Path, help="read ESC/POS bytes from this file")
    parser.add_argument("--png", type=Path, help="with --file: write the picture of the receipt here")
    parser.add_argument("--out", type=Path, default=Path("."), help="with --port: folder for job-N.bin/.png/.txt")
    parser.add_argument("--paper", type=int, choices=(58, 80), default=58)
    args = parser.parse_args(argv)
    if args.file:
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            print(f"printer.emulator: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 2
        printout = decode(data, args.paper)
        sys.stdout.write(printout.text)
        for w in printout.warnings:
            print(f"warning: {w}", file=sys.stderr)
        if args.png:
            printout.save_png(args.png)
        return 0
    if args.port is None:
        parser.error("give --port to listen or --file to read")
    args.out.mkdir(parents=True, exist_ok=True)
    count = 0

    def save(data: bytes, printout: Printout) -> None:
        nonlocal count
        count += 1
        stem = args.out / f"job-{count}"
        Path(f"{stem}.bin").write_bytes(data)
        Path(f"{stem}.txt").write_text(printout.text, encoding="utf-8")
        printout.save_png(f"{stem}.png")
        print(f"--- job {count}: {len(data)} bytes -> {stem}.png", flush=True)
        sys.stdout.write(printout.text)
        sys.stdout.flush()

    try:
        server = EmulatorServer(args.host, args.port, args.paper, on_job=save)
    except OSError as exc:
        print(f"printer.emulator: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"emulated {args.paper} mm printer listening on {server.spec} (Ctrl+C to stop)", flush=True)
    server.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
