"""`bassins serve [--port N]`: the platform on a production WSGI server (waitress), static files by WhiteNoise."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform on http://127.0.0.1:PORT (waitress; static files served by WhiteNoise)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--dev", action="store_true", help="Django's development server, reloading on changes")

    def handle(self, *args, port, host, threads, dev, **options):
        if dev:
            call_command("runserver", f"{host}:{port}")
            return
        from waitress import serve

        from bassins.web.wsgi import application

        self.stdout.write(f"bassins: serving on http://{host}:{port}/ (Ctrl-C stops)")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="bassins")
