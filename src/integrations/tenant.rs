//! Per-tenant verifiers: pick the [`Verifier`] (and so the secrets) from the request.
//!
//! A receiver that serves many customers — each with its own webhook secret — puts a
//! [`VerifierResolver`] where a single-tenant receiver puts its [`Verifier`]: in the axum state,
//! in actix-web's `web::Data`, or in [`super::tower::WebhookLayer::with_resolver`]. The
//! extractors name it as their second type parameter: `Verified<GitHub, StaticTenants<GitHub>>`.
//!
//! The resolver runs *before* the body is read (so each tenant's body limit applies) and sees
//! only the method, path, query and headers ([`TenantRequest`]). Three ready-made resolvers take
//! the tenant id from a [`TenantKey`] (a path segment, a header or a query parameter):
//!
//! - [`StaticTenants`]: a fixed map, built at start-up;
//! - [`TenantFn`]: a synchronous function of the tenant id (an in-memory cache, a config);
//! - [`TenantLookup`]: an `async` function of the tenant id (a database, a secrets manager).
//!
//! [`BoxResolver`] erases a resolver's type, for states that must name it (a closure's type
//! cannot be written down).
//!
//! Give each tenant's verifier its own [`crate::VerifierBuilder::namespace`] when they share a
//! replay store, so that one tenant's delivery ids never collide with another's.
//!
//! ```
//! use webhook_guard::integrations::{StaticTenants, TenantKey};
//! use webhook_guard::{providers::github::GitHub, Secret, Verifier};
//!
//! let tenant = |name: &str, secret: &str| {
//!     Verifier::builder(GitHub).secret(Secret::from_text(secret)).namespace(name).build()
//! };
//! // POST /hooks/{tenant}/github: the tenant is path segment 1.
//! let tenants = StaticTenants::new(TenantKey::PathSegment(1))
//!     .with("acme", tenant("acme", "acme's webhook secret")?)
//!     .with("globex", tenant("globex", "globex's webhook secret")?);
//! assert_eq!(tenants.len(), 2);
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;

use http::StatusCode;

use crate::headers::Headers;
use crate::provider::Provider;
use crate::replay::BoxFuture;
use crate::verify::Verifier;

/// What a [`VerifierResolver`] sees of a request: everything but the body.
#[derive(Clone, Copy)]
pub struct TenantRequest<'a> {
    method: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    headers: &'a (dyn Headers + Sync),
}

impl<'a> TenantRequest<'a> {
    /// A request from its method, path (without the query), query string and headers.
    pub fn new(
        method: &'a str,
        path: &'a str,
        query: Option<&'a str>,
        headers: &'a (dyn Headers + Sync),
    ) -> Self {
        Self {
            method,
            path,
            query: query.filter(|q| !q.is_empty()),
            headers,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &'a str {
        self.method
    }

    /// The path, without the query.
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The raw query string, without the `?`.
    pub fn query(&self) -> Option<&'a str> {
        self.query
    }

    /// The headers.
    pub fn headers(&self) -> &'a (dyn Headers + Sync) {
        self.headers
    }

    /// The `index`-th non-empty segment of the path (`/hooks/acme/github`: 0 is `hooks`, 1 is
    /// `acme`), as sent (not percent-decoded).
    pub fn path_segment(&self, index: usize) -> Option<&'a str> {
        self.path.split('/').filter(|s| !s.is_empty()).nth(index)
    }

    /// Header `name` as text, trimmed; `None` when absent, empty or not UTF-8.
    pub fn header_str(&self, name: &str) -> Option<&'a str> {
        self.headers
            .get(name)
            .and_then(|v| std::str::from_utf8(v).ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The first value of query parameter `name`, percent-decoded.
    pub fn query_param(&self, name: &str) -> Option<Cow<'a, str>> {
        form_urlencoded::parse(self.query?.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The tenant id named by `key`, when present and non-empty.
    pub fn tenant_id(&self, key: &TenantKey) -> Option<Cow<'a, str>> {
        let id = match key {
            TenantKey::PathSegment(index) => self.path_segment(*index).map(Cow::Borrowed),
            TenantKey::Header(name) => self.header_str(name).map(Cow::Borrowed),
            TenantKey::Query(name) => self.query_param(name),
        };
        id.filter(|id| !id.is_empty())
    }
}

