"""Chinese text segmentation for search: rjieba with the office's own terms.

The same `terms()` runs at index time and at query time, so a query term and an indexed term
are spelled alike. Search mode (`cut_for_search`) keeps a long word whole and also yields its
parts: a document about 司法鉴定 is indexed under 司法鉴定, 司法 and 鉴定, so a query for 鉴定
finds it, and a query for 司法鉴定 matches it on three terms (and ranks it above a document
that only mentions 鉴定).

rjieba has no `load_userdict`; its `Jieba.add_word(word, freq, tag)` is what it offers, so the
user dictionary (`data/jieba_userdict.txt`, jieba's own "word freq tag" format) is read here and
fed to `add_word` once per process.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import rjieba

USER_DICT = Path(__file__).resolve().parent / "data" / "jieba_userdict.txt"

# Function words that carry no meaning for retrieval; dropping them keeps postings short.
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "为",
        "对",
        "由",
        "等",
        "将",
        "把",
        "被",
        "于",
        "以",
        "之",
        "其",
        "并",
        "也",
        "而",
        "但",
        "就",
        "都",
        "又",
        "这",
        "那",
        "有",
        "个",
        "中",
        "上",
        "下",
    ]
)
# A term must contain a letter or a digit (CJK ideographs are letters): punctuation is dropped.
_WORDLIKE = re.compile(r"\w", re.UNICODE)


def _read_user_dict(path: Path) -> list[tuple[str, int, str]]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 else 10000
        tag = parts[2] if len(parts) > 2 else "n"
        entries.append((word, freq, tag))
    return entries


@cache
def segmenter() -> rjieba.Jieba:
    """One rjieba instance per process, with the user dictionary loaded."""
    jieba = rjieba.Jieba()
    for word, freq, tag in _read_user_dict(USER_DICT):
        jieba.add_word(word, freq, tag)
    return jieba


def normalize(text: str) -> str:
    """Full-width forms to half-width (ＡＢＣ１２ → ABC12), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def terms(text: str) -> list[str]:
    """Search terms of `text`, in order, repeats kept (they are term frequencies)."""
    if not text:
        return []
    return [
        t
        for t in segmenter().cut_for_search(normalize(text), hmm=True)
        if t not in STOPWORDS and _WORDLIKE.search(t) and not t.isspace()
    ]


def index_text(text: str) -> str:
    """`terms(text)` joined by spaces: what a whitespace-tokenized index field receives."""
    return " ".join(terms(text))


def query_groups(query: str) -> list[list[str]]:
    """A query's words (split on whitespace), each as its distinct search terms.

    Every group must match (words are ANDed); within a group any term may match (the parts of
    a long word are alternatives that add to the score).
    """
    groups = []
    for word in normalize(query).split():
        group = list(dict.fromkeys(terms(word)))
        if group:
            groups.append(group)
    return groups
