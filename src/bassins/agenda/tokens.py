"""Signed tokens of the cancellation links (no login): the registration's id and its random nonce,
signed with the site's secret key (django.core.signing). A token names one registration and stops
working once its personal data is purged."""

from __future__ import annotations

from django.core import signing

SALTS = {"registration": "bassins.agenda.registration", "professional": "bassins.agenda.booking"}


def make_token(obj, kind: str = "registration") -> str:
    """The signed token of a Registration (kind "registration") or Professional ("professional")."""
    return signing.Signer(salt=SALTS[kind]).sign(f"{obj.pk}.{obj.nonce}")


def is_signed(token: str, kind: str = "registration") -> bool:
    """Does `token` carry a valid signature (whether or not its object still exists)?"""
    try:
        signing.Signer(salt=SALTS[kind]).unsign(token)
    except signing.BadSignature:
        return False
    return True


def read_token(token: str, model, kind: str = "registration"):
    """The object the token names, or None (bad signature, unknown or purged object)."""
    try:
        value = signing.Signer(salt=SALTS[kind]).unsign(token)
    except signing.BadSignature:
        return None
    pk, _, nonce = value.partition(".")
    if not pk.isdigit():
        return None
    obj = model.objects.filter(pk=int(pk)).first()
    if obj is None or not signing.constant_time_compare(obj.nonce, nonce):
        return None
    return obj
