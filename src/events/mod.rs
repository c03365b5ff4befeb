//! Typed events, one module per sender.
//!
//! Every event type here follows the same rules, so a new event or a new field from a sender
//! never turns into a rejected request:
//!
//! - event names this crate does not know parse into an `Unknown` variant holding the name and
//!   the whole JSON document, and [`TypedEvent::is_typed`](crate::TypedEvent::is_typed) says so;
//! - unknown fields are ignored, and fields a sender may omit are `Option`s;
//! - everything is owned (`'static`), so events can be moved into tasks and queues;
//! - a body that does not fit is an [`Error::InvalidPayload`](crate::Error::InvalidPayload)
//!   naming the path of the offending field; no input makes a parser panic.
//!
//! The provider modules (`providers::slack`, …) re-export their events, and
//! [`Provider::parse`](crate::Provider::parse) picks the right one from the delivery.

mod support;

pub mod discord;
pub mod github;
pub mod linear;
pub mod mailgun;
pub mod paddle;
pub mod pagerduty;
pub mod sendgrid;
pub mod shopify;
pub mod slack;
pub mod square;
pub mod standard;
pub mod stripe;
pub mod twitch;
pub mod zoom;
