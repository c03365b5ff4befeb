//! Zoom: `{"event": …, "event_ts": …, "payload": {"account_id": …, "object": {…}}}`, by `event`.
//!
//! `endpoint.url_validation` is answered for you by the handshake. Meeting and webinar ids are
//! numbers in some events and strings in others; they are text here either way.
//!
//! ```
//! use webhook_guard::events::zoom::{self, Event};
//! let body = br#"{"event":"meeting.participant_joined","event_ts":1626230691572,
//!   "payload":{"account_id":"AAAAAABBBB","object":{"id":"1234567890","uuid":"4444AAAiAAAAAiAiAiiAii==",
//!     "host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"My Meeting","type":8,"start_time":"2021-07-13T21:44:51Z",
//!     "timezone":"America/Los_Angeles","duration":60,
//!     "participant":{"user_id":"1234567890","user_name":"Jill Chill","id":"iFxeBPYun6SAiWUzBcEkX",
//!       "participant_uuid":"55555AAAiAAAAAiAiAiiAii","join_time":"2021-07-13T21:45:51Z","email":"jchill@example.com"}}}}"#;
//! let Event::MeetingParticipantJoined(n) = zoom::parse(body)? else { panic!() };
//! assert_eq!(n.payload.object.id.as_deref(), Some("1234567890"));
//! assert_eq!(n.payload.object.participant.unwrap().user_name.as_deref(), Some("Jill Chill"));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;

use super::support::{self, named_events, string_or_number};

named_events! {
    /// A Zoom webhook, by `event`.
    pub enum Event as "zoom::Event", unknown name, name at "/event" {
        /// Zoom checks the endpoint; answer `plainToken` and its HMAC.
        "endpoint.url_validation" => EndpointUrlValidation(UrlValidation),
        "meeting.created" => MeetingCreated(Notification<Meeting>),
        "meeting.updated" => MeetingUpdated(Notification<Meeting>),
        "meeting.deleted" => MeetingDeleted(Notification<Meeting>),
        "meeting.started" => MeetingStarted(Notification<Meeting>),
        "meeting.ended" => MeetingEnded(Notification<Meeting>),
        "meeting.participant_joined" => MeetingParticipantJoined(Notification<Meeting>),
        "meeting.participant_left" => MeetingParticipantLeft(Notification<Meeting>),
        "meeting.participant_jbh_waiting" => MeetingParticipantJbhWaiting(Notification<Meeting>),
        "meeting.participant_admitted" => MeetingParticipantAdmitted(Notification<Meeting>),
        "meeting.registration_created" => MeetingRegistrationCreated(Notification<Meeting>),
        "meeting.sharing_started" => MeetingSharingStarted(Notification<Meeting>),
        "meeting.sharing_ended" => MeetingSharingEnded(Notification<Meeting>),
        "webinar.created" => WebinarCreated(Notification<Meeting>),
        "webinar.updated" => WebinarUpdated(Notification<Meeting>),
        "webinar.deleted" => WebinarDeleted(Notification<Meeting>),
        "webinar.started" => WebinarStarted(Notification<Meeting>),
        "webinar.ended" => WebinarEnded(Notification<Meeting>),
        "webinar.participant_joined" => WebinarParticipantJoined(Notification<Meeting>),
        "webinar.participant_left" => WebinarParticipantLeft(Notification<Meeting>),
        "webinar.registration_created" => WebinarRegistrationCreated(Notification<Meeting>),
        "recording.started" => RecordingStarted(Notification<Recording>),
        "recording.stopped" => RecordingStopped(Notification<Recording>),
        "recording.completed" => RecordingCompleted(Notification<Recording>),
        "recording.transcript_completed" => RecordingTranscriptCompleted(Notification<Recording>),
        "recording.trashed" => RecordingTrashed(Notification<Recording>),
        "recording.deleted" => RecordingDeleted(Notification<Recording>),
        "user.created" => UserCreated(Notification<User>),
        "user.updated" => UserUpdated(Notification<User>),
        "user.deleted" => UserDeleted(Notification<User>),
        "user.activated" => UserActivated(Notification<User>),
        "user.deactivated" => UserDeactivated(Notification<User>),
        "user.presence_status_updated" => UserPresenceStatusUpdated(Notification<User>),
        "app.deauthorized" => AppDeauthorized(Deauthorization),
    }
}

