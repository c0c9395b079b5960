//! The JSON shape of the `serde` feature, where a field is not written as
//! it is held: the paragraphs as one `text`, the confidence `null` when it
//! is not a number, the four scores as an object keyed by label. Each is
//! a `#[serde(with = …)]` module of the field it writes.

/// [`Article::paragraphs`](super::Article::paragraphs) as `text`, the
/// paragraphs joined by `\n` ([`Article::text`](super::Article::text));
/// read back by splitting there, an empty text being no paragraph.
/// Paragraphs hold no line feed (each is one line of the page), so this
/// is lossless.
pub(super) mod text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        paragraphs: &[String],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&paragraphs.join("\n"))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<String>, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.is_empty() {
            return Ok(Vec::new());
        }
        Ok(text.split('\n').map(str::to_owned).collect())
    }
}

/// [`Article::confidence`](super::Article::confidence): a number, or
/// `null` when it is not one (the `newsclip` command's error records,
/// which hold no article), read back as NaN.
pub(super) mod confidence {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        confidence: &f32,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        if confidence.is_finite() {
            serializer.serialize_f32(*confidence)
        } else {
            serializer.serialize_none()
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        Ok(Option::<f32>::deserialize(deserializer)?.unwrap_or(f32::NAN))
    }
}

/// [`LineVerdict::scores`](super::LineVerdict::scores) as
/// `{"body": …, "caption": …, "navigation": …, "related": …}`, each
/// rounded to four decimals: enough to read a score, and the output stays
/// short (a record holds four per line of the page).
pub(super) mod scores {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// The scores as written, in [`Label::ALL`](crate::Label::ALL) order.
    #[derive(Serialize, Deserialize)]
    struct Scores {
        body: f64,
        caption: f64,
        navigation: f64,
        related: f64,
    }

    pub(crate) fn serialize<S: Serializer>(
        scores: &[f32; 4],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let [body, caption, navigation, related] = scores.map(round);
        Scores {
            body,
            caption,
            navigation,
            related,
        }
        .serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<[f32; 4], D::Error> {
        let scores = Scores::deserialize(deserializer)?;
        // The nearest f32 to a four-decimal number: what the classifier's
        // score rounds to, so that writing it again gives the same text.
        Ok([
            scores.body,
            scores.caption,
            scores.navigation,
            scores.related,
        ]
        .map(|score| score as f32))
    }

    fn round(score: f32) -> f64 {
        (f64::from(score) * 10_000.0).round() / 10_000.0
    }
}
