//! Cryptographic building blocks shared by the providers.

pub mod asymmetric;
pub mod encoding;
pub mod mac;
