//! Page-level behaviours of the assembler, on pages written for these
//! tests: each shape is one the open web throws at an extractor.

use newsclip::{Error, Extractor};

const PARAGRAPH: &str = "The council approved the new budget on Tuesday after a long debate \
    about spending on schools, roads and the harbour.";
const OTHER: &str = "Spending on schools rises by four percent, the mayor said in a statement \
    on Wednesday morning, while road repairs wait another year.";

fn extract(html: &str) -> Result<newsclip::Article, Error> {
    Extractor::default().extract_html_str(html)
}

#[test]
fn a_paragraph_written_three_times_in_a_row_is_given_once() {
    let page = format!(
        "<html><body><nav><a href=/>Home</a></nav><article><h1>Budget passes</h1>\
         <p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>"
    );
    let article = extract(&page).expect("the article is kept");
    assert_eq!(article.paragraphs, [PARAGRAPH]);
    assert_eq!(article.title.as_deref(), Some("Budget passes"));
}

#[test]
fn a_page_of_one_repeated_paragraph_gives_it_once() {
    let page = format!(
        "<html><body>{}</body></html>",
        format!("<p>{PARAGRAPH}</p>").repeat(4)
    );
    let article = extract(&page).expect("running text is never lost");
    assert_eq!(article.paragraphs, [PARAGRAPH]);
}

#[test]
fn the_story_block_keeps_its_short_lines_between_paragraphs() {
    // A tour-dates list inside the story's block: line by line it reads
    // as navigation, in its block it is the story's.
    let dates: String = [
        "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre",
        "June 10 – Tampa, FL @ Midflorida Credit Union Amphitheatre",
        "June 14 – Alpharetta, GA @ Ameris Bank Amphitheatre",
    ]
    .iter()
    .map(|date| format!("<p>{date}</p>"))
    .collect();
    let page = format!(
        "<html><body><nav><ul><li><a href=/a>Music</a></li><li><a href=/b>News</a></li></ul></nav>\
         <div class=story><h1>Band announces tour</h1><p>{PARAGRAPH}</p><p>{OTHER}</p>{dates}\
         <p>{PARAGRAPH} Tickets go on sale on Friday.</p></div>\
         <aside><h2>Most read</h2><p><a href=/c>Another story entirely</a></p></aside></body></html>"
    );
    let article = extract(&page).expect("an article");
    let text = article.text();
    assert!(text.contains("June 10 – Tampa, FL"), "{text}");
    assert!(text.contains("Tickets go on sale"), "{text}");
    assert!(!text.contains("Another story"), "{text}");
}

#[test]
fn running_text_without_a_confident_article_comes_with_a_low_confidence() {
    // Every line sits in a list of links' block and reads as related, yet
    // the page holds running text: it is given, flagged as unsure.
    let items: String = (0..4)
        .map(|n| format!("<li><p>{PARAGRAPH} Item {n} of the review follows here.</p></li>"))
        .collect();
    let page = format!("<html><body><ul class=related-posts>{items}</ul></body></html>");
    match extract(&page) {
        Ok(article) => {
            assert!(!article.paragraphs.is_empty());
            assert!(article.confidence <= 1.0 && article.confidence >= 0.0);
        }
        Err(error) => panic!("running text was lost: {error}"),
    }
}

#[test]
fn a_page_of_teasers_has_no_article() {
    let teasers: String = (0..12)
        .map(|n| format!("<li><a href=/story/{n}>Story number {n} headline</a></li>"))
        .collect();
    let page = format!("<html><body><ul>{teasers}</ul></body></html>");
    assert_eq!(extract(&page), Err(Error::NoArticle));
}

#[test]
fn notices_around_the_story_do_not_come_out() {
    let notices = [
        "Your browser is out of date, so some parts of this page may not display properly for you.",
        "Ihr Browser ist veraltet, daher werden einige Teile dieser Seite nicht richtig angezeigt.",
        "Please enable JavaScript in the settings of your browser to see the comments on this story.",
    ];
    for notice in notices {
        let page = format!(
            "<html><body><div class='entry-content'><h1>Budget passes</h1><p>{notice}</p>\
             <p>{PARAGRAPH}</p><p>{OTHER}</p><p>{PARAGRAPH} The vote was close.</p></div></body></html>"
        );
        let text = extract(&page).expect("an article").text();
        assert!(!text.contains(&notice[..20]), "{notice}");
        assert!(text.contains("The vote was close."));
    }
}
