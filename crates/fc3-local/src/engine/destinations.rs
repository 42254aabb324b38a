//! Destinations: where a finished event's record goes (`onSuccess` / `onFailure` of its async
//! invoke configuration) and what that record holds, in FC's format.
//!
//! A target is a local function (`acs:fc:{region}:{account}:functions/{name}`), delivered to
//! as an async invocation of LATEST; every other kind FC supports (MNS queues and topics,
//! EventBridge buses, RocketMQ topics) is recorded ([`Plan::Record`]: kept in memory, in the
//! store and in a log per destination, `deliveries` and `delivery_log`), since fc3-local does
//! not run those services. An FC ARN naming no function of this emulator is
//! [`Undeliverable::UnknownFunction`].
//!
//! Bounds, so that a destination chain that comes back to a function (or a function that is its
//! own destination) neither loops forever nor grows: a record is at most the async payload limit
//! once encoded (each payload is cut to fit, [`encode`]), and a record is delivered only while
//! the chain that led to it is shorter than `async.max_destination_hops`. A plan is made (and
//! its record encoded) outside the engine's lock.

use std::sync::Arc;

use bytes::Bytes;
use fc3_models::AsyncConfig;

use super::lifecycle::Delivery;
use crate::functions::{Function, Functions};
use crate::store::EventRecord;

/// The record delivered to a destination: FC's documented format, generated from the spec
/// (`DestinationRecord`). `condition` is empty after a success, the function error type (e.g.
/// `UnhandledInvocationError`) after the retries ran out, and `EventAgeExceeded` after the
/// event expired. Payloads are text (bytes that are not UTF-8 are replaced).
use fc3_models::{DestinationRecord, DestinationRequestContext, DestinationResponseContext};

/// `destinationStatus` of a source task whose record was queued for its destination.
pub(crate) const DELIVERED: &str = "Succeeded";
/// `destinationStatus` of a source task whose record could not be delivered.
pub(crate) const NOT_DELIVERED: &str = "Failed";

/// Why a record goes nowhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Undeliverable {
    /// The destination is an FC function this emulator does not have.
    UnknownFunction,
    /// The chain of deliveries that led here is already this long.
    TooManyHops(u32),
}

/// What to do with a finished event's record.
pub(crate) enum Plan {
    /// No destination is configured for this outcome.
    Nothing,
    /// Deliver this record to this function, as an event `hops` deliveries from a client.
    Deliver {
        function: Arc<Function>,
        record: Bytes,
        hops: u32,
    },
    /// Keep this record for a destination fc3-local does not run.
    Record {
        destination: String,
        kind: &'static str,
        record: Bytes,
    },
    /// A destination is configured, but the record goes nowhere.
    Undeliverable {
        destination: String,
        why: Undeliverable,
    },
}

/// The bounds of deliveries.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bounds {
    /// The longest chain of deliveries.
    pub(crate) max_hops: u32,
    /// The largest encoded record.
    pub(crate) max_record_bytes: usize,
}

/// What becomes of the record of `source` (finished as `delivery`) under `config`.
pub(crate) fn plan(
    config: Option<&AsyncConfig>,
    delivery: &Delivery,
    functions: &Functions,
    source: &EventRecord,
    payload: &[u8],
    bounds: Bounds,
    now_ms: i64,
) -> Plan {
    let Some(destinations) = config.and_then(|c| c.destination_config.as_ref()) else {
        return Plan::Nothing;
    };
    let side = if delivery.success {
        destinations.on_success.as_ref()
    } else {
        destinations.on_failure.as_ref()
    };
    let Some(destination) = side
        .and_then(|d| d.destination.as_ref())
        .map(|a| a.to_string())
    else {
        return Plan::Nothing;
    };
    let encoded = || {
        encode(
            &Source {
                request_id: source.task.request_id.as_deref().unwrap_or_default(),
                function_arn: source.task.function_arn.as_deref().unwrap_or_default(),
                tries: source.tries,
                payload,
                response: source.response.as_deref().unwrap_or_default(),
            },
            delivery,
            now_ms,
            bounds.max_record_bytes,
        )
    };
    // PutAsyncInvokeConfig checked the ARN; one read back from an older store may not parse.
    let parsed = fc3_models::rules::parse_destination(&destination).ok();
    let Some(name) = parsed.as_ref().and_then(|d| d.function_name()) else {
        let kind = parsed.as_ref().map_or("other", kind_of);
        return Plan::Record {
            record: encoded(),
            destination,
            kind,
        };
    };
    let Some(function) = functions.get(name).cloned() else {
        return Plan::Undeliverable {
            destination,
            why: Undeliverable::UnknownFunction,
        };
    };
    let hops = source.hops.saturating_add(1);
    if hops > bounds.max_hops {
        return Plan::Undeliverable {
            destination,
            why: Undeliverable::TooManyHops(source.hops),
        };
    }
    Plan::Deliver {
        function,
        record: encoded(),
        hops,
    }
}

/// The kind of a destination fc3-local does not run, from its ARN: `mns-queue`
/// (`acs:mns:…:/queues/{name}/messages`), `mns-topic` (`…:/topics/{name}/messages`),
/// `eventbridge` (`acs:eventbridge:…:eventbus/{name}`), `rocketmq`
/// (`acs:mq:…:/instances/{id}/topic/{name}`), or `other`.
pub(crate) fn kind_of(destination: &fc3_models::rules::Destination<'_>) -> &'static str {
    match destination.service {
        "mns" if destination.resource.starts_with("/topics/") => "mns-topic",
        "mns" => "mns-queue",
        "eventbridge" => "eventbridge",
        "mq" | "rocketmq" => "rocketmq",
        _ => "other",
    }
}

/// What a record is made from: the finished event.
pub(crate) struct Source<'a> {
    pub(crate) request_id: &'a str,
    pub(crate) function_arn: &'a str,
    pub(crate) tries: u32,
    pub(crate) payload: &'a [u8],
    pub(crate) response: &'a str,
}

