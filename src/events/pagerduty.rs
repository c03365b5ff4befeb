//! PagerDuty v3 webhooks: `{"event": {"id", "event_type", "resource_type", "occurred_at",
//! "agent", "client", "data"}}`, by `event.event_type`.
//!
//! Each variant holds the `event` object; `data` is typed by resource.
//!
//! ```
//! use webhook_guard::events::pagerduty::{self, Event};
//! let body = br#"{"event":{"id":"5ac64822-4adc-4fda-ade0-410becf0de4f","event_type":"incident.triggered",
//!   "resource_type":"incident","occurred_at":"2020-10-02T18:45:22.169Z",
//!   "agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":"https://api.pagerduty.com/users/PLH1HKV",
//!            "summary":"Tenex Engineer","type":"user_reference"},
//!   "client":{"name":"PagerDuty"},
//!   "data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2",
//!     "html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered",
//!     "incident_key":"d3640fbd41094207a1c11e58e46b1662","created_at":"2020-04-09T15:16:27Z",
//!     "title":"A little bump in the road","urgency":"high",
//!     "service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH",
//!       "self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},
//!     "assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G",
//!       "self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}],
//!     "priority":null}}}"#;
//! let Event::IncidentTriggered(e) = pagerduty::parse(body)? else { panic!() };
//! assert_eq!(e.data.title.as_deref(), Some("A little bump in the road"));
//! assert_eq!(e.data.service.unwrap().summary.as_deref(), Some("API Service"));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
use crate::payload;

use super::support::{self, named_events};

named_events! {
    /// A PagerDuty v3 webhook, by `event.event_type`.
    pub enum Event as "pagerduty::Event", unknown name {
        "incident.triggered" => IncidentTriggered(Envelope<Incident>),
        "incident.acknowledged" => IncidentAcknowledged(Envelope<Incident>),
        "incident.unacknowledged" => IncidentUnacknowledged(Envelope<Incident>),
        "incident.resolved" => IncidentResolved(Envelope<Incident>),
        "incident.reopened" => IncidentReopened(Envelope<Incident>),
        "incident.reassigned" => IncidentReassigned(Envelope<Incident>),
        "incident.escalated" => IncidentEscalated(Envelope<Incident>),
        "incident.delegated" => IncidentDelegated(Envelope<Incident>),
        "incident.priority_updated" => IncidentPriorityUpdated(Envelope<Incident>),
        "incident.service_updated" => IncidentServiceUpdated(Envelope<Incident>),
        "incident.incident_type.changed" => IncidentTypeChanged(Envelope<Incident>),
        "incident.annotated" => IncidentAnnotated(Envelope<Annotation>),
        "incident.responder.added" => IncidentResponderAdded(Envelope<Responder>),
        "incident.responder.replied" => IncidentResponderReplied(Envelope<Responder>),
        "incident.status_update_published" => IncidentStatusUpdatePublished(Envelope<StatusUpdate>),
        "incident.conference_bridge.updated" => IncidentConferenceBridgeUpdated(Envelope<Value>),
        "incident.custom_field_values.updated" => IncidentCustomFieldValuesUpdated(Envelope<Value>),
        "incident.workflow.started" => IncidentWorkflowStarted(Envelope<Value>),
        "incident.workflow.completed" => IncidentWorkflowCompleted(Envelope<Value>),
        "service.created" => ServiceCreated(Envelope<Reference>),
        "service.updated" => ServiceUpdated(Envelope<Reference>),
        "service.deleted" => ServiceDeleted(Envelope<Reference>),
        /// Sent when a subscription is tested ("Send Test Event").
        "pagey.ping" => PageyPing(Envelope<Value>),
    }
}

/// Types a verified PagerDuty v3 body by `event.event_type`. A failure names the path from the
/// body's root (`event.data.…`).
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    let mut value: Value = payload::from_json(body)?;
    let name = support::str_at(&value, "/event/event_type")
        .unwrap_or_default()
        .to_owned();
    if !Event::NAMES.contains(&name.as_str()) {
        return Ok(Event::Unknown { name, raw: value });
    }
    let inner = support::take(&mut value, "event");
    Event::from_value(&name, inner).map_err(|e| payload::within("event", e))
}

/// The `event` object; `T` is the type of `data`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Envelope<T> {
    /// The event id (stable across retries).
    pub id: Option<String>,
    /// `incident.triggered`, ….
    pub event_type: String,
    /// `incident`, `service`, `pagey`.
    pub resource_type: Option<String>,
    /// When (ISO 8601).
    pub occurred_at: Option<String>,
    /// Who caused it (a user or service reference).
    pub agent: Option<Reference>,
    /// The client that caused it (`name`, `url`).
    pub client: Option<Value>,
    /// The resource.
    pub data: T,
}

