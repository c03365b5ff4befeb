//! Shared code of the named Standard Webhooks presets sent through Svix (Clerk, Resend).

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::standard::{Standard, STANDARD_HEADERS, SVIX_HEADERS};

/// Verifies as Standard Webhooks and relabels the delivery with `provider`.
pub(crate) fn verify(
    provider: &'static str,
    req: &WebhookRequest<'_>,
    secrets: &Secrets,
    now: UnixTime,
    tolerance: Tolerance,
) -> Result<Delivery, Error> {
    Provider::verify(&Standard, req, secrets, now, tolerance).map(|d| d.with_provider(provider))
}

/// Signs as Standard Webhooks, sending the `svix-*` header names as Svix does.
pub(crate) fn sign(key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
    let mut signed = Provider::sign(&Standard, key, message)?;
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
