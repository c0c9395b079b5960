//! What comes out is safe to print and its words match (issue 16 item 5,
//! issue 15's text hygiene): no control character from the page reaches
//! a terminal, and soft hyphens, zero-width characters and ruby readings
//! do not split or pad the words — in every field, from both front ends.

use newsclip::{Article, Extractor};

/// Every string the article hands out.
fn output_strings(article: &Article) -> Vec<&str> {
    let mut strings: Vec<&str> = article.paragraphs.iter().map(String::as_str).collect();
    strings.extend(article.captions.iter().map(String::as_str));
    strings.extend(article.title.as_deref());
    strings.extend(article.byline.as_deref());
    strings.extend(article.date.as_deref());
    for link in &article.related {
        strings.push(&link.text);
        strings.extend(link.url.as_deref());
    }
    strings
}

fn assert_printable(article: &Article) {
    for text in output_strings(article) {
        let bad: Vec<char> = text
            .chars()
            .filter(|&ch| ch.is_control() && ch != '\t' && ch != '\n')
            .collect();
        assert!(bad.is_empty(), "controls {bad:?} in {text:?}");
    }
}

#[test]
fn control_characters_never_reach_the_output_of_an_html_page() {
    let page = "<html><head><title>Port\u{1b}]0;owned\u{7} closes</title></head><body>\
        <article><h1>Storm closes \u{1b}[31mports\u{1b}[0m</h1>\
        <p class='byline'>By Ana\u{9b}2J Silva</p>\
        <p>A storm closed the country's two largest ports on Monday,\u{7} halting shipments of grain and fuel.</p>\
        <figure><img src='a.jpg'><figcaption>Dock workers\u{8}\u{8} wait near the harbour.</figcaption></figure>\
        <p>Harbour officials said the ports could reopen on Wednesday\u{1b}[2J if the wind eases as forecast.</p>\
        </article><aside class='related'><h2>Related articles</h2>\
        <p><a href='/ports\u{1b}-reopen'>Ports reopen \u{1b}[5mafter a week-long strike\u{1b}[0m by dock workers</a></p></aside>\
        </body></html>";
    let article = Extractor::default()
        .extract_html(page.as_bytes())
        .expect("an article");
    assert_printable(&article);
    assert_eq!(article.title.as_deref(), Some("Storm closes [31mports[0m"));
    assert!(article.paragraphs[0].contains("on Monday, halting"));
    assert!(!article.related.is_empty());
    assert_eq!(article.related[0].url.as_deref(), Some("/ports-reopen"));
}

#[test]
fn control_characters_never_reach_the_output_of_a_text_page() {
    let page = "Home\n\
        Storm closes \u{1b}[31mports\u{1b}[0m\n\
        A storm closed the country's two largest ports on Monday,\u{7} halting shipments of grain and fuel.\n\
        Harbour officials said the ports could reopen\u{1b}[8m on Wednesday if the wind eases as forecast.\n";
    let article = Extractor::default().extract_text(page).expect("an article");
    assert_printable(&article);
    assert!(article
        .paragraphs
        .iter()
        .any(|p| p.contains("could reopen")));
}

#[test]
fn soft_hyphens_and_zero_width_characters_leave_whole_words() {
    let page = "<html><body><article><h1>Stadt\u{ad}ver\u{ad}wal\u{ad}tung ver\u{ad}schiebt Bau</h1>\
        <p>Die Stadt\u{ad}ver\u{ad}wal\u{ad}tung hat am Montag den Bau der neuen Brücke um zwei Jahre ver\u{ad}schoben, weil die Kosten gestiegen sind.</p>\
        <p>Der Gemeinde\u{200b}rat will im Herbst über einen neuen Zeit\u{2060}plan beraten, teilte ein Spre\u{ad}cher mit.\u{feff}</p>\
        </article></body></html>";
    let article = Extractor::default()
        .extract_html(page.as_bytes())
        .expect("an article");
    assert_eq!(
        article.title.as_deref(),
        Some("Stadtverwaltung verschiebt Bau")
    );
    assert!(article.paragraphs[0].starts_with("Die Stadtverwaltung hat"));
    assert!(article.paragraphs[1].contains("Gemeinderat will im Herbst über einen neuen Zeitplan"));
    assert!(article.paragraphs[1].ends_with("ein Sprecher mit."));
}

#[test]
fn joiners_persian_and_indic_words_need_are_kept() {
    let persian = "می\u{200c}خواهم";
    let page = format!(
        "<html><body><article><h1>خبر</h1>\
         <p>او گفت که {persian} به خانه بروم و فردا صبح زود به دفتر برگردم تا کارها را تمام کنم.</p>\
         <p>مسئولان شهر اعلام کردند که جاده تا پایان هفته بسته می\u{200c}ماند و رانندگان باید از مسیر دیگری بروند.</p>\
         </article></body></html>"
    );
    let article = Extractor::default()
        .extract_html(page.as_bytes())
        .expect("an article");
    assert!(article.text().contains(persian), "{:?}", article.paragraphs);
}

#[test]
fn ruby_readings_are_not_spliced_into_the_text() {
    let ruby = |base: &str, reading: &str| {
        format!("<ruby>{base}<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>")
    };
    let page = format!(
        "<html><body><article><h1>{}の新しい計画</h1>\
         <p>{}は二十三日、駅前の再開発計画を発表しました。工事は来年の春に始まる予定です。</p>\
         <p>市の担当者は、住民への説明会を来月から順番に開くと話しています。</p></article></body></html>",
        ruby("東京都", "とうきょうと"),
        ruby("東京都", "とうきょうと"),
    );
    let article = Extractor::default()
        .extract_html(page.as_bytes())
        .expect("an article");
    assert_eq!(article.title.as_deref(), Some("東京都の新しい計画"));
    assert!(
        article.paragraphs[0].starts_with("東京都は二十三日"),
        "{:?}",
        article.paragraphs
    );
}

#[test]
fn the_classifier_sees_hyphenated_words_as_words() {
    let plain = "Die Stadtverwaltung hat am Montag den Bau der neuen Brücke verschoben.\n\
        Mehr zum Thema\n\
        Weiterlesen\n";
    let hyphenated = plain
        .replace("Stadtverwaltung", "Stadt\u{ad}ver\u{ad}wal\u{ad}tung")
        .replace("verschoben", "ver\u{200b}scho\u{ad}ben")
        .replace("Thema", "The\u{ad}ma")
        .replace("Weiterlesen", "Wei\u{ad}ter\u{ad}le\u{ad}sen");
    let vectors = |text: &str| -> Vec<Vec<f32>> {
        newsclip::training::line_vectors(text)
            .into_iter()
            .map(|(_, vector, _)| vector.to_vec())
            .collect()
    };
    assert_eq!(vectors(&hyphenated), vectors(plain));
}

/// The fuzzer's find (`cargo fuzz run extract_text`, minimised): a line
/// with a control character. Its paragraph comes out without it, and is
/// otherwise the input's text.
#[test]
fn fuzz_regression_a_control_character_inside_a_line() {
    let input = "Le \u{1}.n hin. C. C. C.";
    if let Ok(article) = newsclip::extract_text(input) {
        for paragraph in &article.paragraphs {
            assert!(!paragraph.contains('\u{1}'), "{paragraph:?}");
            let visible: String = input.chars().filter(|c| !c.is_control()).collect();
            let squeezed = |text: &str| text.split_whitespace().collect::<String>();
            assert!(
                squeezed(&visible).contains(&squeezed(paragraph)),
                "{paragraph:?}"
            );
        }
    }
}
