//! Serde helpers shared by the GitHub payload types.

use serde::{Deserialize, Deserializer};

/// Reads an optional value and falls back to `T::default()` when it is `null`. Combined with
/// `#[serde(default)]` a field may also be absent.
pub(super) fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
