"""The Python API itself: errors, settings, the objects an Article hands
out, and the stubs that describe them."""

from __future__ import annotations

import ast
import math
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import newsclip

PAGE = (
    "Home | World | Sport\n"
    "Storm closes ports\n"
    "A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.\n"
    "Dock workers wait near the harbour. Photo: Reuters\n"
    "Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.\n"
)
HTML = (
    "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
    "<h1>Storm closes ports</h1>"
    "<p>A storm closed the country's two largest ports on Monday, halting shipments of grain and fuel.</p>"
    "<p>Harbour officials said the ports could reopen on Wednesday if the wind eases as forecast.</p>"
    "</article><aside class='related'><h2>Related articles</h2>"
    "<p><a href='/ports-reopen'>Ports reopen after a week-long strike by dock workers</a></p></aside>"
    "</body></html>"
)
VARIANTS = ["EmptyInput", "InputTooLarge", "NotText", "NoArticle", "InvalidGzip", "UnreadableResponse"]


def rust_error_variants() -> list[str]:
    """The variants of `newsclip::Error`, read from src/error.rs."""
    source = (Path(__file__).resolve().parents[2] / "src" / "error.rs").read_text(encoding="utf-8")
    body = source[source.index("pub enum Error {") :]
    return re.findall(r"^    ([A-Z][A-Za-z]+)\b", body, flags=re.MULTILINE)


def test_every_rust_error_variant_has_an_exception_class():
    assert rust_error_variants() == VARIANTS
    assert issubclass(newsclip.NewsclipError, Exception)
    for name in VARIANTS:
        cls = getattr(newsclip, name)
        assert issubclass(cls, newsclip.NewsclipError) and cls is not newsclip.NewsclipError
        assert cls.__module__ == "newsclip"


@pytest.mark.parametrize(
    ("page", "error", "message"),
    [
        ("  \n\n", newsclip.EmptyInput, "the input is empty or holds only whitespace"),
        (b"", newsclip.EmptyInput, "the input is empty or holds only whitespace"),
        (
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
            newsclip.NotText,
            "the input is binary data, not text or HTML (control bytes in the first 64 KiB)",
        ),
        (
            "Home\nNews\nSport\n",
            newsclip.NoArticle,
            "no article found: no run of lines on the page reads as article body text",
        ),
    ],
)
def test_errors_raise_their_class_with_the_rust_message(page, error, message):
    call = newsclip.extract_html if isinstance(page, bytes) else newsclip.extract_text
    with pytest.raises(error) as raised:
        call(page)
    assert type(raised.value) is error
    assert str(raised.value) == message


def test_input_too_large():
    small = newsclip.Extractor(newsclip.Config(max_input_bytes=10))
    for call in (small.extract_text, small.extract_html, small.extract):
        with pytest.raises(newsclip.InputTooLarge, match=r"^the input is 28 bytes, over the limit of 10 bytes$"):
            call("a page longer than ten bytes")


def test_a_page_of_another_type_is_a_type_error():
    for call in (newsclip.extract_html, newsclip.extract_text, newsclip.extract):
        with pytest.raises(TypeError, match="the page must be bytes or str, not int"):
            call(42)


def test_a_charset_with_a_str_page_is_refused():
    with pytest.raises(ValueError, match="a str is already decoded"):
        newsclip.extract_html(HTML, charset="utf-8")


def test_the_http_charset_decodes_bytes():
    page = (
        "<html><body><article><h1>Présidentielle</h1>"
        "<p>Le débat télévisé a réuni les deux candidats pendant trois heures mercredi soir.</p>"
        "<p>Les sondages publiés jeudi ne montrent pas de changement net dans les intentions de vote.</p>"
        "</article></body></html>"
    ).encode("iso-8859-1")
    article = newsclip.extract_html(page, charset="iso-8859-1")
    assert article.paragraphs[0].startswith("Le débat télévisé")


def test_html_as_str_bytes_and_bytearray_agree():
    article = newsclip.extract_html(HTML)
    assert newsclip.extract_html(HTML.encode()).to_dict() == article.to_dict()
    assert newsclip.extract_html(bytearray(HTML.encode())).to_dict() == article.to_dict()
    assert newsclip.extract(HTML).to_dict() == article.to_dict()
    assert newsclip.looks_like_html(HTML.encode()) and not newsclip.looks_like_html(PAGE.encode())


