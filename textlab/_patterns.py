"""Compiled patterns and word lists used by the cleaner, kept apart from its logic.

Nothing here names an outlet or a story: the lists describe page furniture in general
(menus, share widgets, comment forms, footers, cookie notices) in several languages.
"""

from __future__ import annotations

import re

# --- stop words per language (short, high-frequency function words) --------------------------
# English comes from scikit-learn; the others are the most frequent function words of each
# language, enough to tell running prose from menus and link lists.
STOPWORDS: dict[str, frozenset[str]] = {
    "de": frozenset(["der", "die", "das", "und", "ist", "in", "den", "von", "zu", "mit", "sich", "des", "auf", "für", "nicht", "im", "dem", "ein", "eine", "als", "auch", "es", "an", "er", "hat", "aus", "bei", "sie", "nach", "wird", "oder", "einer", "um", "am", "sind", "noch", "wie", "einem", "über", "einen", "so", "zum", "war", "haben", "nur", "vor", "zur", "bis", "mehr", "durch", "man", "sein", "wurde", "sei", "werden", "aber", "wenn", "ich", "wir", "ihr", "ihre", "dass", "kann"]),
    "fr": frozenset(["le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "en", "que", "qui", "dans", "pour", "pas", "sur", "au", "avec", "ce", "il", "elle", "ne", "se", "par", "plus", "sont", "son", "sa", "ses", "aux", "ont", "été", "mais", "comme", "ou", "nous", "vous", "leur", "cette", "était", "aussi", "fait", "être", "tout", "elles", "ils", "lui", "y"]),
    "es": frozenset(["el", "la", "los", "las", "de", "del", "y", "en", "que", "un", "una", "es", "por", "con", "no", "para", "se", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ha", "me", "si", "sin", "sobre", "este", "ya", "entre", "cuando", "todo", "esta", "ser", "son", "dos", "también", "fue", "había", "muy", "hasta", "desde"]),
    "pt": frozenset(["o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "em", "que", "um", "uma", "é", "para", "com", "não", "por", "se", "na", "no", "nas", "nos", "mais", "como", "mas", "ao", "foi", "ele", "ela", "seu", "sua", "ou", "ser", "quando", "muito", "há", "já", "está", "eu", "também", "só", "pelo", "pela", "até", "isso", "entre", "depois", "sem", "mesmo", "aos", "são"]),
    "it": frozenset(["il", "lo", "la", "i", "gli", "le", "di", "del", "della", "dei", "delle", "e", "è", "in", "che", "un", "una", "per", "con", "non", "si", "da", "al", "alla", "sono", "come", "più", "anche", "ma", "ha", "su", "questo", "questa", "nel", "nella", "ci", "mi", "se", "ed", "o", "essere", "tra", "fra", "loro", "suo", "sua"]),
    "nl": frozenset(["de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "zijn", "met", "voor", "niet", "aan", "er", "om", "ook", "als", "bij", "maar", "door", "naar", "dan", "of", "wordt", "nog", "hij", "zij", "ze", "wat", "kan", "deze"]),
    "id": frozenset(["yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "adalah", "dalam", "tidak", "akan", "juga", "karena", "oleh", "ada", "atau", "saat", "bisa", "telah", "sudah", "mereka", "kami", "kita", "sebagai", "lebih", "tersebut", "para", "seperti", "namun"]),
    "ru": frozenset(["и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она", "так", "его", "но", "да", "ты", "к", "у", "же", "вы", "за", "бы", "по", "только", "ее", "мне", "было", "вот", "от", "меня", "еще", "нет", "о", "из", "ему", "теперь", "когда", "даже", "ну", "ли", "если", "уже", "или", "ни", "быть", "был", "него", "до", "вас", "нибудь", "опять", "уж", "вам", "ведь", "там", "потом", "себя", "ничего", "ей", "может", "они", "тут", "где", "есть", "надо", "ней", "для", "мы", "тебя", "их", "чем", "была", "сам", "чтоб", "без", "будто", "чего", "раз", "тоже", "себе", "под", "будет", "это", "этот", "также"]),
    "pl": frozenset(["i", "w", "z", "na", "nie", "się", "do", "to", "że", "jest", "o", "jak", "ale", "co", "po", "tak", "za", "od", "przez", "dla", "jego", "już", "tylko", "jej", "czy", "lub", "oraz", "być", "był"]),
    "tr": frozenset(["ve", "bir", "bu", "da", "de", "için", "ile", "çok", "ne", "daha", "gibi", "olarak", "olan", "ama", "en", "kadar", "sonra", "ya", "her", "şey", "mi", "değil"]),
    "sv": frozenset(["och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de", "inte", "om", "ett", "han", "men", "var", "jag", "sig", "från", "vi", "så", "kan"]),
}

# Patterns named *_SCAN run once over a whole page given as ``"\n" + page`` (lower-cased where
# their comment says so): each match starts at the newline before its line, and the literal
# first character lets the regex engine jump from line start to line start instead of trying
# every position. Lower-case patterns are matched case-sensitively against lower-cased text,
# which is much faster than re.IGNORECASE; the one difference is that the few letters
# re.IGNORECASE also folds ("\u017f" long s, "\u0131" dotless i) do not stand in for "s"/"i".

# --- characters and shapes --------------------------------------------------------------------
WORD = re.compile(r"\w+")
# tokens for the page's own frequent words: CJK ideographs/kana one by one, other scripts by word
FREQ_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]|[^\W\d_]+")
SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f\u2026][\"'\u201d\u2019)\]]*$|[\"\u201d]$", re.M)
_SENTENCE_STOPS = ".!?\u3002\uff01\uff1f\u2026"
_SENTENCE_CLOSERS = "\"'\u201d\u2019)]"


def ends_sentence(line: str) -> bool:
    """``SENTENCE_END.search(line)`` for one line (no line breaks), without a scan of the
    line: a stop followed by nothing but closing quotes and brackets, or a final quote.

    >>> ends_sentence("He said so.)"), ends_sentence("(AP)"), ends_sentence("\u201cNo\u201d")
    (True, False, True)
    """
    if line.endswith(('"', "\u201d")):
        return True
    rest = line.rstrip(_SENTENCE_CLOSERS)
    return rest != "" and rest[-1] in _SENTENCE_STOPS


# a list item starts with a bullet character, or 1-3 digits then "." or ")"
BULLET_CHARS = "\u2022\u00b7\u25aa\u25cf\u2023\u2043*+-\u2013\u2014>|"
NUMBERED = re.compile(r"[0-9]{1,3}[.)]")
URL_OR_EMAIL = ("@", "http:", "https:", "www.")  # substrings, case-sensitive

# --- page furniture ---------------------------------------------------------------------------
# Whole-line or line-start phrases that mark navigation, sharing, comments, subscription,
# legal footers and similar, in several languages. Lower-case; matched against lower-cased text.
FURNITURE_PHRASES = [
    # navigation and structure
    r"skip to (?:main )?content", r"(?:main |site )?menu", r"navigation", r"search", r"home( page)?",
    r"back to top", r"scroll to top", r"go to top", r"top of page", r"sections?", r"more",
    r"quick access to", r"direct access to", r"jump to", r"toggle", r"close", r"open",
    r"previous( article| post| story)?", r"next( article| post| story)?", r"page \d+( of \d+)?",
    r"load more", r"show more", r"see (?:all|more)", r"view (?:all|more)", r"read more",
    r"continue reading", r"click here", r"tap here",
    # related content
    r"(?:you )?(?:may|might) (?:also )?like", r"also read\b", r"read also\b", r"see also\b",
    r"related( articles| stories| posts| news| content)?", r"recommended( for you)?",
    r"(?:latest|top|more|trending|popular|recent|similar|most read|most popular)"
    r"( \w+){0,2}( stories| news| articles| posts| videos| now)?",
    r"must[- ]reads?", r"editor'?s picks?", r"don'?t miss", r"in case you missed it",
    r"what to read next", r"up next", r"watch( now| more)?", r"advertisement", r"sponsored",
    r"promoted", r"ad choices", r"supported by",
    # sharing and social
    r"share( this| on| via| article| story)?", r"tweet", r"pin it", r"email( this)?",
    r"print( this)?", r"copy link", r"follow us( on)?", r"like us on", r"whatsapp", r"facebook",
    r"twitter", r"linkedin", r"instagram", r"telegram", r"reddit", r"pinterest", r"youtube",
    r"listen to this article", r"\d+ min(ute)?s? read",
    # comments and accounts
    r"comments?( \(?\d+\)?)?", r"\d+ comments?", r"leave a (?:reply|comment)", r"post a comment",
    r"add a comment", r"comments are closed", r"join the (?:discussion|conversation)",
    r"your email address will not be published", r"required fields are marked",
    r"log ?in", r"sign ?in", r"sign ?up", r"log ?out", r"register", r"my account",
    r"subscribe( now| today)?", r"newsletter", r"get the newsletter", r"become a member",
    r"already a subscriber", r"create (?:an |your )?account", r"forgot (?:your )?password",
    # legal and footer
    r"all rights reserved", r"copyright", r"\u00a9", r"privacy( policy| notice)?", r"cookie",
    r"terms (?:of|and) (?:use|service|conditions|sale)", r"terms & conditions",
    r"contact( us)?", r"about us", r"advertise( with us)?", r"careers", r"site ?map", r"faq",
    r"help", r"accessibility", r"powered by", r"proudly powered by", r"theme:", r"designed by",
    r"we use cookies", r"accept( all)?( cookies)?", r"manage (?:preferences|cookies|consent)",
    # other languages
    r"leia (?:também|mais)", r"veja (?:também|mais)", r"compartilh\w*", r"coment\w*",
    r"publicidade", r"assine", r"todos os direitos reservados", r"mais lidas?",
    r"lesen sie auch", r"mehr zum thema", r"teilen", r"kommentare?", r"anzeige", r"werbung",
    r"alle rechte vorbehalten", r"impressum", r"datenschutz",
    r"lire aussi", r"à lire aussi", r"partager", r"commentaires?", r"publicité",
    r"tous droits réservés", r"leer más", r"lee también", r"compartir", r"publicidad",
    r"todos los derechos reservados", r"leggi anche", r"condividi", r"commenti", r"pubblicità",
    r"tutti i diritti riservati", r"baca juga", r"bagikan", r"komentar", r"iklan",
    r"hak cipta", r"читайте также", r"поделиться", r"комментари\w*", r"реклама",
    r"все права защищены", r"подписаться", r"관련기사", r"저작권", r"무단전재", r"댓글", r"공유",
    r"関連記事", r"シェア", r"コメント", r"広告", r"著作権",
]
# A line is whole-line furniture when its "key" (lower-cased, stripped at both ends of the
# characters in KEY_STRIP) is one of the phrases followed by nothing but digits and punctuation;
# failing that, the key stripped of digits too is tried ("1 Latest stories", "Comments (12)").
# A phrase opening with a plain word must also be the key's first space-separated word
# ("home page" and "home 2" are furniture, "home:page" is not). Keys longer than
# MAX_FURNITURE_KEY never are.
KEY_STRIP_DIGITS = "0123456789"
KEY_STRIP = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00a0\u00a9\u00ab\u00b7\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u203a\u2039"
MAX_FURNITURE_KEY = 60
MAX_FURNITURE_WORDS = 7
_FIRST_LITERAL = re.compile(r"^([a-z\u00e0-\u024f\u0400-\u04ff]+)(?=$|\(| [^?])")


def _by_first_character(alternatives: list[str]) -> str:
    r"""``a|b|...`` with the alternatives grouped by their first letter (or digit: ``\d+...``
    is ``\d\d*...``): ``r(?:elated|ead more)|...``, so that at each line the regex engine
    compares a few dozen characters instead of trying every phrase."""
    by_first: dict[str, list[str]] = {}
    other = []
    for alt in alternatives:
        if alt[0].isalpha():
            by_first.setdefault(alt[0], []).append(alt[1:])
        elif alt.startswith(r"\d+"):
            by_first.setdefault(r"\d", []).append(r"\d*" + alt[3:])
        else:
            other.append(alt)
    return "|".join([c + "(?:" + "|".join(rests) + ")" for c, rests in by_first.items()] + other)


def _leading_group_spelled_out(phrase: str) -> list[str]:
    """The same phrase as alternatives that open with a letter, where it opens with a group of
    plain alternatives: ``(?:main |site )?menu`` -> ``main menu``, ``site menu``, ``menu``
    (a regex engine tries an alternative that opens with a letter much faster)."""
    if not phrase.startswith("(?:"):
        return [phrase]
    close = phrase.index(")")
    inner, rest = phrase[3:close], phrase[close + 1:]
    optional = rest.startswith("?")
    if optional:
        rest = rest[1:]
    if "(" in inner or "\\" in inner or rest[:1] in ("?", "*", "+", "{"):
        return [phrase]
    spelled = [item + rest for item in inner.split("|")]
    return spelled + _leading_group_spelled_out(rest) if optional else spelled


def _furniture_line_scan(phrases: list[str], strip: str) -> re.Pattern:
    """The whole-line test as one pattern over a lower-cased page given as ``"\n" + page``:
    each match starts at the newline before a line whose key (the line stripped of ``strip``
    at both ends) is a phrase followed by nothing but digits and punctuation."""
    s = "[" + "".join(map(re.escape, strip)) + "]"
    not_s = "[^" + "".join(map(re.escape, strip)) + "\n]"
    alternatives = []
    for ph in phrases:
        # a word boundary also holds where the key ends, even before a stripped "_"
        ph = ph.replace(r"\b", rf"(?:\b|(?={s}*(?:\n|\Z)))")
        m = _FIRST_LITERAL.match(ph)
        if m and not ph[m.end():].startswith("?"):
            # the word must be the key's whole first token: a space or the key's end follows
            alternatives.append(m.group(1) + rf"(?= |{s}*(?:\n|\Z))" + ph[m.end():])
        else:
            alternatives += _leading_group_spelled_out(ph)
    return re.compile(
        rf"\n{s}*+"  # the key starts where the stripped characters end (possessive: no retry)
        + "(?:" + _by_first_character(alternatives) + ")"
        + rf"(?:(?={s}*{not_s})|(?<!{s}))"  # the phrase ends within the key, not in the strip
        + r"(?:[^\w\n]|[\d_])*+(?=\n|\Z)"  # possessive: giving back cannot reach the end
    )


# the first try, and the second (digits stripped too), which can only differ on lines with digits
FURNITURE_LINE_SCAN = _furniture_line_scan(FURNITURE_PHRASES, KEY_STRIP)
FURNITURE_LINE_SCAN_DIGITS = _furniture_line_scan(FURNITURE_PHRASES, KEY_STRIP + KEY_STRIP_DIGITS)


def key_ends_in_digit(line: str) -> bool:
    """Whether the key of ``line`` (stripped of KEY_STRIP) starts or ends with a digit: on
    other lines the second try of the whole-line test (digits stripped too) finds what the
    first finds, since the two strip the same characters off them."""
    key = line.strip(KEY_STRIP)
    return key != "" and (key[0] in KEY_STRIP_DIGITS or key[-1] in KEY_STRIP_DIGITS)


def furniture_line_starts(scan: str, *, digits_stripped: bool = False) -> list[int]:
    """Where whole-line furniture lines start in ``scan`` (``"\n" + lower-cased lines``): the
    offsets of the newlines before them, for the first try or the second. Their keys' length
    (at most MAX_FURNITURE_KEY) is left to the caller to check."""
    pattern = FURNITURE_LINE_SCAN_DIGITS if digits_stripped else FURNITURE_LINE_SCAN
    return [m.start() for m in pattern.finditer(scan)]


def is_furniture_line(line: str) -> bool:
    """Whether one line (any case, no line breaks) is whole-line page furniture.

    >>> is_furniture_line("» Comments (12)"), is_furniture_line("Comments on the budget")
    (True, False)
    """
    low = line.lower()
    return len(low.strip(KEY_STRIP)) <= MAX_FURNITURE_KEY and bool(
        furniture_line_starts("\n" + low) or furniture_line_starts("\n" + low, digits_stripped=True))


# phrases that make a line furniture whatever follows them (lower-cased page)
FURNITURE_STARTS = [
    "also read", "read also", "read more", "related", "see also", "more from", "more on",
    "click here", "sign up for", "subscribe to", "follow us", "share this", "leia também",
    "veja também", "lesen sie auch", "lire aussi", "leggi anche", "baca juga", "читайте также",
    "recommended", "advertisement", "copyright", "\u00a9", "proudly powered by", "powered by",
    "your email address will not", "one thought on", r"\d+ thoughts? on", "comments are closed",
    "leave a reply", "all rights reserved",
]
# the lookahead lists the phrases' first characters, so most lines are passed over at once
_START_FIRST = "".join(sorted({ph[0] for ph in FURNITURE_STARTS if ph[0] != "\\"}))
FURNITURE_START_SCAN = re.compile(
    r"\n(?:[^\w\n]|_)*(?=[" + re.escape(_START_FIRST) + r"\d])(?:" + "|".join(FURNITURE_STARTS)
    + r")\b"
)
# The same test, faster, for every phrase but "\u00a9": the phrases open with a letter or a
# digit, so they can only start where the run of other characters at the line's start ends,
# and that run is taken whole (possessive: no giving back). Only "\u00a9", itself one of those
# other characters, can start inside the run: lines with one get the full test.
assert all(ph == "\u00a9" or ph[0].isalnum() or ph.startswith(r"\d") for ph in FURNITURE_STARTS)
_FURNITURE_START_AFTER_NL = (
    r"[^\w\n]*+(?:_[^\w\n]*+)*+(?:"
    + _by_first_character([ph for ph in FURNITURE_STARTS if ph != "\u00a9"]) + r")\b"
)
_FURNITURE_START_FAST = re.compile(r"\n" + _FURNITURE_START_AFTER_NL)


def furniture_start_starts(scan: str) -> list[int]:
    r"""Where lines opening with a FURNITURE_STARTS phrase start in ``scan`` (``"\n" +
    lower-cased lines``): the offsets of the newlines before them, as
    ``FURNITURE_START_SCAN.finditer`` gives them."""
    return _with_copyright_lines(scan, [m.start() for m in _FURNITURE_START_FAST.finditer(scan)])


def _with_copyright_lines(scan: str, found: list[int]) -> list[int]:
    """``found`` (what the fast pattern finds) and the lines with a "\u00a9" that the full
    FURNITURE_START_SCAN finds, in order."""
    at = scan.find("\u00a9")
    if at < 0:
        return found
    extra = set()
    while at >= 0:
        line = scan.rfind("\n", 0, at)
        if FURNITURE_START_SCAN.match(scan, line):
            extra.add(line)
        after = scan.find("\n", at)  # the next line with a "\u00a9"
        at = scan.find("\u00a9", after) if after >= 0 else -1
    return sorted(extra.union(found))


# --- page metadata ----------------------------------------------------------------------------
_NAME = r"[A-Z\u00c0-\u024f\u0400-\u042f][\w.'\u2019-]*"
_BYLINE_OPENERS = [
    r"(?:written |article |story |words |reporting |posted |published )?by", "von", "par", "por",
    "di", "oleh", "автор", "author", "authors", "reporter",
]
_BYLINE_WORDS = "|".join(_BYLINE_OPENERS)
_BYLINE = (
    r"(?i:" + _BYLINE_WORDS + r") ?:? "
    r"(?P<name>" + _NAME + r"(?: (?:" + _NAME + r"|and|&|de|da|del|van|von|bin|al))*)"
    r"(?: ?(?:[|,\u2013\u2014-]|\bfor\b|\bin\b|\bat\b).*)?$"
)
BYLINE = re.compile("^" + _BYLINE, re.M)
# the opening words of a byline, on the lower-cased page (the lines to try BYLINE on)
_BYLINE_OPENER_AFTER_NL = r"(?:" + _by_first_character(
    [alt for word in _BYLINE_OPENERS for alt in _leading_group_spelled_out(word)]) + r") ?:? "
BYLINE_OPENER_SCAN = re.compile(r"\n" + _BYLINE_OPENER_AFTER_NL)
# a bare author name between headline and article ("Jane Roe", "Digital Desk", "Jane Roe Views")
_COUNTER = r"(?i:views|comments|shares|reads|likes)\b"
NAME_LINE = re.compile(
    r"^(?P<name>" + _NAME + r"(?: (?!" + _COUNTER + r")" + _NAME + r"){1,3})(?: (?i:views|comments|shares|reads|likes))?$"
)
CAPTION_OPENERS = ("photo", "image", "picture", "pic", "file photo", "foto", "bild", "credit",
                   "source", "caption", "illustration", "graphic", "video")
CREDIT_SUFFIXES = ("getty images", "reuters", "afp", "ap photo", "ap", "epa", "shutterstock",
                   "photo credit", "file photo", "screenshot", "xinhua", "pool photo")
# on the lower-cased page: a line starting with an opener, an opener and a label ("photo:",
# "image by"), and a credit after a "|" anywhere in a line ("| image:"); "credit..." anywhere
# in a line is one too
_CAPTION_OPENER_AFTER_NL = r"(?:" + _by_first_character(list(CAPTION_OPENERS)) + ")"
CAPTION_OPENER_SCAN = re.compile(r"\n" + _CAPTION_OPENER_AFTER_NL)
# BYLINE_OPENER_SCAN, CAPTION_OPENER_SCAN and the line-start furniture test in one pass over
# the page. No line can open with two of them (no opener or phrase opens with another's
# first letters; tested), so the branch that matches a line is the only one that would.
_LINE_START_SCAN = re.compile(
    r"\n(?:(?P<byline>" + _BYLINE_OPENER_AFTER_NL + ")|(?P<caption>" + _CAPTION_OPENER_AFTER_NL
    + ")|(?P<furniture>" + _FURNITURE_START_AFTER_NL + "))"
)


def line_start_scans(scan: str) -> tuple[list[int], list[int], list[int]]:
    r"""Where lines opening with a byline opener, a caption opener and a FURNITURE_STARTS
    phrase start in ``scan`` (``"\n" + lower-cased lines``), as ``BYLINE_OPENER_SCAN``,
    ``CAPTION_OPENER_SCAN`` and :func:`furniture_start_starts` find them, in one pass."""
    found: dict[str, list[int]] = {"byline": [], "caption": [], "furniture": []}
    for m in _LINE_START_SCAN.finditer(scan):
        found[m.lastgroup].append(m.start())
    return found["byline"], found["caption"], _with_copyright_lines(scan, found["furniture"])
CAPTION_LABEL = re.compile(r"(?:" + "|".join(CAPTION_OPENERS) + r") ?(?:[:=|]|(?:credit|by)\b)")
CAPTION_PIPE = re.compile(r"\| ?(?:image|photo|credit|source) ?:")
# a credit at the end of a line with no full stop before it ("... (AP Photo)", "... Getty Images")
CAPTION_END = re.compile(
    r"\b(?:getty images|reuters|afp|ap photo|ap|epa|shutterstock|photo credit|file photo|"
    r"screenshot|xinhua|pool photo) ?\)?$",
    re.I | re.M,
)

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}
# month names are matched without case in ASCII only: Unicode case folding would also take
# "\u017fep" or "Apr\u0131l", which are no keys of MONTHS; the lookahead turns most words away at once
_MONTH = (r"(?=[adfjmnos])(?P<mon>(?a:"
          + _by_first_character(sorted(MONTHS, key=len, reverse=True)) + r"))\.?")
assert {m[0] for m in MONTHS} == set("adfjmnos")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
DATE_PATTERNS = [
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),      # Feb 20, 2024
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),  # 20 Feb 2024
    re.compile(r"\b" + _YEAR + r"[-/.](?P<mnum>\d{1,2})[-/.](?P<dnum>\d{1,2})(?!\d)"),  # 2024-02-20
    re.compile(r"\b(?P<dnum>\d{1,2})[./](?P<mnum>\d{1,2})[./]" + _YEAR + r"\b"),       # 20.02.2024
]
_DATE_WORDS = [
    "updated", "published", "posted", "last updated", "modified", "on", "at", "ist", "gmt", "utc",
    r"a\.?m\.?", r"p\.?m\.?", "edt", "est", "pst", "pdt", "cet", "cest", "kst", "jst", "bst",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "date", "time",
]
_CLOCK_WORD = r"\d{1,2}:\d{2}(?::\d{2})?"
DATE_WORDS = re.compile(r"\b(?:" + "|".join(_DATE_WORDS) + "|" + _CLOCK_WORD + r")\b", re.I)
# the same on lower-cased ASCII text, several times faster: without IGNORECASE the regex
# engine passes over the words grouped by first letter at one comparison each
DATE_WORDS_ASCII = re.compile(
    r"\b(?:" + _by_first_character(_DATE_WORDS) + "|" + _CLOCK_WORD + r")\b")
HAS_YEAR = re.compile(r"(?:19|20)\d\d")
CLOCK_TIME = re.compile(r"(?<![\d.:])\d{1,2}:\d{2}(?![\d.:])")  # "6:55", "21:17" (not "1:2.5")
TITLE_SUFFIX = re.compile(r"\s+(?:\||::|\u00bb)\s+[^|]{1,40}$")

# --- lines that are never the headline ------------------------------------------------------
# A share bar, an ad label or a run of menu labels is made of these words alone ("Share Tweet
# Email", "Report this ad", "Jump to navigation Jump to search").
WIDGET_WORDS = frozenset([
    "share", "shares", "shared", "tweet", "tweets", "email", "e-mail", "mail", "print", "pin",
    "it", "reddit", "pocket", "flipboard", "linkedin", "facebook", "twitter", "whatsapp",
    "telegram", "instagram", "pinterest", "youtube", "tumblr", "xing", "messenger", "sms", "copy",
    "link", "links", "save", "comment", "comments", "reply", "menu", "search", "skip", "jump",
    "to", "navigation", "main", "content", "contents", "site", "index", "go", "back", "top",
    "home", "more", "next", "previous", "prev", "older", "newer", "sign", "log", "in", "up",
    "out", "subscribe", "register", "login", "logout", "account", "close", "open", "toggle",
    "follow", "us", "on", "via", "the", "and", "or", "a", "report", "this", "ad", "ads",
    "advertisement", "advertising", "sponsored", "promoted",
])
# What a headline never says: a comment counter ("75 with 51 posters participating",
# "12 comments"), a relative time ("1 day ago"), a credit or sponsor line ("Reviewed by",
# "Edited by", "is sponsored by"), a caption or credit label, an edit link (NOT_A_HEADLINE,
# searched in lower-cased lines with one of the words that can start a match); a line ending
# in a preposition or a colon (a label); an "o" bullet, a "continue reading" or "skip to" link
# (NOT_A_HEADLINE_START); or a trail of two or more separators (breadcrumbs, menus:
# "Home > News > World").
NOT_A_HEADLINE = re.compile(
    r"\b\d[\d,.]*\s+(?:\w+\s+)?(?:comments?|replies|responses|posters?|shares|views|likes)\b"
    r"|\bparticipating\b"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\b(?:reviewed|edited|written|reported|photographed|illustrated|compiled|produced|posted"
    r"|published|updated|portrait|photos?|pictures?|illustrations?|images?|sponsored"
    r"|presented|powered|supported|brought\s+to\s+you)\s+by\b"
    r"|\bcaption\b|\bcredits?\s*:|\[\s*edit\s*\]"
)
_NOT_A_HEADLINE_HINTS = ("participating", " ago", " by", "caption", "credit", "edit",
                         "comment", "repl", "respons", "poster", "share", "view", "like")
NOT_A_HEADLINE_START = re.compile(
    r"\W*(?:continue reading|read more|skip to|jump to|up next|advertisement)\b")
_LABEL_END = re.compile(r"(?:\b(?:by|of|with|from|for|and|the)|[:,])\s*$")
_TRAIL = re.compile(r"(?:\s[>|\u00bb/\u00b7\u2022]\s.*){2}|(?:[|>\u00bb].*){3}")


def never_a_headline(line: str) -> bool:
    """Whether ``line`` says what a headline never says (see NOT_A_HEADLINE); the patterns
    are only searched in lines with a word or character they need.

    >>> never_a_headline("75 with 51 posters participating"), never_a_headline("Home > World > Asia")
    (True, True)
    >>> never_a_headline("Putin gives Kim a second car"), never_a_headline("O presidente chegou")
    (False, False)
    """
    if line.startswith("o "):  # inscriptis's bullet of a nested list ("O presidente" is fine)
        return True
    low = line.lower()
    if NOT_A_HEADLINE_START.match(low):
        return True
    if _LABEL_END.search(low[-12:]):
        return True
    if sum(map(low.count, ">|\u00bb/\u00b7\u2022")) >= 2 and _TRAIL.search(low):
        return True
    return any(h in low for h in _NOT_A_HEADLINE_HINTS) and NOT_A_HEADLINE.search(low) is not None


def is_widget_line(line: str) -> bool:
    """Whether every word of ``line`` is a share, menu or navigation word (WIDGET_WORDS).

    >>> is_widget_line("Share Tweet Email"), is_widget_line("Share prices fall")
    (True, False)
    """
    low = line.lower()
    first = low.split(None, 1)[0].strip(KEY_STRIP) if low.strip() else ""
    if first and first not in WIDGET_WORDS and first.isalpha():
        return False  # (most lines: the first word says so)
    words = _WIDGET_WORD.findall(low)
    return bool(words) and all(w in WIDGET_WORDS for w in words)


_WIDGET_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
