"""The two installs of pyproject.toml: `village-station[station]` and `village-station[hub]`.

Each program is imported in a fresh Python where only the packages its install brings
(the base, its extra and what they depend on, read from pyproject.toml and the installed
packages' metadata) can be imported; every other installed package raises ImportError, as
on a PC where only that install was made. So the hub runs without PySide6 and OpenCV, the station
without FastAPI, SQLAlchemy, uvicorn and psycopg. The program's imports inside functions
(which run only on some paths) are read from its source: other packages are checked against
the same list, modules of ours are imported too.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
OWN = ("station_app", "printer", "sync")
#: what each install runs: packages whose every module must import, and parts left out
#: (sync.testing is test tooling that drives a station against a hub: the dev install's)
PROGRAMS = {
    # `station-hub demo` (sync.demo) is a hub command that runs stations too: it wants both installs
    "station": {"walk": ["station_app", "printer", "sync"], "skip": ["sync.hub", "sync.testing", "sync.demo"]},
    "hub": {"walk": ["sync.hub"], "skip": []},
}
#: packages each install must never bring
FOREIGN = {
    # OpenCV and numpy are the station's optional camera component (the `camera` extra)
    "station": {"fastapi", "starlette", "uvicorn", "sqlalchemy", "psycopg", "psycopg_binary", "pydantic",
                "cv2", "numpy"},
    # the hub writes the county's and the stations' monthly reports as PDF (issue 17): reportlab, and its pillow
    "hub": {"PySide6", "shiboken6", "cv2", "numpy", "zxingcpp", "pyzbar", "escpos", "requests"},
}

PROBE = r"""
import importlib, importlib.abc, json, pkgutil, sys
absent, walk, skip, extra, install = json.loads(sys.argv[1])
absent = set(absent) - set(sys.modules)
blocked = set()

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top not in absent:
            return None
        blocked.add(top)
        raise ModuleNotFoundError(f"No module named {top!r} (not in the {install} install)", name=top)

sys.meta_path.insert(0, Block())
for package in walk:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if info.name.endswith("__main__") or any(info.name == s or info.name.startswith(s + ".") for s in skip):
            continue
        importlib.import_module(info.name)
for name in extra:
    importlib.import_module(name)
own = sorted(n for n in sys.modules if n.partition(".")[0] in ("station_app", "printer", "sync"))
print(json.dumps({"own": own, "blocked": sorted(blocked)}))
"""


def requirements(install: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"][install]]


def distributions(install: str) -> set[str]:
    """The installed distributions (canonical names) that `pip install village-station[install]`
    brings on this platform: the requirements and, recursively, theirs."""
    found: set[str] = set()
    todo = [(r, frozenset[str]()) for r in requirements(install)]
    while todo:
        req, parent_extras = todo.pop()
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in (parent_extras or {""})):
            continue
        name = canonicalize_name(req.name)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"{req.name} (required by the {install} install) is not installed here")
        if name in found and not req.extras:
            continue
        found.add(name)
        todo += [(Requirement(r), frozenset(req.extras)) for r in dist.requires or []]
    return found


def absent_modules(install: str) -> set[str]:
    """Top-level modules installed here that the install would not bring."""
    dists = distributions(install)
    return {top for top, owners in metadata.packages_distributions().items()
            if not any(canonicalize_name(d) in dists for d in owners)} - set(sys.stdlib_module_names) - set(OWN)


def optional(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether an import sits in a `try` that handles its ImportError (an optional extra)."""
    while node in parents:
        node, child = parents[node], node
        if isinstance(node, ast.Try) and child in node.body:
            names = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if names & {"ImportError", "ModuleNotFoundError", "(ImportError, OSError)", "Exception"}:
                return True
    return False


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    """(modules of ours, other top-level names) a source file imports anywhere, inside
    functions too, leaving out optional imports."""
    tree = ast.parse(path.read_text("utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    own, other = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        if optional(node, parents) or (isinstance(parents.get(node), ast.If)
                                       and "TYPE_CHECKING" in ast.unparse(parents[node].test)):
            continue
        for name in names:
            if name.partition(".")[0] in OWN:
                own.add(name)
            else:
                other.add(name.partition(".")[0])
    return {n for n in own if is_module(n)}, other


def is_module(name: str) -> bool:
    path = ROOT / Path(*name.split("."))
    return (path / "__init__.py").is_file() or path.with_suffix(".py").is_file()


def program_files(install: str) -> list[Path]:
    program = PROGRAMS[install]
    skipped = [ROOT / Path(*s.split(".")) for s in program["skip"]]
    return [f for package in program["walk"] for f in sorted((ROOT / Path(*package.split("."))).rglob("*.py"))
            if not any(f.is_relative_to(s) or f.with_suffix("") == s for s in skipped) and f.name != "__main__.py"]


@pytest.mark.parametrize("install", sorted(PROGRAMS))
def test_each_install_imports_with_only_its_own_packages(install):
    absent = absent_modules(install)
    assert FOREIGN[install] <= absent, f"the {install} install brings {sorted(FOREIGN[install] - absent)}"
    extra, wrong = set(), {}
    for path in program_files(install):
        own, other = imports_of(path)
        extra |= own
        for top in other & absent:
            wrong.setdefault(top, []).append(path.relative_to(ROOT).as_posix())
    assert not wrong, f"the {install} install lacks what these files import: {wrong}"
    program = PROGRAMS[install]
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps([sorted(absent), program["walk"], program["skip"],
                                                                       sorted(extra), install])],
                            capture_output=True, text=True, cwd=ROOT, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"station_app.cli", "sync.client"} <= set(loaded["own"]) if install == "station" else \
        {"sync.hub.cli", "sync.hub.app"} <= set(loaded["own"])


def test_the_dev_install_is_both_and_the_tools():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    [both] = [Requirement(r) for r in project["optional-dependencies"]["dev"] if "village-station" in r]
    assert both.extras == {"station", "camera", "hub"}
