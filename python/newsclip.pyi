"""Cut the article out of a news page: the title, the paragraphs, the
captions and the links to other stories kept apart, in any language.

>>> import newsclip
>>> page = (
...     "Home | World | Sport\\n"
...     "Storm closes ports\\n"
...     "A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\\n"
...     "Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\\n"
... )
>>> article = newsclip.extract_text(page)
>>> article.title
'Storm closes ports'
>>> len(article.paragraphs)
2

The stubs of the compiled module (python/src/lib.rs).
"""

from typing import Literal, Optional, Union, final

__all__ = [
    "Article",
    "Config",
    "DEFAULT_BODY_THRESHOLD",
    "DEFAULT_MAX_INPUT_BYTES",
    "DEFAULT_METADATA_WINDOW",
    "DEFAULT_RECALL_BIAS",
    "DEFAULT_TITLE_LOOKBACK",
    "EmptyInput",
    "Extractor",
    "InputTooLarge",
    "InvalidGzip",
    "LineVerdict",
    "NewsclipError",
    "NoArticle",
    "NotText",
    "PageMetadata",
    "RelatedLink",
    "UnreadableResponse",
    "extract",
    "extract_html",
    "extract_metadata",
    "extract_text",
    "looks_like_html",
]

DEFAULT_MAX_INPUT_BYTES: int
DEFAULT_RECALL_BIAS: float
DEFAULT_BODY_THRESHOLD: float
DEFAULT_TITLE_LOOKBACK: int
DEFAULT_METADATA_WINDOW: int

# A page: HTML or text as bytes (any charset) or as a decoded str.
_Page = Union[bytes, bytearray, str]

_LabelName = Literal["body", "caption", "navigation", "related"]

class NewsclipError(Exception):
    """Base class of every error newsclip raises; its message says what was wrong."""

class EmptyInput(NewsclipError):
    """The input holds no text at all (empty or only whitespace)."""

class InputTooLarge(NewsclipError):
    """The input is larger than Config.max_input_bytes."""

class NotText(NewsclipError):
    """The input is binary data (an image, an archive, NUL padding), not text or HTML."""

class NoArticle(NewsclipError):
    """The page is text but holds no article: no run of lines reads as body text."""

class InvalidGzip(NewsclipError):
    """The input starts as gzip data but does not gunzip (corrupt or cut short)."""

class UnreadableResponse(NewsclipError):
    """An archived HTTP response whose page cannot be got at (WARC input only)."""

@final
class RelatedLink:
    """A link to another story found around the article."""

    @property
    def text(self) -> str:
        """The teaser's headline or text."""
    @property
    def url(self) -> Optional[str]:
        """Its address, when the input carried one (HTML pages), else None."""
    def to_dict(self) -> dict[str, Optional[str]]:
        """The link as the extract binary's JSON writes it: {"text", "url"}."""

@final
class LineVerdict:
    """Why a line was kept or dropped: its label and the classifier's scores."""

    @property
    def line(self) -> int:
        """The 1-based line number of a text input; the block's number in an HTML page."""
    @property
    def label(self) -> _LabelName:
        """The final label, after the assembler has seen the whole page."""
    @property
    def first_label(self) -> _LabelName:
        """The classifier's own label, before the assembler revised it."""
    @property
    def scores(self) -> dict[_LabelName, float]:
        """The classifier's probability of each label, keyed by label name."""
    @property
    def start(self) -> int:
        """Byte offset of the line's text in the input (HTML: with provenance only)."""
    @property
    def end(self) -> int:
        """Byte offset just past the line's text."""
    @property
    def path(self) -> Optional[str]:
        """For HTML pages read with provenance, a CSS selector of the line's element."""
    def to_dict(self) -> dict[str, object]:
        """The verdict as the extract binary's JSON writes it (scores not rounded)."""

