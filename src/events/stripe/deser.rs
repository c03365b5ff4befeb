//! Private deserialisation helpers: string enums with a fallback, `null` as empty, and the
//! map replay that lets [`super::Object`] pick a type by its `object` field in one pass.

use std::borrow::Cow;
use std::fmt;
use std::vec;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// An enum of the documented wire values of a string field, with `Other(String)` for values
/// Stripe adds later (so a new value never fails a parse).
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
            /// The value as Stripe sends it.
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

/// `null` (or an absent field, with `#[serde(default)]`) as the type's default: Stripe sends
/// `null` for some lists and maps that are usually present.
pub(crate) fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A value buffered while looking for an object's `object` key: [`Value`] in general, or raw
/// JSON borrowed from the input when the deserializer supports that (parsing from a slice).
pub(crate) trait Buffered<'de>: Deserialize<'de> + Deserializer<'de> {
    /// The buffered value as JSON, for the untyped fallback.
    fn into_json(self) -> Result<Value, serde_json::Error>;
}

impl<'de> Buffered<'de> for Value {
    fn into_json(self) -> Result<Value, serde_json::Error> {
        Ok(self)
    }
}

impl<'de> Buffered<'de> for &'de RawValue {
    fn into_json(self) -> Result<Value, serde_json::Error> {
        serde_json::from_str(self.get())
    }
}

/// A map whose first entries were already read (up to the `object` key): hands those out again,
/// then continues with the rest of the underlying map. Keys read from the underlying map keep
/// their place in the error path.
pub(crate) struct Replay<'de, B, A> {
    seen: vec::IntoIter<(Cow<'de, str>, B)>,
    value: Option<(Cow<'de, str>, B)>,
    map: A,
}

impl<'de, B, A> Replay<'de, B, A> {
    pub(crate) fn new(seen: Vec<(Cow<'de, str>, B)>, map: A) -> Self {
        Self {
            seen: seen.into_iter(),
            value: None,
            map,
        }
    }
}

impl<'de, B: Buffered<'de>, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, B, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.seen.next() {
            let out = match &key {
                Cow::Borrowed(k) => seed.deserialize(BorrowedStrDeserializer::new(k)),
                Cow::Owned(k) => {
                    let de: StrDeserializer<'_, A::Error> = k.as_str().into_deserializer();
                    seed.deserialize(de)
                }
            };
            self.value = Some((key, value));
            return out.map(Some);
        }
        self.map.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.value.take() {
            // The error path stops at the object for these entries: name the field here.
            Some((key, value)) => seed
                .deserialize(value)
                .map_err(|e| de::Error::custom(format_args!("`{key}`: {e}"))),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// A map key, borrowed from the input when it has no escapes.
pub(crate) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}
