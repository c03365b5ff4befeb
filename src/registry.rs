//! Providers chosen by name at run time (configuration files, the CLI).
//!
//! ```
//! use webhook_guard::registry;
//! let github = registry::by_name("github").unwrap();
//! assert_eq!(github.name(), "github");
//! assert!(registry::names().any(|name| name == "stripe"));
//! assert!(registry::by_name("nope").is_none());
//! ```

use std::borrow::Cow;
use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::{Handshake, TypedEvent};
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
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
    /// The event's name as the sender gives it ([`TypedEvent::event_name`]).
    pub event: Option<String>,
    /// The parsed event as JSON ([`TypedEvent::to_json`]): `None` without the crate feature
    /// `serialize` or for an event type that does not serialise.
    pub json: Option<serde_json::Value>,
}

/// A built-in provider with its types erased, so providers can be picked by name: verifying
/// ([`Provider`]), signing ([`Sign`]) and a described typed parse ([`Parse`]).
///
/// Implemented for every provider that signs and parses; [`by_name`] also wraps the built-in
/// providers whose typed events are not compiled in (their crate feature is off), whose
/// [`AnyProvider::parse_described`] then says which feature to turn on.
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
    fn signs_url(&self) -> bool;
    /// See [`Provider::authenticates_body`].
    fn authenticates_body(&self) -> bool;
    /// See [`Sign::verification_key`].
    fn verification_key(&self, signing_key: &Secret) -> Result<Secret, Error>;
    /// See [`Provider::verify`].
    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error>;
    /// [`Parse::parse`], described. [`Error::Unsupported`] naming the crate feature when the
    /// provider's typed events are not compiled in.
    fn parse_described(&self, delivery: &Delivery, body: &[u8]) -> Result<ParsedEvent, Error>;
    /// See [`Provider::endpoint_check`].
    fn endpoint_check(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
    ) -> Option<Result<Handshake, Error>>;
    /// See [`Provider::handshake`].
    fn handshake(&self, delivery: &Delivery, body: &[u8], secrets: &Secrets) -> Option<Handshake>;
    /// See [`Sign::sign`].
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

/// The [`AnyProvider`] methods other than `parse_described`, delegated to `$p` (an expression
/// of a type implementing [`Sign`]).
macro_rules! delegate {
    ($p:ident => $inner:expr) => {
        fn name(&$p) -> &'static str {
            Provider::name($inner)
        }
        fn default_tolerance(&$p) -> Option<Tolerance> {
            Provider::default_tolerance($inner)
        }
        fn secret_from_display(&$p, text: &str) -> Result<Secret, Error> {
            Provider::secret_from_display($inner, text)
        }
        fn min_secret_len(&$p) -> usize {
            Provider::min_secret_len($inner)
        }
        fn event_header(&$p) -> Option<&'static str> {
            Provider::event_header($inner)
        }
        fn signs_url(&$p) -> bool {
            Provider::signs_url($inner)
        }
        fn authenticates_body(&$p) -> bool {
            Provider::authenticates_body($inner)
        }
        fn verification_key(&$p, signing_key: &Secret) -> Result<Secret, Error> {
            Sign::verification_key($inner, signing_key)
        }
        fn verify(
            &$p,
            req: &WebhookRequest<'_>,
            secrets: &Secrets,
            now: UnixTime,
            tolerance: Tolerance,
        ) -> Result<Delivery, Error> {
            Provider::verify($inner, req, secrets, now, tolerance)
        }
        fn endpoint_check(
            &$p,
            req: &WebhookRequest<'_>,
            secrets: &Secrets,
        ) -> Option<Result<Handshake, Error>> {
            Provider::endpoint_check($inner, req, secrets)
        }
        fn handshake(&$p, delivery: &Delivery, body: &[u8], secrets: &Secrets) -> Option<Handshake> {
            Provider::handshake($inner, delivery, body, secrets)
        }
        fn sign(&$p, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
            Sign::sign($inner, key, message)
        }
        fn replay_id<'b>(&$p, delivery: &Delivery, body: &'b [u8]) -> Option<Cow<'b, str>> {
            Provider::replay_id($inner, delivery, body)
        }
        fn replay_content(&$p, req: &WebhookRequest<'_>, digest: &mut ContentDigest) {
            Provider::replay_content($inner, req, digest);
        }
        fn redelivery_window(&$p) -> Duration {
            Provider::redelivery_window($inner)
        }
        fn replay_key(&$p, delivery: &Delivery, req: &WebhookRequest<'_>) -> String {
            crate::verify::replay_key_of($inner, None, delivery, req)
        }
    };
}

