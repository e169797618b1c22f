"""TOTP multi-factor authentication (to be completed)."""


def start_challenge(user, nxt):
    raise RuntimeError("MFA challenge not wired yet")
