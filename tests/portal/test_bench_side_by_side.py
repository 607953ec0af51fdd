"""`make bench-side-by-side` serves another revision from a worktree of its own, ready to run
in production mode with this checkout's packages, and leaves nothing behind."""

import subprocess

from benchmarks.servers import ROOT
from benchmarks.side_by_side import worktree


def git(*args, folder=ROOT) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def test_the_other_revision_is_checked_out_with_its_translations_then_removed():
    with worktree("HEAD") as folder:
        assert git("rev-parse", "HEAD", folder=folder) == git("rev-parse", "HEAD")
        assert (folder / "locale" / "en" / "LC_MESSAGES" / "django.mo").stat().st_size > 0
    assert not folder.exists()
    assert str(folder) not in git("worktree", "list")
