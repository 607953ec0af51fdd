"""Import the National Tax Agency's 法人番号 files (全件 or 差分, .zip or .csv, CSV・Unicode
edition) into the look-up table of the organisation forms:

    .venv/bin/python manage.py import_corporate_numbers 13_tokyo_all_20260131.zip diff_20260201.zip

Run it again after an interruption and it resumes each file after its last committed batch.
See portal/lib/corporate_register.py and docs/deploy.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.lib import corporate_register


class Command(BaseCommand):
    help = "Import 法人番号 download files (.zip or .csv) into the corporate number look-up table."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--diff",
            action="store_true",
            default=None,
            help="the files are 差分 files (default: by file name)",
        )
        parser.add_argument("--restart", action="store_true", help="import from the first row again")
        parser.add_argument("--batch-size", type=int, default=corporate_register.BATCH_SIZE)

    def handle(self, *args, files, diff, restart, batch_size, verbosity, **options):
        missing = [str(path) for path in files if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        for path in files:
            try:
                result = corporate_register.import_file(
                    path, diff=diff, restart=restart, batch_size=batch_size, progress=verbosity > 0
                )
            except ValueError as error:  # e.g. a zip without exactly one CSV
                raise CommandError(str(error)) from error
            if verbosity > 0:
                self.stdout.write(result.summary())
