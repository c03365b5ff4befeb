//! [`ByName`]: a provider picked by name at run time, as a [`Provider`], so that `verify` and
//! `listen` go through the crate's [`webhook_guard::Verifier`] (and its secret checks) like any
//! receiver.

use std::borrow::Cow;

use webhook_guard::registry::{AnyProvider, ParsedEvent};
use webhook_guard::replay::ContentDigest;
use webhook_guard::{
    Delivery, Error, Handshake, Parse, Provider, Secret, Secrets, Sign, SignInput, Signed,
    Tolerance, TypedEvent, UnixTime, WebhookRequest,
};

/// A provider chosen by name, as a [`Provider`] so the integrations can use it.
pub(crate) struct ByName(pub(crate) Box<dyn AnyProvider>);

/// The parsed event of a provider chosen by name: its variant, described.
pub(crate) struct Described(ParsedEvent);

impl TypedEvent for Described {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Owned(self.0.variant.clone())
    }

    fn is_typed(&self) -> bool {
        self.0.typed
    }

    fn event_name(&self) -> Option<Cow<'_, str>> {
        self.0.event.as_deref().map(Cow::Borrowed)
    }

    fn to_json(&self) -> Option<serde_json::Value> {
        self.0.json.clone()
    }
}

impl Provider for ByName {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        self.0.default_tolerance()
    }

    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        self.0.secret_from_display(text)
    }

    fn min_secret_len(&self) -> usize {
        self.0.min_secret_len()
    }

    fn event_header(&self) -> Option<&'static str> {
        self.0.event_header()
    }

    fn signs_url(&self) -> bool {
        self.0.signs_url()
    }

    fn authenticates_body(&self) -> bool {
        self.0.authenticates_body()
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        self.0.verify(req, secrets, now, tolerance)
    }

    fn endpoint_check(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
    ) -> Option<Result<Handshake, Error>> {
        self.0.endpoint_check(req, secrets)
    }

    fn handshake(&self, delivery: &Delivery, body: &[u8], secrets: &Secrets) -> Option<Handshake> {
        self.0.handshake(delivery, body, secrets)
    }

    fn replay_id<'b>(&self, delivery: &Delivery, body: &'b [u8]) -> Option<Cow<'b, str>> {
        self.0.replay_id(delivery, body)
    }

    fn replay_content(&self, req: &WebhookRequest<'_>, digest: &mut ContentDigest) {
        self.0.replay_content(req, digest);
    }

    fn redelivery_window(&self) -> std::time::Duration {
        self.0.redelivery_window()
    }
}

impl Parse for ByName {
    type Event = Described;

    fn parse(&self, delivery: &Delivery, body: &[u8]) -> Result<Described, Error> {
        self.0.parse_described(delivery, body).map(Described)
    }
}

impl Sign for ByName {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        self.0.sign(key, message)
    }

    fn verification_key(&self, signing_key: &Secret) -> Result<Secret, Error> {
        self.0.verification_key(signing_key)
    }
}
