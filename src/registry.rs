//! Providers chosen by name at run time (configuration files, the CLI).
//!
//! ```
//! use webhook_guard::registry;
//! let github = registry::by_name("github").unwrap();
//! assert_eq!(github.name(), "github");
//! assert!(registry::NAMES.contains(&"stripe"));
//! assert!(registry::by_name("nope").is_none());
//! ```

use std::borrow::Cow;
use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::event::{Handshake, TypedEvent};
use crate::provider::{Provider, SignInput, Signed};
use crate::replay::ContentDigest;
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

/// A parsed event, described: its variant path and whether it is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEvent {
    /// E.g. `github::Event::Push`.
    pub variant: String,
    /// `false` when it fell back to an untyped variant.
    pub typed: bool,
}

/// A [`Provider`] with its event type erased, so providers can be picked by name.
/// Implemented for every [`Provider`].
pub trait AnyProvider: Send + Sync {
    /// See [`Provider::name`].
    fn name(&self) -> &'static str;
    /// See [`Provider::default_tolerance`].
    fn default_tolerance(&self) -> Option<Tolerance>;
    /// See [`Provider::secret_from_display`].
    fn secret_from_display(&self, text: &str) -> Result<Secret, Error>;
    /// See [`Provider::min_secret_len`].
    fn min_secret_len(&self) -> usize;
    /// See [`Provider::event_header`].
    fn event_header(&self) -> Option<&'static str>;
    /// See [`Provider::signs_url`].
    fn signs_url(&self) -> bool {
        false
    }
    /// See [`Provider::verification_key`].
    fn verification_key(&self, signing_key: &Secret) -> Result<Secret, Error>;
    /// See [`Provider::verify`].
    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error>;
    /// [`Provider::parse`], described.
    fn parse_described(&self, delivery: &Delivery, body: &[u8]) -> Result<ParsedEvent, Error>;
    /// See [`Provider::handshake`].
    fn handshake(&self, delivery: &Delivery, body: &[u8], secrets: &Secrets) -> Option<Handshake>;
    /// See [`Provider::sign`].
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error>;
    /// See [`Provider::replay_id`].
    fn replay_id<'b>(&self, delivery: &Delivery, body: &'b [u8]) -> Option<Cow<'b, str>>;
    /// See [`Provider::replay_content`].
    fn replay_content(&self, req: &WebhookRequest<'_>, digest: &mut ContentDigest);
    /// See [`Provider::redelivery_window`].
    fn redelivery_window(&self) -> Duration;
    /// The replay key of a verified request, derived exactly as [`crate::Verifier::replay_key`]
    /// derives it (without a namespace).
    fn replay_key(&self, delivery: &Delivery, req: &WebhookRequest<'_>) -> String;
}

impl<P: Provider> AnyProvider for P {
    fn name(&self) -> &'static str {
        Provider::name(self)
    }
    fn default_tolerance(&self) -> Option<Tolerance> {
        Provider::default_tolerance(self)
    }
    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        Provider::secret_from_display(self, text)
    }
    fn min_secret_len(&self) -> usize {
        Provider::min_secret_len(self)
    }
    fn event_header(&self) -> Option<&'static str> {
        Provider::event_header(self)
    }
    fn signs_url(&self) -> bool {
        Provider::signs_url(self)
    }
    fn verification_key(&self, signing_key: &Secret) -> Result<Secret, Error> {
        Provider::verification_key(self, signing_key)
    }
    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        Provider::verify(self, req, secrets, now, tolerance)
    }
    fn parse_described(&self, delivery: &Delivery, body: &[u8]) -> Result<ParsedEvent, Error> {
        let event = Provider::parse(self, delivery, body)?;
        Ok(ParsedEvent {
            variant: event.variant_name().into_owned(),
            typed: event.is_typed(),
        })
    }
    fn handshake(&self, delivery: &Delivery, body: &[u8], secrets: &Secrets) -> Option<Handshake> {
        Provider::handshake(self, delivery, body, secrets)
    }
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        Provider::sign(self, key, message)
    }
    fn replay_id<'b>(&self, delivery: &Delivery, body: &'b [u8]) -> Option<Cow<'b, str>> {
        Provider::replay_id(self, delivery, body)
    }
    fn replay_content(&self, req: &WebhookRequest<'_>, digest: &mut ContentDigest) {
        Provider::replay_content(self, req, digest);
    }
    fn redelivery_window(&self) -> Duration {
        Provider::redelivery_window(self)
    }
    fn replay_key(&self, delivery: &Delivery, req: &WebhookRequest<'_>) -> String {
        crate::verify::replay_key_of(self, None, delivery, req)
    }
}

/// Every provider name [`by_name`] knows, in the CLI's order.
///
/// [`crate::providers::custom`] is not here: a custom scheme is whatever you build, so there is
/// no default to pick by name (the CLI cannot use it; build one in code instead).
pub const NAMES: &[&str] = &[
    "github",
    "stripe",
    "slack",
    "shopify",
    "standard",
    "twilio",
    "square",
    "twitch",
    "zoom",
    "linear",
    "paddle",
    "mailgun",
    "hubspot",
    "discord",
    "sendgrid",
    "gitlab",
    "intercom",
    "lemonsqueezy",
    "typeform",
    "calendly",
    "pagerduty",
    "bitbucket",
    "clerk",
    "resend",
];

/// The provider whose module is called `name`.
pub fn by_name(name: &str) -> Option<Box<dyn AnyProvider>> {
    use crate::providers::*;
    Some(match name {
        "github" => Box::new(github::GitHub),
        "stripe" => Box::new(stripe::Stripe),
        "slack" => Box::new(slack::Slack),
        "shopify" => Box::new(shopify::Shopify),
        "standard" => Box::new(standard::Standard),
        "twilio" => Box::new(twilio::Twilio),
        "square" => Box::new(square::Square),
        "twitch" => Box::new(twitch::Twitch),
        "zoom" => Box::new(zoom::Zoom),
        "linear" => Box::new(linear::Linear),
        "paddle" => Box::new(paddle::Paddle),
        "mailgun" => Box::new(mailgun::Mailgun),
        "hubspot" => Box::new(hubspot::HubSpot),
        "discord" => Box::new(discord::Discord),
        "sendgrid" => Box::new(sendgrid::SendGrid),
        "gitlab" => Box::new(gitlab::GitLab::new()),
        "intercom" => Box::new(intercom::Intercom),
        "lemonsqueezy" => Box::new(lemonsqueezy::LemonSqueezy),
        "typeform" => Box::new(typeform::Typeform),
        "calendly" => Box::new(calendly::Calendly),
        "pagerduty" => Box::new(pagerduty::PagerDuty),
        "bitbucket" => Box::new(bitbucket::Bitbucket),
        "clerk" => Box::new(clerk::Clerk),
        "resend" => Box::new(resend::Resend),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_name_resolves_to_itself() {
        for name in super::NAMES {
            assert_eq!(super::by_name(name).map(|p| p.name()), Some(*name));
        }
    }
}
