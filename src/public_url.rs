//! [`PublicUrl`]: where the framework integrations take the URL a sender signed.
//!
//! Twilio, Square and HubSpot sign the full URL they posted to (scheme, host, path, query), so
//! the receiver must know that URL. A server only sees the path and query it was sent; the
//! scheme and host it would have to take from the `Host` and `X-Forwarded-*` headers, which
//! the **client** writes. A request signed for `https://staging.example.com/hooks` would then
//! pass on production (Twilio's auth token is account-wide, so staging and production share
//! it) just by sending `Host: staging.example.com`. So the URL's scheme and host come from
//! configuration, never from the request:
//!
//! - [`VerifierBuilder::public_url`] (recommended): the public base URL, for example
//!   `https://hooks.example.com`; the request's path and query are appended.
//! - [`VerifierBuilder::trust_forwarded_headers`]: behind reverse proxies that you run and that
//!   set forwarding headers, the scheme and host come from the element **your** proxy appended
//!   (the right-most ones), never from what the client sent.
//! - Neither: the extractors and the tower layer refuse requests for providers that sign the
//!   URL ([`crate::Provider::signs_url`]) with 500 (`misconfigured`, the log says which
//!   setting is missing), instead of trusting the `Host` header. Providers that do not sign
//!   the URL are not affected. Code that calls [`crate::Verifier::verify`] itself passes the
//!   URL with [`crate::WebhookRequest::with_url`] and needs neither setting.
//!
//! ```
//! use webhook_guard::{providers::twilio::Twilio, Secret, Verifier};
//!
//! let verifier = Verifier::builder(Twilio)
//!     .secret(Secret::from_text("12345")) // twilio-python's test token: too short for real use
//!     .dangerous_allow_weak_secrets()
//!     .public_url("https://mycompany.com")
//!     .build()?;
//! let headers = [("Host", "evil.example"), ("X-Forwarded-Proto", "http")]; // ignored
//! assert_eq!(
//!     verifier.public_url().url_for(&headers, "/myapp.php?foo=1&bar=2")?,
//!     "https://mycompany.com/myapp.php?foo=1&bar=2"
//! );
//! # Ok::<(), webhook_guard::Error>(())
//! ```
//!
//! [`VerifierBuilder::public_url`]: crate::VerifierBuilder::public_url
//! [`VerifierBuilder::trust_forwarded_headers`]: crate::VerifierBuilder::trust_forwarded_headers

use std::str::FromStr;

use http::uri::{Authority, Uri};

use crate::error::Error;
use crate::headers::Headers;

/// At most this many trusted proxies ([`PublicUrl::forwarded`]).
pub const MAX_PROXY_HOPS: usize = 32;

const UNSET: &str = "this provider signs the request URL and no public URL is configured: set \
                     `VerifierBuilder::public_url` to the URL registered with the provider (or \
                     `trust_forwarded_headers` behind proxies that set forwarding headers)";
const NO_PROTO: &str = "`trust_forwarded_headers`: the request carries fewer `X-Forwarded-Proto` \
                        elements than trusted proxies; does the proxy set it?";
const NO_HOST: &str = "`trust_forwarded_headers`: the request carries fewer `X-Forwarded-Host` \
                       elements than trusted proxies; does the proxy set it?";
const NO_FORWARDED: &str = "`trust_forwarded_headers`: the request carries fewer `Forwarded` \
                            elements than trusted proxies; does the proxy set it?";
const NO_FORWARDED_PROTO: &str = "`trust_forwarded_headers`: the `Forwarded` element of the \
                                  trusted proxy has no `proto=`";
const NO_FORWARDED_HOST: &str = "`trust_forwarded_headers`: the `Forwarded` element of the \
                                 trusted proxy has no `host=`";

