#!/usr/bin/env python3
"""Build the importable `cen` realm: the production baseline, optionally merged with the dev overlay.

The baseline keeps the token claims mappers once (`x-cen-client-mappers`); they are copied onto every
CEN client here, so every client's tokens carry the same audience and claims. Client secrets stay
`${ENV}` placeholders that Keycloak resolves from its environment at import.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build(dev: bool) -> dict[str, object]:
    realm = json.loads((HERE / "realm-cen.json").read_text())
    if dev:
        overlay = json.loads((HERE / "realm-cen.dev.json").read_text())
        # lists are extended, other settings replaced (the overlay relaxes the password policy, since
        # DESIGN.md fixes the demo password `cen-demo-pass`)
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
