"""Packaging: a clone without symbolic links (Windows without Developer Mode,
core.symlinks=false) builds a wheel that holds the default templates, and
the installed package finds them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None or not (ROOT / ".git").exists(),
                               reason="needs a git checkout (the test copies the tracked files)")


def tracked() -> list[str]:
    out = subprocess.run([GIT, "ls-files", "-s", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [entry.decode("utf-8") for entry in out.split(b"\0") if entry]


@needs_git
def test_the_repository_holds_no_symbolic_links():
    links = [e.split("\t", 1)[1] for e in tracked() if e.startswith("120000 ")]
    assert links == [], f"a Windows clone gets these as small text files: {links}"


def windows_clone(dest: Path) -> Path:
    """The tracked files as a checkout without symlinks has them: each link
    a plain file holding its target's path."""
    for entry in tracked():
        mode, rel = entry.split(" ", 1)[0], entry.split("\t", 1)[1]
        src, dst = ROOT / rel, dest / rel
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the working tree, not yet committed
        dst.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000" or src.is_symlink():
            dst.write_text(os.readlink(src), encoding="utf-8")
        else:
            shutil.copy2(src, dst)
    return dest


@needs_git
def test_a_wheel_built_without_symlinks_holds_the_templates_and_uses_them(tmp_path):
    clone = windows_clone(tmp_path / "clone")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"),
                            str(clone)], capture_output=True, text=True, timeout=600)
    if build.returncode and "No matching distribution" in build.stderr:
        pytest.skip(f"the build backend could not be installed (offline?): {build.stderr.strip()[-200:]}")
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("timeline-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file())
    assert templates and {f"timeline/{t}" for t in templates} <= names
    # Installed (unpacked ahead of the source checkout), the package reads its own copy.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = ("import timeline.render as r; r.environment().get_template('timeline.md.j2'); "
             "print(r.DEFAULT_TEMPLATES)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(site)}, check=True).stdout
    assert out.splitlines()[0] == str((site / "timeline" / "templates").resolve())


def test_a_source_checkout_reads_the_top_level_templates():
    from timeline.render import DEFAULT_TEMPLATES

    if (Path(DEFAULT_TEMPLATES).parent / "__init__.py").is_file():  # an installed wheel
        assert (Path(DEFAULT_TEMPLATES) / "timeline.md.j2").is_file()
    else:
        assert Path(DEFAULT_TEMPLATES) == ROOT / "templates"
