"""The package gives what the extract binary gives, page by page: the same
text and, where the Article and the binary's JSON record share a key, the
same value."""

from __future__ import annotations

import math

import pytest

import newsclip
from conftest import ARTICLE_PAGES, HOSTILE_PAGES, binary_records, extract_like_binary

# The binary writes scores rounded to four decimals.
SCORE_TOLERANCE = 0.5e-4 + 1e-9


@pytest.mark.parametrize("page", ARTICLE_PAGES, ids=lambda page: page.path.name)
def test_text_is_the_binarys(page, article_records):
    record = article_records[page.name]
    assert record["error"] is None, record["error"]
    article = extract_like_binary(newsclip.Extractor(), page)
    assert article.text == record["text"]
    assert article.text.strip(), "an empty article proves nothing"


@pytest.mark.parametrize("page", ARTICLE_PAGES, ids=lambda page: page.path.name)
def test_module_functions_match_the_binary(page, article_records):
    """The module-level functions, and extract() telling HTML from text."""
    if page.is_html:
        article = newsclip.extract_html(page.data)
    else:
        article = newsclip.extract_text(page.data.decode("utf-8"))
        assert newsclip.extract_text(page.data).text == article.text
    assert newsclip.extract(page.data).text == article.text
    assert article.text == article_records[page.name]["text"]


@pytest.mark.parametrize("page", ARTICLE_PAGES, ids=lambda page: page.path.name)
def test_to_dict_matches_the_json_record(page, article_records):
    record = article_records[page.name]
    # The binary's JSON gives each line's provenance.
    extractor = newsclip.Extractor(newsclip.Config(provenance=True))
    got = extract_like_binary(extractor, page).to_dict()
    shared = got.keys() & record.keys()
    assert shared == {
        "title", "text", "captions", "related", "byline", "date", "date_iso", "confidence", "lines"
    }
    for key in shared - {"lines"}:
        assert got[key] == record[key], key
    assert got["paragraphs"] == got["text"].split("\n")
    assert len(got["lines"]) == len(record["lines"])
    for mine, theirs in zip(got["lines"], record["lines"]):
        assert mine.keys() == theirs.keys()
        assert (mine["line"], mine["label"], mine["first_label"], mine["start"], mine["end"], mine["path"]) == (
            theirs["line"],
            theirs["label"],
            theirs["first_label"],
            theirs["start"],
            theirs["end"],
            theirs["path"],
        )
        assert mine["scores"].keys() == theirs["scores"].keys()
        for label, score in mine["scores"].items():
            assert math.isclose(score, theirs["scores"][label], abs_tol=SCORE_TOLERANCE), (mine, theirs)


@pytest.mark.parametrize("bias", ["-0.8", "0.8"])
def test_config_reaches_the_extractor(bias):
    """An Extractor with a recall bias gives the binary's text at that bias."""
    records = binary_records(ARTICLE_PAGES, "--recall-bias", bias)
    extractor = newsclip.Extractor(newsclip.Config(recall_bias=float(bias)))
    for page in ARTICLE_PAGES:
        record = records[page.name]
        try:
            text = extract_like_binary(extractor, page).text
        except newsclip.NewsclipError as error:
            assert record["error"] == f"{page.name}: {error}"
            continue
        assert text == record["text"], page.name


@pytest.mark.parametrize("page", HOSTILE_PAGES, ids=lambda page: page.path.name)
def test_hostile_pages_fail_as_the_binary_does(page, hostile_records):
    record = hostile_records[page.name]
    try:
        article = extract_like_binary(newsclip.Extractor(), page)
    except newsclip.NewsclipError as error:
        assert record["error"] == f"{page.name}: {error}"
        return
    assert record["error"] is None, record["error"]
    assert article.text == record["text"]


# The failing hostile pages and the error fixtures/hostile/README.md says
# each gives.
HOSTILE_ERRORS = {
    "empty.html": newsclip.EmptyInput,
    "whitespace.txt": newsclip.EmptyInput,
    "image.html": newsclip.NotText,
    "nul-padded.txt": newsclip.NotText,
    "home-page.html": newsclip.NoArticle,
}


def test_every_failing_hostile_page_is_named_here(hostile_records):
    failing = {page.path.name for page in HOSTILE_PAGES if hostile_records[page.name]["error"]}
    assert failing == HOSTILE_ERRORS.keys()


@pytest.mark.parametrize("name", sorted(HOSTILE_ERRORS))
def test_hostile_pages_raise_their_subclass(name):
    (page,) = [page for page in HOSTILE_PAGES if page.path.name == name]
    with pytest.raises(newsclip.NewsclipError) as raised:
        extract_like_binary(newsclip.Extractor(), page)
    assert type(raised.value) is HOSTILE_ERRORS[name]
    with pytest.raises(HOSTILE_ERRORS[name]):
        newsclip.extract(page.data)