def test_article_fields():
    article = newsclip.extract_text(PAGE)
    assert article.title == "Storm closes ports"
    assert len(article.paragraphs) == 2
    assert article.captions == ["Dock workers wait near the harbour. Photo: Reuters"]
    assert article.text == "\n".join(article.paragraphs)
    assert 0.0 <= article.confidence <= 1.0
    assert [line.line for line in article.lines] == [1, 2, 3, 4, 5]
    first = article.lines[0]
    assert first.label == "navigation"
    assert set(first.scores) == {"body", "caption", "navigation", "related"}
    assert math.isclose(sum(first.scores.values()), 1.0, abs_tol=1e-4)
    assert first.scores["navigation"] > first.scores["body"]
    assert first.to_dict() == {
        "line": 1,
        "label": first.label,
        "first_label": first.first_label,
        "scores": first.scores,
        "start": first.start,
        "end": first.end,
        "path": None,
    }


def test_related_links():
    article = newsclip.extract_html(HTML)
    link = article.related[0]
    assert (link.text, link.url) == ("Ports reopen after a week-long strike by dock workers", "/ports-reopen")
    assert link.to_dict() == {"text": link.text, "url": link.url}
    assert article.to_dict()["related"][0] == link.to_dict()
    assert link == article.related[0]


def test_articles_are_immutable_and_compare_by_value():
    article = newsclip.extract_text(PAGE)
    with pytest.raises(AttributeError):
        article.title = "changed"
    article.paragraphs.append("not kept")
    assert len(article.paragraphs) == 2
    assert article == newsclip.extract_text(PAGE)
    assert article != newsclip.extract_html(HTML)


def test_reprs():
    article = newsclip.extract_text(PAGE)
    assert repr(article) == (
        f"Article(title='Storm closes ports', paragraphs=2, captions=1, related=0, confidence={article.confidence!r})"
    )
    assert repr(newsclip.extract_html(HTML).related[0]) == (
        "RelatedLink(text='Ports reopen after a week-long strike by dock workers', url='/ports-reopen')"
    )
    assert repr(article.lines[0]).startswith("LineVerdict(line=1, label='navigation', ")
    assert repr(newsclip.Config()) == (
        f"Config(max_input_bytes={newsclip.DEFAULT_MAX_INPUT_BYTES}, recall_bias=0.0, "
        f"body_threshold={newsclip.DEFAULT_BODY_THRESHOLD}, title_lookback={newsclip.DEFAULT_TITLE_LOOKBACK}, "
        f"metadata_window={newsclip.DEFAULT_METADATA_WINDOW}, provenance=False)"
    )
    assert repr(newsclip.Extractor()) == f"Extractor({newsclip.Config()!r})"


def test_config_defaults_and_setters():
    default = newsclip.Config()
    assert (
        default.max_input_bytes,
        default.recall_bias,
        default.body_threshold,
        default.title_lookback,
        default.metadata_window,
    ) == (
        64 * 1024 * 1024,
        newsclip.DEFAULT_RECALL_BIAS,
        newsclip.DEFAULT_BODY_THRESHOLD,
        newsclip.DEFAULT_TITLE_LOOKBACK,
        newsclip.DEFAULT_METADATA_WINDOW,
    )
    config = newsclip.Config(
        max_input_bytes=1000, recall_bias=0.5, body_threshold=0.6, title_lookback=3, metadata_window=2
    )
    assert (
        config.max_input_bytes,
        config.recall_bias,
        config.body_threshold,
        config.title_lookback,
        config.metadata_window,
    ) == (1000, 0.5, 0.6, 3, 2)
    assert newsclip.Extractor(config).config == config
    assert newsclip.Extractor().config == default
    # As Config::with_recall_bias: clamped to -1..1, NaN is 0.
    assert newsclip.Config(recall_bias=7).recall_bias == 1.0
    assert newsclip.Config(recall_bias=float("nan")).recall_bias == 0.0


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="body_threshold must be a finite number, not NaN"):
        newsclip.Config(body_threshold=float("nan"))
    with pytest.raises(OverflowError):
        newsclip.Config(max_input_bytes=-1)
    with pytest.raises(TypeError):
        newsclip.Config(1000)  # keyword-only
    with pytest.raises(TypeError):
        newsclip.Extractor(config={"recall_bias": 1})


