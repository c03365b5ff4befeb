//! Cryptographic building blocks shared by the providers.

#[cfg(feature = "ed25519")]
pub(crate) mod ed25519;
pub(crate) mod encoding;
pub(crate) mod mac;
#[cfg(feature = "p256")]
pub(crate) mod p256;
