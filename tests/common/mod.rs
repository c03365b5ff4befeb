//! What the provider-generic tests (properties, allocations, CLI) and the bench need to know
//! about providers beyond the registry.
#![allow(dead_code)]

use webhook_guard::providers::{linear, mailgun, msgraph};
use webhook_guard::registry::{self, AnyProvider};
use webhook_guard::Secret;

/// Fields some providers read from the body, which their errors name as they name headers
/// (Mailgun's JSON fields as paths: `signature.token`).
pub(crate) const BODY_FIELDS: &[(&str, &[&str])] = &[
    ("linear", &[linear::TIMESTAMP_FIELD]),
    (
        "mailgun",
        &[
            mailgun::SIGNATURE_FIELD,
            mailgun::TIMESTAMP_FIELD,
            mailgun::TOKEN_FIELD,
            mailgun::PARENT_SIGNATURE_FIELD,
        ],
    ),
    ("msgraph", &[msgraph::CLIENT_STATE_FIELD]),
];

/// The headers `provider` reads, from `registry::PROVIDERS`.
pub(crate) fn provider_headers(provider: &str) -> &'static [&'static str] {
    registry::entry(provider)
        .map(|entry| entry.headers)
        .unwrap_or_else(|| panic!("{provider}: not in registry::PROVIDERS"))
}

/// Headers a sender sends but does not sign: flipping them cannot be detected, by design.
pub(crate) const UNSIGNED_HEADERS: &[&str] = &[
    "content-type",
    "x-github-event",
    "x-github-delivery",
    "x-shopify-topic",
    "x-shopify-webhook-id",
    "x-shopify-event-id",
    "x-shopify-triggered-at",
    "x-shopify-shop-domain",
    "x-shopify-api-version",
    "shopify-topic",
    "shopify-webhook-id",
    "shopify-event-id",
    "shopify-triggered-at",
    "shopify-shop-domain",
    "shopify-api-version",
    "x-gitlab-event",
    "x-event-name",
    "x-event-key",
    "x-request-uuid",
    "linear-delivery",
    "linear-event",
    "twitch-eventsub-message-type",
    "twitch-eventsub-subscription-type",
    "twitch-eventsub-subscription-version",
    "i-twilio-idempotency-token",
];

/// Providers whose signature cannot cover an arbitrary body, with the reason. Generic
/// sign → verify loops skip them; their own tests cover them.
/// `tests/properties.rs` has dedicated round trips for them.
pub(crate) const CANNOT_SIGN_ARBITRARY_BODY: &[(&str, &str)] = &[
    (
        "mailgun",
        "the signature covers timestamp + token only and travels inside the body, which the \
         signer rewrites",
    ),
    (
        "linear",
        "the signed timestamp is the body's `webhookTimestamp`: the body must be JSON carrying it",
    ),
    (
        "msgraph",
        "the proof (`clientState`) travels inside every notification of the body, which the \
         signer rewrites",
    ),
];

/// Signing keys, as the provider displays them, for schemes that cannot sign with arbitrary
/// bytes (asymmetric ones, and shared tokens sent as header text).
pub(crate) const FIXED_SIGNING_KEYS: &[(&str, &str)] = &[
    (
        "discord",
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    ),
    (
        "sendgrid",
        webhook_guard::providers::sendgrid::TEST_PRIVATE_KEY,
    ),
    ("okta", "a-long-random-okta-hook-secret"),
];

/// `true` when generic sign → verify loops can use `provider`.
pub(crate) fn signs_arbitrary_bodies(provider: &dyn AnyProvider) -> bool {
    !CANNOT_SIGN_ARBITRARY_BODY
        .iter()
        .any(|(name, _)| *name == provider.name())
}

/// The key to sign with: a fixed one for asymmetric schemes, else `random` as raw bytes.
pub(crate) fn signing_key(provider: &dyn AnyProvider, random: &[u8]) -> Secret {
    match FIXED_SIGNING_KEYS
        .iter()
        .find(|(name, _)| *name == provider.name())
    {
        Some((_, display)) => provider
            .secret_from_display(display)
            .unwrap_or_else(|e| panic!("{}: fixed key: {e}", provider.name())),
        None => Secret::from_bytes(random.to_vec()),
    }
}

/// The key as text to give the CLI's `sign` (first) and `verify` (second) for `provider`.
pub(crate) fn cli_keys(provider: &str) -> (String, String) {
    match provider {
        "standard" | "clerk" | "resend" => {
            let k = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_owned();
            (k.clone(), k)
        }
        "gitlab" => {
            let k = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr".to_owned();
            (k.clone(), k)
        }
        "discord" => (
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60".to_owned(),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a".to_owned(),
        ),
        "sendgrid" => (
            webhook_guard::providers::sendgrid::TEST_PRIVATE_KEY.to_owned(),
            webhook_guard::providers::sendgrid::TEST_PUBLIC_KEY.to_owned(),
        ),
        _ => {
            // Long enough for every provider (Twilio's auth tokens are 32 characters).
            let k = "a test secret of 32 bytes or more".to_owned();
            (k.clone(), k)
        }
    }
}

/// `true` when `name`, as an error names it, is a body field `provider` reads.
pub(crate) fn is_body_field(provider: &str, name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name);
    BODY_FIELDS
        .iter()
        .filter(|(p, _)| *p == provider)
        .any(|(_, fields)| fields.contains(&last))
}
