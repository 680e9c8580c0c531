"""WordNet 3.0 as Debian's `wordnet-base` installs it, opened with nltk's reader (dev-time only).

Debian ships the database files under /usr/share/wordnet but not the small `lexnames` table
that nltk's reader wants, so the files are copied to a temporary folder (nltk refuses symlinks out of its corpus root)
beside that table: its 45
lexicographer file names are fixed by the WordNet database format (lexnames(5WN)).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

WORDNET_DIR = Path("/usr/share/wordnet")
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
    "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
    "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
    "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
_SYNTACTIC_CATEGORY = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}


def open_wordnet(folder: Path = WORDNET_DIR):
    """nltk's WordNetCorpusReader over Debian's WordNet, or None with a one-line message when missing."""
    if not (folder / "data.verb").is_file():
        print(f"WordNet not found in {folder}: apt-get install wordnet-base", file=sys.stderr)
        return None
    try:
        import nltk
        from nltk.corpus.reader.wordnet import WordNetCorpusReader
    except ImportError:
        print("nltk is not installed: make venv installs it from requirements.lock", file=sys.stderr)
        return None
    work = Path(tempfile.mkdtemp(prefix="dyads-wordnet-"))
    for path in folder.iterdir():
        if path.is_file():
            shutil.copyfile(path, work / path.name)
    table = "".join(f"{i:02d}\t{name}\t{_SYNTACTIC_CATEGORY[name.split('.')[0]]}\n" for i, name in enumerate(LEXNAMES))
    (work / "lexnames").write_text(table, encoding="utf-8")
    nltk.data.path.append(str(work))  # nltk only opens corpora under its data path

    class DebianWordNet(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):
            return None  # this is WordNet 3.0 itself: no mapping to another version's synsets

    return DebianWordNet(str(work), None)
