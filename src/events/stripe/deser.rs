//! Private deserialisation helpers: string enums with a fallback, `null` as empty, and the
//! map replay that lets [`super::Object`] pick a type by its `object` field in one pass.

use std::vec;

use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess};
use serde::{Deserialize, Deserializer};
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

/// A map whose first entries were already read (up to the `object` key): hands those out again,
/// then continues with the rest of the underlying map. Keys read from the underlying map keep
/// their place in the error path.
pub(crate) struct Replay<A> {
    seen: vec::IntoIter<(String, Value)>,
    value: Option<(String, Value)>,
    map: A,
}

impl<A> Replay<A> {
    pub(crate) fn new(seen: Vec<(String, Value)>, map: A) -> Self {
        Self {
            seen: seen.into_iter(),
            value: None,
            map,
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.seen.next() {
            let de: StringDeserializer<A::Error> = key.clone().into_deserializer();
            self.value = Some((key, value));
            return seed.deserialize(de).map(Some);
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
