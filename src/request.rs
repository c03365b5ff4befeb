//! [`WebhookRequest`]: what a verifier looks at.

use crate::error::Error;
use crate::headers::Headers;

/// One incoming webhook request, borrowed: its headers, the exact body bytes received and, for
/// schemes that sign them, the method and the full URL as the sender addressed it.
///
/// ```
/// use webhook_guard::WebhookRequest;
/// let headers = [("X-Hub-Signature-256", "sha256=00")];
/// let req = WebhookRequest::new(&headers, b"{}")
///     .with_method("POST")
///     .with_url("https://example.com/hooks");
/// assert_eq!(req.body(), b"{}");
/// assert_eq!(req.url(), Some("https://example.com/hooks"));
/// ```
#[derive(Clone, Copy)]
pub struct WebhookRequest<'a> {
    headers: &'a (dyn Headers + Sync),
    body: &'a [u8],
    method: Option<&'a str>,
    url: Option<&'a str>,
    query: Option<&'a str>,
}

impl<'a> WebhookRequest<'a> {
    /// A request from its headers and raw body.
    pub fn new(headers: &'a (dyn Headers + Sync), body: &'a [u8]) -> Self {
        Self {
            headers,
            body,
            method: None,
            url: None,
            query: None,
        }
    }

    /// Sets the HTTP method (HubSpot signs it).
    #[must_use]
    pub fn with_method(mut self, method: &'a str) -> Self {
        self.method = Some(method);
        self
    }

    /// Sets the full URL the sender posted to, scheme and query included (Twilio, Square and
    /// HubSpot sign it). Behind a proxy, this is the public URL, not the local one.
    #[must_use]
    pub fn with_url(mut self, url: &'a str) -> Self {
        self.url = Some(url);
        self
    }

    /// Sets the query string as received (without the `?`), for a server that does not build
    /// the full URL: [endpoint checks](crate::Provider::endpoint_check) read their parameters
    /// from it (Meta's `hub.challenge`, Dropbox's `challenge`). Never used for a signature.
    #[must_use]
    pub fn with_query(mut self, query: &'a str) -> Self {
        self.query = Some(query);
        self
    }

    /// The query string (without the `?`): the one set by [`WebhookRequest::with_query`], else
    /// the query of [`WebhookRequest::url`], else `None`.
    ///
    /// ```
    /// use webhook_guard::WebhookRequest;
    /// let headers: [(&str, &str); 0] = [];
    /// let req = WebhookRequest::new(&headers, b"").with_url("https://example.com/h?a=1#top");
    /// assert_eq!(req.query(), Some("a=1"));
    /// ```
    pub fn query(&self) -> Option<&'a str> {
        if self.query.is_some() {
            return self.query;
        }
        let url = self.url?;
        let url = url.split_once('#').map_or(url, |(before, _)| before);
        url.split_once('?').map(|(_, query)| query)
    }

    /// The first value of query parameter `name`, form-decoded (`+` is a space, `%XX` a byte).
    /// For endpoint checks; `None` when there is no query or no such parameter.
    ///
    /// ```
    /// use webhook_guard::WebhookRequest;
    /// let headers: [(&str, &str); 0] = [];
    /// let req = WebhookRequest::new(&headers, b"").with_query("hub.mode=subscribe&hub.challenge=a%20b+c");
    /// assert_eq!(req.query_param("hub.challenge").as_deref(), Some(&b"a b c"[..]));
    /// assert_eq!(req.query_param("hub.verify_token"), None);
    /// ```
    pub fn query_param(&self, name: &str) -> Option<Vec<u8>> {
        crate::providers::scan::form_fields(self.query()?.as_bytes())
            .find(|(key, _)| crate::providers::scan::form_decode(key) == name.as_bytes())
            .map(|(_, value)| crate::providers::scan::form_decode(value))
    }

    /// The headers.
    pub fn headers(&self) -> &'a (dyn Headers + Sync) {
        self.headers
    }

    /// The exact body bytes received.
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// The HTTP method, when known.
    pub fn method(&self) -> Option<&'a str> {
        self.method
    }

    /// The full URL, when known.
    pub fn url(&self) -> Option<&'a str> {
        self.url
    }

    /// The first value of header `name`, as bytes.
    pub fn header(&self, name: &str) -> Option<&'a [u8]> {
        self.headers.get(name)
    }

    /// The first value of each header of `names`, read together ([`Headers::get_each`]: one
    /// walk of an `http::HeaderMap`); `None` for a name that is `None`.
    pub(crate) fn headers_of<const N: usize>(
        &self,
        names: [Option<&str>; N],
    ) -> [Option<&'a [u8]>; N] {
        let mut values = [None; N];
        self.headers
            .get_each(&names.map(Option::unwrap_or_default), &mut values);
        // An empty name finds nothing in an `http::HeaderMap`; other implementations are told
        // nothing about what it stands for, so what they found for it is dropped.
        for (value, name) in values.iter_mut().zip(names) {
            if name.is_none() {
                *value = None;
            }
        }
        values
    }

    /// The first value of header `name`, which the scheme requires.
    pub fn require_header(&self, name: &'static str) -> Result<&'a [u8], Error> {
        self.header(name).ok_or(Error::MissingHeader(name))
    }

    /// The first value of header `name` as text, which must be ASCII (headers are ASCII in
    /// every scheme supported; HTTP's obsolete non-ASCII `obs-text` is refused, UTF-8 or not).
    ///
    /// ```
    /// use webhook_guard::WebhookRequest;
    ///
    /// let headers = [("X-Event", "push"), ("X-Id", "caf\u{e9}")];
    /// let req = WebhookRequest::new(&headers, b"{}");
    /// assert_eq!(req.require_header_str("x-event")?, "push");
    /// assert_eq!(req.require_header_str("x-id").unwrap_err().kind(), "malformed_header");
    /// assert_eq!(req.require_header_str("x-other").unwrap_err().kind(), "missing_header");
    /// # Ok::<(), webhook_guard::Error>(())
    /// ```
    pub fn require_header_str(&self, name: &'static str) -> Result<&'a str, Error> {
        crate::providers::util::ascii(self.require_header(name)?, name)
    }
}

impl std::fmt::Debug for WebhookRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print headers, body or query: they carry signatures, customer data and, in a
        // query, an endpoint check's verify token. The URL is printed without its query.
        let url = self
            .url
            .map(|url| url.split_once('?').map_or(url, |(before, _)| before));
        f.debug_struct("WebhookRequest")
            .field("body_len", &self.body.len())
            .field("method", &self.method)
            .field("url", &url)
            .field("query_len", &self.query().map(str::len))
            .finish_non_exhaustive()
    }
}
