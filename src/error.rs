//! The one error type of the crate, its stable kind strings and HTTP statuses.

use http::StatusCode;

/// Why a webhook was rejected.
///
/// Each variant maps to an HTTP status ([`Error::status`]) and a stable, machine-readable kind
/// string ([`Error::kind`]). No variant ever holds a secret, an expected signature or the body:
/// header names and reasons are static strings, so building an error never allocates either.
///
/// | kind | status |
/// |---|---|
/// | `missing_header` | 400 |
/// | `malformed_header` | 400 |
/// | `signature_mismatch` | 401 |
/// | `timestamp_too_old` | 401 |
/// | `timestamp_in_future` | 401 |
/// | `source_not_allowed` | 403 |
/// | `endpoint_check_refused` | 403 |
/// | `body_too_large` | 413 |
/// | `invalid_payload` | 422 |
/// | `replayed` | 200 when the first copy was processed (the sender must stop retrying; the handler is not run); 409 while it is still in flight (the sender retries later, so nothing is lost if the first copy fails) |
/// | `replay_store_unavailable` | 503 (the sender retries later) |
/// | `invalid_secret` | 500 (a configuration error on the receiving side) |
/// | `invalid_config` | 500 (a configuration error on the receiving side) |
/// | `unsupported` | 400 |
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A header the scheme requires is absent.
    #[error("missing header `{0}`")]
    MissingHeader(&'static str),
    /// A header is present but cannot be parsed (bad encoding, bad number, too many signatures…).
    #[error("malformed header `{header}`: {reason}")]
    MalformedHeader {
        /// The header's name.
        header: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// No listed signature matched any configured secret.
    #[error("no signature matched")]
    SignatureMismatch,
    /// The signed timestamp is older than the tolerance allows.
    #[error("timestamp too old: {age_secs} s in the past")]
    TimestampTooOld {
        /// How far in the past the timestamp is, in whole seconds.
        age_secs: u64,
    },
    /// The signed timestamp is further in the future than the tolerance allows.
    #[error("timestamp in the future: {ahead_secs} s ahead")]
    TimestampInFuture {
        /// How far in the future the timestamp is, in whole seconds.
        ahead_secs: u64,
    },
    /// This delivery was seen before (the signature held, the replay store knew the id).
    #[error("delivery already {state}")]
    Replayed {
        /// Whether the first copy is still being processed or done.
        state: crate::replay::DuplicateState,
    },
    /// The body is larger than the configured limit.
    #[error("body larger than {limit} bytes")]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The verified body does not parse into the expected type.
    #[error("invalid payload at `{path}`: {message}")]
    InvalidPayload {
        /// Path of the failure inside the document (`.` for the root), e.g. `data.object.amount`.
        path: String,
        /// What the parser said.
        message: String,
    },
    /// The configured secret or key cannot be used (bad encoding, empty, wrong length).
    #[error("invalid secret: {0}")]
    InvalidSecret(&'static str),
    /// The receiver's configuration cannot be used: a malformed
    /// [`crate::VerifierBuilder::public_url`], or a request that a setting cannot serve (a
    /// provider that signs the URL with no public URL configured, a trusted proxy that did not
    /// send its forwarding headers). The message says what to fix.
    #[error("invalid configuration: {0}")]
    InvalidConfig(&'static str),
    /// The request comes from an address outside the configured allowlist.
    #[error("source address not allowed")]
    SourceNotAllowed,
    /// An unsigned endpoint check ([`crate::Provider::endpoint_check`]: Meta's subscription
    /// GET, Okta's one-time verification, …) did not prove it comes from the sender: a wrong
    /// verify token or credential. Displayed as the reason alone, a sentence that names what
    /// failed (never the expected value), so that `"{kind}: {error}"` reads well.
    #[error("{0}")]
    EndpointCheckRefused(&'static str),
    /// The replay store could not be reached; the delivery was not checked.
    #[error("replay store unavailable: {0}")]
    ReplayStoreUnavailable(String),
    /// The request uses a scheme variant this crate does not accept (for example SHA-1-only GitHub).
    /// Displayed as the message alone, a sentence that says what is not supported, so that
    /// `"{kind}: {error}"` reads `unsupported: …` once.
    #[error("{0}")]
    Unsupported(&'static str),
}

impl Error {
    /// A stable, lower-case identifier of the kind of error, for logs, metrics and the CLI.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::MissingHeader(_) => "missing_header",
            Error::MalformedHeader { .. } => "malformed_header",
            Error::SignatureMismatch => "signature_mismatch",
            Error::TimestampTooOld { .. } => "timestamp_too_old",
            Error::TimestampInFuture { .. } => "timestamp_in_future",
            Error::Replayed { .. } => "replayed",
            Error::BodyTooLarge { .. } => "body_too_large",
            Error::InvalidPayload { .. } => "invalid_payload",
            Error::InvalidSecret(_) => "invalid_secret",
            Error::InvalidConfig(_) => "invalid_config",
            Error::SourceNotAllowed => "source_not_allowed",
            Error::EndpointCheckRefused(_) => "endpoint_check_refused",
            Error::ReplayStoreUnavailable(_) => "replay_store_unavailable",
            Error::Unsupported(_) => "unsupported",
        }
    }

    /// The HTTP status a receiver should answer with (see the table on [`Error`]).
    pub fn status(&self) -> StatusCode {
        match self {
            Error::MissingHeader(_) | Error::MalformedHeader { .. } | Error::Unsupported(_) => {
                StatusCode::BAD_REQUEST
            }
            Error::SignatureMismatch
            | Error::TimestampTooOld { .. }
            | Error::TimestampInFuture { .. } => StatusCode::UNAUTHORIZED,
            Error::SourceNotAllowed | Error::EndpointCheckRefused(_) => StatusCode::FORBIDDEN,
            Error::Replayed {
                state: crate::replay::DuplicateState::Done,
            } => StatusCode::OK,
            Error::Replayed {
                state: crate::replay::DuplicateState::InFlight,
            } => StatusCode::CONFLICT,
            Error::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::InvalidPayload { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Error::InvalidSecret(_) | Error::InvalidConfig(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Error::ReplayStoreUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// `true` for failures of the proof itself (signature or timestamp), as opposed to
    /// malformed input or receiver-side problems.
    pub fn is_authentication(&self) -> bool {
        self.status() == StatusCode::UNAUTHORIZED
    }

    pub(crate) fn malformed(header: &'static str, reason: &'static str) -> Self {
        Error::MalformedHeader { header, reason }
    }

    /// An [`Error::InvalidPayload`] at `path` (the document itself when empty).
    pub(crate) fn payload<E: std::fmt::Display>(path: impl std::fmt::Display, err: E) -> Self {
        let path = path.to_string();
        Error::InvalidPayload {
            path: if path.is_empty() {
                ".".to_owned()
            } else {
                path
            },
            message: err.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_design() {
        assert_eq!(Error::MissingHeader("x").status(), 400);
        assert_eq!(Error::malformed("x", "y").status(), 400);
        assert_eq!(Error::SignatureMismatch.status(), 401);
        assert_eq!(Error::TimestampTooOld { age_secs: 1 }.status(), 401);
        assert_eq!(Error::TimestampInFuture { ahead_secs: 1 }.status(), 401);
        assert_eq!(Error::SourceNotAllowed.status(), 403);
        assert_eq!(Error::EndpointCheckRefused("x").status(), 403);
        assert_eq!(Error::BodyTooLarge { limit: 1 }.status(), 413);
        assert_eq!(Error::payload("a.b", "bad").status(), 422);
        assert_eq!(Error::ReplayStoreUnavailable("down".into()).status(), 503);
        assert_eq!(Error::InvalidConfig("x").status(), 500);
        assert_eq!(Error::InvalidConfig("x").kind(), "invalid_config");
        assert_eq!(
            Error::Replayed {
                state: crate::replay::DuplicateState::Done
            }
            .status(),
            200
        );
    }

    #[test]
    fn every_kind_displays_one_sentence_without_repeating_its_kind() {
        use crate::replay::DuplicateState;
        let cases = [
            (Error::MissingHeader("X-Sig"), "missing header `X-Sig`"),
            (
                Error::malformed("X-Sig", "the signature contains whitespace"),
                "malformed header `X-Sig`: the signature contains whitespace",
            ),
            (Error::SignatureMismatch, "no signature matched"),
            (
                Error::TimestampTooOld { age_secs: 301 },
                "timestamp too old: 301 s in the past",
            ),
            (
                Error::TimestampInFuture { ahead_secs: 9 },
                "timestamp in the future: 9 s ahead",
            ),
            (
                Error::Replayed {
                    state: DuplicateState::Done,
                },
                "delivery already processed",
            ),
            (
                Error::BodyTooLarge { limit: 10 },
                "body larger than 10 bytes",
            ),
            (
                Error::payload("data.id", "missing field `id`"),
                "invalid payload at `data.id`: missing field `id`",
            ),
            (
                Error::InvalidSecret("empty secret"),
                "invalid secret: empty secret",
            ),
            (
                Error::InvalidConfig("set a public URL"),
                "invalid configuration: set a public URL",
            ),
            (Error::SourceNotAllowed, "source address not allowed"),
            (
                Error::EndpointCheckRefused("the verify token does not match"),
                "the verify token does not match",
            ),
            (
                Error::ReplayStoreUnavailable("connection refused".into()),
                "replay store unavailable: connection refused",
            ),
            (
                Error::Unsupported("SHA-1 signatures are not accepted"),
                "SHA-1 signatures are not accepted",
            ),
        ];
        for (error, text) in cases {
            assert_eq!(error.to_string(), text);
            // As the CLI and the integrations print it (`kind: message`): the kind once, not
            // `unsupported: unsupported: …`.
            let line = format!("{}: {error}", error.kind());
            assert_eq!(line.matches(error.kind()).count(), 1, "{line}");
        }
    }

    #[test]
    fn messages_name_the_problem() {
        assert_eq!(
            Error::malformed("Stripe-Signature", "no timestamp").to_string(),
            "malformed header `Stripe-Signature`: no timestamp"
        );
        assert_eq!(
            Error::payload("", "eof").to_string(),
            "invalid payload at `.`: eof"
        );
    }
}
