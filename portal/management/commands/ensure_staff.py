"""Make sure the portal has a staff account to log in to the admin with.

Creates one superuser with a generated password the first time and prints the
credentials once; afterwards it does nothing, so `make run` can call it every time. It also
brings the staff groups' permissions in line with portal.roles.
"""

import secrets

from django.core.management.base import BaseCommand

from portal.models import User
from portal.roles import apply_group_permissions


class Command(BaseCommand):
    help = "Create a first superuser (printing its generated password once) when there is none."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="admin@example.com")

    def handle(self, *args, email, **options):
        apply_group_permissions()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(email=email, password=password, full_name="Portal staff")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the staff account {email} with the password {password}\n"
                "It is shown only this once: note it, or use `manage.py changepassword` later."
            )
        )
