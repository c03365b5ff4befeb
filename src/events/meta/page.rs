//! `object: "page"`: Page changes (`feed`, `mention`) and Messenger events.

use crate::events::support::string_enum;
use serde::Deserialize;
use serde_json::Value;

use crate::events::support::{lenient_bool, nullable, string_or_number};

use super::{lenient_i64, Messaging};

/// One `entry[]` of a Page notification.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PageEntry {
    /// The Page id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// When the change happened: Unix seconds for `changes`, milliseconds for `messaging`.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub time: Option<i64>,
    /// Changes to the Page (`feed`, `mention`, …).
    #[serde(default, deserialize_with = "nullable")]
    pub changes: Vec<PageChange>,
    /// Messenger events for the Page.
    #[serde(default, deserialize_with = "nullable")]
    pub messaging: Vec<Messaging>,
    /// Messenger events for another app that owns the thread (handover protocol).
    #[serde(default, deserialize_with = "nullable")]
    pub standby: Vec<Messaging>,
}

changes! {
    /// A Page `changes[]` item, by `field`.
    PageChange {
        /// Posts, comments, reactions, likes, shares and follows on the Page's feed.
        "feed" => Feed(FeedChange),
        /// The Page was mentioned in a post or comment.
        "mention" => Mention(MentionChange),
    }
}

string_enum! {
    /// What a `feed` change is about (`item`).
    FeedItem {
        Album = "album",
        Address = "address",
        Comment = "comment",
        Connection = "connection",
        Coupon = "coupon",
        Event = "event",
        Experience = "experience",
        Group = "group",
        GroupMessage = "group_message",
        Interest = "interest",
        Like = "like",
        Link = "link",
        Mention = "mention",
        Milestone = "milestone",
        Note = "note",
        Page = "page",
        Picture = "picture",
        PlatformStory = "platform-story",
        Photo = "photo",
        PhotoAlbum = "photo-album",
        Post = "post",
        Profile = "profile",
        Question = "question",
        Rating = "rating",
        Reaction = "reaction",
        RelationshipStatus = "relationship-status",
        Share = "share",
        Status = "status",
        Story = "story",
        TimelineCover = "timeline cover",
        Tag = "tag",
        Video = "video",
    }
}

string_enum! {
    /// What happened to a `feed` item (`verb`).
    FeedVerb {
        Add = "add",
        Block = "block",
        Edit = "edit",
        Edited = "edited",
        Delete = "delete",
        Follow = "follow",
        Hide = "hide",
        Mute = "mute",
        Remove = "remove",
        Unblock = "unblock",
        Unhide = "unhide",
        Update = "update",
    }
}

/// A user or Page that acted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Actor {
    /// The id (app-scoped for users).
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// The name (left out when the user's privacy settings hide it).
    pub name: Option<String>,
}

/// `field: "feed"`: something happened on the Page's feed.
///
/// `item` and `verb` say what: a new post (`post`/`status`/`photo`/`video` + `add`), a
/// comment (`comment` + `add`/`edited`/`remove`), a reaction (`reaction` + `add`/`edit`/
/// `remove`, with `reaction_type`), a like (`like` + `add`/`remove`), a share (`share`), a
/// follow (`verb: "follow"`), …; values Meta adds later are `Other`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FeedChange {
    /// What the change is about.
    pub item: FeedItem,
    /// What happened to it.
    pub verb: Option<FeedVerb>,
    /// Who did it.
    pub from: Option<Actor>,
    /// The post (`{page id}_{post id}`).
    pub post_id: Option<String>,
    /// The comment, for comments.
    pub comment_id: Option<String>,
    /// The post or comment a comment or reaction belongs to.
    pub parent_id: Option<String>,
    /// The text of the post or comment.
    pub message: Option<String>,
    /// When, in Unix seconds.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub created_time: Option<i64>,
    /// For reactions: `like`, `love`, `wow`, `haha`, `sad`, `angry`, `care`, ….
    pub reaction_type: Option<String>,
    /// Whether a post is published.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub published: Option<bool>,
    /// A photo's URL.
    pub photo: Option<String>,
    /// A photo's id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub photo_id: Option<String>,
    /// A video's id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub video_id: Option<String>,
    /// A shared link.
    pub link: Option<String>,
    /// A share's id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub share_id: Option<String>,
    /// The post a comment was made on (`status_type`, `permalink_url`, `is_published`, …).
    pub post: Option<Value>,
}

/// `field: "mention"`: the Page was mentioned.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct MentionChange {
    /// `post` or `comment`.
    pub item: Option<FeedItem>,
    /// `add`, `edit` or `remove`.
    pub verb: Option<FeedVerb>,
    /// The post with the mention.
    pub post_id: Option<String>,
    /// The comment with the mention, for comments.
    pub comment_id: Option<String>,
    /// Who mentioned the Page.
    #[serde(default, deserialize_with = "string_or_number")]
    pub sender_id: Option<String>,
    /// Their name.
    pub sender_name: Option<String>,
    /// The text.
    pub message: Option<String>,
    /// When, in Unix seconds.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub created_time: Option<i64>,
}
