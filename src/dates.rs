//! Dates as pages write them, read into ISO 8601 (`2018-10-05`).
//!
//! A page gives its publication date twice: for machines (`<meta
//! property="article:published_time">`, JSON-LD `datePublished`, `<time
//! datetime>`: ISO 8601 or RFC 3339, sometimes RFC 2822) and for people, in
//! the words of its language ("October 5, 2018", "5. Oktober 2018", "5 de
//! octubre de 2018", "5 октября 2018", "2018年10月5日", "05.10.2018"). Both
//! are read here by [`find_date`], which finds the first whole calendar
//! date in a string, whatever text surrounds it ("Published on October 5,
//! 2018 at 9:00", "By Ana Silva | 05.10.2018").
//!
//! A date must name its year, month and day: "Sep 16" or "October 2018"
//! is no date here, since a guessed year or day would be a wrong answer
//! presented as a right one. An all-numeric date with slashes whose order
//! cannot be told ("05/10/2018": May or October?) is refused for the same
//! reason; "25/09/2018" and "09/25/2018" are read, the number above 12
//! being the day. A time is kept only from a machine timestamp that gives
//! its zone (`2018-10-05T14:30:00+02:00`): a time without a zone, or one
//! of midnight (mostly a date stored as a timestamp), is not sure enough.

use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// The earliest year read as a publication date: the web's.
const MIN_YEAR: u32 = 1990;

/// The latest year read as a publication date.
const MAX_YEAR: u32 = 2100;

/// A calendar date, with the time of day when the page gives it surely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Date {
    year: u32,
    month: u32,
    day: u32,
    time: Option<ZonedTime>,
}

/// A time of day with its offset from UTC, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ZonedTime {
    hour: u32,
    minute: u32,
    second: u32,
    offset_minutes: i32,
}

impl fmt::Display for Date {
    /// ISO 8601: `2018-10-05`, or `2018-10-05T14:30:00+02:00` (`Z` for
    /// UTC) with a time.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        let Some(time) = self.time else {
            return Ok(());
        };
        write!(f, "T{:02}:{:02}:{:02}", time.hour, time.minute, time.second)?;
        if time.offset_minutes == 0 {
            return f.write_str("Z");
        }
        let sign = if time.offset_minutes < 0 { '-' } else { '+' };
        let offset = time.offset_minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", offset / 60, offset % 60)
    }
}

/// The first whole calendar date written in `text`, if any.
///
/// Every form is searched and the one that starts earliest wins, so
/// "June 29, 2020 (updated November 12, 2021)" gives the first date.
pub(crate) fn find_date(text: &str) -> Option<Date> {
    first_date(text).map(|(_, date)| date)
}

/// Where in `text` (a byte offset) the first date of [`find_date`] starts.
pub(crate) fn find_date_start(text: &str) -> Option<usize> {
    first_date(text).map(|(start, _)| start)
}

/// The date a page's URL names in its path: a whole year, month and day
/// as path parts (`/2018/10/05/`) or joined by dashes or underscores
/// (`/2018-10-05-storm`, `/news_2018_10_05`), the year first. Newsrooms
/// file stories by the day they ran, so the path is a last witness of it.
/// The host, query and fragment are not read (a host or a query holds
/// ids and tracking numbers, not dates), nor a date without its day
/// (`/2018/10/`), nor numbers run together (`/20181005/`), which an id
/// can look like.
pub(crate) fn date_in_url(url: &str) -> Option<Date> {
    let path = url_path(url);
    URL_DATE.captures_iter(path).find_map(|caps| {
        // One separator kind throughout: `2018/10-05` is no filing date.
        if caps[2] != caps[4] {
            return None;
        }
        Date::new(number(&caps, 1)?, number(&caps, 3)?, number(&caps, 5)?)
    })
}

/// The path of `url`: after the scheme and host when it has them, before
/// any query or fragment.
fn url_path(url: &str) -> &str {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(at) => {
            let after = &url[at + 3..];
            after.find('/').map_or("", |slash| &after[slash..])
        }
        None => url,
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

/// Year, month and day in a URL path, each part set off by `/`, `-` or
/// `_`, fenced from longer numbers (the `regex` crate has no
/// back-references, so the two separators are compared by the reader).
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_-])(\d{4})([/_-])(\d{1,2})([/_-])(\d{1,2})(?:[/_.-]|$)")
        .expect("URL date pattern compiles")
});