/// A reference to a PagerDuty object (user, service, escalation policy, priority, team, …).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Reference {
    /// The object id.
    pub id: Option<String>,
    /// `user_reference`, `service_reference`, `service`, ….
    #[serde(rename = "type")]
    pub reference_type: Option<String>,
    /// A short description (the name).
    pub summary: Option<String>,
    /// The API URL.
    #[serde(rename = "self")]
    pub api_url: Option<String>,
    /// The web URL.
    pub html_url: Option<String>,
}

/// An incident (`incident.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Incident {
    /// The incident id.
    pub id: Option<String>,
    /// The incident number.
    pub number: Option<u64>,
    /// The API URL.
    #[serde(rename = "self")]
    pub api_url: Option<String>,
    /// The web URL.
    pub html_url: Option<String>,
    /// `triggered`, `acknowledged`, `resolved`.
    pub status: Option<String>,
    /// De-duplication key.
    pub incident_key: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// `high` or `low`.
    pub urgency: Option<String>,
    /// Created (ISO 8601).
    pub created_at: Option<String>,
    /// The service.
    pub service: Option<Reference>,
    /// Who it is assigned to.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub assignees: Vec<Reference>,
    /// The escalation policy.
    pub escalation_policy: Option<Reference>,
    /// Teams.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub teams: Vec<Reference>,
    /// Priority (`None` when unset).
    pub priority: Option<Reference>,
    /// Conference bridge.
    pub conference_bridge: Option<Value>,
    /// Why it was resolved.
    pub resolve_reason: Option<Value>,
    /// The incident type.
    pub incident_type: Option<Value>,
}

/// `incident.annotated`: a note was added.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Annotation {
    /// The incident.
    pub incident: Option<Reference>,
    /// The note's id.
    pub id: Option<String>,
    /// The note.
    pub content: Option<String>,
    /// `incident_note`.
    #[serde(rename = "type")]
    pub annotation_type: Option<String>,
}

/// `incident.responder.added`, `incident.responder.replied`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Responder {
    /// The incident.
    pub incident: Option<Reference>,
    /// The responder.
    pub user: Option<Reference>,
    /// The escalation policy, when one was requested.
    pub escalation_policy: Option<Reference>,
    /// `pending`, `accepted`, `declined`.
    pub message: Option<String>,
    /// `incident_responder`.
    #[serde(rename = "type")]
    pub responder_type: Option<String>,
}

/// `incident.status_update_published`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct StatusUpdate {
    /// The update's id.
    pub id: Option<String>,
    /// The incident.
    pub incident: Option<Reference>,
    /// The message.
    pub message: Option<String>,
    /// `status_update`.
    #[serde(rename = "type")]
    pub update_type: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::TypedEvent;

    #[test]
    fn annotated_ping_and_fallbacks() {
        let e = parse(br#"{"event":{"id":"01BPR1Z6WFS3FUHP2RRF8QUGX3","event_type":"incident.annotated","resource_type":"incident",
            "occurred_at":"2020-10-02T18:45:22.169Z","agent":{"id":"PLH1HKV","type":"user_reference"},"client":null,
            "data":{"incident":{"html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","id":"PGR0VU2",
              "self":"https://api.pagerduty.com/incidents/PGR0VU2","summary":"A little bump in the road","type":"incident_reference"},
              "id":"PWL7QXS","content":"Will investigate in the morning","type":"incident_note"}}}"#).unwrap();
        match &e {
            Event::IncidentAnnotated(a) => {
                assert_eq!(
                    a.data.content.as_deref(),
                    Some("Will investigate in the morning")
                );
                assert_eq!(
                    a.data.incident.as_ref().unwrap().id.as_deref(),
                    Some("PGR0VU2")
                );
            }
            other => panic!("{other:?}"),
        }
        let e = parse(br#"{"event":{"id":"01C","event_type":"pagey.ping","resource_type":"pagey","occurred_at":"2021-12-08T22:59:02.212Z",
            "agent":null,"client":null,"data":{"message":"Hello from your friend Pagey!","type":"ping"}}}"#).unwrap();
        assert_eq!(e.variant_name(), "pagerduty::Event::PageyPing");
        let e = parse(br#"{"event":{"event_type":"incident.something_new","data":{}}}"#).unwrap();
        assert!(
            matches!(&e, Event::Unknown { name, raw } if name == "incident.something_new" && raw.get("event").is_some())
        );
        assert!(!e.is_typed());
        let err = parse(br#"{"event":{"event_type":"incident.resolved","data":{"number":"two"}}}"#)
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "event.data.number"),
            "{err:?}"
        );
        // empty lists sent as `null`
        let e = parse(br#"{"event":{"event_type":"incident.resolved","data":{"assignees":null,"teams":null}}}"#).unwrap();
        assert!(matches!(e, Event::IncidentResolved(ref i) if i.data.assignees.is_empty()));
        for name in Event::NAMES {
            let body = format!(r#"{{"event":{{"id":"1","event_type":"{name}","data":{{}}}}}}"#);
            assert!(parse(body.as_bytes()).unwrap().is_typed(), "{name}");
        }
        for body in support::testing::garbage() {
            let _ = parse(&body);
        }
    }
}
