//! Typed events, one module per sender.
//!
//! Every event type here follows the same rules, so a new event or a new field from a sender
//! never turns into a rejected request:
//!
//! - event names this crate does not know parse into an `Unknown` variant holding the name and
//!   the whole JSON document, and [`TypedEvent::is_typed`] says so;
//! - unknown fields are ignored, and fields a sender may omit are `Option`s;
//! - everything is owned (`'static`), so events can be moved into tasks and queues;
//! - a body that does not fit is an [`Error::InvalidPayload`](crate::Error::InvalidPayload)
//!   naming the path of the offending field; no input makes a parser panic.
//!
//! Each module is compiled with the provider's crate feature (`github`, `stripe`, …; `events`
//! turns all of them on), and [`Parse::parse`](crate::Parse::parse) picks the right type from the
//! delivery. Without the feature the provider still verifies; only the types are left out.
//!
//! Also here: [`TypedEvent`], which every event type implements, and [`Handshake`], the answer
//! to a provider's endpoint check.

// Every events feature implies `typed`.
#[cfg(feature = "typed")]
mod support;

#[cfg(feature = "discord")]
#[cfg_attr(docsrs, doc(cfg(feature = "discord")))]
pub mod discord;
#[cfg(feature = "github")]
#[cfg_attr(docsrs, doc(cfg(feature = "github")))]
pub mod github;
#[cfg(feature = "linear")]
#[cfg_attr(docsrs, doc(cfg(feature = "linear")))]
pub mod linear;
#[cfg(feature = "mailgun")]
#[cfg_attr(docsrs, doc(cfg(feature = "mailgun")))]
pub mod mailgun;
#[cfg(feature = "meta")]
#[cfg_attr(docsrs, doc(cfg(feature = "meta")))]
pub mod meta;
#[cfg(feature = "paddle")]
#[cfg_attr(docsrs, doc(cfg(feature = "paddle")))]
pub mod paddle;
#[cfg(feature = "pagerduty")]
#[cfg_attr(docsrs, doc(cfg(feature = "pagerduty")))]
pub mod pagerduty;
#[cfg(feature = "sendgrid")]
#[cfg_attr(docsrs, doc(cfg(feature = "sendgrid")))]
pub mod sendgrid;
#[cfg(feature = "shopify")]
#[cfg_attr(docsrs, doc(cfg(feature = "shopify")))]
pub mod shopify;
#[cfg(feature = "slack")]
#[cfg_attr(docsrs, doc(cfg(feature = "slack")))]
pub mod slack;
#[cfg(feature = "square")]
#[cfg_attr(docsrs, doc(cfg(feature = "square")))]
pub mod square;
#[cfg(feature = "standard")]
#[cfg_attr(docsrs, doc(cfg(feature = "standard")))]
pub mod standard;
#[cfg(feature = "stripe")]
#[cfg_attr(docsrs, doc(cfg(feature = "stripe")))]
pub mod stripe;
#[cfg(feature = "twitch")]
#[cfg_attr(docsrs, doc(cfg(feature = "twitch")))]
pub mod twitch;
#[cfg(feature = "zalo")]
#[cfg_attr(docsrs, doc(cfg(feature = "zalo")))]
pub mod zalo;
#[cfg(feature = "zoom")]
#[cfg_attr(docsrs, doc(cfg(feature = "zoom")))]
pub mod zoom;

use std::borrow::Cow;

/// Implemented by each provider's event type, so generic code (the CLI, extractors, logs) can
/// name the parsed variant and tell a typed event from an untyped fallback.
pub trait TypedEvent {
    /// The variant's path, e.g. `"github::Event::Push"`.
    fn variant_name(&self) -> Cow<'static, str>;

    /// `false` when the payload fell back to an untyped variant (`Unknown`, a bare JSON value).
    fn is_typed(&self) -> bool;

    /// The event's name as the sender gives it (`"push"`, `"customer.created"`,
    /// `"app_mention"`), also for an `Unknown` variant; `None` when the event has no name (the
    /// default).
    fn event_name(&self) -> Option<Cow<'_, str>> {
        None
    }

    /// The parsed event as JSON, in the shape it was parsed from (the typed fields, for an
    /// untyped variant the raw document). `Some` when the crate feature `serialize` is on and
    /// the event type supports it; `None` otherwise (the default).
    fn to_json(&self) -> Option<serde_json::Value> {
        None
    }
}

impl TypedEvent for serde_json::Value {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Borrowed("serde_json::Value")
    }

    fn is_typed(&self) -> bool {
        false
    }

    #[cfg(feature = "serialize")]
    fn to_json(&self) -> Option<serde_json::Value> {
        Some(self.clone())
    }
}

/// A response the receiver must send instead of running the handler: the provider is checking
/// the endpoint (Slack `url_verification`, Twitch `webhook_callback_verification`, Zoom
/// `endpoint.url_validation`, Discord `PING`). Only produced for verified requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handshake {
    /// The `Content-Type` of the answer.
    pub content_type: &'static str,
    /// The answer's body.
    pub body: Vec<u8>,
}

impl Handshake {
    /// A JSON answer.
    pub fn json(value: &serde_json::Value) -> Self {
        Self {
            content_type: "application/json",
            body: value.to_string().into_bytes(),
        }
    }

    /// A plain-text answer.
    pub fn text(text: &str) -> Self {
        Self {
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
        }
    }
}
