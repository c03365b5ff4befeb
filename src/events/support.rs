//! Shared machinery of the event modules: the enum-of-named-events macro and lenient field
//! deserialisers.
#![cfg_attr(
    not(feature = "events"),
    allow(dead_code, unused_macros, unused_imports)
)] // each item serves some providers' events

use serde::de::{self, Deserialize, Deserializer};
use serde_json::Value;

use crate::error::Error;

/// An enum of the documented wire values of a string field, with `Other(String)` for values
/// the sender adds later (so a new value never fails a parse). Serialises as the wire value.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $($variant:ident = $wire:literal,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("`", $wire, "`")]
                $variant,
            )*
            /// A value this crate does not know yet, as sent.
            Other(String),
        }

        impl $name {
            /// The value as the sender sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(other) => other,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> ::serde::de::Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                }
                d.deserialize_str(V)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

pub(crate) use string_enum;

/// Declares an event enum dispatched on an event name: one variant per known name holding the
/// typed document, plus a fallback variant holding the name and the raw document.
///
/// Generates `NAMES`, `from_value(name, value)`, `name()` and the [`crate::TypedEvent`] impl.
macro_rules! named_events {
    (
        $(#[$meta:meta])*
        pub enum $Enum:ident as $prefix:literal, unknown $unknown:ident $(, name at $pointer:literal)? {
            $(
                $(#[$vmeta:meta])*
                $tag:literal => $Variant:ident($Ty:ty),
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum $Enum {
            $(
                #[doc = concat!("`", $tag, "`.")]
                $(#[$vmeta])*
                $Variant($Ty),
            )*
            /// An event this crate does not type (yet): its name as sent and the whole document.
            Unknown {
                /// The event name as sent (empty when the document names none).
                $unknown: String,
                /// The whole document.
                raw: serde_json::Value,
            },
        }

        impl $Enum {
            /// Every event name with a typed variant.
            pub const NAMES: &'static [&'static str] = &[$($tag),*];

            /// Types `value` as the event called `name`; a name not in [`Self::NAMES`] gives
            /// the `Unknown` variant. A typed variant whose document does not fit is an
            /// [`crate::Error::InvalidPayload`] naming the path inside `value`.
            pub fn from_value(name: &str, value: serde_json::Value) -> Result<Self, crate::Error> {
                match name {
                    $($tag => crate::payload::from_value(value).map(Self::$Variant),)*
                    _ => Ok(Self::Unknown { $unknown: name.to_owned(), raw: value }),
                }
            }

            /// The event name (as sent, for `Unknown`).
            pub fn name(&self) -> &str {
                match self {
                    $(Self::$Variant(_) => $tag,)*
                    Self::Unknown { $unknown, .. } => $unknown,
                }
            }
        }

        impl crate::TypedEvent for $Enum {
            fn variant_name(&self) -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(match self {
                    $(Self::$Variant(_) => concat!($prefix, "::", stringify!($Variant)),)*
                    Self::Unknown { .. } => concat!($prefix, "::Unknown"),
                })
            }

            fn is_typed(&self) -> bool {
                !matches!(self, Self::Unknown { .. })
            }

            fn event_name(&self) -> Option<std::borrow::Cow<'_, str>> {
                Some(std::borrow::Cow::Borrowed(self.name()))
            }

            #[cfg(feature = "serialize")]
            fn to_json(&self) -> Option<serde_json::Value> {
                serde_json::to_value(self).ok()
            }
        }

        /// The typed document, or the raw one for `Unknown`: the shape it was parsed from.
        #[cfg(feature = "serialize")]
        impl serde::Serialize for $Enum {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                // Where the name sits in the document, when the typed struct does not keep it.
                #[allow(unused_variables)]
                let pointer: Option<&str> = None;
                $(let pointer = Some($pointer);)?
                match self {
                    $(Self::$Variant(document) => match pointer {
                        None => document.serialize(serializer),
                        Some(pointer) => {
                            let mut value = serde_json::to_value(document)
                                .map_err(serde::ser::Error::custom)?;
                            crate::events::support::put_name(&mut value, pointer, $tag);
                            value.serialize(serializer)
                        }
                    },)*
                    Self::Unknown { raw, .. } => raw.serialize(serializer),
                }
            }
        }
    };
}
pub(crate) use named_events;

/// Implements `Deserialize` for a [`named_events!`] enum whose name sits at a JSON pointer in
/// the document, so it can be a field of a bigger type.
macro_rules! deserialize_by_pointer {
    ($Enum:ident, $pointer:literal) => {
        impl<'de> serde::Deserialize<'de> for $Enum {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let name = crate::events::support::str_at(&value, $pointer)
                    .unwrap_or_default()
                    .to_owned();
                Self::from_value(&name, value).map_err(crate::events::support::nested_error)
            }
        }
    };
}
pub(crate) use deserialize_by_pointer;

/// Puts `name` at `pointer` (`/type`, `/event-data/event`) in `value` unless something is there:
/// the event name a typed struct does not keep, so its JSON parses back as the same event.
#[cfg(feature = "serialize")]
pub(crate) fn put_name(value: &mut Value, pointer: &str, name: &str) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    let target = if parent.is_empty() {
        Some(value)
    } else {
        value.pointer_mut(parent)
    };
    if let Some(Value::Object(map)) = target {
        map.entry(key.to_owned())
            .or_insert_with(|| Value::String(name.to_owned()));
    }
}

