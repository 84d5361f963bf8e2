"""The Dutch interface catalogue is complete: every marked string has a translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "locale" / "nl" / "LC_MESSAGES" / "django.po"
# The project's own apps: every folder with an apps.py.
SOURCES = sorted(path.parent.name for path in REPO.glob("*/apps.py"))


def entries(path):
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


def test_no_untranslated_or_fuzzy_dutch_entries():
    catalogue = polib.pofile(str(CATALOGUE))
    assert not catalogue.metadata_is_fuzzy
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_catalogue_holds_every_string_marked_in_the_code(tmp_path):
    """Runs makemessages on a copy of the code and compares the message ids."""
    for name in [*SOURCES, "manage.py", "locale"]:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("*.mo")
            )
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    fresh = tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    fresh.unlink()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "nl",
            "--no-obsolete",
            "-v0",
        ],
        cwd=tmp_path,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "PATH": "/usr/bin:/bin"},
    )
    missing = entries(fresh) - entries(CATALOGUE)
    assert missing == set(), "run `manage.py makemessages -l nl` and translate these"
