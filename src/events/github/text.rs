//! [`Text`]: an owned string that keeps short values inline.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// How many bytes are kept without a heap allocation.
const INLINE: usize = 22;

/// An owned string from a payload. Values of up to 22 bytes (logins, names, branch names,
/// short paths, dates) are stored inline, longer ones on the heap, so parsing a payload makes
/// few allocations. Dereferences to `str`.
///
/// ```
/// use webhook_guard::events::github::Text;
/// let login = Text::from("octocat");
/// assert_eq!(login, "octocat");
/// assert!(login.starts_with("octo"));
/// ```
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Text {
    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Repr::Heap(text) => text,
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        let mut bytes = [0u8; INLINE];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(slot), Ok(len)) => {
                slot.copy_from_slice(text.as_bytes());
                Text(Repr::Inline { len, bytes })
            }
            _ => Text(Repr::Heap(text.into())),
        }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        if text.len() <= INLINE {
            Text::from(text.as_str())
        } else {
            Text(Repr::Heap(text.into_boxed_str()))
        }
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::from(v))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(v))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(feature = "serialize")]
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn short_and_long_texts() {
        for s in [
            "",
            "a",
            "exactly-twenty-two-by",
            "twenty-three bytes long",
            "é".repeat(30).as_str(),
        ] {
            let t = Text::from(s);
            assert_eq!(t.as_str(), s);
            assert_eq!(Text::from(s.to_owned()), t);
            assert_eq!(format!("{t}"), s);
            assert_eq!(format!("{t:?}"), format!("{s:?}"));
        }
        assert!(matches!(
            Text::from("x".repeat(22).as_str()).0,
            Repr::Inline { .. }
        ));
        assert!(matches!(
            Text::from("x".repeat(23).as_str()).0,
            Repr::Heap(_)
        ));
        let set: HashSet<Text> = ["a".into(), "b".into()].into_iter().collect();
        assert!(set.contains("a"));
        let (a, b) = (Text::from("a"), Text::from("b"));
        assert!(a < b);
    }

    #[test]
    fn deserialises_plain_and_escaped() {
        let t: Text = serde_json::from_str(r#""line\nbreak""#).unwrap();
        assert_eq!(t, "line\nbreak");
        let t: Text = serde_json::from_str(&format!("\"{}\"", "y".repeat(100))).unwrap();
        assert_eq!(t.len(), 100);
        assert!(serde_json::from_str::<Text>("3").is_err());
    }
}
