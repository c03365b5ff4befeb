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

pub(crate) use crate::events::support::{nullable, string_enum};

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
