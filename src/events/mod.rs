//! Typed events of the senders that publish a schema, for [`Provider::Event`](crate::Provider::Event).
//!
//! Each module models one sender's payloads with serde, forward compatibly: unknown event
//! types and object kinds fall back to an untyped variant, unknown fields are ignored and fields
//! the sender may omit are `Option`. The provider modules re-export what users need
//! (`providers::stripe::Event`, …).

pub mod stripe;
