//! Ways around a safeguard, each named for what it gives up, in the manner of jsonwebtoken's
//! `dangerous` module. Nothing here is needed to receive webhooks safely; reach for it only when
//! you provide the missing guarantee yourself.

use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::Provider;
use crate::request::WebhookRequest;
use crate::verify::Verifier;

/// Checks the body size, the signature and the signed timestamp of `req` **without consulting
/// the verifier's replay store**: a captured request verifies again and again for as long as its
/// timestamp is inside the window (forever, for schemes that sign none).
///
/// [`Verifier::verify`] refuses on a verifier with a replay store so that this is never an
/// accident. Use this only when you de-duplicate deliveries yourself (say, a unique constraint
/// on the event id in the same transaction as the work). To do something between the check and
/// the reservation, use [`Verifier::check_signature`] instead.
///
/// ```
/// use webhook_guard::{dangerous, providers::github::GitHub, replay::MemoryStore, Secret, Verifier, WebhookRequest};
///
/// let verifier = Verifier::builder(GitHub)
///     .secret(Secret::from_text("It's a Secret to Everybody"))
///     .replay_store(MemoryStore::new(1_000))
///     .build()?;
/// let headers = [("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")];
/// let req = WebhookRequest::new(&headers, b"Hello, World!");
/// // Twice: the store is not consulted, so the second is not a duplicate.
/// assert!(dangerous::verify_ignoring_replay(&verifier, &req).is_ok());
/// assert!(dangerous::verify_ignoring_replay(&verifier, &req).is_ok());
/// # Ok::<(), webhook_guard::Error>(())
/// ```
pub fn verify_ignoring_replay<P: Provider>(
    verifier: &Verifier<P>,
    req: &WebhookRequest<'_>,
) -> Result<Delivery, Error> {
    verifier.check(req)
}
