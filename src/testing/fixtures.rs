//! Realistic sample deliveries, per provider and event, bundled for the test kit
//! ([`crate::testing::TestDelivery::fixture`]) and the CLI (`webhook-guard fixtures`,
//! `webhook-guard send --fixture NAME`), like `stripe trigger`.
//!
//! GitHub's come from octokit/webhooks' payload examples, Stripe's are events of the shape
//! Stripe's API renders, Slack's follow Slack's documentation (the slash command is the body of
//! Slack's published signing example). The other providers with typed events have one or two
//! each, of the shapes their documentation shows: Shopify (`orders/create`, `customers/redact`),
//! Standard Webhooks (`contact.created`, the spec's example), Twitch (`channel.follow`,
//! `webhook_callback_verification`), Zoom (`meeting.started`, `endpoint.url_validation`),
//! Linear (`Issue.create`), Paddle (`subscription.created`), Mailgun (`delivered`), PagerDuty
//! (`incident.triggered`), Square (`payment.created`, `webhooks.test_notification`), Discord
//! (`PING`, `APPLICATION_COMMAND`) and SendGrid (`batch`: processed, delivered, open, click).
//!
//! Two are completed when signed, as their senders do: a Mailgun fixture is the event without
//! its `signature` block, which signing adds; a Linear fixture's `webhookTimestamp` (Linear signs
//! its timestamp inside the body) is set to the signing time.
//!
//! Meta's follow Meta's documented payloads as Meta posts them (compact, non-ASCII escaped as
//! `\uXXXX`).
//!
//! ```
//! use webhook_guard::testing::fixtures;
//! let push = fixtures::find("github", "push").unwrap();
//! assert_eq!(push.event(), Some("push"));
//! assert!(fixtures::for_provider("stripe").any(|f| f.name() == "payment_intent.succeeded"));
//! ```

/// One bundled sample delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixture {
    provider: &'static str,
    name: &'static str,
    event: Option<&'static str>,
    body: &'static [u8],
    content_type: &'static str,
}

impl Fixture {
    /// The provider's module name (`"github"`).
    pub fn provider(&self) -> &'static str {
        self.provider
    }

    /// The fixture's name: the event and, where the provider has them, the action
    /// (`"pull_request.opened"`, `"payment_intent.succeeded"`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The event name for schemes that send it in a header (GitHub's `X-GitHub-Event`).
    pub fn event(&self) -> Option<&'static str> {
        self.event
    }

    /// The body, exactly as the sender would post it.
    pub fn body(&self) -> &'static [u8] {
        self.body
    }

    /// The body's `Content-Type`.
    pub fn content_type(&self) -> &'static str {
        self.content_type
    }
}

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

macro_rules! github {
    ($($name:literal => $event:literal, $file:literal;)*) => {
        [$(Fixture {
            provider: "github",
            name: $name,
            event: Some($event),
            body: include_bytes!(concat!("../../tests/fixtures/github/", $event, "/", $file)),
            content_type: JSON,
        },)*]
    };
}

macro_rules! stripe {
    ($($name:literal),* $(,)?) => {
        [$(Fixture {
            provider: "stripe",
            name: $name,
            event: None,
            body: include_bytes!(concat!("../../tests/fixtures/stripe/", $name, ".json")),
            content_type: JSON,
        },)*]
    };
}

const GITHUB: [Fixture; 10] = github! {
    "ping" => "ping", "payload.json";
    "push" => "push", "payload.json";
    "pull_request.opened" => "pull_request", "opened.payload.json";
    "pull_request.closed" => "pull_request", "closed.payload.json";
    "issues.opened" => "issues", "opened.payload.json";
    "issue_comment.created" => "issue_comment", "created.payload.json";
    "release.published" => "release", "published.payload.json";
    "star.created" => "star", "created.payload.json";
    "workflow_run.completed" => "workflow_run", "completed.payload.json";
    "check_run.completed" => "check_run", "completed.payload.json";
};

const STRIPE: [Fixture; 6] = stripe![
    "charge.succeeded",
    "checkout.session.completed",
    "customer.created",
    "customer.subscription.updated",
    "invoice.paid",
    "payment_intent.succeeded",
];

const SLACK: [Fixture; 4] = [
    Fixture {
        provider: "slack",
        name: "app_mention",
        event: None,
        body: include_bytes!("fixtures/slack/app_mention.json"),
        content_type: JSON,
    },
    Fixture {
        provider: "slack",
        name: "reaction_added",
        event: None,
        body: include_bytes!("fixtures/slack/reaction_added.json"),
        content_type: JSON,
    },
    Fixture {
        provider: "slack",
        name: "url_verification",
        event: None,
        body: include_bytes!("fixtures/slack/url_verification.json"),
        content_type: JSON,
    },
    Fixture {
        provider: "slack",
        name: "slash_command",
        event: None,
        body: include_bytes!("fixtures/slack/slash_command.form"),
        content_type: FORM,
    },
];

/// A JSON fixture of `provider` under `src/testing/fixtures/`.
const fn json(
    provider: &'static str,
    name: &'static str,
    event: Option<&'static str>,
    body: &'static [u8],
) -> Fixture {
    Fixture {
        provider,
        name,
        event,
        body,
        content_type: JSON,
    }
}

