"""The README's two commands, .ci/run, and lint."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _block_after(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(re.escape(marker) + r"\s*```bash\n(.*?)\n```", text, re.S)
    assert match, f"README.md has no bash block after {marker}"
    return match.group(1).strip()


def test_readme_has_exactly_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count("```bash") == 2
    main = _block_after("<!-- main-command -->")
    tests = _block_after("<!-- test-command -->")
    assert "\n" not in main and "\n" not in tests
    assert "pip install" in main and "bargaining " in main
    assert '".[test]"' in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in script
    awk = re.search(r"command=\$\(awk '(.*?)' README.md\)", script).group(1)
    extracted = subprocess.run(["awk", awk, str(ROOT / "README.md")], capture_output=True, text=True, check=True)
    assert extracted.stdout.strip() == _block_after("<!-- test-command -->")


def test_ruff_passes():
    beside_python = Path(sys.executable).parent / "ruff"
    ruff = str(beside_python) if beside_python.exists() else shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is part of the test extras and must be installed")
    result = subprocess.run([ruff, "check", "bargaining", "tests", "benchmarks"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
