//! Cryptographic building blocks shared by the providers.

pub mod encoding;
pub mod mac;
