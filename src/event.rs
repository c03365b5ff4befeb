//! What every provider's event type can say about itself, and handshake answers.

use std::borrow::Cow;

/// Implemented by each provider's event type, so generic code (the CLI, extractors, logs) can
/// name the parsed variant and tell a typed event from an untyped fallback.
pub trait TypedEvent {
    /// The variant's path, e.g. `"github::Event::Push"`.
    fn variant_name(&self) -> Cow<'static, str>;

    /// `false` when the payload fell back to an untyped variant (`Unknown`, a bare JSON value).
    fn is_typed(&self) -> bool;
}

impl TypedEvent for serde_json::Value {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Borrowed("serde_json::Value")
    }

    fn is_typed(&self) -> bool {
        false
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