@final
class Article:
    """The main article of a page. Immutable."""

    @property
    def title(self) -> Optional[str]:
        """The headline, when the page shows one."""
    @property
    def paragraphs(self) -> list[str]:
        """The body paragraphs in page order, headline excluded."""
    @property
    def captions(self) -> list[str]:
        """Captions and image credits of the article, in page order."""
    @property
    def related(self) -> list[RelatedLink]:
        """Links to other stories: teaser lists and inline "read more" links."""
    @property
    def byline(self) -> Optional[str]:
        """The author line, when one was found."""
    @property
    def date(self) -> Optional[str]:
        """The publication date as the page writes it, when one was found."""
    @property
    def date_iso(self) -> Optional[str]:
        """The publication date in ISO 8601 (2018-10-05), when the page gives a whole date."""
    @property
    def lines(self) -> list[LineVerdict]:
        """One verdict per input line (per non-blank line of a text page)."""
    @property
    def confidence(self) -> float:
        """How sure newsclip is of the article, from 0 to 1 (below 0.5: the best block, not a confident article)."""
    @property
    def text(self) -> str:
        """The body text: the paragraphs joined by newlines."""
    def to_dict(self) -> dict[str, object]:
        """The keys of the extract binary's JSON record (title, text, captions,
        related, byline, date, confidence, lines), plus paragraphs."""

@final
class PageMetadata:
    """A page's title, byline and date from its metadata and markup. Immutable."""

    @property
    def title(self) -> Optional[str]:
        """The page's title: an article's headline, another page's name."""
    @property
    def byline(self) -> Optional[str]:
        """The author, a person or an organisation."""
    @property
    def date(self) -> Optional[str]:
        """The publication date as the page writes it."""
    @property
    def date_iso(self) -> Optional[str]:
        """The publication date in ISO 8601 (2018-10-05)."""
    def to_dict(self) -> dict[str, object]:
        """{"title", "byline", "date", "date_iso"}."""

@final
class Config:
    """Settings of an Extractor, each with the library's default; read-only once built."""

    def __new__(
        cls,
        *,
        max_input_bytes: int = ...,
        recall_bias: float = ...,
        body_threshold: float = ...,
        title_lookback: int = ...,
        metadata_window: int = ...,
        provenance: bool = ...,
    ) -> Config: ...
    @property
    def max_input_bytes(self) -> int:
        """Inputs larger than this many bytes raise InputTooLarge."""
    @property
    def recall_bias(self) -> float:
        """One dial between precision (-1) and recall (1), clamped to that range; 0 is the fitted balance."""
    @property
    def body_threshold(self) -> float:
        """The body probability above which a line adds to the article."""
    @property
    def title_lookback(self) -> int:
        """How many lines above the article are searched for the headline."""
    @property
    def provenance(self) -> bool:
        """Whether an HTML page's verdicts give each line's byte range and element path."""
    @property
    def metadata_window(self) -> int:
        """How many lines around the article are searched for byline and date."""

@final
class Extractor:
    """A reusable article extractor: build it once, share it between threads
    (it releases the interpreter while it extracts)."""

    def __new__(cls, config: Optional[Config] = None) -> Extractor: ...
    @property
    def config(self) -> Config:
        """The settings this extractor runs with."""
    def extract_html(
        self, page: _Page, charset: Optional[str] = None, url: Optional[str] = None
    ) -> Article:
        """Extracts the article from an HTML page: bytes in the charset the page
        declares (or `charset`, an HTTP header's, which comes first), or a str;
        `url`, the page's address, makes the related links absolute."""
    def extract_text(self, page: _Page) -> Article:
        """Extracts the article from a page flattened to text, one block per line."""
    def extract(self, page: _Page) -> Article:
        """Extracts the article from HTML or text, telling which from the content."""
    def extract_metadata(
        self, page: _Page, charset: Optional[str] = None, url: Optional[str] = None
    ) -> PageMetadata:
        """The title, byline and date of an HTML page, article or not; `url` dates it last."""

def extract_html(page: _Page, charset: Optional[str] = None, url: Optional[str] = None) -> Article:
    """Extracts the article from an HTML page with the default settings.

    Raises a NewsclipError subclass when the page has no article or cannot be read.
    """

def extract_text(page: _Page) -> Article:
    """Extracts the article from a page flattened to text with the default settings."""

def extract(page: _Page) -> Article:
    """Extracts the article from HTML or text with the default settings."""

def extract_metadata(
    page: _Page, charset: Optional[str] = None, url: Optional[str] = None
) -> PageMetadata:
    """The title, byline and date of an HTML page, article or not, with the
    default settings; `url`, the page's address, is the last resort for the date.

    Raises a NewsclipError subclass (never NoArticle) when the page cannot be read.
    """

def looks_like_html(page: bytes) -> bool:
    """Whether the bytes look like HTML rather than text."""
