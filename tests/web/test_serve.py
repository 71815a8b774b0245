"""`bassins serve` refuses to expose the built-in secret key beyond this machine."""

import pytest
from django.core.management import call_command

from bassins.errors import BassinsError


def test_serve_refuses_the_default_key_off_localhost():
    with pytest.raises(BassinsError, match="set BASSINS_SECRET_KEY"):
        call_command("serve", "--host", "0.0.0.0", "--port", "8999")


def test_warmers_run_and_a_failing_one_does_not_stop_the_server(monkeypatch):
    from bassins.web.management.commands import serve

    calls = []
    monkeypatch.setattr("bassins.access.data.warm", lambda: calls.append("access"))
    done = serve.warm_caches(("bassins.access.data:warm", "bassins.no_such_module:warm"))
    assert calls == ["access"]
    assert done == ["bassins.access.data:warm"]
    assert serve.WARMERS == ("bassins.access.data:warm",)
