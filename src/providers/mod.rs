//! One module per sender. Each documents the exact headers it reads, its defaults, how it
//! treats the secret it is given, and offers a signer for your tests.
//!
//! The HMAC senders are presets of one [`crate::scheme::Scheme`] engine: each module's `SCHEME`
//! constant says what is signed, in which header, encoding and prefix, and where the timestamp
//! is; the module adds only what is really its own (unsigned hints such as GitHub's delivery id,
//! ids read from the body, GitHub's refusal of SHA-1-only requests). [`custom::Custom`] runs a
//! scheme you describe, or a preset you adapt, through the same engine. Standard Webhooks runs
//! its `v1` preset next to its Ed25519 `v1a` entries; Twilio (a canonical form of the URL and
//! parameters) and Mailgun (a signature inside the body) have schemes of their own.
//!
//! | module | headers read | signed content | timestamp window |
//! |---|---|---|---|
//! | [`github`] | `X-Hub-Signature-256`, `X-GitHub-Event`, `X-GitHub-Delivery` | body | none |
//! | [`stripe`] | `Stripe-Signature` | `{t}.{body}` | 300 s each way |
//! | [`slack`] | `X-Slack-Signature`, `X-Slack-Request-Timestamp` | `v0:{ts}:{body}` | 300 s each way |
//! | [`shopify`] | `X-Shopify-Hmac-Sha256`, `X-Shopify-Topic`, `X-Shopify-Webhook-Id`, `X-Shopify-Event-Id`, or their lower-case `shopify-*` twins (Events deliveries; equal when both are sent) | body | none |
//! | [`standard`] | `webhook-id`, `webhook-timestamp`, `webhook-signature` (or `svix-*`) | `{id}.{ts}.{body}` | 300 s each way |
//! | [`twilio`] | `X-Twilio-Signature`, `I-Twilio-Idempotency-Token`; the request URL | URL + sorted form params, or URL with `bodySHA256` (JSON) | none |
//! | [`square`] | `x-square-hmacsha256-signature`; the request URL | `{url}{body}` | none |
//! | [`twitch`] | `Twitch-Eventsub-Message-{Signature,Id,Timestamp,Type}`, `Twitch-Eventsub-Subscription-Type` | `{id}{ts}{body}` | 600 s each way |
//! | [`zoom`] | `x-zm-signature`, `x-zm-request-timestamp` | `v0:{ts}:{body}` | 300 s each way |
//! | [`linear`] | `Linear-Signature`, `Linear-Delivery`, `Linear-Event`; body `webhookTimestamp` | body | 60 s each way |
//! | [`paddle`] | `Paddle-Signature` | `{ts}:{body}` | 5 s each way |
//! | [`mailgun`] | none: body `signature` block (JSON) or `timestamp`/`token`/`signature` fields (form) | `{timestamp}{token}` | 900 s past, 300 s ahead |
//! | [`hubspot`] | `X-HubSpot-Signature-v3`, `X-HubSpot-Request-Timestamp`; the request method and URL | `{METHOD}{URI}{body}{ts}` | 300 s each way |
//! | [`discord`] | `X-Signature-Ed25519`, `X-Signature-Timestamp` | `{ts}{body}` (Ed25519) | 300 s each way (ours; Discord's SDKs: none) |
//! | [`sendgrid`] | `X-Twilio-Email-Event-Webhook-Signature`, `…-Timestamp` | `{ts}{body}` (ECDSA P-256) | none |
//! | [`gitlab`] | `webhook-signature`, `webhook-id`, `webhook-timestamp` (signed mode) or `X-Gitlab-Token` (token mode); `X-Gitlab-Event`; `Idempotency-Key`, `X-Gitlab-Webhook-UUID`, `X-Gitlab-Event-UUID` (token-mode id) | `{id}.{ts}.{body}` (signed mode); nothing (token mode) | 300 s each way (signed mode); none |
//! | [`intercom`] | `X-Hub-Signature` (`sha1=`) | body | none |
//! | [`lemonsqueezy`] | `X-Signature`, `X-Event-Name` | body | none |
//! | [`typeform`] | `Typeform-Signature` (`sha256=`, base64) | body | none |
//! | [`calendly`] | `Calendly-Webhook-Signature` | `{t}.{body}` | 180 s each way (assumed) |
//! | [`pagerduty`] | `X-PagerDuty-Signature` (`v1=` list) | body | none |
//! | [`bitbucket`] | `X-Hub-Signature` (`sha256=`), `X-Event-Key`, `X-Request-UUID` / `X-Request-Id` | body | none |
//! | [`clerk`] | `svix-id`, `svix-timestamp`, `svix-signature` (or `webhook-*`) | `{id}.{ts}.{body}` | 300 s each way |
//! | [`resend`] | `svix-id`, `svix-timestamp`, `svix-signature` (or `webhook-*`) | `{id}.{ts}.{body}` | 300 s each way |
//! | [`dropbox`] | `X-Dropbox-Signature`; endpoint check `GET ?challenge=` | body | none |
//! | [`okta`] | `Authorization` (or the header you chose; the secret as is, no signature); endpoint check `GET` + `X-Okta-Verification-Challenge` | nothing | none |
//! | [`msgraph`] | none: `clientState` in every body item (no signature); endpoint check `POST ?validationToken=` | nothing | none |
//! | [`custom`] | chosen by you | chosen by you ([`custom::Part`]) | chosen by you (300 s each way by default) |

pub mod bitbucket;
pub mod calendly;
pub mod clerk;
pub mod custom;
#[cfg(feature = "ed25519")]
#[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
pub mod discord;
pub mod dropbox;
pub mod github;
pub mod gitlab;
pub mod hubspot;
pub mod intercom;
pub mod lemonsqueezy;
pub mod linear;
pub mod mailgun;
pub mod msgraph;
pub mod okta;
pub mod paddle;
pub mod pagerduty;
pub mod resend;
#[cfg(feature = "p256")]
#[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
pub mod sendgrid;
pub mod shopify;
pub mod slack;
pub mod square;
pub mod standard;
pub mod stripe;
pub mod twilio;
#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
pub mod twitch;
pub mod typeform;
pub mod zoom;

pub(crate) mod scan;
mod svix_preset;
pub(crate) mod util;