/// Types a verified Zoom body by its `event`.
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    support::parse_by_pointer(body, "/event", Event::from_value)
}

/// `endpoint.url_validation`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UrlValidation {
    /// The token to hash.
    pub payload: UrlValidationPayload,
    /// When, in Unix milliseconds.
    pub event_ts: Option<i64>,
}

/// The payload of [`UrlValidation`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UrlValidationPayload {
    /// Answer with it and `hex(HMAC-SHA256(secret token, plainToken))` as `encryptedToken`.
    #[serde(rename = "plainToken")]
    pub plain_token: String,
}

/// A Zoom notification; `T` is the type of `payload.object`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Notification<T> {
    /// When, in Unix milliseconds.
    pub event_ts: Option<i64>,
    /// The payload.
    pub payload: Payload<T>,
    /// A token for downloading recordings (`recording.completed`, with the option set).
    pub download_token: Option<String>,
}

/// `payload` of a [`Notification`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Payload<T> {
    /// The account.
    pub account_id: Option<String>,
    /// Who did it (e-mail).
    pub operator: Option<String>,
    /// Who did it (user id).
    pub operator_id: Option<String>,
    /// The object.
    pub object: T,
    /// The object before, for `*.updated`.
    pub old_object: Option<Value>,
    /// When the update happened (`*.updated`), in Unix milliseconds.
    pub time_stamp: Option<i64>,
}

/// A meeting or webinar (`meeting.*`, `webinar.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Meeting {
    /// The meeting number.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// This occurrence's UUID.
    pub uuid: Option<String>,
    /// The host.
    pub host_id: Option<String>,
    /// The topic.
    pub topic: Option<String>,
    /// 1 instant, 2 scheduled, 3 recurring, 8 recurring with fixed time, ….
    #[serde(rename = "type")]
    pub meeting_type: Option<i64>,
    /// Start (ISO 8601).
    pub start_time: Option<String>,
    /// End (`*.ended`).
    pub end_time: Option<String>,
    /// Scheduled length in minutes.
    pub duration: Option<i64>,
    /// Time zone.
    pub timezone: Option<String>,
    /// The participant (`*.participant_*`).
    pub participant: Option<Participant>,
    /// The registrant (`*.registration_created`).
    pub registrant: Option<Value>,
    /// Sharing details (`meeting.sharing_*`).
    pub sharing_details: Option<Value>,
}

/// A meeting participant.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Participant {
    /// The participant's id within the meeting.
    #[serde(default, deserialize_with = "string_or_number")]
    pub user_id: Option<String>,
    /// Display name.
    pub user_name: Option<String>,
    /// The Zoom user id, for signed-in users.
    pub id: Option<String>,
    /// A stable id across meetings.
    pub participant_uuid: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Joined (ISO 8601).
    pub join_time: Option<String>,
    /// Left.
    pub leave_time: Option<String>,
    /// Why they left.
    pub leave_reason: Option<String>,
    /// The registrant id.
    pub registrant_id: Option<String>,
    /// The user's id in your system, from the join URL.
    pub customer_key: Option<String>,
}

/// A cloud recording (`recording.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Recording {
    /// The meeting number.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// The meeting occurrence's UUID.
    pub uuid: Option<String>,
    /// The host.
    pub host_id: Option<String>,
    /// The host's e-mail.
    pub host_email: Option<String>,
    /// The topic.
    pub topic: Option<String>,
    /// The meeting type.
    #[serde(rename = "type")]
    pub meeting_type: Option<i64>,
    /// Start.
    pub start_time: Option<String>,
    /// Length in minutes.
    pub duration: Option<i64>,
    /// Total size in bytes.
    pub total_size: Option<i64>,
    /// Number of files.
    pub recording_count: Option<i64>,
    /// Web URL to share.
    pub share_url: Option<String>,
    /// The files.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub recording_files: Vec<RecordingFile>,
    /// The recording's password.
    pub password: Option<String>,
}

/// One file of a [`Recording`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RecordingFile {
    /// The file id.
    pub id: Option<String>,
    /// The meeting.
    pub meeting_id: Option<String>,
    /// Start.
    pub recording_start: Option<String>,
    /// End.
    pub recording_end: Option<String>,
    /// `MP4`, `M4A`, `TRANSCRIPT`, `CHAT`, ….
    pub file_type: Option<String>,
    /// Size in bytes.
    pub file_size: Option<i64>,
    /// `shared_screen_with_speaker_view`, `audio_only`, `audio_transcript`, ….
    pub recording_type: Option<String>,
    /// Viewing URL.
    pub play_url: Option<String>,
    /// Download URL (authenticate with `download_token`).
    pub download_url: Option<String>,
    /// `completed` or `processing`.
    pub status: Option<String>,
}