impl<P: Sign + Parse> AnyProvider for P {
    delegate!(self => self);

    fn parse_described(&self, delivery: &Delivery, body: &[u8]) -> Result<ParsedEvent, Error> {
        let event = Parse::parse(self, delivery, body)?;
        Ok(ParsedEvent {
            variant: event.variant_name().into_owned(),
            typed: event.is_typed(),
            event: event.event_name().map(Cow::into_owned),
            json: event.to_json(),
        })
    }
}

/// A built-in provider whose typed events are not compiled in: everything but the parse.
#[allow(dead_code)] // unused when every provider's events are compiled in
struct WithoutEvents<P> {
    provider: P,
    /// Why there is no parse, naming the feature.
    missing: &'static str,
}

impl<P: Sign> AnyProvider for WithoutEvents<P> {
    delegate!(self => &self.provider);

    fn parse_described(&self, _delivery: &Delivery, _body: &[u8]) -> Result<ParsedEvent, Error> {
        Err(Error::Unsupported(self.missing))
    }
}

/// One built-in provider: its name, the headers its scheme reads, and how to make it.
///
/// [`PROVIDERS`] is the one list of built-in providers: [`by_name`], the CLI's provider names,
/// the README's provider table check and the crate's fuzz and property tests all read it.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct Entry {
    /// The provider's module name (`"github"`), as [`Provider::name`] returns it.
    pub name: &'static str,
    /// Every request header the scheme reads (signature, timestamp, id, event names), as the
    /// sender spells them.
    pub headers: &'static [&'static str],
    /// The crate feature that compiles its typed events, if it has typed events.
    pub events_feature: Option<&'static str>,
    make: fn() -> Box<dyn AnyProvider>,
}

impl Entry {
    /// The provider, ready to verify, sign and parse.
    pub fn provider(&self) -> Box<dyn AnyProvider> {
        (self.make)()
    }
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("name", &self.name)
            .field("headers", &self.headers)
            .field("events_feature", &self.events_feature)
            .finish()
    }
}

/// An [`Entry`] for a provider whose events are untyped JSON (always compiled).
macro_rules! untyped {
    ($name:literal, $value:expr, [$($header:expr),* $(,)?]) => {
        Entry {
            name: $name,
            headers: &[$($header),*],
            events_feature: None,
            make: || Box::new($value),
        }
    };
}

/// An [`Entry`] for a provider whose typed events need the crate feature `$name`.
macro_rules! typed {
    ($name:literal, $value:expr, [$($header:expr),* $(,)?]) => {
        Entry {
            name: $name,
            headers: &[$($header),*],
            events_feature: Some($name),
            make: || {
                #[cfg(feature = $name)]
                let provider: Box<dyn AnyProvider> = Box::new($value);
                #[cfg(not(feature = $name))]
                let provider: Box<dyn AnyProvider> = Box::new(WithoutEvents {
                    provider: $value,
                    missing: concat!(
                        "typed `", $name, "` events need the crate feature `", $name, "`"
                    ),
                });
                provider
            },
        }
    };
}

use crate::providers::*;

