"""The layers of the apps: the import contract, the map in docs/architecture.md, and
proof that the contract catches an upward import.

`make lint` runs the contract (import-linter, `[tool.importlinter]` in pyproject.toml).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "jobbro"
DOC = ROOT / "docs" / "architecture.md"
START, END = "<!-- layers:start -->", "<!-- layers:end -->"
# Entry points above every layer: settings, the URL conf, the WSGI app (the API is a layer).
ENTRY_POINTS = {"settings", "urls", "wsgi", "formats"}


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = config["contracts"]
    return contract


def layers() -> list[list[str]]:
    """The contract's layers, top first, each a list of its (independent) modules."""
    return [[m.strip() for m in layer.split("|")] for layer in _contract()["layers"]]


def layer_map() -> str:
    """The block docs/architecture.md shows between its markers."""
    lines = [START, "| layer | modules |", "| --- | --- |"]
    for number, layer in enumerate(layers(), start=1):
        names = ", ".join(f"`{module.removeprefix('jobbro.')}`" for module in layer)
        lines.append(f"| {number} | {names} |")
    lines.append(END)
    return "\n".join(lines)


def test_the_architecture_doc_shows_the_contract() -> None:
    text = DOC.read_text()
    shown = text[text.index(START) : text.index(END) + len(END)]
    assert shown == layer_map(), (
        "docs/architecture.md's layer map differs from the contract in pyproject.toml; "
        f"write it as:\n{layer_map()}"
    )


def test_every_app_and_shared_module_has_a_layer() -> None:
    placed = {module.removeprefix("jobbro.") for layer in layers() for module in layer}
    present = {
        path.name
        for path in SRC.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name not in ENTRY_POINTS
    } | {
        path.stem
        for path in SRC.glob("*.py")
        if path.stem not in ENTRY_POINTS and path.stem != "__init__"
    }
    assert present - placed == set(), "modules missing from the layers contract"
    assert placed - present == set(), "the contract names modules that do not exist"


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """The contract is not vacuous: companies' services importing job orders fails it."""
    copy = tmp_path / "src" / "jobbro"
    shutil.copytree(
        SRC, copy, ignore=shutil.ignore_patterns("data", "locale", "static", "templates")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    services = copy / "companies" / "services.py"
    services.write_text(services.read_text() + "\nfrom jobbro.joborders import models  # upward\n")

    def lint() -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own venv's lint-imports
            [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
            cwd=tmp_path,
            env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=False,
        )

    broken = lint()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "jobbro.companies.services -> jobbro.joborders.models" in broken.stdout

    services.write_text(services.read_text().replace("from jobbro.joborders import models", ""))
    assert lint().returncode == 0