def test_title_lookback_and_metadata_window_reach_the_extractor():
    page = "Storm closes ports\nBy Ana Silva\n" + "\n".join(
        f"Paragraph {n}: harbour officials said on Monday the ports could reopen on Wednesday if the wind eases."
        for n in range(6)
    )
    assert newsclip.extract_text(page).title == "Storm closes ports"
    assert newsclip.Extractor(newsclip.Config(title_lookback=0)).extract_text(page).title is None
    # The byline is the name, its "By" cue stripped.
    assert newsclip.extract_text(page).byline == "Ana Silva"
    assert newsclip.Extractor(newsclip.Config(metadata_window=0)).extract_text(page).byline is None


def test_an_extractor_is_shared_by_threads():
    extractor = newsclip.Extractor()
    expected = extractor.extract_text(PAGE).to_dict()
    results = []

    def work():
        results.extend(extractor.extract_text(PAGE).to_dict() for _ in range(20))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 80


def public_names_of_stubs() -> set[str]:
    stub = Path(newsclip.__file__).with_name("__init__.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_the_package_ships_stubs_that_name_its_api():
    package = Path(newsclip.__file__).parent
    assert (package / "py.typed").exists()
    module = {name for name in dir(newsclip.newsclip) if not name.startswith("_")}
    assert public_names_of_stubs() == module


def test_stubs_match_the_module():
    """mypy's stubtest: every name, signature and property of the stubs
    as the compiled module has it."""
    allowlist = Path(__file__).resolve().parents[1] / "stubtest-allowlist.txt"
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "newsclip", "--allowlist", str(allowlist)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_docstrings():
    for name in ["extract_html", "extract_text", "extract", "extract_metadata", "Extractor", "Config", "Article", "PageMetadata", *VARIANTS]:
        assert getattr(newsclip, name).__doc__, name
    assert newsclip.Article.text.__doc__ == "The body text: the paragraphs joined by newlines."


def test_a_corrupt_gzip_page_raises_invalid_gzip():
    # The gzip magic bytes, then a stream that does not inflate.
    with pytest.raises(newsclip.InvalidGzip, match="gzip"):
        newsclip.extract_html(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03not deflate data at all")


SHOP = (
    "<html><head><title>Oak desk | Woodshop</title>"
    "<meta property='og:type' content='product'>"
    "<meta name='author' content='Woodshop Ltd'></head>"
    "<body><h1>Made to last</h1><p><a href='/cart'>Add to cart</a></p></body></html>"
)


def test_metadata_of_a_page_without_an_article():
    with pytest.raises(newsclip.NoArticle):
        newsclip.extract_html(SHOP)
    metadata = newsclip.extract_metadata(SHOP)
    assert isinstance(metadata, newsclip.PageMetadata)
    # A product page is named by its metadata title, not its slogan.
    assert metadata.title == "Oak desk | Woodshop"
    assert metadata.byline == "Woodshop Ltd"
    assert metadata.date is None and metadata.date_iso is None
    assert metadata.to_dict() == {
        "title": "Oak desk | Woodshop",
        "byline": "Woodshop Ltd",
        "date": None,
        "date_iso": None,
    }
    assert repr(metadata) == "PageMetadata(title='Oak desk | Woodshop', byline='Woodshop Ltd', date_iso=None)"


def test_metadata_reads_bytes_a_charset_and_the_url():
    page = SHOP.replace("Oak desk", "Bureau en chêne").encode("iso-8859-1")
    extractor = newsclip.Extractor()
    metadata = extractor.extract_metadata(
        page, charset="iso-8859-1", url="https://shop.example/2024/05/01/desk"
    )
    assert metadata.title == "Bureau en chêne | Woodshop"
    assert metadata.date_iso == "2024-05-01"
    assert metadata == newsclip.extract_metadata(page, "iso-8859-1", "https://shop.example/2024/05/01/desk")
    with pytest.raises(ValueError, match="charset"):
        newsclip.extract_metadata(SHOP, charset="utf-8")
    with pytest.raises(newsclip.EmptyInput):
        newsclip.extract_metadata(b"")


def test_metadata_of_an_article_page_agrees_with_its_article():
    article = newsclip.extract_html(HTML)
    assert newsclip.extract_metadata(HTML).title == article.title == "Storm closes ports"


def test_the_page_url_makes_related_links_absolute_and_dates_the_page():
    url = "https://news.example/2024/11/05/storm"
    article = newsclip.extract_html(HTML, url=url)
    assert [link.url for link in article.related] == ["https://news.example/ports-reopen"]
    assert article.date_iso == "2024-11-05"
    assert newsclip.Extractor().extract_html(HTML.encode(), "utf-8", url) == article
    # Without it, the address stays as the page wrote it.
    assert [link.url for link in newsclip.extract_html(HTML).related] == ["/ports-reopen"]