/// Which forwarding headers your reverse proxies set, for
/// [`VerifierBuilder::trust_forwarded_headers`](crate::VerifierBuilder::trust_forwarded_headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProxyHeaders {
    /// `X-Forwarded-Proto` and `X-Forwarded-Host`, each a comma-separated list to which every
    /// proxy appends one element (or which the one proxy sets). Both are required: a proxy
    /// that passes the client's `Host` on instead of setting `X-Forwarded-Host` (AWS ALB, for
    /// one) cannot be trusted for the host — configure
    /// [`public_url`](crate::VerifierBuilder::public_url) instead.
    XForwarded,
    /// RFC 7239 `Forwarded: for=…;proto=https;host=hooks.example.com`, one element per proxy;
    /// the trusted proxy's element must carry both `proto=` and `host=`.
    Forwarded,
}

/// Where the URL a sender signed comes from; see the [module docs](self).
///
/// Set on a verifier with [`VerifierBuilder::public_url`](crate::VerifierBuilder::public_url)
/// or [`VerifierBuilder::trust_forwarded_headers`](crate::VerifierBuilder::trust_forwarded_headers),
/// read back with [`Verifier::public_url`](crate::Verifier::public_url).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PublicUrl {
    source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Source {
    #[default]
    Unset,
    /// The validated base, without a trailing `/`.
    Fixed(Box<str>),
    Forwarded {
        headers: ProxyHeaders,
        hops: usize,
    },
}

impl PublicUrl {
    /// Nothing configured (the default): [`PublicUrl::url_for`] fails with
    /// [`Error::InvalidConfig`].
    pub fn unset() -> Self {
        Self::default()
    }

    /// A fixed public base URL: `http` or `https`, a host (with a port if not the default),
    /// and optionally a path prefix; no user name or password, no query, no fragment. A
    /// trailing `/` is dropped. Anything else is [`Error::InvalidConfig`].
    ///
    /// The signed URL of a request is then the base followed by the request's path and query
    /// exactly as the server received them (not decoded, not normalised): with the base
    /// `https://hooks.example.com/api`, a request for `/twilio?x=1` was signed as
    /// `https://hooks.example.com/api/twilio?x=1`. The prefix is for proxies that strip a
    /// path prefix before forwarding; with none, give just the scheme and host.
    ///
    /// ```
    /// use webhook_guard::public_url::PublicUrl;
    /// let base = PublicUrl::fixed("https://hooks.example.com/api/")?;
    /// assert_eq!(base.base(), Some("https://hooks.example.com/api"));
    /// assert_eq!(base.url_for(&[("Host", "x")], "/twilio?x=1")?, "https://hooks.example.com/api/twilio?x=1");
    /// assert!(PublicUrl::fixed("hooks.example.com").is_err());
    /// # Ok::<(), webhook_guard::Error>(())
    /// ```
    pub fn fixed(base: &str) -> Result<Self, Error> {
        let invalid = |why: &'static str| Err(Error::InvalidConfig(why));
        if base.contains(['?', '#']) {
            return invalid("public_url: a base URL has no query and no fragment");
        }
        let Ok(uri) = Uri::from_str(base) else {
            return invalid("public_url: not a URL (expected e.g. `https://hooks.example.com`)");
        };
        if !matches!(uri.scheme_str(), Some("http" | "https")) {
            return invalid("public_url: the scheme must be `https` or `http`");
        }
        let Some(authority) = uri.authority() else {
            return invalid("public_url: the URL has no host");
        };
        if authority.as_str().contains('@') {
            return invalid("public_url: a user name or password is not allowed");
        }
        if authority.host().is_empty() {
            return invalid("public_url: the URL has no host");
        }
        Ok(Self {
            source: Source::Fixed(base.trim_end_matches('/').into()),
        })
    }

