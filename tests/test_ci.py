"""The CI files keep the promises of pyproject.toml and the README: every
supported Python is tested, and the site is deployed only after the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
#: The newest Python the project is tested on (raise it with the workflow).
NEWEST = (3, 13)


def supported() -> list[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    low = re.search(r'^requires-python\s*=\s*">=(\d+)\.(\d+)"', text, re.M)
    assert low, "requires-python should read '>=3.N'"
    major, minor = int(low[1]), int(low[2])
    return [f"{major}.{m}" for m in range(minor, NEWEST[1] + 1)]


def test_the_pages_workflow_tests_every_supported_python_before_deploying():
    flow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    assert jobs["test"]["strategy"]["matrix"]["python"] == supported()
    assert any("make test" in step.get("run", "") for step in jobs["test"]["steps"])
    assert jobs["deploy"]["needs"] == "test"
    assert any("gh-deploy" in step.get("run", "") for step in jobs["deploy"]["steps"])


def test_the_workflow_uses_current_action_versions():
    text = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    used = dict(re.findall(r"uses:\s*(actions/[\w-]+)@v(\d+)", text))
    # Node 20 actions are deprecated on GitHub's runners; these are the Node 24 majors.
    assert used == {"actions/checkout": "6", "actions/setup-python": "6", "actions/cache": "5"}


def test_ci_runs_the_readme_test_command_and_the_other_pythons():
    run = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "make test\n" in run and "make test-pythons" in run
    default = re.search(r"versions=\(([\d. ]+)\)", (ROOT / ".ci/pythons").read_text(encoding="utf-8"))
    assert default and default[1].split() == supported()


def test_ci_pythons_names_a_python_that_is_not_installed(tmp_path):
    result = subprocess.run([str(ROOT / ".ci/pythons"), "3.99"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Python 3.99: not installed, skipped" in result.stderr
    assert "not installed: 3.99" in result.stdout


def test_make_serve_takes_another_port():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    out = subprocess.run([make, "-n", "serve", "PORT=8001"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "mkdocs serve --livereload --dev-addr 127.0.0.1:8001" in out
    assert "127.0.0.1:8000" in subprocess.run([make, "-n", "serve"], cwd=ROOT, capture_output=True,
                                              text=True).stdout


def test_site_url_comes_from_the_pages_workflow_or_is_the_local_preview(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.delenv("SITE_URL", raising=False)
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "http://127.0.0.1:8000/"
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/timeline/")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "https://someone.github.io/timeline/"
    flow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    deploy = next(s for s in flow["jobs"]["deploy"]["steps"] if "gh-deploy" in s.get("run", ""))
    assert deploy["env"]["SITE_URL"].startswith("https://${{ github.repository_owner }}.github.io/")