impl fmt::Debug for TenantRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Where in a request the tenant id is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TenantKey {
    /// The n-th non-empty path segment, counting from 0.
    PathSegment(usize),
    /// A request header, e.g. `X-Tenant`.
    Header(&'static str),
    /// A query parameter, e.g. `tenant` in `/hooks?tenant=acme`.
    Query(&'static str),
}

/// Why no verifier was found for a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// The request names no tenant, or one that is not known: 404.
    #[error("unknown tenant")]
    UnknownTenant,
    /// The tenant could not be looked up (database down): 503, so the sender retries.
    #[error("tenant lookup unavailable")]
    Unavailable,
}

impl ResolveError {
    /// The HTTP status to answer with.
    pub fn status(&self) -> StatusCode {
        match self {
            ResolveError::UnknownTenant => StatusCode::NOT_FOUND,
            ResolveError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// `unknown_tenant` or `tenant_unavailable`.
    pub fn kind(&self) -> &'static str {
        match self {
            ResolveError::UnknownTenant => "unknown_tenant",
            ResolveError::Unavailable => "tenant_unavailable",
        }
    }
}

/// Picks the [`Verifier`] for a request. Implemented by [`Verifier`] itself (always the same
/// one), [`StaticTenants`], [`TenantFn`] and [`TenantLookup`]; implement it for anything else.
///
/// The integrations call it once per request, before reading the body.
pub trait VerifierResolver<P: Provider>: Send + Sync + 'static {
    /// The verifier for `req`.
    fn resolve(
        &self,
        req: &TenantRequest<'_>,
    ) -> impl Future<Output = Result<Verifier<P>, ResolveError>> + Send;
}

impl<P: Provider> VerifierResolver<P> for Verifier<P> {
    fn resolve(
        &self,
        _req: &TenantRequest<'_>,
    ) -> impl Future<Output = Result<Verifier<P>, ResolveError>> + Send {
        std::future::ready(Ok(self.clone()))
    }
}

/// A fixed map from tenant id to verifier. Cheap to clone.
pub struct StaticTenants<P> {
    key: TenantKey,
    tenants: Arc<HashMap<Box<str>, Verifier<P>>>,
}

impl<P> Clone for StaticTenants<P> {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            tenants: Arc::clone(&self.tenants),
        }
    }
}

impl<P: Provider> StaticTenants<P> {
    /// No tenants yet; the tenant id is read from `key`.
    pub fn new(key: TenantKey) -> Self {
        Self {
            key,
            tenants: Arc::new(HashMap::new()),
        }
    }

    /// Adds (or replaces) tenant `id`.
    pub fn with(mut self, id: &str, verifier: Verifier<P>) -> Self {
        Arc::make_mut(&mut self.tenants).insert(id.into(), verifier);
        self
    }

    /// The verifier of tenant `id`.
    pub fn get(&self, id: &str) -> Option<&Verifier<P>> {
        self.tenants.get(id)
    }

    /// Number of tenants.
    pub fn len(&self) -> usize {
        self.tenants.len()
    }

    /// `true` when there are no tenants.
    pub fn is_empty(&self) -> bool {
        self.tenants.is_empty()
    }
}

impl<P: Provider> VerifierResolver<P> for StaticTenants<P> {
    fn resolve(
        &self,
        req: &TenantRequest<'_>,
    ) -> impl Future<Output = Result<Verifier<P>, ResolveError>> + Send {
        let found = req
            .tenant_id(&self.key)
            .and_then(|id| self.tenants.get(id.as_ref()).cloned())
            .ok_or(ResolveError::UnknownTenant);
        std::future::ready(found)
    }
}

impl<P: Provider> fmt::Debug for StaticTenants<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaticTenants")
            .field("key", &self.key)
            .field("tenants", &self.tenants.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A synchronous function from tenant id to verifier (`None`: unknown tenant). Cheap to clone.
///
/// ```
/// use webhook_guard::integrations::{TenantFn, TenantKey};
/// use webhook_guard::{providers::stripe::Stripe, Verifier};
///
/// let resolver = TenantFn::new(TenantKey::Header("X-Tenant"), |id: &str| -> Option<Verifier<Stripe>> {
///     let _ = id; // look the tenant up in a cache
///     None
/// });
/// # let _ = resolver;
/// ```
pub struct TenantFn<F> {
    key: TenantKey,
    f: Arc<F>,
}

impl<F> TenantFn<F> {
    /// Reads the tenant id from `key` and calls `f` with it.
    pub fn new(key: TenantKey, f: F) -> Self {
        Self {
            key,
            f: Arc::new(f),
        }
    }
}

impl<F> Clone for TenantFn<F> {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            f: Arc::clone(&self.f),
        }
    }
}