/// The record of a delivery, encoded as the destination's event, at most `max_bytes` long
/// (when the fixed part fits): the payloads are cut to fit, each keeping at least half of
/// the room unless the other needs less.
pub(crate) fn encode(
    source: &Source<'_>,
    delivery: &Delivery,
    now_ms: i64,
    max_bytes: usize,
) -> Bytes {
    let mut record = DestinationRecord::new(
        DestinationRequestContext::new(
            i64::from(source.tries),
            delivery.condition.clone(),
            source.function_arn.to_owned(),
            source.request_id.to_owned(),
        ),
        String::new(),
        DestinationResponseContext::new(
            delivery.function_error.clone(),
            i64::from(delivery.status_code),
        ),
        String::new(),
        now_ms,
    );
    let fixed = serde_json::to_vec(&record).map_or(0, |v| v.len());
    let room = max_bytes.saturating_sub(fixed);
    let request = String::from_utf8_lossy(source.payload);
    let (request_room, response_room) =
        share(room, escaped_len(&request), escaped_len(source.response));
    record.request_payload = cut_escaped(&request, request_room).to_owned();
    record.response_payload = cut_escaped(source.response, response_room).to_owned();
    Bytes::from(serde_json::to_vec(&record).unwrap_or_default())
}

/// Splits `room` between two texts that need `a` and `b`.
fn share(room: usize, a: usize, b: usize) -> (usize, usize) {
    let half = room / 2;
    if a + b <= room {
        (a, b)
    } else if a <= half {
        (a, room - a)
    } else if b <= half {
        (room - b, b)
    } else {
        (half, room - half)
    }
}

/// How many bytes a character takes in a JSON string (serde_json's escapes).
fn escaped_char_len(c: char) -> usize {
    match c {
        '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
        c if (c as u32) < 0x20 => 6,
        c => c.len_utf8(),
    }
}

/// How many bytes `text` takes inside a JSON string.
fn escaped_len(text: &str) -> usize {
    text.chars().map(escaped_char_len).sum()
}

/// The longest start of `text` that takes at most `room` bytes inside a JSON string.
fn cut_escaped(text: &str, room: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += escaped_char_len(c);
        if used > room {
            return &text[..at];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery() -> Delivery {
        Delivery {
            success: true,
            condition: String::new(),
            status_code: 200,
            function_error: String::new(),
        }
    }

    fn source<'a>(payload: &'a [u8], response: &'a str) -> Source<'a> {
        Source {
            request_id: "1-abc",
            function_arn: "acs:fc:cn-hangzhou:1:functions/f",
            tries: 1,
            payload,
            response,
        }
    }

    #[test]
    fn escaped_lengths_match_serde_json() {
        let texts = [
            "plain",
            "quote \" and backslash \\",
            "\n\r\t\u{8}\u{c}",
            "\u{0}\u{1f}\u{7f}",
            "ünïcødé ✓ 𝄞",
            "",
        ];
        for text in texts {
            let encoded = serde_json::to_string(text).unwrap();
            assert_eq!(escaped_len(text), encoded.len() - 2, "{text:?}");
        }
    }

    #[test]
    fn records_fit_the_limit_whatever_the_payloads() {
        // A pseudo-random mix of plain, escaped and multi-byte characters.
        let alphabet: Vec<char> = "ab\"\\\n\u{1}é✓𝄞{}".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut random_text = |len: usize| -> String {
            (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect()
        };
        for (request_len, response_len) in
            [(0, 0), (10, 10), (5_000, 10), (10, 5_000), (9_000, 9_000)]
        {
            for limit in [1_024usize, 4_096, 16_384] {
                let request = random_text(request_len);
                let response = random_text(response_len);
                let record = encode(
                    &source(request.as_bytes(), &response),
                    &delivery(),
                    1,
                    limit,
                );
                assert!(record.len() <= limit, "{} > {limit}", record.len());
                let decoded: DestinationRecord = serde_json::from_slice(&record).unwrap();
                assert!(request.starts_with(&decoded.request_payload));
                assert!(response.starts_with(&decoded.response_payload));
                if request_len + response_len <= 100 {
                    assert_eq!(
                        decoded.request_payload, request,
                        "small payloads stay whole"
                    );
                    assert_eq!(decoded.response_payload, response);
                }
            }
        }
    }

    #[test]
    fn a_record_of_a_record_stays_within_the_limit() {
        // A chain: each record embeds the previous one, escaped.
        let mut payload = vec![b'x'; 2_000];
        for _ in 0..30 {
            let record = encode(&source(&payload, "{\"ok\":true}"), &delivery(), 1, 4_096);
            assert!(record.len() <= 4_096);
            payload = record.to_vec();
        }
    }

    #[test]
    fn room_is_shared() {
        assert_eq!(share(100, 30, 40), (30, 40));
        assert_eq!(share(100, 10, 500), (10, 90));
        assert_eq!(share(100, 500, 10), (90, 10));
        assert_eq!(share(100, 500, 500), (50, 50));
    }
}