    /// The scheme and host from the forwarding headers your reverse proxies set: `hops` is how
    /// many proxies in front of this server each append one element (1 for a single proxy).
    /// The element read is the `hops`-th from the right: the one the outermost of your proxies
    /// wrote, never one the client sent. A request with fewer elements is refused as
    /// misconfigured ([`Error::InvalidConfig`]); a proxy-written value that is not `http`/
    /// `https` or not a `host[:port]` is [`Error::MalformedHeader`].
    ///
    /// Only sound when every request reaches this server through those proxies: a client that
    /// can connect directly writes the headers itself. `hops` must be 1 to
    /// [`MAX_PROXY_HOPS`].
    ///
    /// ```
    /// use webhook_guard::public_url::{ProxyHeaders, PublicUrl};
    /// let proxied = PublicUrl::forwarded(ProxyHeaders::XForwarded, 1)?;
    /// let headers = [
    ///     ("X-Forwarded-Proto", "http, https"),                         // the client's, then the proxy's
    ///     ("X-Forwarded-Host", "staging.example.com, hooks.example.com"),
    /// ];
    /// assert_eq!(proxied.url_for(&headers, "/twilio")?, "https://hooks.example.com/twilio");
    /// # Ok::<(), webhook_guard::Error>(())
    /// ```
    pub fn forwarded(headers: ProxyHeaders, hops: usize) -> Result<Self, Error> {
        if hops == 0 || hops > MAX_PROXY_HOPS {
            return Err(Error::InvalidConfig(
                "trust_forwarded_headers: the number of proxies must be 1 to 32",
            ));
        }
        Ok(Self {
            source: Source::Forwarded { headers, hops },
        })
    }

    /// `true` unless nothing is configured.
    pub fn is_configured(&self) -> bool {
        !matches!(self.source, Source::Unset)
    }

    /// The fixed base URL, without a trailing `/`, if that is what is configured.
    pub fn base(&self) -> Option<&str> {
        match &self.source {
            Source::Fixed(base) => Some(base),
            _ => None,
        }
    }

    /// The trusted forwarding headers and the number of proxies, if that is what is
    /// configured.
    pub fn trusted_proxies(&self) -> Option<(ProxyHeaders, usize)> {
        match self.source {
            Source::Forwarded { headers, hops } => Some((headers, hops)),
            _ => None,
        }
    }

    /// The full URL a request for `path_and_query` (as received: `/hooks/twilio?x=1`) was
    /// signed for: the fixed base, or the trusted proxies' scheme and host, followed by
    /// `path_and_query` (`/` when empty). `headers` are read only with
    /// [`PublicUrl::forwarded`]; the `Host` header is never read.
    ///
    /// Errors: [`Error::InvalidConfig`] when nothing is configured or the trusted proxies'
    /// headers are missing; [`Error::MalformedHeader`] when their value is not usable.
    pub fn url_for(&self, headers: &dyn Headers, path_and_query: &str) -> Result<String, Error> {
        let path_and_query = if path_and_query.is_empty() {
            "/"
        } else {
            path_and_query
        };
        match &self.source {
            Source::Unset => Err(Error::InvalidConfig(UNSET)),
            Source::Fixed(base) => Ok(format!("{base}{path_and_query}")),
            Source::Forwarded {
                headers: kind,
                hops,
            } => {
                let (scheme, host) = match kind {
                    ProxyHeaders::XForwarded => {
                        let proto = nth_from_right(headers, "x-forwarded-proto", *hops)
                            .ok_or(Error::InvalidConfig(NO_PROTO))?;
                        let host = nth_from_right(headers, "x-forwarded-host", *hops)
                            .ok_or(Error::InvalidConfig(NO_HOST))?;
                        let scheme = scheme(&proto, "X-Forwarded-Proto")?;
                        host_port(&host, "X-Forwarded-Host")?;
                        (scheme, host)
                    }
                    ProxyHeaders::Forwarded => {
                        let element = nth_from_right(headers, "forwarded", *hops)
                            .ok_or(Error::InvalidConfig(NO_FORWARDED))?;
                        let proto = forwarded_param(&element, "proto")
                            .ok_or(Error::InvalidConfig(NO_FORWARDED_PROTO))?;
                        let host = forwarded_param(&element, "host")
                            .ok_or(Error::InvalidConfig(NO_FORWARDED_HOST))?;
                        let scheme = scheme(proto, "Forwarded")?;
                        host_port(host, "Forwarded")?;
                        (scheme, host.to_owned())
                    }
                };
                Ok(format!("{scheme}://{host}{path_and_query}"))
            }
        }
    }
}

