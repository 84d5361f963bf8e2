from django.core.management.base import BaseCommand

from offices import reference_data
from offices.models import Municipality, PostcodeArea


class Command(BaseCommand):
    help = "Load or refresh municipalities and 4-digit postcodes from offices/data."

    def handle(self, *args, **options):
        municipalities, areas = reference_data.load(Municipality, PostcodeArea)
        self.stdout.write(
            self.style.SUCCESS(
                f"{municipalities} municipalities, {areas} postcode areas."
            )
        )
