"""Files in the format of the Registry's download, with generated rows: the
people are invented (names made of syllables, never a real person's), the
shape is the Registry's (text ages and years, a posting date, a year of the
crime as a number, factor columns holding their code, `;#`-separated tags).

    rows = registry_rows(3500)
    write_xlsx(path, rows)   # or write_csv(path, rows, bom=True, us_dates=True)
    newer = newer_download(rows)   # some changed, some added, the rest as they were
"""

import csv
import datetime
import random

import openpyxl

from registry.importing import COLUMNS
from registry.models import Factor

FIRST_NAMES = [
    "Aldo", "Benna", "Corin", "Dasha", "Elio", "Fenna", "Galen", "Hesper", "Ivo", "Jorah",
    "Kestra", "Lune", "Marek", "Nila", "Orrin", "Pavla", "Quill", "Rhosyn", "Soren", "Tamsin",
]  # fmt: skip
SYLLABLES = ["bar", "cel", "dov", "fen", "gar", "hol", "ith", "kor", "lum", "mar",
             "nev", "osk", "pel", "quin", "ros", "sab", "tev", "ulm", "vor", "wen"]  # fmt: skip
STATES = ["Illinois", "Texas", "New York", "California", "Ohio", "Louisiana", "Fed-IL", "Fed-NY"]
COUNTIES = ["Sample", "Harbor", "Northfield", "Riverside", "Lakeview", "Pinecrest", ""]
CRIMES = ["Murder", "Robbery", "Sexual Assault", "Drug Possession or Sale", "Assault", "Arson"]
SENTENCES = ["Life", "25 years", "Death", "10 years", "Probation", "Life without parole"]
TAGS = ["CIU", "IO", "NC", "P", "JI", "CDC", "H", "SA", "CV", "F"]
OM_TAGS = ["OF", "WH", "NW", "KP", "PR"]


def surname(number):
    """A surname no real person is likely to carry, unique for each number."""
    parts = []
    for _ in range(3):
        number, digit = divmod(number, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize()


def registry_rows(count, seed=15, start=0):
    """`count` rows as the Registry's workbook holds them."""
    chance = random.Random(seed)  # noqa: S311 (repeatable test data, not a secret)
    rows = []
    for number in range(start, start + count):
        crime = chance.randint(1970, 2015)
        convicted = crime + chance.randint(0, 3)
        exonerated = min(convicted + chance.randint(1, 30), 2025)
        factors = {code: code if chance.random() < 0.35 else None for code in Factor.values}
        rows.append(
            {
                "Last Name": surname(number),
                "First Name": chance.choice(FIRST_NAMES),
                "Age": str(chance.randint(14, 60)) if chance.random() > 0.05 else None,
                "Race": chance.choice(["Black", "White", "Hispanic", "Other", None]),
                "Sex": chance.choice(["Male", "Male", "Female"]),
                "State": chance.choice(STATES),
                "County": chance.choice(COUNTIES) or None,
                "Tags": ";#".join(chance.sample(TAGS, chance.randint(0, 4))) or None,
                "Worst Crime Display": chance.choice(CRIMES),
                "Sentence": chance.choice(SENTENCES),
                "Convicted": str(convicted),
                "Exonerated": str(exonerated),
                "Posting Date": datetime.datetime(
                    max(exonerated, 2012), chance.randint(1, 12), chance.randint(1, 28)
                ),
                "OM Tags": ";#".join(chance.sample(OM_TAGS, chance.randint(0, 3))) or None,
                **factors,
                "DNA": "DNA" if chance.random() < 0.2 else None,
                # Excel gives a whole number as 1987 or as 1987.0.
                "Date of Crime Year": None
                if chance.random() < 0.03
                else (float(crime) if number % 2 else crime),
            }
        )
    return rows


def newer_download(rows, changed=200, added=100, seed=16):
    """A later download: `changed` rows with a new sentence and DNA,
    `added` new rows at the end, the rest as they were."""
    chance = random.Random(seed)  # noqa: S311 (repeatable test data, not a secret)
    newer = [dict(row) for row in rows]
    for row in chance.sample(newer, changed):
        row["Sentence"] = "Released after " + row["Sentence"].lower()
        row["DNA"] = "DNA"
    return newer + registry_rows(added, seed=seed, start=len(rows) + 1000)


def write_xlsx(path, rows, header=COLUMNS):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Exonerations")
    sheet.append(list(header))
    for row in rows:
        sheet.append([row.get(column) for column in header])
    workbook.save(path)
    return path


def write_csv(path, rows, header=COLUMNS, bom=False, us_dates=False):
    """A CSV file as Excel or the Registry's site writes one: UTF-8, with or
    without a byte-order mark, dates as 2024-05-01 or as 5/1/2024."""
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_cell(row.get(column), us_dates) for column in header])
    return path


def _csv_cell(value, us_dates):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return f"{value.month}/{value.day}/{value.year}" if us_dates else f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return str(int(value))
    return value
