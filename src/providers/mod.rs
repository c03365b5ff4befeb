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

pub mod github;
pub mod shopify;
pub mod slack;
pub mod standard;
pub mod stripe;

mod util;
