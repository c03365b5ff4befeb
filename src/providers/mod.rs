//! One module per sender. Each documents the exact headers it reads, its defaults, how it
//! treats the secret it is given, and offers a signer for your tests.
//!
//! | module | headers read | signed content | timestamp window |
//! |---|---|---|---|
//! | [`github`] | `X-Hub-Signature-256`, `X-GitHub-Event`, `X-GitHub-Delivery` | body | none |
//! | [`stripe`] | `Stripe-Signature` | `{t}.{body}` | 300 s each way |
//! | [`slack`] | `X-Slack-Signature`, `X-Slack-Request-Timestamp` | `v0:{ts}:{body}` | 300 s each way |
//! | [`shopify`] | `X-Shopify-Hmac-Sha256`, `X-Shopify-Topic`, `X-Shopify-Webhook-Id` | body | none |
//! | [`standard`] | `webhook-id`, `webhook-timestamp`, `webhook-signature` (or `svix-*`) | `{id}.{ts}.{body}` | 300 s each way |
//! | [`discord`] | `X-Signature-Ed25519`, `X-Signature-Timestamp` | `{ts}{body}` (Ed25519) | 300 s each way (ours; Discord's SDKs: none) |
//! | [`sendgrid`] | `X-Twilio-Email-Event-Webhook-Signature`, `…-Timestamp` | `{ts}{body}` (ECDSA P-256) | none |

pub mod discord;
pub mod github;
pub mod sendgrid;
pub mod shopify;
pub mod slack;
pub mod standard;
pub mod stripe;

mod util;