/// The string at a JSON pointer, if there is one.
pub(crate) fn str_at<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value.pointer(pointer).and_then(Value::as_str)
}

/// Parses a JSON body and types it by the name found at `pointer`.
pub(crate) fn parse_by_pointer<E>(
    body: &[u8],
    pointer: &str,
    from_value: fn(&str, Value) -> Result<E, Error>,
) -> Result<E, Error> {
    let value: Value = crate::payload::from_json(body)?;
    let name = str_at(&value, pointer).unwrap_or_default().to_owned();
    from_value(&name, value)
}

/// Removes `key` from a JSON object, leaving `null` in its place (`null` if absent).
pub(crate) fn take(value: &mut Value, key: &str) -> Value {
    value.get_mut(key).map(Value::take).unwrap_or(Value::Null)
}

/// An [`Error`] raised while typing a nested document, as a serde error of the outer one.
pub(crate) fn nested_error<E: de::Error>(err: Error) -> E {
    match err {
        Error::InvalidPayload { path, message } => E::custom(format!("at `{path}`: {message}")),
        other => E::custom(other),
    }
}

/// `"123"` or `123` (or `1.5`) as text: for ids that senders send either way.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(de::Error::invalid_type(
                unexpected(&other),
                &"a string or a number",
            ))
        }
    })
}

/// `true`, `"true"`, `"1"`, `1` … as a boolean; empty text as `None`: for flags that arrive
/// as form fields or as JSON.
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(serde::Deserialize)]
    #[cfg_attr(feature = "serialize", derive(serde::Serialize))]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Int(i64),
        Text(String),
    }
    Ok(match Option::<Flag>::deserialize(d)? {
        None => None,
        Some(Flag::Bool(b)) => Some(b),
        Some(Flag::Int(i)) => Some(i != 0),
        Some(Flag::Text(t)) => match t.as_str() {
            "" => None,
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => {
                return Err(de::Error::invalid_value(
                    de::Unexpected::Str(&t),
                    &"true or false",
                ))
            }
        },
    })
}

