"""Loads municipalities and postcode areas from ``offices/data`` (see its SOURCES.md).

Used by a data migration, so that every installation has the tables, and by the
``load_municipalities`` command, to refresh them when new data arrives.
"""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(municipality_model, postcode_model, using="default"):
    """Insert or update every row; returns (municipalities, postcode areas) counts.

    ``using``: the database a migration is running on.
    """
    municipalities = municipality_model.objects.using(using)
    postcodes = postcode_model.objects.using(using)
    existing = {m.code: m for m in municipalities.all()}
    for row in read_csv("gemeenten.csv"):
        municipality = existing.get(row["gm_code"])
        if municipality is None:
            existing[row["gm_code"]] = municipalities.create(
                code=row["gm_code"], name=row["gm_name"], province=row["province"]
            )
        elif (municipality.name, municipality.province) != (
            row["gm_name"],
            row["province"],
        ):
            municipality.name, municipality.province = row["gm_name"], row["province"]
            municipality.save(using=using, update_fields=["name", "province"])

    areas = {(row["pc4"], row["gm_code"]): 1.0 for row in read_csv("pc4_gemeente.csv")}
    for row in read_csv("pc4_multi_gemeente.csv"):
        areas[(row["pc4"], row["gm_code"])] = float(row["share"])
    present = {
        (pc4, code): share
        for pc4, code, share in postcodes.values_list(
            "pc4", "municipality__code", "share"
        )
    }
    postcodes.bulk_create(
        postcode_model(pc4=pc4, municipality=existing[code], share=share)
        for (pc4, code), share in areas.items()
        if (pc4, code) not in present
    )
    for (pc4, code), share in areas.items():
        if (pc4, code) in present and present[(pc4, code)] != share:
            postcodes.filter(pc4=pc4, municipality=existing[code]).update(share=share)
    return len(existing), len(areas)
