"""textlab: clean scraped plain-text news pages and compare how outlets tell a story.

The public API, by step (see ``../shared/DESIGN.md`` for the flow of data):

* reading: :func:`load_corpus`, :func:`read_text`
* cleaning: :func:`clean`, :func:`clean_text`, :func:`clean_corpus`, :class:`BoilerplateRemover`,
  :func:`evaluate`, :func:`label_agreement`. ``textlab.clean`` and ``textlab.evaluate`` are the
  modules, callable as their main function: ``textlab.clean(raw)`` is
  ``textlab.clean.clean(raw)``, and ``import textlab.clean as m`` gives the module.
* text and language: :func:`tokenize`, :func:`sentences`, :func:`stop_words`,
  :func:`detect_language`, :func:`detect_languages`
* vocabulary: :func:`count_terms`, :func:`sum_counts`, :func:`top_terms`,
  :func:`top_terms_from_counts`, :func:`keyness`, :func:`keyness_from_counts`,
  :func:`collocations`, :func:`kwic` (keywords in context)
* similarity: :func:`similarity_matrix`, :func:`similarity_from_counts`,
  :func:`nearest_from_counts`, :func:`cluster`,
  :func:`embed_2d`, :func:`bootstrap_similarity`
* reuse: :func:`shared_passages`, :func:`remove_passages` (and :mod:`textlab.reuse`)
* features and framing: :func:`lexical_features`, :func:`text_features`,
  :func:`bootstrap_features`, :func:`sentence_sentiment`, :func:`quotes`,
  :func:`frame_scores`, :func:`coverage_matrix`
* figures: :mod:`textlab.plots` (one function per figure type) and :func:`save_figure`
"""

from textlab._modules import make_callable
from textlab.clean import (
    BoilerplateRemover,
    CleanedCorpus,
    CleanResult,
    clean_corpus,
    clean_text,
)
from textlab.corpus import TextFileError, load_corpus, read_text
from textlab.evaluate import label_agreement
from textlab.features import (
    FEATURES,
    WORD_LISTS,
    bootstrap_features,
    hdd,
    lexical_features,
    mattr,
    mtld,
    quote_spans,
    sentence_sentiment,
    syllable_count,
    text_features,
    ttr,
)
from textlab.framing import coverage_matrix, frame_scores, pivot_coverage, quotes, term_pattern
from textlab.lang import detect_language, detect_languages
from textlab.plots import save_figure
from textlab.reuse import remove_passages, shared_passages
from textlab.similarity import (
    SIMILARITY_METHODS,
    Clustering,
    bootstrap_similarity,
    cluster,
    embed_2d,
    nearest_from_counts,
    similarity_from_counts,
    similarity_long,
    similarity_matrix,
    unique_pairs,
)
from textlab.terms import (
    REST,
    collocations,
    count_terms,
    keyness,
    keyness_from_counts,
    kwic,
    sum_counts,
    top_terms,
    top_terms_from_counts,
)
from textlab.text import sentences, stop_words, tokenize

# the modules, callable as their functions: textlab.clean(raw) runs textlab.clean.clean, and
# `import textlab.clean as m` still gives the module (see textlab._modules)
clean = make_callable("textlab.clean")
evaluate = make_callable("textlab.evaluate")

__version__ = "0.1.0"

__all__ = [
    "FEATURES",
    "REST",
    "SIMILARITY_METHODS",
    "WORD_LISTS",
    "BoilerplateRemover",
    "CleanResult",
    "CleanedCorpus",
    "Clustering",
    "TextFileError",
    "bootstrap_features",
    "bootstrap_similarity",
    "clean",
    "clean_corpus",
    "clean_text",
    "cluster",
    "collocations",
    "count_terms",
    "coverage_matrix",
    "detect_language",
    "detect_languages",
    "embed_2d",
    "evaluate",
    "frame_scores",
    "keyness",
    "keyness_from_counts",
    "kwic",
    "label_agreement",
    "lexical_features",
    "load_corpus",
    "nearest_from_counts",
    "pivot_coverage",
    "quotes",
    "read_text",
    "remove_passages",
    "save_figure",
    "sentence_sentiment",
    "sentences",
    "shared_passages",
    "similarity_from_counts",
    "similarity_long",
    "similarity_matrix",
    "sum_counts",
    "stop_words",
    "text_features",
    "tokenize",
    "top_terms",
    "top_terms_from_counts",
    "unique_pairs",
    "hdd",
    "mattr",
    "mtld",
    "quote_spans",
    "syllable_count",
    "term_pattern",
    "ttr",
]
