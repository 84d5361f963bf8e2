import factory.random
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from portal import demo


class Command(BaseCommand):
    help = "Build the demo site from the source article; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pages",
            type=int,
            default=0,
            metavar="N",
            help="Also add N generated services and articles, for load tests.",
        )

    def handle(self, *args, pages, **options):
        if pages < 0:
            self.stderr.write(self.style.ERROR("--pages must be 0 or more."))
            return
        # A fixed seed makes every generated value the same on every machine.
        factory.random.reseed_random(demo.SEED)
        with transaction.atomic():
            home = demo.load_site()
        self.stdout.write(self.style.SUCCESS(f"Demo site ready at {home.full_url}"))
        if pages:

            def progress(iterable, total):
                return tqdm(
                    iterable, total=total, file=self.stderr, desc="Generating pages"
                )

            with transaction.atomic():
                demo.generate_pages(pages, progress)
            self.stdout.write(self.style.SUCCESS(f"{pages} generated pages present."))
