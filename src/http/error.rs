//! One mapping from business outcomes to HTTP: problem documents for the
//! API, an HTML page for the browser.

use crate::domain::TransitionError;
use crate::services::Error;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// For photo checks: which check failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    pub message: String,
    /// The value probably meant, when the problem is a likely typo (an
    /// email address one slip from a common mail domain's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// RFC 9457 problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemItem>,
}

fn item(field: &str, message: &str) -> ProblemItem {
    ProblemItem {
        field: Some(field.into()),
        line: None,
        check: None,
        message: message.into(),
        suggestion: None,
    }
}

pub fn problem(e: &Error) -> Problem {
    let (status, slug, title, errors) = match e {
        Error::Unauthenticated => (
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Not signed in",
            vec![],
        ),
        Error::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", "Not found", vec![]),
        Error::Forbidden(_) | Error::TwoFactorSetupRequired => {
            (StatusCode::FORBIDDEN, "forbidden", "Not allowed", vec![])
        }
        Error::Invalid(list) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Invalid input",
            list.iter()
                .map(|f| ProblemItem {
                    suggestion: f.suggestion.clone(),
                    ..item(&f.field, &f.message)
                })
                .collect(),
        ),
        Error::BadRequest(_) => (
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Bad request",
            vec![],
        ),
        Error::InvalidLines(list) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-file",
            "The file needs fixing",
            list.iter()
                .map(|l| ProblemItem {
                    field: l.column.map(String::from),
                    line: Some(l.line),
                    check: None,
                    message: l.message.clone(),
                    suggestion: l.suggestion.clone(),
                })
                .collect(),
        ),
        Error::NotEnoughCredits { .. } => (
            StatusCode::PAYMENT_REQUIRED,
            "no-credit",
            "Not enough credits",
            vec![],
        ),
        Error::NoCredit => (
            StatusCode::PAYMENT_REQUIRED,
            "no-credit",
            "No credit left",
            vec![],
        ),
        Error::AllowanceUsed { .. } => (
            StatusCode::PAYMENT_REQUIRED,
            "allowance-used",
            "The department's allowance is used up",
            vec![],
        ),
        Error::Transition(TransitionError::NotNow { .. }) | Error::Conflict(_) => (
            StatusCode::CONFLICT,
            "conflict",
            "Not possible in this status",
            vec![],
        ),
        Error::Transition(TransitionError::NotPermitted { .. }) => {
            (StatusCode::FORBIDDEN, "forbidden", "Not allowed", vec![])
        }
        Error::PhotoRejected(list) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "photo-rejected",
            "The photo did not pass the checks",
            list.iter()
                .map(|f| ProblemItem {
                    field: Some("photo".into()),
                    line: None,
                    check: Some(f.check.into()),
                    message: f.message.clone(),
                    suggestion: None,
                })
                .collect(),
        ),
        Error::Unavailable(_) => (
            StatusCode::BAD_GATEWAY,
            "unavailable",
            "Service unavailable",
            vec![],
        ),
        Error::TooManyAttempts(_) | Error::TooManyFromAddress(_) | Error::TooManySignups(_) => (
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-attempts",
            "Too many attempts",
            vec![],
        ),
        Error::TooLarge(_) => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "Upload too large",
            vec![],
        ),
        Error::Internal(err) => {
            tracing::error!(error = %format!("{err:#}"), "internal error");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong",
                vec![],
            )
        }
    };
    let detail = match e {
        Error::Internal(_) => {
            "Something went wrong on our side; it has been logged. Try again in a moment."
                .to_string()
        }
        other => other.to_string(),
    };
    Problem {
        kind: format!("/problems/{slug}"),
        title: title.into(),
        status: status.as_u16(),
        detail,
        errors,
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            serde_json::to_string(&self).unwrap_or_else(|_| "{}".into()),
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        res
    }
}

/// The API's error: always a problem document.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl<E: Into<Error>> From<E> for ApiError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        problem(&self.0).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A problem straight from the web layer (bad JSON, unknown route…).
pub fn plain_problem(status: StatusCode, title: &str, detail: impl Into<String>) -> Problem {
    Problem {
        kind: format!("/problems/{}", status.as_u16()),
        title: title.into(),
        status: status.as_u16(),
        detail: detail.into(),
        errors: vec![],
    }
}
