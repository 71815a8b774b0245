"""`bassins serve` refuses to expose the built-in secret key beyond this machine."""

import pytest
from django.core.management import call_command

from bassins.errors import BassinsError


def test_serve_refuses_the_default_key_off_localhost():
    with pytest.raises(BassinsError, match="set BASSINS_SECRET_KEY"):
        call_command("serve", "--host", "0.0.0.0", "--port", "8999")
