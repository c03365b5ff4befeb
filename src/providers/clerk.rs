//! Clerk: Standard Webhooks sent through Svix (`svix-id`, `svix-timestamp`, `svix-signature`).
//!
//! A named preset of [`super::standard`]: verified as [`Standard`](super::standard::Standard)
//! verifies, and the [`Delivery`](crate::Delivery) says `"clerk"`.
//!
//! Headers read: `svix-id`, `svix-timestamp`, `svix-signature` (all required). The signature
//! header is a space-separated list of `v1,<base64>` entries, each an HMAC-SHA256 of
//! `{svix-id}.{svix-timestamp}.{body}`; any match is accepted, other versions are skipped, more
//! than 16 entries is a malformed header. The same message under the `webhook-*` names is
//! accepted too, as Standard Webhooks accepts both; the `svix-*` names are looked for first
//! (Standard looks for `webhook-id` first), so a request carrying both is read as `svix-*`.
//!
//! Secret: the endpoint's **signing secret** from the Clerk dashboard, `whsec_` followed by
//! base64 of the key — **decoded** ([`Secret::from_whsec`](crate::Secret::from_whsec)), padding optional, exactly as Svix's
//! libraries do.
//!
//! Timestamp: 300 s each way, as Svix's libraries. Replay key: the signed `svix-id`, which stays the same
//! when Clerk retries a message. The event name (`user.created`, …) is the body's `type`.
//!
//! [`Sign::sign`](crate::Sign::sign) emits `svix-id`, `svix-timestamp` and `svix-signature`, as Clerk sends them.
//!
//! ```
//! use webhook_guard::providers::clerk::Clerk;
//! use webhook_guard::{Provider, Secrets, Sign, SignInput, Tolerance, UnixTime, WebhookRequest};
//!
//! let key = Clerk.secret_from_display("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
//! let now = UnixTime::from_secs(1_614_265_330).unwrap();
//! let msg = SignInput::new(br#"{"test": 2432232314}"#, now)
//!     .with_id("msg_p5jXN8AQM9LWM0D4loKWxJek");
//! let signed = Clerk.sign(&key, &msg).unwrap();
//! assert!(signed.headers.contains(&(
//!     "svix-signature".to_owned(),
//!     "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=".to_owned()
//! )));
//! let req = WebhookRequest::new(&signed.headers, msg.body);
//! let delivery = Clerk.verify(&req, &Secrets::new(key), now, Tolerance::FIVE_MINUTES).unwrap();
//! assert_eq!(delivery.provider(), "clerk");
//! assert_eq!(delivery.signed_id(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));
//! ```

pub use super::standard::SVIX_HEADERS as HEADERS;

/// `svix-id`.
pub const ID_HEADER: &str = HEADERS.id;
/// `svix-timestamp`.
pub const TIMESTAMP_HEADER: &str = HEADERS.timestamp;
/// `svix-signature`.
pub const SIGNATURE_HEADER: &str = HEADERS.signature;

/// Clerk's webhooks: Standard Webhooks under Svix's header names.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clerk;

super::svix_preset::svix_preset!(Clerk, "clerk");
