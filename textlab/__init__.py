"""textlab: clean scraped plain-text news pages and compare how outlets tell a story."""

from textlab import features, framing, similarity, terms  # noqa: E402
from textlab.clean import (
    BoilerplateRemover,
    CleanedCorpus,
    CleanResult,
    clean,
    clean_corpus,
    clean_text,
)
from textlab.corpus import TextFileError, load_corpus, read_text
from textlab.features import *  # noqa: F403
from textlab.framing import *  # noqa: F403
from textlab.plots import save_figure
from textlab.similarity import *  # noqa: F403
from textlab.terms import *  # noqa: F403
from textlab.text import sentences, tokenize

__version__ = "0.1.0"

__all__ = [
    "BoilerplateRemover",
    "CleanResult",
    "CleanedCorpus",
    "TextFileError",
    "clean",
    "clean_corpus",
    "clean_text",
    "load_corpus",
    "read_text",
    "save_figure",
    "sentences",
    "tokenize",
    *terms.__all__,
    *similarity.__all__,
    *features.__all__,
    *framing.__all__,
]