/// The `n`-th (1-based) comma-separated element from the right, over every line of header
/// `name` in order, trimmed (bytes that are not UTF-8 become U+FFFD, which no check accepts);
/// `None` when there are fewer than `n`. Elements are split naively on `,`: a client's quoted
/// comma or stray quote can only add elements on the left, never move the proxies' ones.
fn nth_from_right(headers: &dyn Headers, name: &str, n: usize) -> Option<String> {
    let mut total = 0usize;
    headers.for_each_value(name, &mut |value| {
        total = total.saturating_add(value.split(|b| *b == b',').count());
    });
    let index = total.checked_sub(n)?;
    let mut seen = 0usize;
    let mut found = None;
    headers.for_each_value(name, &mut |value| {
        for element in value.split(|b| *b == b',') {
            if seen == index {
                found = Some(String::from_utf8_lossy(element).trim().to_owned());
            }
            seen = seen.saturating_add(1);
        }
    });
    found
}

/// The value of `key=` in one `Forwarded` element (`for=a;proto=https;host="h:1"`), unquoted.
fn forwarded_param<'a>(element: &'a str, key: &str) -> Option<&'a str> {
    element.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"'))
    })
}

fn scheme(value: &str, header: &'static str) -> Result<&'static str, Error> {
    if value.eq_ignore_ascii_case("https") {
        Ok("https")
    } else if value.eq_ignore_ascii_case("http") {
        Ok("http")
    } else {
        Err(Error::malformed(
            header,
            "the trusted proxy's scheme is not http or https",
        ))
    }
}

/// Checks that a proxy-written host is a plain `host[:port]`.
fn host_port(value: &str, header: &'static str) -> Result<(), Error> {
    let ok = !value.is_empty()
        && !value.contains('@')
        && Authority::from_str(value).is_ok_and(|a| !a.host().is_empty());
    if ok {
        Ok(())
    } else {
        Err(Error::malformed(
            header,
            "the trusted proxy's host is not a host[:port]",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_bases_are_validated() {
        for good in [
            "https://hooks.example.com",
            "https://hooks.example.com/",
            "http://127.0.0.1:8080",
            "https://[::1]:8443/api/",
            "https://hooks.example.com/a/b",
        ] {
            assert!(PublicUrl::fixed(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "/hooks",
            "hooks.example.com",
            "hooks.example.com:443",
            "ftp://hooks.example.com",
            "https://",
            "https://user:pw@hooks.example.com",
            "https://hooks.example.com/?a=1",
            "https://hooks.example.com/#f",
            "https://hooks example.com",
            " https://hooks.example.com",
        ] {
            let err = PublicUrl::fixed(bad).unwrap_err();
            assert_eq!(err.kind(), "invalid_config", "{bad}");
        }
        let base = PublicUrl::fixed("https://h.example/api//").unwrap();
        assert_eq!(base.base(), Some("https://h.example/api"));
        assert!(base.is_configured());
        assert_eq!(base.trusted_proxies(), None);
    }

    #[test]
    fn fixed_bases_ignore_every_header() {
        let base = PublicUrl::fixed("https://hooks.example.com").unwrap();
        let spoof = [
            ("Host", "staging.example.com"),
            ("X-Forwarded-Proto", "http"),
            ("X-Forwarded-Host", "staging.example.com"),
            ("Forwarded", "proto=http;host=staging.example.com"),
        ];
        assert_eq!(
            base.url_for(&spoof, "/t?a=%20b").unwrap(),
            "https://hooks.example.com/t?a=%20b"
        );
        assert_eq!(
            base.url_for(&spoof, "").unwrap(),
            "https://hooks.example.com/"
        );
    }

    #[test]
    fn unset_is_a_config_error() {
        let none: [(&str, &str); 0] = [];
        let err = PublicUrl::unset().url_for(&none, "/").unwrap_err();
        assert_eq!(err, Error::InvalidConfig(UNSET));
        assert!(!PublicUrl::default().is_configured());
    }

    #[test]
    fn x_forwarded_takes_the_proxies_elements() {
        let one = PublicUrl::forwarded(ProxyHeaders::XForwarded, 1).unwrap();
        let two = PublicUrl::forwarded(ProxyHeaders::XForwarded, 2).unwrap();
        assert_eq!(one.trusted_proxies(), Some((ProxyHeaders::XForwarded, 1)));
        let headers = [
            ("X-Forwarded-Proto", "http, HTTPS"),
            ("X-Forwarded-Host", "evil.example, hooks.example.com:8443"),
        ];
        assert_eq!(
            one.url_for(&headers, "/a").unwrap(),
            "https://hooks.example.com:8443/a"
        );
        assert_eq!(
            two.url_for(&headers, "/a").unwrap(),
            "http://evil.example/a"
        );
        // Several header lines count in order.
        let lines = [
            ("X-Forwarded-Proto", "http"),
            ("X-Forwarded-Proto", "https"),
            ("X-Forwarded-Host", "evil.example"),
            ("X-Forwarded-Host", "hooks.example.com"),
        ];
        assert_eq!(
            one.url_for(&lines, "/a").unwrap(),
            "https://hooks.example.com/a"
        );
        // Too few elements, or none: the proxy is not doing what the setting says.
        let short = [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "h")];
        assert_eq!(
            two.url_for(&short, "/").unwrap_err(),
            Error::InvalidConfig(NO_PROTO)
        );
        let no_host = [("X-Forwarded-Proto", "https"), ("Host", "h")];
        assert_eq!(
            one.url_for(&no_host, "/").unwrap_err(),
            Error::InvalidConfig(NO_HOST)
        );
        // The proxy's own values must make sense.
        for (proto, host) in [
            ("ftp", "h"),
            ("", "h"),
            ("https", ""),
            ("https", "u@h"),
            ("https", "h/x"),
            ("https", "h x"),
        ] {
            let headers = [("X-Forwarded-Proto", proto), ("X-Forwarded-Host", host)];
            assert_eq!(
                one.url_for(&headers, "/").unwrap_err().kind(),
                "malformed_header",
                "{proto} {host}"
            );
        }
    }

    #[test]
    fn forwarded_takes_the_proxies_element() {
        let one = PublicUrl::forwarded(ProxyHeaders::Forwarded, 1).unwrap();
        let headers = [(
            "Forwarded",
            r#"for=6.6.6.6;proto=http;host=evil.example, for=192.0.2.1;Proto=https;HOST="hooks.example.com:8443""#,
        )];
        assert_eq!(
            one.url_for(&headers, "/x?y").unwrap(),
            "https://hooks.example.com:8443/x?y"
        );
        // An unbalanced quote from the client cannot swallow the proxy's element.
        let hostile = [
            ("Forwarded", r#"host="evil.example"#),
            ("Forwarded", "proto=https;host=hooks.example.com"),
        ];
        assert_eq!(
            one.url_for(&hostile, "/").unwrap(),
            "https://hooks.example.com/"
        );
        let no_host = [("Forwarded", "host=evil.example, for=1.2.3.4;proto=https")];
        assert_eq!(
            one.url_for(&no_host, "/").unwrap_err(),
            Error::InvalidConfig(NO_FORWARDED_HOST)
        );
        let none: [(&str, &str); 0] = [];
        assert_eq!(
            one.url_for(&none, "/").unwrap_err(),
            Error::InvalidConfig(NO_FORWARDED)
        );
        let x_forwarded_only = [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "h")];
        assert!(one.url_for(&x_forwarded_only, "/").is_err());
    }

    #[test]
    fn hop_counts_are_bounded() {
        assert!(PublicUrl::forwarded(ProxyHeaders::XForwarded, 0).is_err());
        assert!(PublicUrl::forwarded(ProxyHeaders::XForwarded, MAX_PROXY_HOPS).is_ok());
        assert!(PublicUrl::forwarded(ProxyHeaders::Forwarded, MAX_PROXY_HOPS + 1).is_err());
    }
}
