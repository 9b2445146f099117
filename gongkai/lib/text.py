"""Chinese text segmentation for search: rjieba with the office's own terms.

The same segmentation runs at index time (`index_text`) and at query time (`query_terms`), so
a query term and an indexed term are spelled alike. Search mode (`cut_for_search`) keeps a long word whole and also yields its
parts: a document about 司法鉴定 is indexed under 司法鉴定, 司法 and 鉴定, so a query for 鉴定
finds it, and a query for 司法鉴定 matches it on three terms (and ranks it above a document
that only mentions 鉴定).

rjieba has no `load_userdict`; its `Jieba.add_word(word, freq, tag)` is what it offers, so the
user dictionary (`data/jieba_userdict.txt`, jieba's own "word freq tag" format) is read here and
fed to `add_word` once per process.
"""

import re
from functools import cache, lru_cache
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


# Full-width letters and digits (ＡＢＣ１２) become half-width. Only these matter for search,
# and translating only when one is present keeps plain Chinese text on the fast path (a full
# NFKC pass costs as much as the segmentation itself).
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_TO_HALFWIDTH = {
    code: code - 0xFEE0
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(start, end + 1)
}


def normalize(text: str) -> str:
    """Full-width letters and digits to half-width (ＡＢＣ１２ → abc12), lower case.

    Folded before segmenting, at index and query time alike: the segmentation of IC卡, ic卡
    and ＩＣ卡 is then one and the same, so a query finds a word however either side wrote it
    (a dictionary word spelled with capitals, such as A股, is split into a and 股 on both sides).
    """
    if _FULLWIDTH_ALNUM.search(text):
        text = text.translate(_TO_HALFWIDTH)
    return text.lower()


# Punctuation the segmenter emits as tokens. The index analyzer drops these and STOPWORDS in
# Rust (see catalog.search.engine), which is much cheaper than filtering in Python.
PUNCTUATION = frozenset(
    list("，。、；：？！“”‘’（）《》〈〉【】〔〕［］｛｝—…·～,.;:?!\"'()<>[]{}-_/\\|@#$%^&*+=~`")
    + ["……", "——", "--", "...", "》，", "”，", "）。", "》。"]
)


@lru_cache(maxsize=65536)
def _long_parts(token: str) -> tuple[str, ...]:
    """Dictionary words of four or more characters inside a longer token (司法鉴定 in
    司法鉴定所), which search mode, stopping at three characters, does not yield."""
    jieba = segmenter()
    return tuple(
        token[i : i + n]
        for n in range(4, len(token))
        for i in range(len(token) - n + 1)
        if jieba.has_word(token[i : i + n])
    )


def index_text(text: str) -> str:
    """The segmenter's tokens joined by spaces, for a whitespace-tokenized index field whose
    analyzer drops PUNCTUATION and STOPWORDS; with the long words inside longer tokens, so
    that a query for a word finds it wherever it stands."""
    if not text:
        return ""
    tokens = segmenter().cut_for_search(normalize(text), hmm=True)
    extra = [part for t in tokens if len(t) > 4 for part in _long_parts(t)]
    return " ".join(tokens + extra if extra else tokens)


def _keep(token: str) -> bool:
    return token not in STOPWORDS and (token.isalnum() or _WORDLIKE.search(token) is not None)


def query_terms(query: str) -> list[tuple[str, tuple[str, ...]]]:
    """The words a query asks for, each with the parts search mode splits it into.

    A document matches a word when it holds the word itself; the parts are the fallback for a
    word the index does not know (see catalog.search.query.build_query). Every word of the
    query must match.
    """
    jieba = segmenter()
    found: dict[str, tuple[str, ...]] = {}
    for token in jieba.cut(normalize(query), hmm=True):
        token = token.strip()
        if not token or not _keep(token) or token in found:
            continue
        parts = tuple(
            dict.fromkeys(
                t for t in jieba.cut_for_search(token, hmm=True) if t != token and _keep(t)
            )
        )
        found[token] = parts
    return list(found.items())
