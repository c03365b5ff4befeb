//! [`Timestamp`]: a point in time as GitHub wrote it.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::Text;

/// A point in time as GitHub sent it.
///
/// Most fields are ISO 8601 text; a few are Unix seconds (the repository's `created_at` and
/// `pushed_at` in `push` events, installation timestamps in older payloads), and the same field
/// may switch between the two. The value is kept as sent, without parsing the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Timestamp {
    /// ISO 8601 text, as sent (e.g. `2019-05-15T15:20:41Z`).
    Text(Text),
    /// Seconds since the Unix epoch.
    Unix(i64),
}

impl Timestamp {
    /// The text form, when GitHub sent text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Timestamp::Text(text) => Some(text),
            Timestamp::Unix(_) => None,
        }
    }

    /// The Unix seconds, when GitHub sent a number.
    pub fn as_unix(&self) -> Option<i64> {
        match self {
            Timestamp::Text(_) => None,
            Timestamp::Unix(secs) => Some(*secs),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::Text(text) => f.write_str(text),
            Timestamp::Unix(secs) => write!(f, "{secs}"),
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;

        impl Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date-time string or Unix seconds")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Ok(Timestamp::Text(v.into()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Timestamp, E> {
                Ok(Timestamp::Text(v.into()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp::Unix(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
                i64::try_from(v)
                    .map(Timestamp::Unix)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
        }

        deserializer.deserialize_any(TimestampVisitor)
    }
}

/// As sent: the text or the number.
#[cfg(feature = "serialize")]
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Timestamp::Text(text) => serializer.serialize_str(text),
            Timestamp::Unix(secs) => serializer.serialize_i64(*secs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_numbers() {
        let t: Timestamp = serde_json::from_str("\"2019-05-15T15:20:41Z\"").unwrap();
        assert_eq!(t.as_text(), Some("2019-05-15T15:20:41Z"));
        assert_eq!(t.to_string(), "2019-05-15T15:20:41Z");
        let t: Timestamp = serde_json::from_str("1557933565").unwrap();
        assert_eq!((t.as_unix(), t.as_text()), (Some(1_557_933_565), None));
        assert_eq!(t.to_string(), "1557933565");
        assert!(serde_json::from_str::<Timestamp>("18446744073709551615").is_err());
        assert!(serde_json::from_str::<Timestamp>("true").is_err());
    }
}
