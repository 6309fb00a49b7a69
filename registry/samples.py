"""Fictional case records for the demo site and the benchmarks: invented
names and counties, with factors, DNA, years, states and crimes drawn in
roughly the proportions the Registry publishes, so that the charts look as
they will with real data. Never a real person's case."""

import random

from .models import FACTOR_FIELDS, CaseRecord, Factor

FIRST_NAMES = [
    "Avery",
    "Blake",
    "Casey",
    "Dana",
    "Eli",
    "Frankie",
    "Gale",
    "Harper",
    "Indigo",
    "Jules",
    "Kai",
    "Lane",
    "Marlo",
    "Noel",
    "Oakley",
    "Parker",
    "Quinn",
    "Reese",
    "Sage",
    "Tatum",
    "Umber",
    "Vale",
    "Wren",
    "Yael",
    "Zion",
]
LAST_NAMES = [
    "Ashdown",
    "Brackwell",
    "Corran",
    "Dunmere",
    "Elsworth",
    "Fenwycke",
    "Garrowby",
    "Hollin",
    "Ivesdale",
    "Jarrow",
    "Kestrel",
    "Lorne",
    "Marwood",
    "Nettlefold",
    "Orrin",
    "Pellow",
    "Quarry",
    "Rookfield",
    "Stainer",
    "Thorne",
    "Underhill",
    "Varley",
    "Wetherden",
    "Yarrow",
    "Zennor",
]
# (name as the Registry writes it, weight)
STATES = [
    ("Illinois", 14),
    ("Texas", 12),
    ("New York", 12),
    ("California", 8),
    ("Michigan", 5),
    ("Pennsylvania", 4),
    ("Ohio", 4),
    ("Louisiana", 4),
    ("Florida", 3),
    ("Massachusetts", 3),
    ("Missouri", 2),
    ("Maryland", 2),
    ("Washington", 2),
    ("Wisconsin", 2),
    ("Virginia", 2),
    ("Georgia", 2),
    ("North Carolina", 2),
    ("New Jersey", 2),
    ("Fed-IL", 1),
    ("Fed-NY", 1),
    ("Oklahoma", 1),
    ("Arizona", 1),
    ("Tennessee", 1),
    ("Connecticut", 1),
    ("Indiana", 1),
]
CRIMES = [
    ("Murder", 38),
    ("Drug Possession or Sale", 13),
    ("Sexual Assault", 9),
    ("Child Sex Abuse", 9),
    ("Robbery", 6),
    ("Attempted Murder", 3),
    ("Assault", 3),
    ("Manslaughter", 2),
    ("Burglary/Unlawful Entry", 2),
    ("Weapon Possession or Sale", 2),
    ("Theft", 1),
    ("Arson", 1),
]
# The share of records with each factor, and with DNA central.
FACTOR_SHARES = {
    Factor.FORENSIC: 0.24,
    Factor.FALSE_CONFESSION: 0.12,
    Factor.LEGAL_DEFENSE: 0.27,
    Factor.PERJURY: 0.62,
    Factor.MISTAKEN_ID: 0.27,
    Factor.MISCONDUCT: 0.59,
}
DNA_SHARE = 0.16


def _pick(generator, weighted):
    names, weights = zip(*weighted, strict=True)
    return generator.choices(names, weights)[0]


def sample_records(count, seed=15):
    """`count` unsaved, fictional case records, the same for the same seed."""
    generator = random.Random(seed)  # noqa: S311 - sample data, not secrets
    records = []
    for n in range(count):
        # More exonerations in later years, as the Registry records them.
        exonerated = 1989 + int(36 * generator.random() ** 0.7)
        lost = min(int(generator.lognormvariate(2.2, 0.7)), exonerated - 1960)
        convicted = exonerated - lost
        records.append(
            CaseRecord(
                last_name=generator.choice(LAST_NAMES),
                first_name=generator.choice(FIRST_NAMES),
                age=generator.randint(15, 55),
                state=_pick(generator, STATES),
                # The sequence keeps every natural key unique.
                county=f"Sample County {n + 1}",
                worst_crime=_pick(generator, CRIMES),
                sentence=generator.choice(["Life", "25 years", "10 years", "Probation"]),
                crime_year=convicted - generator.randint(0, 2),
                conviction_year=convicted,
                exoneration_year=exonerated,
                dna=generator.random() < DNA_SHARE,
                **{
                    FACTOR_FIELDS[code]: generator.random() < share
                    for code, share in FACTOR_SHARES.items()
                },
            )
        )
    return records
