//! Typed events: what a verified body says, as Rust types.
//!
//! Each provider that posts a documented set of events has a module here with an `Event` enum,
//! chosen by the provider's event name, and one payload struct per event. Every module follows
//! the same rules:
//!
//! - **Forward compatible.** An event name the module does not know becomes
//!   `Event::Unknown { name, raw }` holding the whole body as a [`serde_json::Value`]; fields the
//!   structs do not name are skipped; `action` values the enums do not know land in an
//!   `Other(..)` variant.
//! - **Lenient.** Fields a sender may omit or send as `null` are `Option`; lists default to empty.
//! - **Owned and lean.** Events own their data (`'static`, so extractors can hand them out) and
//!   type what handlers use, skipping the rest while parsing.
//! - **Located errors.** A body that does not fit fails with [`crate::Error::InvalidPayload`]
//!   naming the JSON path of the first mismatch.

pub mod github;