fn first_date(text: &str) -> Option<(usize, Date)> {
    let mut best: Option<(usize, Date)> = None;
    for (pattern, read) in PATTERNS.iter() {
        // Group 1 is the date's first part, after the fence that keeps a
        // number from being read out of a longer one.
        let found = pattern
            .captures_iter(text)
            .find_map(|caps| Some((caps.get(1)?.start(), read(&caps)?)));
        if let Some((start, date)) = found {
            if best.is_none_or(|(best_start, _)| start < best_start) {
                best = Some((start, date));
            }
        }
    }
    best
}

/// How a pattern's captures become a date.
type Reader = fn(&regex::Captures<'_>) -> Option<Date>;

/// The date forms, each with its reader. A number is never read out of a
/// longer one: each pattern is fenced by a non-digit (or the string's end)
/// on both sides.
static PATTERNS: LazyLock<Vec<(Regex, Reader)>> = LazyLock::new(|| {
    let forms: [(&str, Reader); 7] = [
        // ISO 8601 / RFC 3339: 2018-10-05, 2018-10-05T14:30:00.000+02:00.
        (
            r"(?:^|\D)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s?(Z|[+-]\d{2}:?\d{2})?)?(?:\D|$)",
            read_iso,
        ),
        // Year first with slashes or dots: 2018/10/05, 2018.10.05.
        (
            r"(?:^|\D)(\d{4})([/.])(\d{1,2})[/.](\d{1,2})(?:\D|$)",
            read_year_first,
        ),
        // Day first with dots or dashes, as Europe writes it: 05.10.2018,
        // 5-10-2018; and with slashes when the order shows: 25/09/2018.
        (
            r"(?:^|[^\d.])(\d{1,2})([./-])\s?(\d{1,2})[./-]\s?(\d{4})(?:\D|$)",
            read_numeric_day_month,
        ),
        // Month name first: October 5, 2018; Oct. 5th 2018; Jul. 11. 2025.
        (
            r"(?i)(?:^|[^\p{L}])(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\.?,?\s+(\d{4})(?:\D|$)",
            read_month_day_year,
        ),
        // Day first: 5 October 2018, 5. Oktober 2018, 5 de octubre de
        // 2018, 15 Dec, 2025, 1er mai 2018, 5 октября 2018 г., 04-ago-2021,
        // 25.Jun.2019.
        (
            r"(?i)(?:^|\D)(\d{1,2})(?:st|nd|rd|th|er|º|°)?(?:\.\s*|\s*|-)(?:de\s+|of\s+)?(\p{L}{3,})(?:\.?,?\s+|\.|-)(?:de\s+|del\s+)?(\d{4})(?:\D|$)",
            read_day_month_year,
        ),
        // Chinese, Japanese and Korean: 2018年10月5日, 2018년 10월 5일.
        (
            r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]",
            read_cjk,
        ),
        // RFC 2822 and its kin: Fri, 05 Oct 2018 — the day-first form
        // above reads it; this one catches "Oct 05 2018" without comma.
        (
            r"(?i)(?:^|[^\p{L}])(\p{L}{3,})\.?\s+(\d{1,2})\s+(\d{4})(?:\D|$)",
            read_month_day_year,
        ),
    ];
    forms
        .into_iter()
        .map(|(pattern, read)| (Regex::new(pattern).expect("date pattern compiles"), read))
        .collect()
});

fn number(caps: &regex::Captures<'_>, group: usize) -> Option<u32> {
    caps.get(group)?.as_str().parse().ok()
}

fn read_iso(caps: &regex::Captures<'_>) -> Option<Date> {
    let mut date = Date::new(number(caps, 1)?, number(caps, 2)?, number(caps, 3)?)?;
    date.time = zoned_time(caps);
    Some(date)
}

/// The time of an ISO timestamp, when it has a zone and is not midnight.
fn zoned_time(caps: &regex::Captures<'_>) -> Option<ZonedTime> {
    let hour = number(caps, 4)?;
    let minute = number(caps, 5)?;
    let second = number(caps, 6).unwrap_or(0);
    let zone = caps.get(7)?.as_str();
    if hour > 23 || minute > 59 || second > 60 || (hour, minute, second) == (0, 0, 0) {
        return None;
    }
    let offset_minutes = if zone == "Z" {
        0
    } else {
        let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
        let hours: i32 = digits.get(..2)?.parse().ok()?;
        let minutes: i32 = digits.get(2..)?.parse().ok()?;
        if hours > 14 || minutes > 59 {
            return None;
        }
        let magnitude = hours * 60 + minutes;
        if zone.starts_with('-') {
            -magnitude
        } else {
            magnitude
        }
    };
    Some(ZonedTime {
        hour,
        minute,
        second,
        offset_minutes,
    })
}

