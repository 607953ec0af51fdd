"""Load the reviewable content files (fixtures/) into the database, in Japanese and English.

Idempotent: a second run with unchanged files writes nothing. Each app that has content
offers it through a `load_content(report=, overwrite=)` method of its AppConfig (the
questionnaire in diagnosis, the lessons in learning), so the core imports no service.
`make setup` runs this after `migrate`, and so does every deploy (docs/deploy.md).

A row edited in the admin whose file entry changed too is a conflict: it is kept as edited
and listed; `--overwrite-edits` gives the files the last word. Stored results and issued
certificates never change (see diagnosis.content and learning.content).
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.lib.content_loading import LoadReport
from portal.lib.fragments import invalidate
from portal.roles import apply_group_permissions


def load_all_content(*, overwrite: bool = False) -> LoadReport:
    """Load every app's content and make sure the staff groups have their permissions."""
    report = LoadReport()
    with transaction.atomic():
        for config in apps.get_app_configs():
            loader = getattr(config, "load_content", None)
            if loader is not None:
                loader(report=report, overwrite=overwrite)
        apply_group_permissions()
        # Some rows are written in bulk, without signals: retire the cached public pages here.
        invalidate("content")
    return report


class Command(BaseCommand):
    help = "Load the questionnaire and the learning themes from fixtures/ (Japanese and English)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="Where an admin edit conflicts with a changed file entry, take the file's.",
        )
        parser.add_argument(
            "--strict", action="store_true", help="Exit with an error when there are conflicts."
        )

    def handle(self, *args, overwrite_edits, strict, **options):
        report = load_all_content(overwrite=overwrite_edits)
        lines = report.lines()
        verbose = options["verbosity"] > 1
        if options["verbosity"] > 0:
            self.stdout.write(lines[0])
        for line in lines[1:]:
            if verbose or line.startswith(("CONFLICT", "REFUSED")):
                self.stdout.write(line)
        if strict and (report.conflicts or report.refused):
            raise CommandError(f"{len(report.conflicts) + len(report.refused)} entries not loaded")
