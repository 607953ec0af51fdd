"""`make bench-side-by-side` serves another revision from a worktree of its own, ready to run
in production mode with this checkout's packages, and leaves nothing behind."""

import shutil
import subprocess

import pytest

from benchmarks.servers import ROOT
from benchmarks.side_by_side import worktree

pytestmark = pytest.mark.skipif(
    not (ROOT / ".git").exists() or shutil.which("git") is None,
    reason="the other revision comes from git: needs a git checkout (make's and CI's are)",
)


def git(*args, folder=ROOT) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def test_the_other_revision_is_checked_out_with_its_translations_then_removed():
    with worktree("HEAD") as folder:
        assert git("rev-parse", "HEAD", folder=folder) == git("rev-parse", "HEAD")
        assert (folder / "locale" / "en" / "LC_MESSAGES" / "django.mo").stat().st_size > 0
    assert not folder.exists()
    assert str(folder) not in git("worktree", "list")
