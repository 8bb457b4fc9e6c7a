#!/usr/bin/env python3
"""Build the importable `cen` realm: the production baseline, optionally merged with the dev overlay.

The baseline keeps the token claims mappers once (`x-cen-client-mappers`); they are copied onto every
CEN client here, so every client's tokens carry the same audience and claims. Client secrets stay
`${ENV}` placeholders that Keycloak resolves from its environment at import.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Keycloak 26's default password hashing; an imported hash with these parameters is never re-hashed.
HASH_ALGORITHM = "pbkdf2-sha512"
HASH_ITERATIONS = 210_000
# Fixed, so the built file only changes when the realm does (the local stack re-imports on change).
# The overlay's passwords are public demo passwords, so a shared salt gives nothing away.
DEMO_SALT = b"cen-dev-overlay!"


def hashed_password(value: str, temporary: bool) -> dict[str, object]:
    """A password credential in Keycloak's stored form.

    Keycloak checks the realm's password policy against plaintext credentials on import (and refuses
    `cen-demo-pass`), but not against stored hashes: this keeps the production policy in the dev realm.
    """
    digest = hashlib.pbkdf2_hmac("sha512", value.encode(), DEMO_SALT, HASH_ITERATIONS, dklen=64)
    secret = {
        "value": base64.b64encode(digest).decode(),
        "salt": base64.b64encode(DEMO_SALT).decode(),
        "additionalParameters": {},
    }
    data = {"hashIterations": HASH_ITERATIONS, "algorithm": HASH_ALGORITHM, "additionalParameters": {}}
    return {
        "type": "password",
        "temporary": temporary,
        "secretData": json.dumps(secret),
        "credentialData": json.dumps(data),
    }


def hash_credentials(users: list[dict[str, object]]) -> None:
    """Replace plaintext password credentials (`value`) of the given users by stored hashes, in place."""
    cache: dict[str, dict[str, object]] = {}
    for user in users:
        credentials = user.get("credentials")
        if not isinstance(credentials, list):
            continue
        for i, cred in enumerate(credentials):
            if cred.get("type") == "password" and "value" in cred:
                key = f"{cred['value']}\0{bool(cred.get('temporary'))}"
                if key not in cache:
                    cache[key] = hashed_password(str(cred["value"]), bool(cred.get("temporary")))
                credentials[i] = copy.deepcopy(cache[key])


def build(dev: bool) -> dict[str, object]:
    realm = json.loads((HERE / "realm-cen.json").read_text())
    if dev:
        overlay = json.loads((HERE / "realm-cen.dev.json").read_text())
        hash_credentials(overlay.get("users", []))
        # lists (clients, users) are extended, other settings replaced
        for key, value in overlay.items():
            realm[key] = [*realm.get(key, []), *value] if isinstance(value, list) else value
    mappers = realm.pop("x-cen-client-mappers")
    for client in realm["clients"]:
        client["protocolMappers"] = copy.deepcopy(mappers) + client.get("protocolMappers", [])
    return realm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dev", action="store_true", help="merge the dev overlay (cen-dev client, demo users)"
    )
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = parser.parse_args()
    text = json.dumps(build(args.dev), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
