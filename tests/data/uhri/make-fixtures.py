#!/usr/bin/env python3
"""Builds the UHRI export fixtures of tests/data/uhri/ (see README.md there).

Run by hand from anywhere; the outputs are committed:

    python3 tests/data/uhri/make-fixtures.py [SHARED_DATA_DIR]

SHARED_DATA_DIR holds upr-info/, uhri-labelled/, uhri/ and sdg/ (default
/work/shared/data). The state names are resolved to alpha-2 codes with
data/reference/states.tsv and state-aliases.tsv of this repository, the
way the importer is meant to (fold case and accents, drop a stray "*" or
a stray trailing ISO-2 code); a name that does not resolve stops the script.
The output is deterministic: running it twice gives the same bytes.
"""

import csv
import html
import io
import json
import re
import sys
import unicodedata
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SHARED = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data")

# Fixture ids are UUIDs derived from a name, so they stay the same run to run.
NS = uuid.UUID("6f1c1a55-2d0e-4b8e-9f3e-0c3a5e1d7b21")


def fixture_uuid(name):
    return str(uuid.uuid5(NS, name))


# --- sources -----------------------------------------------------------------


def paraguay_texts():
    """Paragraph number -> text, from the UPR v1 2011 Paraguay rows (Mac Roman)."""
    raw = (SHARED / "upr-info/paraguay-2011-from-v1-2011data.csv").read_bytes()
    texts = {}
    for row in csv.DictReader(io.StringIO(raw.decode("mac_roman"))):
        number = row["text"].split(" ", 1)[0].rstrip(".")
        texts.setdefault(number, row["text"])
    return texts


def spain_rows():
    with open(SHARED / "uhri-labelled/spain-upr4-dev.csv", encoding="utf-8") as f:
        return {row["number"]: row for row in csv.DictReader(f)}


def uhri_example():
    with open(SHARED / "uhri/uhri-export-record-example.json", encoding="utf-8") as f:
        return json.load(f)[0]