/// The other providers with typed events: bodies of the shapes their documentation shows.
const MORE: &[Fixture] = &[
    json(
        "shopify",
        "orders/create",
        Some("orders/create"),
        include_bytes!("fixtures/shopify/orders_create.json"),
    ),
    json(
        "shopify",
        "customers/redact",
        Some("customers/redact"),
        include_bytes!("fixtures/shopify/customers_redact.json"),
    ),
    json(
        "standard",
        "contact.created",
        None,
        include_bytes!("fixtures/standard/contact.created.json"),
    ),
    json(
        "twitch",
        "channel.follow",
        Some("channel.follow"),
        include_bytes!("fixtures/twitch/channel.follow.json"),
    ),
    json(
        "twitch",
        "webhook_callback_verification",
        Some("webhook_callback_verification"),
        include_bytes!("fixtures/twitch/webhook_callback_verification.json"),
    ),
    json(
        "zoom",
        "meeting.started",
        None,
        include_bytes!("fixtures/zoom/meeting.started.json"),
    ),
    json(
        "zoom",
        "endpoint.url_validation",
        None,
        include_bytes!("fixtures/zoom/endpoint.url_validation.json"),
    ),
    json(
        "linear",
        "Issue.create",
        None,
        include_bytes!("fixtures/linear/Issue.create.json"),
    ),
    json(
        "paddle",
        "subscription.created",
        None,
        include_bytes!("fixtures/paddle/subscription.created.json"),
    ),
    json(
        "mailgun",
        "delivered",
        None,
        include_bytes!("fixtures/mailgun/delivered.json"),
    ),
    json(
        "pagerduty",
        "incident.triggered",
        None,
        include_bytes!("fixtures/pagerduty/incident.triggered.json"),
    ),
    json(
        "square",
        "payment.created",
        None,
        include_bytes!("fixtures/square/payment.created.json"),
    ),
    json(
        "square",
        "webhooks.test_notification",
        None,
        include_bytes!("fixtures/square/webhooks.test_notification.json"),
    ),
    json(
        "discord",
        "PING",
        None,
        include_bytes!("fixtures/discord/PING.json"),
    ),
    json(
        "discord",
        "APPLICATION_COMMAND",
        None,
        include_bytes!("fixtures/discord/APPLICATION_COMMAND.json"),
    ),
    json(
        "sendgrid",
        "batch",
        None,
        include_bytes!("fixtures/sendgrid/batch.json"),
    ),
    json(
        "meta",
        "page.feed.comment",
        None,
        include_bytes!("fixtures/meta/page_feed_comment.json"),
    ),
    json(
        "meta",
        "page.messaging.message",
        None,
        include_bytes!("fixtures/meta/messenger_message.json"),
    ),
    json(
        "meta",
        "instagram.comments",
        None,
        include_bytes!("fixtures/meta/instagram_comments.json"),
    ),
    json(
        "meta",
        "whatsapp.messages.text",
        None,
        include_bytes!("fixtures/meta/whatsapp_text.json"),
    ),
    json(
        "meta",
        "whatsapp.messages.interactive",
        None,
        include_bytes!("fixtures/meta/whatsapp_interactive_button_reply.json"),
    ),
    json(
        "meta",
        "whatsapp.statuses.failed",
        None,
        include_bytes!("fixtures/meta/whatsapp_status_failed.json"),
    ),
];

/// Every bundled fixture, by provider.
pub fn all() -> impl Iterator<Item = &'static Fixture> {
    GITHUB.iter().chain(&STRIPE).chain(&SLACK).chain(MORE)
}

/// The fixtures of `provider` (its module name).
pub fn for_provider(provider: &str) -> impl Iterator<Item = &'static Fixture> + '_ {
    all().filter(move |f| f.provider == provider)
}

/// The fixture `name` of `provider`.
pub fn find(provider: &str, name: &str) -> Option<&'static Fixture> {
    for_provider(provider).find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_bodies_parse() {
        let mut seen = std::collections::HashSet::new();
        for f in all() {
            assert!(
                seen.insert((f.provider, f.name)),
                "{} {}",
                f.provider,
                f.name
            );
            assert!(!f.body.is_empty());
            if f.content_type == JSON {
                let value: serde_json::Value = serde_json::from_slice(f.body).unwrap();
                // SendGrid posts a batch (an array); every other sender an object.
                assert_eq!(value.is_array(), f.provider == "sendgrid", "{}", f.name);
                assert!(value.is_object() || value.is_array(), "{}", f.name);
            }
        }
        assert!(find("github", "push").is_some());
        assert!(find("github", "nope").is_none());
        assert_eq!(for_provider("slack").count(), 4);
    }

    #[cfg(feature = "github")]
    #[test]
    fn github_fixtures_parse_into_their_typed_variants() {
        for f in for_provider("github") {
            let event = crate::events::github::Event::parse(f.event.unwrap(), f.body).unwrap();
            assert_eq!(event.name(), f.event.unwrap());
        }
    }

    #[cfg(feature = "meta")]
    #[test]
    fn meta_fixtures_parse_into_the_variant_of_their_object() {
        use crate::events::TypedEvent;
        assert_eq!(for_provider("meta").count(), 6);
        for f in for_provider("meta") {
            let event = crate::events::meta::parse(f.body).unwrap();
            let object = f.name.split('.').next().unwrap_or_default();
            let expected = match object {
                "page" => "meta::Event::Page",
                "instagram" => "meta::Event::Instagram",
                _ => "meta::Event::WhatsApp",
            };
            assert_eq!(event.variant_name(), expected, "{}", f.name);
        }
    }

    #[cfg(feature = "stripe")]
    #[test]
    fn stripe_fixtures_parse_and_are_named_by_their_type() {
        for f in for_provider("stripe") {
            let event = crate::events::stripe::Event::from_slice(f.body).unwrap();
            let value: serde_json::Value = serde_json::from_slice(f.body).unwrap();
            assert_eq!(value["type"], f.name);
            let _ = event;
        }
    }
}
