//! Shapes shared by many Stripe objects: expandable references, lists, metadata, addresses.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::deser::nullable;

/// The `metadata` of an object: the key-value pairs you attached to it.
pub type Metadata = HashMap<String, String>;

/// A reference Stripe sends either as the object's id (the default) or, when the request that
/// caused the event asked to expand it, as the whole object.
///
/// ```
/// use webhook_guard::events::stripe::{objects::Customer, Expandable};
///
/// let id: Expandable<Customer> = serde_json::from_str(r#""cus_1""#).unwrap();
/// assert_eq!(id.id(), Some("cus_1"));
/// assert!(!id.is_expanded());
///
/// let full: Expandable<Customer> =
///     serde_json::from_str(r#"{"id": "cus_1", "object": "customer", "email": "a@b.c"}"#).unwrap();
/// assert_eq!(full.id(), Some("cus_1"));
/// assert_eq!(full.as_object().and_then(|c| c.email.as_deref()), Some("a@b.c"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Expandable<T> {
    /// The object's id.
    Id(String),
    /// The expanded object.
    Object(Box<T>),
}

/// Objects that have an id, so an [`Expandable`] can name it in both forms.
pub trait HasId {
    /// The object's id, when it has one.
    fn object_id(&self) -> Option<&str>;
}

impl HasId for serde_json::Value {
    fn object_id(&self) -> Option<&str> {
        self.get("id").and_then(serde_json::Value::as_str)
    }
}

impl<T> Expandable<T> {
    /// Whether the whole object was sent.
    pub fn is_expanded(&self) -> bool {
        matches!(self, Expandable::Object(_))
    }

    /// The expanded object, if it was sent.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }

    /// The id, from either form.
    pub fn id(&self) -> Option<&str>
    where
        T: HasId,
    {
        match self {
            Expandable::Id(id) => Some(id),
            Expandable::Object(object) => object.object_id(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Expandable<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id string or an expanded object")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Expandable::Id(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Expandable::Id(v))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
                    .map(|object| Expandable::Object(Box::new(object)))
            }
        }

        d.deserialize_any(V(PhantomData))
    }
}

/// As sent: the id string, or the expanded object.
#[cfg(feature = "serialize")]
impl<T: serde::Serialize> serde::Serialize for Expandable<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => serializer.serialize_str(id),
            Expandable::Object(object) => object.serialize(serializer),
        }
    }
}

/// A Stripe list object (`"object": "list"`), as embedded in another object (a charge's
/// refunds, an invoice's lines). Only the first page is ever embedded: check `has_more`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
#[non_exhaustive]
pub struct List<T> {
    /// The items of this page.
    #[serde(default = "Vec::new", deserialize_with = "nullable")]
    pub data: Vec<T>,
    /// Whether more items exist beyond `data`.
    #[serde(default)]
    pub has_more: bool,
    /// The API path that lists every item.
    #[serde(default)]
    pub url: Option<String>,
    /// The total number of items, when Stripe reports it.
    #[serde(default)]
    pub total_count: Option<i64>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self {
            data: Vec::new(),
            has_more: false,
            url: None,
            total_count: None,
        }
    }
}

/// A postal address. Every part may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Address {
    /// City, district, suburb, town or village.
    #[serde(default)]
    pub city: Option<String>,
    /// Two-letter country code (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub country: Option<String>,
    /// Address line 1 (street, PO box or company name).
    #[serde(default)]
    pub line1: Option<String>,
    /// Address line 2 (apartment, suite, unit or building).
    #[serde(default)]
    pub line2: Option<String>,
    /// ZIP or postal code.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// State, county, province or region.
    #[serde(default)]
    pub state: Option<String>,
}

/// Shipping details of a customer, payment or invoice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Shipping {
    /// The address.
    #[serde(default)]
    pub address: Option<Address>,
    /// The recipient's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The recipient's phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// The delivery service.
    #[serde(default)]
    pub carrier: Option<String>,
    /// The tracking number.
    #[serde(default)]
    pub tracking_number: Option<String>,
}

/// Billing details of a payment method or charge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BillingDetails {
    /// The billing address.
    #[serde(default)]
    pub address: Option<Address>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// Phone number.
    #[serde(default)]
    pub phone: Option<String>,
}

/// A time span in Unix seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Period {
    /// Start, Unix seconds.
    #[serde(default)]
    pub start: Option<i64>,
    /// End, Unix seconds.
    #[serde(default)]
    pub end: Option<i64>,
}
