from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform on http://127.0.0.1:PORT (static files served by WhiteNoise)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        self.stdout.write(f"bassins: serving on http://{host}:{port}/ (Ctrl-C stops)")
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
