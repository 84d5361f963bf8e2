"""Writes the API's OpenAPI document, as ``/api/v3/openapi.json`` serves it.

``manage.py openapi_document examples/headless/openapi.json`` refreshes the copy the
headless example's TypeScript types are generated from; the suite fails while that
copy differs from what the code serves.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from api.openapi import document_text


class Command(BaseCommand):
    help = "Write the OpenAPI document of /api/v3/ to a file (or standard output)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="The file to write.")

    def handle(self, *args, path=None, **options):
        text = document_text()
        if path:
            Path(path).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