impl<F> fmt::Debug for TenantFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantFn")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl<P, F> VerifierResolver<P> for TenantFn<F>
where
    P: Provider,
    F: Fn(&str) -> Option<Verifier<P>> + Send + Sync + 'static,
{
    fn resolve(
        &self,
        req: &TenantRequest<'_>,
    ) -> impl Future<Output = Result<Verifier<P>, ResolveError>> + Send {
        let found = req
            .tenant_id(&self.key)
            .and_then(|id| (self.f)(&id))
            .ok_or(ResolveError::UnknownTenant);
        std::future::ready(found)
    }
}

/// An `async` function from tenant id to verifier, for tenants kept in a database or a secrets
/// manager. Cache verifiers where lookups are slow: one runs for every request. Cheap to clone.
///
/// ```
/// use webhook_guard::integrations::{ResolveError, TenantKey, TenantLookup};
/// use webhook_guard::{providers::github::GitHub, Secret, Verifier};
///
/// let resolver = TenantLookup::new(TenantKey::Query("tenant"), |id: String| async move {
///     // e.g. `SELECT secret FROM tenants WHERE id = $1`
///     let secret = match id.as_str() {
///         "acme" => "acme's webhook secret",
///         _ => return Err(ResolveError::UnknownTenant),
///     };
///     Verifier::builder(GitHub)
///         .secret(Secret::from_text(secret))
///         .namespace(&id)
///         .build()
///         .map_err(|_| ResolveError::Unavailable)
/// });
/// # let _ = resolver;
/// ```
pub struct TenantLookup<F> {
    key: TenantKey,
    f: Arc<F>,
}

impl<F> TenantLookup<F> {
    /// Reads the tenant id from `key` and awaits `f` with it.
    pub fn new(key: TenantKey, f: F) -> Self {
        Self {
            key,
            f: Arc::new(f),
        }
    }
}

impl<F> Clone for TenantLookup<F> {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            f: Arc::clone(&self.f),
        }
    }
}

impl<F> fmt::Debug for TenantLookup<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantLookup")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl<P, F, Fut> VerifierResolver<P> for TenantLookup<F>
where
    P: Provider,
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Verifier<P>, ResolveError>> + Send,
{
    fn resolve(
        &self,
        req: &TenantRequest<'_>,
    ) -> impl Future<Output = Result<Verifier<P>, ResolveError>> + Send {
        let lookup = req.tenant_id(&self.key).map(|id| (self.f)(id.into_owned()));
        async move {
            match lookup {
                Some(lookup) => lookup.await,
                None => Err(ResolveError::UnknownTenant),
            }
        }
    }
}

/// Object-safe form of [`VerifierResolver`], behind [`BoxResolver`].
trait ErasedResolver<P>: Send + Sync + 'static {
    fn resolve_boxed<'a, 'b: 'a>(
        &'a self,
        req: &'a TenantRequest<'b>,
    ) -> BoxFuture<'a, Result<Verifier<P>, ResolveError>>;
}

impl<P: Provider, R: VerifierResolver<P>> ErasedResolver<P> for R {
    fn resolve_boxed<'a, 'b: 'a>(
        &'a self,
        req: &'a TenantRequest<'b>,
    ) -> BoxFuture<'a, Result<Verifier<P>, ResolveError>> {
        Box::pin(self.resolve(req))
    }
}

