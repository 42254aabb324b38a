//! Every FC request is read the one way the spec says: `Fc<R>` extracts the operation's
//! generated request type `R` (`fc3_models::operations::...Request`) with
//! `fc3_models::operation::read_request`, the reader the client's test kit shares. Each value is
//! checked against the spec first, so a 400 names the wire field and the rule; a body over its
//! limit is FC's `EntityTooLarge`.
//!
//! It also holds the request to its route: FC finds an operation by its method and path, and
//! the action the caller signed (`x-acs-action`) must agree with it. A request that disagrees
//! with itself is malformed: 400 `InvalidArgument`. (Not 403: the signature is valid, and FC's
//! 403 codes are about who signed.) A request without the header (unsigned, with
//! `allow_unsigned`) is not checked.

use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use fc3_models::operation::{ReadRequest, Violation, ViolationKind, WireParts, read_request};

use crate::error::{ApiError, clip};

/// A request of the operation `R` is for, read and checked against the spec.
pub(super) struct Fc<R>(pub(super) R);

/// A violation of the spec as FC's answer.
pub(super) fn refusal(violation: Violation) -> ApiError {
    match violation.kind {
        ViolationKind::TooLarge { size, limit } => {
            ApiError::entity_too_large(&format!("the {}", violation.field), size, limit)
        }
        _ => ApiError::invalid_argument(violation.to_string()),
    }
}

fn check_action<R: ReadRequest>(parts: &Parts) -> Result<(), ApiError> {
    let action = R::operation().name;
    match parts.headers.get("x-acs-action") {
        Some(given) if given.as_bytes() != action.as_bytes() => {
            Err(ApiError::invalid_argument(format!(
                "x-acs-action: '{}' is not the operation of {} {}, which is {action}",
                clip(&String::from_utf8_lossy(given.as_bytes())),
                parts.method,
                clip(parts.uri.path()),
            )))
        }
        _ => Ok(()),
    }
}

impl<S, R> FromRequest<S> for Fc<R>
where
    S: Send + Sync,
    R: ReadRequest + Send,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        check_action::<R>(&parts)?;
        let path: Vec<(String, String)> = RawPathParams::from_request_parts(&mut parts, state)
            .await
            .map_err(|e| ApiError::invalid_argument(format!("path: {}", e.body_text())))?
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        // RFC 3986 decoding, as the signature reads the query: `+` is a plus sign.
        let query = acs3::parse_query(parts.uri.query().unwrap_or(""))
            .map_err(|e| ApiError::invalid_argument(format!("query string: {e}")))?;
        let headers = &parts.headers;
        for parameter in R::operation().parameters_in(fc3_models::operation::Location::Header) {
            if headers
                .get(parameter.wire_name)
                .is_some_and(|v| v.to_str().is_err())
            {
                return Err(ApiError::invalid_argument(format!(
                    "{}: not text (visible ASCII)",
                    parameter.wire_name
                )));
            }
        }
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        // The body was read (within the limit) when the signature was checked.
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .map_err(|e| ApiError::invalid_argument(format!("body: cannot be read: {e}")))?;
        let wire = WireParts {
            path: &path,
            query: &query,
            header: &header,
        };
        read_request::<R>(&wire, body).map(Fc).map_err(refusal)
    }
}
