"""`bassins serve [--port N]`: the platform on a production WSGI server (waitress), static files by WhiteNoise."""

import logging
import threading
from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
#: Built in a background thread when the server starts, so that no visitor pays their build:
#: "module:function" names, each taking no argument.
WARMERS = ("bassins.access.data:warm",)
logger = logging.getLogger(__name__)


def warm_caches(warmers=WARMERS) -> list[str]:
    """Run each warmer; one that fails (data not loaded yet, say) is logged and skipped.

    Returns the warmers that completed."""
    done = []
    for name in warmers:
        module, function = name.split(":")
        try:
            getattr(import_module(module), function)()
        except Exception:  # a warmer must never stop the server: the request builds it instead
            logger.warning(
                "cache warmer %s failed; the first request will build it", name, exc_info=True
            )
            continue
        done.append(name)
    return done


class Command(BaseCommand):
    help = (
        "Serve the platform on http://127.0.0.1:PORT (waitress; static files served by WhiteNoise)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--dev", action="store_true", help="Django's development server, reloading on changes"
        )

    def handle(self, *args, port, host, threads, dev, **options):
        from django.conf import settings

        from bassins.errors import BassinsError
        from bassins.web.settings import DEFAULT_SECRET_KEY

        if host not in LOCAL_HOSTS and settings.SECRET_KEY == DEFAULT_SECRET_KEY:
            raise BassinsError(
                f"refusing to serve on {host} with the built-in secret key: "
                "set BASSINS_SECRET_KEY (and BASSINS_ALLOWED_HOSTS) first"
            )
        if dev:
            call_command("runserver", f"{host}:{port}")
            return
        from waitress import serve

        from bassins.web.wsgi import application

        threading.Thread(target=warm_caches, name="bassins-warm", daemon=True).start()
        self.stdout.write(f"bassins: serving on http://{host}:{port}/ (Ctrl-C stops)")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="bassins")
