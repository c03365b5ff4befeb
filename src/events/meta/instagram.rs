//! `object: "instagram"`: comments, mentions and messaging of an Instagram professional
//! account.

use serde::Deserialize;
use serde_json::Value;

use crate::events::support::{nullable, string_or_number};

use super::{lenient_i64, Messaging};

/// One `entry[]` of an Instagram notification.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct InstagramEntry {
    /// The Instagram professional account id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// When, in Unix seconds (`changes`) or milliseconds (`messaging`).
    #[serde(default, deserialize_with = "lenient_i64")]
    pub time: Option<i64>,
    /// Changes (`comments`, `mentions`, …).
    #[serde(default, deserialize_with = "nullable")]
    pub changes: Vec<InstagramChange>,
    /// Messaging events (messages, postbacks, reactions, reads, referrals, …).
    #[serde(default, deserialize_with = "nullable")]
    pub messaging: Vec<Messaging>,
    /// Messaging events for another app that owns the thread (handover protocol).
    #[serde(default, deserialize_with = "nullable")]
    pub standby: Vec<Messaging>,
}

changes! {
    /// An Instagram `changes[]` item, by `field`.
    InstagramChange {
        /// A comment on one of the account's media.
        "comments" => Comments(InstagramComment),
        /// A comment on one of the account's live videos.
        "live_comments" => LiveComments(InstagramComment),
        /// The account was @mentioned in a comment or caption.
        "mentions" => Mentions(InstagramMention),
        /// A message, in the `changes[]` form of the App Dashboard's test notifications
        /// (real deliveries put messages in `messaging[]`).
        "messages" => Messages(Messaging),
    }
}

/// An Instagram user (`from` of a comment).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InstagramUser {
    /// The Instagram-scoped user id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// The username.
    pub username: Option<String>,
    /// The commenter's id as seen by the account (Instagram API with Instagram Login).
    #[serde(default, deserialize_with = "string_or_number")]
    pub self_ig_scoped_id: Option<String>,
}

/// The media a comment is on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InstagramMedia {
    /// The media id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// `FEED`, `REELS`, `STORY`, `AD`, ….
    pub media_product_type: Option<String>,
    /// For ads: the ad id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub ad_id: Option<String>,
    /// For ads: the ad title.
    pub ad_title: Option<String>,
    /// For ads: the media the ad was made from.
    #[serde(default, deserialize_with = "string_or_number")]
    pub original_media_id: Option<String>,
}

/// `field: "comments"` / `"live_comments"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InstagramComment {
    /// The comment id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// The comment's text.
    pub text: Option<String>,
    /// Who commented.
    pub from: Option<InstagramUser>,
    /// What was commented on.
    pub media: Option<InstagramMedia>,
    /// For replies: the comment replied to.
    #[serde(default, deserialize_with = "string_or_number")]
    pub parent_id: Option<String>,
}

/// `field: "mentions"`: the account was @mentioned in a comment (with `comment_id`) or a
/// caption (without).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InstagramMention {
    /// The media with the mention.
    #[serde(default, deserialize_with = "string_or_number")]
    pub media_id: Option<String>,
    /// The comment with the mention, if it is in a comment.
    #[serde(default, deserialize_with = "string_or_number")]
    pub comment_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::super::{parse, Event, MessagingEvent};
    use super::*;

    #[test]
    fn dashboard_test_message_in_changes() {
        let body = br#"{"object":"instagram","entry":[{"id":"0","time":1700000000,"changes":[{"field":"messages","value":{"sender":{"id":"12334"},"recipient":{"id":"23245"},"timestamp":"1527459824","message":{"mid":"random_mid","text":"random_text"}}}]}]}"#;
        let Event::Instagram(n) = parse(body).unwrap() else {
            panic!()
        };
        let InstagramChange::Messages(m) = &n.entry[0].changes[0] else {
            panic!()
        };
        assert_eq!(m.timestamp, Some(1_527_459_824));
        assert!(
            matches!(&m.event, MessagingEvent::Message(msg) if msg.text.as_deref() == Some("random_text"))
        );
        // A failure inside a change names the field's value.
        let bad = br#"{"object":"instagram","entry":[{"changes":[{"field":"comments","value":{"text":7}}]}]}"#;
        let e = parse(bad).unwrap_err();
        assert!(e.to_string().contains("value.text"), "{e}");
    }
}
