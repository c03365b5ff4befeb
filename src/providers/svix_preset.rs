//! Shared code of the named Standard Webhooks presets sent through Svix (Clerk, Resend).

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::standard::{Standard, STANDARD_HEADERS, SVIX_HEADERS};

/// Verifies as Standard Webhooks for `provider`, trying the `svix-*` headers Svix sends
/// first (then `webhook-*`, as [`Standard`] accepts both).
pub(crate) fn verify(
    provider: &'static str,
    req: &WebhookRequest<'_>,
    secrets: &Secrets,
    now: UnixTime,
    tolerance: Tolerance,
) -> Result<Delivery, Error> {
    super::standard::verify_flavours(
        provider,
        [SVIX_HEADERS, STANDARD_HEADERS],
        req,
        secrets,
        now,
        tolerance,
    )
}

/// Signs as Standard Webhooks, sending the `svix-*` header names as Svix does.
pub(crate) fn sign(key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
    let mut signed = Sign::sign(&Standard, key, message)?;
    for (name, _) in &mut signed.headers {
        let renamed = [
            (STANDARD_HEADERS.id, SVIX_HEADERS.id),
            (STANDARD_HEADERS.timestamp, SVIX_HEADERS.timestamp),
            (STANDARD_HEADERS.signature, SVIX_HEADERS.signature),
        ]
        .into_iter()
        .find(|(from, _)| name.eq_ignore_ascii_case(from));
        if let Some((_, to)) = renamed {
            *name = to.to_owned();
        }
    }
    Ok(signed)
}

/// The `Provider` impl (and its round-trip test) of a named preset: `$ty` verifies as Standard
/// Webhooks under the name `$name` and signs with Svix's header names.
macro_rules! svix_preset {
    ($ty:ident, $name:literal) => {
        impl $crate::provider::Provider for $ty {
            fn name(&self) -> &'static str {
                $name
            }

            fn default_tolerance(&self) -> Option<$crate::clock::Tolerance> {
                Some($crate::clock::Tolerance::FIVE_MINUTES)
            }

            /// Svix retries for about 28 hours.
            fn redelivery_window(&self) -> std::time::Duration {
                std::time::Duration::from_secs(2 * 24 * 3600)
            }

            fn min_secret_len(&self) -> usize {
                $crate::providers::standard::MIN_SHARED_KEY_LEN
            }

            fn secret_from_display(
                &self,
                text: &str,
            ) -> Result<$crate::secret::Secret, $crate::error::Error> {
                $crate::secret::Secret::from_whsec(text)
            }

            fn verify(
                &self,
                req: &$crate::request::WebhookRequest<'_>,
                secrets: &$crate::secret::Secrets,
                now: $crate::clock::UnixTime,
                tolerance: $crate::clock::Tolerance,
            ) -> Result<$crate::delivery::Delivery, $crate::error::Error> {
                super::svix_preset::verify($name, req, secrets, now, tolerance)
            }
        }

        /// Parses into an untyped JSON document.
        impl $crate::provider::Parse for $ty {
            type Event = serde_json::Value;

            fn parse(
                &self,
                _delivery: &$crate::delivery::Delivery,
                body: &[u8],
            ) -> Result<Self::Event, $crate::error::Error> {
                $crate::payload::from_json(body)
            }
        }

        impl $crate::provider::Sign for $ty {
            fn sign(
                &self,
                key: &$crate::secret::Secret,
                message: &$crate::provider::SignInput<'_>,
            ) -> Result<$crate::provider::Signed, $crate::error::Error> {
                super::svix_preset::sign(key, message)
            }
        }

        #[cfg(test)]
        mod preset_tests {
            use super::*;
            use $crate::provider::{Provider, Sign, SignInput};
            use $crate::{Secrets, Tolerance, UnixTime, WebhookRequest};

            #[test]
            fn signs_svix_headers_and_round_trips() {
                let key = $ty
                    .secret_from_display("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                    .unwrap();
                let now = UnixTime::from_secs(1_700_000_000).unwrap();
                let msg = SignInput::new(b"{}", now);
                let signed = $ty.sign(&key, &msg).unwrap();
                let names: Vec<&str> = signed.headers.iter().map(|(n, _)| n.as_str()).collect();
                for name in [ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER] {
                    assert!(names.contains(&name), "{names:?}");
                }
                assert!(!names.iter().any(|n| n.starts_with("webhook-")));
                let d = $ty
                    .verify(
                        &WebhookRequest::new(&signed.headers, b"{}"),
                        &Secrets::new(key),
                        now,
                        Tolerance::FIVE_MINUTES,
                    )
                    .unwrap();
                assert_eq!(d.provider(), $name);
                assert_eq!(d.timestamp(), Some(now));
                assert!($ty.secret_from_display("whsec_").is_err());
                assert!($ty.secret_from_display("whsec_!!!").is_err());
            }
        }
    };
}

pub(crate) use svix_preset;
