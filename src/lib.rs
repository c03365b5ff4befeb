#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Request data must never panic the library: no unwrap/expect/indexing/panic outside tests.
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod clock;
mod crypto;
pub mod dangerous;
pub mod delivery;
pub mod error;
pub mod events;
pub mod headers;
#[cfg(feature = "inbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "inbox")))]
pub mod inbox;
#[cfg(any(feature = "tower", feature = "actix-web"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "axum", feature = "actix-web", feature = "tower")))
)]
pub mod integrations;
#[doc(hidden)]
pub mod internals;
pub mod payload;
pub mod provider;
pub mod providers;
pub mod public_url;
pub mod registry;
pub mod replay;
pub mod request;
pub mod scheme;
pub mod secret;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
pub mod verify;

pub use clock::{Clock, FixedClock, SystemClock, Tolerance, UnixTime};
pub use delivery::{Delivery, IdSource};
pub use error::Error;
pub use events::{Handshake, TypedEvent};
pub use headers::Headers;
pub use provider::{Parse, Provider, Sign, SignInput, Signed};
pub use request::WebhookRequest;
pub use secret::{Secret, Secrets};
pub use verify::{Accepted, Checked, Verifier, VerifierBuilder};
