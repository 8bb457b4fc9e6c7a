"""`python -m cen_cpdb seed --count N`: store the deterministic demo pictures that are missing and queue them."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from cen_core.auth.principal import Principal, Tier

from cen_cpdb import demo
from cen_cpdb.settings import Settings

DEMO_UPLOADER = Principal(user_id="cen-demo", username="cen-demo", tier=Tier.UNLIMITED)


def seed_command(settings: Settings, argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m cen_cpdb seed")
    parser.add_argument("--count", type=int, default=300, help="demo pictures wanted in total (default 300)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    from cen_cpdb.grpc_api import build_deps

    deps = build_deps(settings)
    try:
        wanted = list(demo.generate(args.count, args.seed))
        with deps.pictures.sessions() as session:
            present = deps.pictures.repo.by_demo_keys(session, [p.key for p in wanted])
        added = 0
        for picture in wanted:
            if picture.key in present:
                continue  # the image is only drawn for pictures that are missing
            details = {
                "kind": picture.kind,
                "title": picture.title,
                "description": picture.description,
                "heading": picture.heading,
                "commodity_type": picture.commodity_type,
                "concealment_method": picture.concealment_method,
                "transport_mode": picture.transport_mode,
                "country": picture.country,
                "tags": list(picture.tags),
            }
            uploader = replace(DEMO_UPLOADER, country=picture.country)
            added += deps.pictures.add_demo(uploader, details, picture.key, picture.image(), picture.filename)
    finally:
        deps.close()
    print(json.dumps({"demo_pictures_added": added, "demo_pictures_wanted": args.count}))