/// `null` as the default (an empty list), for lists that senders send as `null` when empty.
pub(crate) fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A string or a list of strings, as a list (SendGrid's `category`, …).
pub(crate) fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[cfg_attr(feature = "serialize", derive(serde::Serialize))]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    })
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
        _ => de::Unexpected::Other("value"),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Garbage inputs every parser must survive without panicking.

    /// Bodies no parser should panic on.
    pub(crate) fn garbage() -> Vec<Vec<u8>> {
        let mut bodies: Vec<Vec<u8>> = [
            &b""[..],
            b" ",
            b"null",
            b"[]",
            b"{}",
            b"[{}]",
            b"[1,2]",
            b"{\"type\":1}",
            b"{\"type\":null,\"event\":[]}",
            b"{\"type\":\"event_callback\",\"event\":7}",
            b"{\"event\":{\"event_type\":{}}}",
            b"{\"event\":\"x\",\"payload\":[]}",
            b"{\"event-data\":{\"event\":\"delivered\",\"timestamp\":\"x\"}}",
            b"{\"type\":\"Issue\",\"action\":\"create\",\"data\":1}",
            b"{\"event_type\":\"transaction.paid\",\"data\":\"x\"}",
            b"{\"subscription\":{\"type\":\"channel.follow\"},\"event\":1}",
            b"{\"type\":2,\"data\":{\"options\":7}}",
            b"{\"type\":\"payment.created\",\"data\":{\"object\":{\"payment\":3}}}",
            b"\xff\xfe\x00",
            b"{\"a\":",
            b"payload=%7B",
            b"payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A1%7D",
            b"command=%2Fx&is_enterprise_install=maybe",
            b"%%%",
            b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect();
        // deep nesting: serde_json's recursion limit must turn this into an error, not a crash
        bodies.push(
            std::iter::repeat_n(b'[', 10_000)
                .chain(std::iter::repeat_n(b']', 10_000))
                .collect(),
        );
        bodies
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[cfg_attr(feature = "serialize", derive(serde::Serialize))]
    struct Lenient {
        #[serde(default, deserialize_with = "string_or_number")]
        id: Option<String>,
        #[serde(default, deserialize_with = "lenient_bool")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "one_or_many")]
        list: Vec<String>,
        #[serde(default, deserialize_with = "nullable")]
        nums: Vec<u8>,
    }

    #[test]
    fn lenient_fields() {
        let v: Lenient =
            serde_json::from_str(r#"{"id": 12, "flag": "true", "list": "a"}"#).unwrap();
        assert_eq!(v.id.as_deref(), Some("12"));
        assert_eq!(v.flag, Some(true));
        assert_eq!(v.list, ["a"]);
        let v: Lenient =
            serde_json::from_str(r#"{"id": "x", "flag": 0, "list": ["a","b"]}"#).unwrap();
        assert_eq!(v.id.as_deref(), Some("x"));
        assert_eq!(v.flag, Some(false));
        assert_eq!(v.list, ["a", "b"]);
        let v: Lenient = serde_json::from_str(r#"{"id": null, "list": null}"#).unwrap();
        assert_eq!((v.id, v.flag, v.list.len()), (None, None, 0));
        let v: Lenient = serde_json::from_str(r#"{"nums": null}"#).unwrap();
        assert!(v.nums.is_empty());
        let v: Lenient = serde_json::from_str(r#"{"nums": [1, 2]}"#).unwrap();
        assert_eq!(v.nums, [1, 2]);
        assert!(serde_json::from_str::<Lenient>(r#"{"id": {}}"#).is_err());
        assert!(serde_json::from_str::<Lenient>(r#"{"flag": "maybe"}"#).is_err());
    }
}

#[cfg(all(test, feature = "serialize"))]
mod serialize_tests {
    use super::*;

    #[test]
    fn put_name_fills_only_a_missing_name() {
        let mut v = serde_json::json!({"a": 1});
        put_name(&mut v, "/type", "x");
        assert_eq!(v, serde_json::json!({"a": 1, "type": "x"}));
        put_name(&mut v, "/type", "y");
        assert_eq!(v["type"], "x");
        let mut v = serde_json::json!({"event-data": {}});
        put_name(&mut v, "/event-data/event", "delivered");
        assert_eq!(v["event-data"]["event"], "delivered");
        let mut v = serde_json::json!({"other": 1});
        put_name(&mut v, "/event-data/event", "delivered");
        assert_eq!(v, serde_json::json!({"other": 1}));
        let mut v = serde_json::json!([1]);
        put_name(&mut v, "/type", "x");
        assert_eq!(v, serde_json::json!([1]));
    }
}