def flat_yaml(path):
    """The open-sdg flat YAML files: `key: value`, values folded on indented lines."""
    out, key = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") and key:
            out[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            out[key] = value.strip()
    return out


GOALS = flat_yaml(SHARED / "sdg/global_goals_en.yml")
TARGETS = flat_yaml(SHARED / "sdg/global_targets_en.yml")

# UHRI labels a target "16.2 - <short title>". These short titles are
# shortened by hand from global_targets_en.yml; the three of the real UHRI
# record (16.2, 5.2, 16.9) are UHRI's own.
TARGET_SHORT = {
    "1.4": "Equal rights to economic resources, land and basic services",
    "2.4": "Sustainable food production and resilient agricultural practices",
    "3.7": "Universal access to sexual and reproductive health-care services",
    "5.1": "End discrimination against women and girls",
    "5.2": "End all violence against and exploitation of women",
    "5.6": "Universal access to reproductive health and rights",
    "5.b": "Enabling technology for the empowerment of women",
    "8.5": "Full employment, decent work and equal pay",
    "8.7": "End forced labour, trafficking and child labour",
    "10.2": "Social, economic and political inclusion of all",
    "16.1": "Reduce all forms of violence and related death rates",
    "16.2": "Protect children from abuse, exploitation, trafficking and violence",
    "16.3": "Promote the rule of law and equal access to justice",
    "16.7": "Responsive, inclusive and representative decision-making",
    "16.9": "Universal legal identity and birth registration",
    "16.10": "Public access to information and fundamental freedoms",
    "16.a": "Strengthen national institutions to prevent violence and crime",
    "16.b": "Promote and enforce non-discriminatory laws and policies",
}


def sdg_label(code):
    if "." in code:
        key = code.replace(".", "-") + "-title"
        assert key in TARGETS, code
        return f"{code} - {TARGET_SHORT[code]}"
    return f"{code} - {GOALS[code + '-short']}"


# --- state names -> alpha-2 ----------------------------------------------------


def fold(name):
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", s).strip()


def load_states():
    names, codes = {}, set()
    with open(REPO / "data/reference/states.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            codes.add(row["alpha2"])
            for col in ("alpha2", "alpha3", "name_en", "name_es", "name_fr"):
                names[fold(row[col])] = row["alpha2"]
    with open(REPO / "data/reference/state-aliases.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            names[fold(row["alias"])] = row["alpha2"]
    return names, codes


STATE_NAMES, STATE_CODES = load_states()


def alpha2(name):
    """As the importer resolves: exact fold, else without "*" or a trailing ISO-2 code."""
    plain = name.rstrip("*").strip()
    if fold(plain) in STATE_NAMES:
        return STATE_NAMES[fold(plain)]
    m = re.fullmatch(r"(.*\S)\s+([A-Z]{2})", plain)
    if m and m.group(2) in STATE_CODES and fold(m.group(1)) in STATE_NAMES:
        return STATE_NAMES[fold(m.group(1))]
    raise SystemExit(f"make-fixtures: no alpha-2 code for state name {name!r}")


# --- HTML -> plain text, as lib/core/html.c does it --------------------------------

SEPARATING = {"p", "br", "div", "li", "ul", "ol", "tr", "td", "table"} | {
    f"h{i}" for i in range(1, 7)
}


def html_to_text(fragment):
    def tag(m):
        return " " if m.group(1).lower() in SEPARATING else ""

    s = re.sub(r"</?([A-Za-z0-9]+)[^>]*>", tag, fragment)
    s = html.unescape(s)
    s = re.sub(r"[ \t\n\r\f\v\u00a0]+", " ", s).strip()
    return unicodedata.normalize("NFC", s)


# --- records -------------------------------------------------------------------

PARAGUAY = paraguay_texts()
SPAIN = spain_rows()

REGION = {
    "Paraguay": "Latin America and the Caribbean",
    "Spain": "Western European and other States",
}
GROUP = {  # UN regional group of a recommending state, as UprRecommendingRegions
    "Thailand": "Asia-Pacific",
    "Venezuela (Bolivarian Republic of)": "Latin America and the Caribbean",
    "Honduras": "Latin America and the Caribbean",
    "Dominican Republic": "Latin America and the Caribbean",
    "Bolivia (Plurinational State of)": "Latin America and the Caribbean",
    "Panama": "Latin America and the Caribbean",
    "Türkiye": "Western European and other States",
    "Norway": "Western European and other States",
    "Uruguay": "Latin America and the Caribbean",
    "Algeria": "Africa",
    "Ghana": "Africa",
    "Bangladesh": "Asia-Pacific",
    "Philippines": "Asia-Pacific",
}


def record(**fields):
    """A record with every field of the export, in the export's (sorted) key order."""
    base = {
        "AffectedPersons": [],
        "AnnotationId": None,
        "AnnotationType": "- Recommendations",
        "Body": None,
        "Countries": [],
        "DocumentId": None,
        "PublicationDate": None,
        "PublicationDateOnUhri": None,
        "Regions": [],
        "Sdgs": [],
        "Symbol": None,
        "Text": None,
        "Themes": [],
        "UprCycle": None,
        "UprPositions": [],
        "UprRecommendingCountry": [],
        "UprRecommendingRegions": [],
        "UprSession": [],
    }
    assert set(fields) <= set(base), set(fields) - set(base)
    base.update(fields)
    return base


def regions_of(states):
    out = []
    for s in states:
        g = GROUP.get(s.rstrip("*"))
        if g and g not in out:
            out.append(g)
    return out


def upr_paraguay(number, wrap, recommending, position, sdgs, themes, persons, **extra):
    """A Paraguay cycle-1 recommendation (A/HRC/17/18) with its real text."""
    text = PARAGUAY[number]
    if "’" in text:
        text = text.replace("’", "&#39;")
    fields = dict(
        AnnotationId=fixture_uuid("paraguay-2011-" + number),
        Body="UPR",
        Countries=["Paraguay"],
        DocumentId=fixture_uuid("A/HRC/17/18"),
        PublicationDate="2011-03-28T00:00:00",
        PublicationDateOnUhri="2013-05-02T09:12:41",
        Regions=[REGION["Paraguay"]],
        Sdgs=[sdg_label(c) for c in sdgs],
        Symbol="A/HRC/17/18",
        Text=wrap.format(text),
        Themes=themes,
        UprCycle=1,
        UprPositions=[position] if position else [],
        UprRecommendingCountry=recommending,
        UprRecommendingRegions=regions_of(recommending),
        UprSession=["10"],
        AffectedPersons=persons,
    )
    fields.update(extra)
    return record(**fields)


def upr_spain(number, recommending, themes, persons, **extra):
    """A Spain cycle-4 recommendation (A/HRC/60/8, Spanish) with UHRI's real SDG labels."""
    row = SPAIN[number]
    goals = [g for g in row["uhri_goals"].split("|") if g]
    targets = [t for t in row["uhri_targets"].split("|") if t]
    position = {"accepted": "Supported", "noted": "Noted"}.get(row["response"])
    fields = dict(
        AnnotationId=row["uhri_annotation_id"],
        Body="UPR",
        Countries=["Spain"],
        DocumentId=fixture_uuid("A/HRC/60/8"),
        PublicationDate="2025-07-03T00:00:00",
        PublicationDateOnUhri="2025-09-22T16:05:09.113",
        Regions=[REGION["Spain"]],
        Sdgs=[sdg_label(c) for c in goals + targets],
        Symbol="A/HRC/60/8",
        Text=f"<p>{number} {row['text_es']}</p>",
        Themes=themes,
        UprCycle="4",
        UprPositions=[position] if position else [],
        UprRecommendingCountry=recommending,
        UprRecommendingRegions=regions_of(recommending),
        UprSession=["49"],
        AffectedPersons=persons,
    )
    fields.update(extra)
    return record(**fields)


def para_text(number):
    """A Paraguay text without its paragraph number and recommending state."""
    text = PARAGUAY[number].split(" ", 1)[1]
    return re.sub(r"\s*\([^()]*\);$", "", text).replace("’", "&#39;")


def mixed_records():
    """Each record with what a correct importer stores: (record, expected extras)."""
    P, S = "Supported", "Noted"
    out = []
    out.append((upr_paraguay(
        "84.1", "<p>{}</p>", ["Thailand"], P, ["10", "10.2"],
        ["Persons with disabilities: accessibility & mobility"], ["Persons with disabilities"]),
        dict(paragraph="84.1", prefix="84.1.", language="en")))
    out.append((upr_paraguay(
        "84.4", "<p>{}</p>",
        ["Venezuela (Bolivarian Republic of)", "Honduras", "Dominican Republic"], P, [],
        ["Institutions & policies - General"], []),
        dict(paragraph="84.4", prefix="84.4.", language="en")))
    r = upr_paraguay(
        "84.39", "<p>{}</p>", ["Bolivia (Plurinational State of)"], P, ["2.4"],
        ["Right to food"], ["Persons living in rural areas"], UprCycle="1",
        PublicationDateOnUhri="2013-05-02T09:12:41.5")
    r["Text"] = r["Text"].replace("84.39. ", "84.39.&nbsp;")
    out.append((r, dict(paragraph="84.39", prefix="84.39.", language="en")))
    r = upr_paraguay(
        "85.24", "<p>{}</p>", ["Türkiye"], P, ["5", "8.5"],
        ["Women's rights", "Right to just & favourable conditions of work"], ["Women & girls"])
    r["Text"] = r["Text"].replace("equal remuneration", "<em>equal remuneration</em>")
    out.append((r, dict(paragraph="85.24", prefix="85.24.", language="en")))
    r = upr_paraguay(
        "86.4", "<p>{}</p>", ["Norway"], S, ["3.7", "5.6"],
        ["Sexual & reproductive health and rights", "Right to life"], ["Women & girls"])
    r["Text"] = r["Text"].replace(" and introduce", "<br/>and introduce")
    out.append((r, dict(paragraph="86.4", prefix="86.4.", language="en")))
    out.append((upr_paraguay(
        "84.29", "<p>{}</p>", ["Holy See*"], P, ["16.2", "5.2", "8.7"],
        ["Trafficking in persons"], ["Women & girls", "Children"],
        Countries=["Paraguay PY"]),
        dict(paragraph="84.29", prefix="84.29.", language="en")))

    out.append((upr_spain(
        "50.78", ["Venezuela (Bolivarian Republic of)"],
        ["Human rights defenders", "Freedom of opinion and expression"],
        ["Human rights defenders"]),
        dict(paragraph="50.78", prefix="50.78", language="es")))
    out.append((upr_spain(
        "50.189", ["Bolivia (Plurinational State of)"], ["Women's rights"], ["Women & girls"]),
        dict(paragraph="50.189", prefix="50.189", language="es")))
    out.append((upr_spain(
        "50.198", ["Panama"], ["Right to education", "Women's rights"], ["Women & girls"]),
        dict(paragraph="50.198", prefix="50.198", language="es")))
    out.append((upr_spain(
        "50.3", ["Algeria", "Bangladesh", "Ghana", "Philippines"],
        ["Scope of international obligations", "Migrants"],
        ["Migrants"]),
        dict(paragraph="50.3", prefix="50.3", language="es")))

    ex = uhri_example()
    out.append((record(**ex), dict(paragraph="4", prefix="4.", language="en")))

    out.append((record(
        AnnotationId=fixture_uuid("crc-paraguay-12b"),
        Body="Committee on the Rights of the Child",
        Countries=["Paraguay"],
        DocumentId=fixture_uuid("CRC/C/PRY/CO/4-6"),
        PublicationDate="2019-02-01T00:00:00",
        PublicationDateOnUhri="2019-03-11T12:00:00",
        Regions=[REGION["Paraguay"]],
        Sdgs=[sdg_label("16"), sdg_label("16.2")],
        Symbol="CRC/C/PRY/CO/4-6",
        Text="<p>12 (b) " + para_text("84.7") + ", and " + para_text("84.6")[0].lower()
        + para_text("84.6")[1:] + ";</p>",
        Themes=["Children: definition, general principles, protection"],
        AffectedPersons=["Children"],
    ), dict(paragraph="12(b)", prefix="12 (b)", language="en")))
    out.append((record(
        AnnotationId=fixture_uuid("ccpr-paraguay-c"),
        AnnotationType="- Concerns/Observations",
        Body="Human Rights Committee",
        Countries=["Paraguay"],
        DocumentId=fixture_uuid("CCPR/C/PRY/CO/4"),
        PublicationDate="2019-08-20T00:00:00",
        PublicationDateOnUhri="2019-09-02T08:30:00.2",
        Regions=[REGION["Paraguay"]],
        Sdgs=[sdg_label("16"), sdg_label("16.3"), sdg_label("16.a")],
        Symbol="CCPR/C/PRY/CO/4",
        Text="<p>(c)&nbsp;" + para_text("85.31").split(";")[0] + ";</p>",
        Themes=["Torture and other cruel, inhuman or degrading treatment",
                "Administration of justice & fair trial"],
        AffectedPersons=["Persons deprived of their liberty"],
    ), dict(paragraph="(c)", prefix="(c)", language="en")))
    out.append((record(
        AnnotationId=fixture_uuid("sp-indigenous-71"),
        Body="Special Rapporteur on the rights of indigenous peoples",
        Countries=["Paraguay"],
        DocumentId=fixture_uuid("A/HRC/51/28/Add.1"),
        PublicationDate="2022-07-15T00:00:00",
        PublicationDateOnUhri="2022-10-03T14:41:27.07",
        Regions=[REGION["Paraguay"]],
        Sdgs=[sdg_label("1.4"), sdg_label("16.7")],
        Symbol="A/HRC/51/28/Add.1",
        Text="<p>71. " + para_text("85.67") + ", and "
        + para_text("85.71")[0].lower() + para_text("85.71")[1:].replace(
            "rights and interests", "rights &amp; interests") + ".</p>",
        Themes=["Indigenous peoples", "Land & property"],
        AffectedPersons=["Indigenous peoples"],
    ), dict(paragraph="71", prefix="71.", language="en")))
    return out


MECHANISM = {
    "UPR": "UPR",
    "- CRC": "CRC",
    "Committee on the Rights of the Child": "CRC",
    "Human Rights Committee": "CCPR",
}


def expected_for(rec, extra):
    plain = html_to_text(rec["Text"])
    assert plain.startswith(extra["prefix"]), (plain[:20], extra["prefix"])
    after = plain[len(extra["prefix"]):].lstrip(" .")
    body = rec["Body"]
    mechanism = "SP" if body.startswith("Special Rapporteur") else MECHANISM[body]
    codes = [label.split(" - ", 1)[0] for label in rec["Sdgs"]]
    cycle = rec["UprCycle"]
    session = rec["UprSession"]
    position = rec["UprPositions"][0].lower() if rec["UprPositions"] else None
    return {
        "paragraph": extra["paragraph"],
        "text_start": plain[:40],
        "text_start_after_paragraph": after[:40],
        "language": extra["language"],
        "states": [alpha2(c) for c in rec["Countries"]],
        "recommending_states": [alpha2(c) for c in rec["UprRecommendingCountry"]],
        "mechanism": mechanism,
        "position": position,
        "cycle": int(cycle) if cycle is not None else None,
        "session": int(session[0]) if session else None,
        "sdg_goals": [c for c in codes if "." not in c],
        "sdg_targets": [c for c in codes if "." in c],
        "themes": rec["Themes"],
        "persons": rec["AffectedPersons"],
        "published": rec["PublicationDate"][:10],
    }


# --- bad records -------------------------------------------------------------------


def bad_records(good_first, good_last):
    """(value, field, reason) in file order; the two good ones have field None."""
    def variant(name, **changes):
        r = dict(good_first)
        r["AnnotationId"] = fixture_uuid("bad-" + name)
        for k, v in changes.items():
            if v is KeyError:
                del r[k]
            else:
                r[k] = v
        return r

    long_text = "<p>85.60. "
    filler = [para_text(n) + ". " for n in ("85.60", "85.66", "85.71", "84.6", "85.31")]
    i = 0
    while len(long_text.encode()) < 100 * 1024:
        long_text += filler[i % len(filler)]
        i += 1
    long_text += "</p>"
    return [
        (good_first, None, None),
        (variant("missing-id", AnnotationId=KeyError), "AnnotationId", "missing"),
        (variant("bad-id", AnnotationId="84.5-paraguay-2011"), "AnnotationId", "not_uuid"),
        (variant("no-text", Text=KeyError), "Text", "missing"),
        (variant("empty-text", Text=""), "Text", "empty"),
        (variant("long-text", Text=long_text), "Text", "too_long"),
        (variant("atlantis", Countries=["Atlantis"]), "Countries", "unknown_state"),
        (variant("sdg-18", Sdgs=["18.1 - nonsense"]), "Sdgs", "unknown_sdg"),
        ([PARAGUAY["84.9"]], "(record)", "not_object"),
        (variant("body-number", Body=42), "Body", "wrong_type"),
        (variant("bad-date", PublicationDate="2025-13-45T00:00:00"), "PublicationDate",
         "bad_date"),
        (good_last, None, None),
    ]


# --- output --------------------------------------------------------------------------


def export_json(records):
    """The export's layout: one key per line, values compact, UTF-8, keys sorted."""
    parts = []
    for r in records:
        if not isinstance(r, dict):
            parts.append(" " + json.dumps(r, ensure_ascii=False))
            continue
        lines = [f'  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}'
                 for k, v in sorted(r.items())]
        parts.append(" {\n" + ",\n".join(lines) + "\n }")
    return "[\n" + ",\n".join(parts) + "\n]\n"


def write(name, text):
    (HERE / name).write_text(text, encoding="utf-8", newline="")
    print(f"{name}: {len(text.encode())} bytes")


def main():
    mixed = mixed_records()
    records = [r for r, _ in mixed]
    ids = [r["AnnotationId"] for r in records]
    assert len(set(ids)) == len(ids)
    mixed_text = export_json(records)
    write("fixture-mixed.json", mixed_text)
    expected = {r["AnnotationId"]: expected_for(r, e) for r, e in mixed}
    write("fixture-mixed.expected.json",
          json.dumps(expected, ensure_ascii=False, indent=1) + "\n")

    good_first = upr_paraguay("85.3", "<p>{}</p>", ["Uruguay"], "Supported", ["16.b"],
                              ["Equality & non-discrimination"], [])
    good_last = upr_spain("50.87", ["Venezuela (Bolivarian Republic of)"],
                          ["Right to privacy"], ["Human rights defenders"])
    bad = bad_records(good_first, good_last)
    write("fixture-bad-records.json", export_json([r for r, _, _ in bad]))
    tsv = "index\tfield\treason\n" + "".join(
        f"{i}\t{field}\t{reason}\n" for i, (_, field, reason) in enumerate(bad) if field)
    write("fixture-bad-records.expected.tsv", tsv)

    # Cut in the middle of the Text of the sixth record.
    sixth = mixed_text.index('"Text"', mixed_text.index(ids[5]))
    write("fixture-truncated.json", mixed_text[:sixth + 40])

    raw = (SHARED / "upr-info/paraguay-2011-from-v1-2011data.csv").read_bytes()
    lines = raw.decode("mac_roman").split("\r\n")[:6]
    write("fixture-not-json.json", "\r\n".join(lines) + "\r\n")


if __name__ == "__main__":
    main()
