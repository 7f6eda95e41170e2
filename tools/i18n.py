"""Keep the translation catalogue (Qt Linguist .ts) complete.

    python tools/i18n.py update          # collect every marked string from the code into the .ts
    python tools/i18n.py missing         # list the strings still without a Chinese translation
    python tools/i18n.py fill FILE.json  # {"English source": "中文", ...} -> the .ts (any context)

The .ts file is the only place translations live; `make` compiles it to .qm for Qt, and
`station_app.i18n` reads it directly where Qt is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "translations" / "station_zh_CN.ts"
SOURCES = ("station_app", "printer", "sync")


def python_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for d in SOURCES for p in (ROOT / d).rglob("*.py"))


def update() -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), "-locations", "none", "-no-obsolete", "-target-language", "zh_CN",
                    *python_files(), "-ts", str(TS)], cwd=ROOT, check=True)


def unfinished() -> list[tuple[str, str]]:
    root = ET.parse(TS).getroot()
    out = []
    for ctx in root.iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip():
                out.append((ctx.findtext("name") or "", msg.findtext("source") or ""))
    return out


def fill(mapping: dict[str, str]) -> int:
    """Translate the strings still without Chinese; a translation already made is never
    replaced (the same English can rightly read differently on a receipt and on a screen)."""
    tree = ET.parse(TS)
    n = 0
    for msg in tree.getroot().iter("message"):
        source = msg.findtext("source")
        tr = msg.find("translation")
        done = tr is not None and tr.get("type") != "unfinished" and (tr.text or "").strip()
        if source in mapping and tr is not None and not done:
            tr.text = mapping[source]
            tr.attrib.pop("type", None)
            n += 1
    ET.indent(tree, "    ")
    with open(TS, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
    return n


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "missing"
    if cmd == "update":
        update()
    elif cmd == "fill":
        print(fill(json.loads(Path(sys.argv[2]).read_text("utf-8"))), "filled")
    else:
        for ctx, src in unfinished():
            print(json.dumps(src, ensure_ascii=False), f"  # {ctx}")
