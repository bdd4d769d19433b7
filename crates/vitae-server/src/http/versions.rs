//! Versions of stored things on the wire: each answer carries its version as an ETag
//! (`"<kind><version>"`: `r` resumes, `a` applications, `o` offers), and a write names the version
//! it replaces in `If-Match`, so of several writers holding one version exactly one succeeds and
//! the others get 412 (RFC 9110 §13.1.1).

use crate::error::ApiError;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

/// What a version is of: its ETags start with a letter of their own, so one kind's ETag sent
/// for another kind matches nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Resume,
    Application,
    Offer,
}

impl Kind {
    fn letter(self) -> char {
        match self {
            Kind::Resume => 'r',
            Kind::Application => 'a',
            Kind::Offer => 'o',
        }
    }
}

pub(super) fn etag(kind: Kind, version: i64) -> String {
    format!("\"{}{version}\"", kind.letter())
}

pub(super) fn with_etag(mut response: Response, kind: Kind, version: i64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&etag(kind, version)) {
        response.headers_mut().insert(header::ETAG, v);
    }
    response
}

/// What an `If-Match` header asks for.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum IfMatch {
    /// No `If-Match`.
    Absent,
    /// `*`: whatever version is there (the thing must exist, which the write checks).
    Any,
    /// This version.
    Version(i64),
}

impl IfMatch {
    /// The version a write must find; `None` for any (or none asked).
    pub(super) fn version(&self) -> Option<i64> {
        match self {
            IfMatch::Version(v) => Some(*v),
            IfMatch::Absent | IfMatch::Any => None,
        }
    }
}

/// The `If-Match` of a request for a thing of `kind`. An ETag that is not one of ours (another
/// kind's, a weak one, garbage) can match nothing: 412.
pub(super) fn if_match(headers: &HeaderMap, kind: Kind) -> Result<IfMatch, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(IfMatch::Absent);
    };
    let text = value.to_str().unwrap_or_default().trim();
    // An empty header asks for nothing: as if it were not sent.
    if text.is_empty() {
        return Ok(IfMatch::Absent);
    }
    if text == "*" {
        return Ok(IfMatch::Any);
    }
    text.strip_prefix('"')
        .and_then(|t| t.strip_prefix(kind.letter()))
        .and_then(|t| t.strip_suffix('"'))
        .and_then(|v| v.parse::<i64>().ok())
        .map(IfMatch::Version)
        .ok_or_else(|| {
            ApiError::PreconditionFailed(format!(
                "If-Match `{text}` is not an ETag of this resource; GET it and send its ETag"
            ))
        })
}

/// The `If-Match` of a write that requires one (428 without): an ETag read, or `*` to replace
/// whatever is there.
pub(super) fn required_if_match(headers: &HeaderMap, kind: Kind) -> Result<IfMatch, ApiError> {
    match if_match(headers, kind)? {
        IfMatch::Absent => Err(ApiError::PreconditionRequired(
            "send If-Match with the ETag you read (GET it first), or `*` to replace whatever is there, so no one else's change is overwritten unknowingly"
                .into(),
        )),
        asked => Ok(asked),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_accepts_our_etags_of_the_kind_and_a_star() {
        let mut h = HeaderMap::new();
        assert_eq!(if_match(&h, Kind::Resume).unwrap(), IfMatch::Absent);
        assert!(matches!(
            required_if_match(&h, Kind::Resume),
            Err(ApiError::PreconditionRequired(_))
        ));
        h.insert(header::IF_MATCH, HeaderValue::from_static("\"r7\""));
        assert_eq!(if_match(&h, Kind::Resume).unwrap(), IfMatch::Version(7));
        assert!(
            if_match(&h, Kind::Application).is_err(),
            "an application's ETag names no resume"
        );
        h.insert(header::IF_MATCH, HeaderValue::from_static(" * "));
        assert_eq!(required_if_match(&h, Kind::Resume).unwrap(), IfMatch::Any);
        h.insert(header::IF_MATCH, HeaderValue::from_static(""));
        assert_eq!(if_match(&h, Kind::Resume).unwrap(), IfMatch::Absent);
        h.insert(header::IF_MATCH, HeaderValue::from_static("\"abc\""));
        assert!(if_match(&h, Kind::Resume).is_err());
        h.insert(header::IF_MATCH, HeaderValue::from_static("W/\"r7\""));
        assert!(
            if_match(&h, Kind::Resume).is_err(),
            "weak ETags never match for a write"
        );
    }
}
