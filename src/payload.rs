//! Deserialising verified bodies: JSON and form-encoded, with the path of any failure.

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Parses a JSON body into `T`; a failure names the JSON path where it happened.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Ping { zen: String }
/// let err = webhook_guard::payload::from_json::<Ping>(br#"{"zen": 1}"#).err().unwrap();
/// assert_eq!(err.kind(), "invalid_payload");
/// assert!(err.to_string().contains("zen"));
/// ```
pub fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| Error::payload(e.path(), e.inner()))?;
    de.end().map_err(|e| Error::payload("", e))?;
    Ok(value)
}