/// Every built-in provider, in the CLI's order; those whose scheme needs an optional crate
/// (`discord` and `standard`'s `v1a`: `ed25519`; `sendgrid`: `p256`; `twitch`, `box`: `time`) only
/// with its feature.
///
/// [`crate::providers::custom`] is not here: a custom scheme is whatever you build, so there is
/// no default to pick by name (the CLI cannot use it; build one in code instead).
pub const PROVIDERS: &[Entry] = &[
    typed!(
        "github",
        github::GitHub,
        [
            github::SIGNATURE_HEADER,
            github::LEGACY_SIGNATURE_HEADER,
            github::EVENT_HEADER,
            github::DELIVERY_HEADER,
        ]
    ),
    typed!("stripe", stripe::Stripe, [stripe::SIGNATURE_HEADER]),
    typed!(
        "slack",
        slack::Slack,
        [slack::SIGNATURE_HEADER, slack::TIMESTAMP_HEADER]
    ),
    typed!(
        "shopify",
        shopify::Shopify,
        [
            shopify::HEADERS.signature,
            shopify::HEADERS.topic,
            shopify::HEADERS.webhook_id,
            shopify::HEADERS.event_id,
            shopify::HEADERS.triggered_at,
            shopify::HEADERS.shop_domain,
            shopify::HEADERS.api_version,
            shopify::EVENTS_HEADERS.signature,
            shopify::EVENTS_HEADERS.topic,
            shopify::EVENTS_HEADERS.webhook_id,
            shopify::EVENTS_HEADERS.event_id,
            shopify::EVENTS_HEADERS.triggered_at,
            shopify::EVENTS_HEADERS.shop_domain,
            shopify::EVENTS_HEADERS.api_version,
        ]
    ),
    typed!(
        "standard",
        standard::Standard,
        [
            standard::STANDARD_HEADERS.id,
            standard::STANDARD_HEADERS.timestamp,
            standard::STANDARD_HEADERS.signature,
            standard::SVIX_HEADERS.id,
            standard::SVIX_HEADERS.timestamp,
            standard::SVIX_HEADERS.signature,
        ]
    ),
    untyped!(
        "twilio",
        twilio::Twilio,
        [
            twilio::SIGNATURE_HEADER,
            twilio::SIGNATURE_SETTINGS_HEADER,
            twilio::IDEMPOTENCY_HEADER,
        ]
    ),
    typed!("square", square::Square, [square::SIGNATURE_HEADER]),
    #[cfg(feature = "time")]
    typed!(
        "twitch",
        twitch::Twitch,
        [
            twitch::SIGNATURE_HEADER,
            twitch::MESSAGE_ID_HEADER,
            twitch::TIMESTAMP_HEADER,
            twitch::MESSAGE_TYPE_HEADER,
            twitch::SUBSCRIPTION_TYPE_HEADER,
        ]
    ),
    typed!(
        "zoom",
        zoom::Zoom,
        [zoom::SIGNATURE_HEADER, zoom::TIMESTAMP_HEADER]
    ),
    typed!(
        "linear",
        linear::Linear,
        [
            linear::SIGNATURE_HEADER,
            linear::DELIVERY_HEADER,
            linear::EVENT_HEADER,
        ]
    ),
    typed!("paddle", paddle::Paddle, [paddle::SIGNATURE_HEADER]),
    typed!("mailgun", mailgun::Mailgun, [mailgun::CONTENT_TYPE_HEADER]),
    untyped!(
        "hubspot",
        hubspot::HubSpot,
        [
            hubspot::SIGNATURE_HEADER,
            hubspot::TIMESTAMP_HEADER,
            hubspot::LEGACY_SIGNATURE_HEADER,
            hubspot::VERSION_HEADER,
        ]
    ),
    #[cfg(feature = "ed25519")]
    typed!(
        "discord",
        discord::Discord,
        [discord::SIGNATURE_HEADER, discord::TIMESTAMP_HEADER]
    ),
    #[cfg(feature = "p256")]
    typed!(
        "sendgrid",
        sendgrid::SendGrid,
        [sendgrid::SIGNATURE_HEADER, sendgrid::TIMESTAMP_HEADER]
    ),
    untyped!(
        "gitlab",
        gitlab::GitLab::new(),
        [
            gitlab::TOKEN_HEADER,
            gitlab::EVENT_HEADER,
            gitlab::IDEMPOTENCY_KEY_HEADER,
            gitlab::WEBHOOK_UUID_HEADER,
            gitlab::EVENT_UUID_HEADER,
            standard::STANDARD_HEADERS.id,
            standard::STANDARD_HEADERS.timestamp,
            standard::STANDARD_HEADERS.signature,
        ]
    ),
    untyped!("intercom", intercom::Intercom, [intercom::SIGNATURE_HEADER]),
    untyped!(
        "lemonsqueezy",
        lemonsqueezy::LemonSqueezy,
        [lemonsqueezy::SIGNATURE_HEADER, lemonsqueezy::EVENT_HEADER]
    ),
    untyped!("typeform", typeform::Typeform, [typeform::SIGNATURE_HEADER]),
    untyped!("calendly", calendly::Calendly, [calendly::SIGNATURE_HEADER]),
    typed!(
        "pagerduty",
        pagerduty::PagerDuty,
        [pagerduty::SIGNATURE_HEADER]
    ),
    untyped!(
        "bitbucket",
        bitbucket::Bitbucket,
        [
            bitbucket::SIGNATURE_HEADER,
            bitbucket::EVENT_HEADER,
            bitbucket::REQUEST_UUID_HEADER,
            bitbucket::REQUEST_ID_HEADER,
        ]
    ),
    untyped!(
        "clerk",
        clerk::Clerk,
        [
            clerk::ID_HEADER,
            clerk::TIMESTAMP_HEADER,
            clerk::SIGNATURE_HEADER,
            standard::STANDARD_HEADERS.id,
            standard::STANDARD_HEADERS.timestamp,
            standard::STANDARD_HEADERS.signature,
        ]
    ),
    untyped!("dropbox", dropbox::Dropbox, [dropbox::SIGNATURE_HEADER]),
    untyped!(
        "okta",
        okta::Okta::new(),
        [okta::AUTH_HEADER, okta::CHALLENGE_HEADER]
    ),
    untyped!("msgraph", msgraph::MsGraph, []),
    untyped!(
        "resend",
        resend::Resend,
        [
            resend::ID_HEADER,
            resend::TIMESTAMP_HEADER,
            resend::SIGNATURE_HEADER,
            standard::STANDARD_HEADERS.id,
            standard::STANDARD_HEADERS.timestamp,
            standard::STANDARD_HEADERS.signature,
        ]
    ),
    typed!(
        "zalo",
        zalo::Zalo::app_id_from_body(),
        [zalo::SIGNATURE_HEADER]
    ),
    untyped!(
        "telegram",
        telegram::Telegram,
        [telegram::SECRET_TOKEN_HEADER]
    ),
    untyped!(
        "postmark",
        postmark::Postmark,
        [postmark::AUTHORIZATION_HEADER]
    ),
    untyped!("notion", notion::Notion, [notion::SIGNATURE_HEADER]),
    untyped!("vercel", vercel::Vercel, [vercel::SIGNATURE_HEADER]),
    untyped!(
        "sentry",
        sentry::Sentry,
        [
            sentry::SIGNATURE_HEADER,
            sentry::RESOURCE_HEADER,
            sentry::REQUEST_ID_HEADER,
        ]
    ),
    untyped!(
        "razorpay",
        razorpay::Razorpay,
        [razorpay::SIGNATURE_HEADER, razorpay::EVENT_ID_HEADER]
    ),
    untyped!(
        "coinbase_commerce",
        coinbase_commerce::CoinbaseCommerce,
        [coinbase_commerce::SIGNATURE_HEADER]
    ),
    untyped!("adyen", adyen::Adyen, [adyen::CONTENT_TYPE_HEADER]),
    #[cfg(feature = "time")]
    untyped!(
        "box",
        r#box::BoxWebhooks,
        [
            r#box::PRIMARY_SIGNATURE_HEADER,
            r#box::SECONDARY_SIGNATURE_HEADER,
            r#box::TIMESTAMP_HEADER,
            r#box::VERSION_HEADER,
            r#box::ALGORITHM_HEADER,
            r#box::DELIVERY_ID_HEADER,
        ]
    ),
    typed!(
        "meta",
        meta::Meta,
        [meta::SIGNATURE_HEADER, meta::LEGACY_SIGNATURE_HEADER]
    ),
];

/// The names of [`PROVIDERS`], in order.
pub fn names() -> impl Iterator<Item = &'static str> {
    PROVIDERS.iter().map(|entry| entry.name)
}

/// The entry of the provider whose module is called `name`.
pub fn entry(name: &str) -> Option<&'static Entry> {
    PROVIDERS.iter().find(|entry| entry.name == name)
}

/// The provider whose module is called `name`.
pub fn by_name(name: &str) -> Option<Box<dyn AnyProvider>> {
    entry(name).map(Entry::provider)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_name_resolves_to_itself_once() {
        let mut seen = std::collections::HashSet::new();
        for name in super::names() {
            assert!(seen.insert(name), "{name} listed twice");
            assert_eq!(super::by_name(name).map(|p| p.name()), Some(name));
        }
    }
}