/// Any [`VerifierResolver`], with its type erased: a type you can name in your state even when
/// the resolver holds a closure. Costs one allocation per request. Cheap to clone.
///
/// ```
/// use webhook_guard::integrations::{BoxResolver, ResolveError, TenantKey, TenantLookup};
/// use webhook_guard::{providers::github::GitHub, Verifier};
///
/// #[derive(Clone)]
/// struct AppState {
///     github: BoxResolver<GitHub>, // extract with `Verified<GitHub, BoxResolver<GitHub>>`
/// }
/// let state = AppState {
///     github: BoxResolver::new(TenantLookup::new(TenantKey::Header("X-Tenant"), |_id: String| async {
///         Err::<Verifier<GitHub>, _>(ResolveError::UnknownTenant)
///     })),
/// };
/// # let _ = state;
/// ```
pub struct BoxResolver<P> {
    inner: Arc<dyn ErasedResolver<P>>,
}

impl<P: Provider> BoxResolver<P> {
    /// Erases `resolver`'s type.
    pub fn new(resolver: impl VerifierResolver<P>) -> Self {
        Self {
            inner: Arc::new(resolver),
        }
    }
}

impl<P> Clone for BoxResolver<P> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<P> fmt::Debug for BoxResolver<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoxResolver").finish_non_exhaustive()
    }
}

impl<P: Provider> VerifierResolver<P> for BoxResolver<P> {
    async fn resolve(&self, req: &TenantRequest<'_>) -> Result<Verifier<P>, ResolveError> {
        self.inner.resolve_boxed(req).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::github::GitHub;
    use crate::Secret;

    fn verifier(secret: &str) -> Verifier<GitHub> {
        Verifier::builder(GitHub)
            .secret(Secret::from_text(&secret.repeat(16)))
            .namespace(secret)
            .build()
            .unwrap()
    }

    fn block_on<F: Future>(f: F) -> F::Output {
        // The futures here are ready on first poll.
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(v) => v,
            std::task::Poll::Pending => panic!("not ready"),
        }
    }

    #[test]
    fn tenant_ids_from_path_header_and_query() {
        let headers = [("X-Tenant", " acme ")];
        let req = TenantRequest::new(
            "POST",
            "/hooks//globex/github",
            Some("t=in%20itech&x"),
            &headers,
        );
        assert_eq!(
            req.tenant_id(&TenantKey::PathSegment(1)).as_deref(),
            Some("globex")
        );
        assert_eq!(req.tenant_id(&TenantKey::PathSegment(9)), None);
        assert_eq!(
            req.tenant_id(&TenantKey::Header("x-tenant")).as_deref(),
            Some("acme")
        );
        assert_eq!(
            req.tenant_id(&TenantKey::Query("t")).as_deref(),
            Some("in itech")
        );
        assert_eq!(req.tenant_id(&TenantKey::Query("x")), None);
    }

    #[test]
    fn resolvers_find_known_tenants_only() {
        let tenants = StaticTenants::new(TenantKey::PathSegment(1))
            .with("acme", verifier("a"))
            .with("globex", verifier("g"));
        let none: [(&str, &str); 0] = [];
        let req = TenantRequest::new("POST", "/hooks/acme", None, &none);
        let found = block_on(tenants.resolve(&req)).unwrap();
        let signed = crate::Delivery::new("github").with_signed_id("1", crate::IdSource::Body);
        assert_eq!(
            found.replay_key(&signed, &crate::WebhookRequest::new(&none, b"")),
            "a:github:id:1"
        );
        let req = TenantRequest::new("POST", "/hooks/initech", None, &none);
        assert_eq!(
            block_on(tenants.resolve(&req)).unwrap_err(),
            ResolveError::UnknownTenant
        );

        let by_fn = TenantFn::new(TenantKey::PathSegment(1), |id: &str| {
            (id == "acme").then(|| verifier("a"))
        });
        let req = TenantRequest::new("POST", "/hooks/acme", None, &none);
        assert!(block_on(by_fn.resolve(&req)).is_ok());

        let lookup = TenantLookup::new(TenantKey::PathSegment(1), |id: String| async move {
            if id == "down" {
                Err(ResolveError::Unavailable)
            } else {
                Ok(verifier("x"))
            }
        });
        let req = TenantRequest::new("POST", "/hooks/down", None, &none);
        assert_eq!(
            block_on(lookup.resolve(&req)).unwrap_err().status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        let req = TenantRequest::new("POST", "/hooks", None, &none);
        assert_eq!(
            block_on(lookup.resolve(&req)).unwrap_err().status(),
            StatusCode::NOT_FOUND
        );
    }
}