/// A Zoom user (`user.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct User {
    /// The user id.
    pub id: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// 1 basic, 2 licensed, ….
    #[serde(rename = "type")]
    pub user_type: Option<i64>,
    /// Presence (`user.presence_status_updated`).
    pub presence_status: Option<String>,
    /// Time zone.
    pub timezone: Option<String>,
}

/// `app.deauthorized`: a user removed your app; delete their data.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Deauthorization {
    /// When, in Unix milliseconds.
    pub event_ts: Option<i64>,
    /// Who and when.
    pub payload: DeauthorizationPayload,
}

/// `payload` of [`Deauthorization`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DeauthorizationPayload {
    /// The account.
    pub account_id: Option<String>,
    /// The user.
    pub user_id: Option<String>,
    /// Whether Zoom asks you to keep data for compliance.
    pub user_data_retention: Option<String>,
    /// When (ISO 8601).
    pub deauthorization_time: Option<String>,
    /// Your app's client id.
    pub client_id: Option<String>,
    /// The signature to send back to the compliance endpoint.
    pub signature: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::TypedEvent;

    #[test]
    fn url_validation_and_recording() {
        let e = parse(br#"{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}"#).unwrap();
        match &e {
            Event::EndpointUrlValidation(v) => {
                assert_eq!(v.payload.plain_token, "qgg8vlvZRS6UYooatFL8Aw")
            }
            other => panic!("{other:?}"),
        }
        let e = parse(br#"{"event":"recording.completed","event_ts":1626230691572,"download_token":"abJhbGciOiJIUzUxMiJ9",
            "payload":{"account_id":"AAAAAABBBB","object":{"id":1234567890,"uuid":"4444AAAiAAAAAiAiAiiAii==",
              "host_id":"x1yCzABCDEfg23HiJKl4mN","account_id":"x1yCzABCDEfg23HiJKl4mN","topic":"My Personal Meeting Room",
              "type":4,"start_time":"2021-07-13T21:44:51Z","timezone":"America/Los_Angeles","host_email":"jchill@example.com",
              "duration":60,"total_size":3328371,"recording_count":2,"share_url":"https://example.com",
              "recording_files":[{"id":"ed6c2f27-2ae7-42f4-b3d0-835b493e4fa8","meeting_id":"098765ABCD",
                "recording_start":"2021-03-23T22:14:57Z","recording_end":"2021-03-23T23:15:41Z","file_type":"M4A",
                "file_size":246560,"file_extension":"M4A","play_url":"https://example.com/recording/play/Qg75t7xZBtEbAkjdlgbfdngBBBB",
                "download_url":"https://example.com/recording/download/Qg75t7xZBtEbAkjdlgbfdngBBBB","status":"completed",
                "recording_type":"audio_only"}]}}}"#).unwrap();
        match e {
            Event::RecordingCompleted(n) => {
                assert_eq!(n.download_token.as_deref(), Some("abJhbGciOiJIUzUxMiJ9"));
                assert_eq!(n.payload.object.id.as_deref(), Some("1234567890"));
                assert_eq!(
                    n.payload.object.recording_files[0].file_type.as_deref(),
                    Some("M4A")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_events_errors_and_garbage() {
        let e = parse(br#"{"event":"phone.callee_ringing","payload":{}}"#).unwrap();
        assert!(!e.is_typed());
        assert_eq!(e.variant_name(), "zoom::Event::Unknown");
        let err = parse(br#"{"event":"meeting.started","payload":{"object":{"duration":"long"}}}"#)
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "payload.object.duration"),
            "{err:?}"
        );
        for name in Event::NAMES {
            if *name == "endpoint.url_validation" {
                continue;
            }
            let body = format!(
                r#"{{"event":"{name}","payload":{{"object":{{}},"account_id":"a","user_id":"u"}}}}"#
            );
            assert!(parse(body.as_bytes()).unwrap().is_typed(), "{name}");
        }
        for body in support::testing::garbage() {
            let _ = parse(&body);
        }
    }
}
