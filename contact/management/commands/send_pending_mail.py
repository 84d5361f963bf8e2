from django.core.management.base import BaseCommand

from contact.mail import send_pending


class Command(BaseCommand):
    help = "Send contact-request mail that is due (new, or waiting after a failure)."

    def handle(self, *args, **options):
        tried, delivered = send_pending()
        self.stdout.write(f"{tried} requests tried, {delivered} fully delivered.")