fn read_year_first(caps: &regex::Captures<'_>) -> Option<Date> {
    Date::new(number(caps, 1)?, number(caps, 3)?, number(caps, 4)?)
}

/// `05.10.2018` and `5-10-2018` are day first; with slashes the order is
/// taken only where one number is above 12.
fn read_numeric_day_month(caps: &regex::Captures<'_>) -> Option<Date> {
    let (first, second, year) = (number(caps, 1)?, number(caps, 3)?, number(caps, 4)?);
    match &caps[2] {
        "/" if first > 12 => Date::new(year, second, first),
        "/" if second > 12 => Date::new(year, first, second),
        "/" => None,
        _ => Date::new(year, second, first),
    }
}

fn read_month_day_year(caps: &regex::Captures<'_>) -> Option<Date> {
    Date::new(number(caps, 3)?, month_number(&caps[1])?, number(caps, 2)?)
}

fn read_day_month_year(caps: &regex::Captures<'_>) -> Option<Date> {
    Date::new(number(caps, 3)?, month_number(&caps[2])?, number(caps, 1)?)
}

fn read_cjk(caps: &regex::Captures<'_>) -> Option<Date> {
    Date::new(number(caps, 1)?, number(caps, 2)?, number(caps, 3)?)
}

impl Date {
    /// A date, if the day exists in that month and the year is one of the
    /// web's.
    fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let valid = (MIN_YEAR..=MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        valid.then_some(Date {
            year,
            month,
            day,
            time: None,
        })
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The month a month name (or its usual abbreviation) stands for, in
/// English, French, German, Spanish, Portuguese, Italian, Dutch, the
/// Scandinavian languages, Polish, Czech, Russian and Ukrainian (in the
/// genitive, as dates write them), Romanian, Turkish, Indonesian and
/// Vietnamese-free Latin forms. Matched case-insensitively, whole word.
fn month_number(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    MONTH_NAMES
        .iter()
        .position(|names| names.split(' ').any(|name| name == word))
        .map(|index| index as u32 + 1)
}

/// The names of each month, space-separated, all languages together
/// (names shared by languages appear once; none means two months).
const MONTH_NAMES: [&str; 12] = [
    "january jan janvier janv januar jän enero ene janeiro gennaio genn gen januari januar januára stycznia styczeń sty leden ledna января январь янв січня січень ianuarie ian ocak",
    "february feb febr février févr fevrier fevr februar febrero febr fevereiro fev febbraio febbr februari lutego luty lut únor února февраля февраль фев лютого лютий februarie şubat subat",
    "march mar mars märz maerz marzo março marco mrt maart marca marzec marzo březen března марта март березня березень martie mart",
    "april apr avril avr abril abr aprile aprile kwietnia kwiecień kwi duben dubna апреля апрель апр квітня квітень aprilie nisan",
    "may mai mayo maio maggio mei maja maj květen května мая май травня травень mayıs mayis",
    "june jun juin juni junio jun junho giugno giu czerwca czerwiec cze červen června июня июнь червня червень iunie haziran",
    "july jul juillet juil juli julio julho luglio lug lipca lipiec lip červenec července июля июль липня липень iulie temmuz",
    "august aug août aout august agosto ago augustus augusti sierpnia sierpień sie srpen srpna августа август авг серпня серпень august ağustos agustus",
    "september sep sept septembre september septiembre setiembre setembro set settembre sett september septembri września wrzesień wrz září сентября сентябрь сен вересня вересень septembrie eylül eylul",
    "october oct octobre oktober okt octubre outubro out ottobre ott oktober oktobra października październik paź říjen října октября октябрь окт жовтня жовтень octombrie ekim",
    "november nov novembre november noviembre novembro novembre nov november listopada listopad lis listopadu ноября ноябрь ноя листопада листопад noiembrie kasım kasim",
    "december dec décembre decembre dezember dez diciembre dic dezembro dez dicembre dic december desember desember grudnia grudzień gru prosinec prosince декабря декабрь дек грудня грудень decembrie aralık aralik des",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        find_date(text).map(|date| date.to_string())
    }

    #[test]
    fn machine_timestamps_are_read() {
        assert_eq!(iso("2018-10-05"), Some("2018-10-05".into()));
        assert_eq!(
            iso("2018-10-05T14:30:00+02:00"),
            Some("2018-10-05T14:30:00+02:00".into())
        );
        assert_eq!(
            iso("2018-10-05T14:30:00.000Z"),
            Some("2018-10-05T14:30:00Z".into())
        );
        assert_eq!(
            iso("2023-05-17T09:05:00-0400"),
            Some("2023-05-17T09:05:00-04:00".into())
        );
        // A time without a zone, or midnight, is not sure: the date alone.
        assert_eq!(iso("2025-11-25 08:33:24"), Some("2025-11-25".into()));
        assert_eq!(iso("2023-05-17T00:00:00+0000"), Some("2023-05-17".into()));
        assert_eq!(
            iso("Fri, 05 Oct 2018 14:30:00 GMT"),
            Some("2018-10-05".into())
        );
        assert_eq!(iso("2018/10/05"), Some("2018-10-05".into()));
    }

    #[test]
    fn written_dates_are_read_in_many_languages() {
        for text in [
            "October 5, 2018",
            "Published on Oct. 5th, 2018 at 9:00",
            "Friday, October 5, 2018",
            "5 October 2018",
            "05 Oct, 2018",
            "le 5 octobre 2018",
            "5. Oktober 2018",
            "5 de octubre de 2018",
            "5 de outubro de 2018",
            "5 ottobre 2018",
            "5 oktober 2018",
            "5 października 2018",
            "5 октября 2018 г.",
            "5 жовтня 2018",
            "5. října 2018",
            "2018年10月5日",
            "2018年 10月 5日 14:00",
            "2018년 10월 5일",
            "05.10.2018",
            "Aktualisiert am 05.10.2018, 14:30 Uhr",
            // The slashes' order cannot be told; the dashes' can.
            "10/05/2018 was a Friday; 05-10-2018",
        ] {
            assert_eq!(iso(text), Some("2018-10-05".into()), "{text:?}");
        }
        assert_eq!(iso("Thu, 09/25/2025 - 11:38"), Some("2025-09-25".into()));
        assert_eq!(iso("25/09/2025"), Some("2025-09-25".into()));
        assert_eq!(iso("1er mai 2018"), Some("2018-05-01".into()));
        assert_eq!(iso("on 04-ago-2021 5:11:10"), Some("2021-08-04".into()));
        assert_eq!(iso("25.Jun.2019"), Some("2019-06-25".into()));
    }

    #[test]
    fn the_first_date_wins() {
        assert_eq!(
            iso("Posted on June 29, 2020November 12, 2021"),
            Some("2020-06-29".into())
        );
        assert_eq!(
            iso("August 16, 2019 - Updated July 9, 2025"),
            Some("2019-08-16".into())
        );
        assert_eq!(
            iso("By Sofia Gonzalez December 2, 2025"),
            Some("2025-12-02".into())
        );
    }

    #[test]
    fn partial_ambiguous_or_impossible_dates_are_refused() {
        for text in [
            "Sep 16",
            "Updated: Jan 31",
            "This post was last updated July 2021.",
            "5:50 am",
            "05/10/2018",
            "February 30, 2018",
            "2018-13-05",
            "Chapter 5 2018",
            "Top 10 of 2025",
            "call 555-12-20189",
            "12.5.20188",
            "",
        ] {
            assert_eq!(iso(text), None, "{text:?}");
        }
    }

    fn url_iso(url: &str) -> Option<String> {
        date_in_url(url).map(|date| date.to_string())
    }

    #[test]
    fn a_url_path_with_a_whole_date_gives_it() {
        for (url, want) in [
            (
                "https://news.example/2018/10/05/storm-closes-ports",
                "2018-10-05",
            ),
            (
                "https://news.example/world/2018-10-05-storm.html",
                "2018-10-05",
            ),
            ("https://news.example/story_2018_1_5", "2018-01-05"),
            ("/2016/02/29/leap", "2016-02-29"),
        ] {
            assert_eq!(url_iso(url).as_deref(), Some(want), "{url:?}");
        }
    }

    #[test]
    fn a_url_without_a_whole_valid_dated_path_gives_none() {
        for url in [
            "https://news.example/2018/10/storm",
            "https://news.example/20181005/storm",
            "https://news.example/2018/02/30/storm",
            "https://news.example/1989/10/05/storm",
            "https://news.example/2018/10-05/storm",
            "https://news.example/story?date=2018-10-05",
            "https://news.example/story#2018/10/05",
            "https://2018-10-05.example/story",
            "https://news.example/id/12018-10-05",
            "not a url",
            "",
        ] {
            assert_eq!(url_iso(url), None, "{url:?}");
        }
    }
}
