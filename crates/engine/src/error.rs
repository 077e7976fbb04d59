//! The engine's one error type: a request it cannot answer, or a failure inside the index.

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is at fault: a stable code, a message, and where in the query.
    #[error("{code}: {message}")]
    Invalid {
        code: &'static str,
        message: String,
        position: Option<usize>,
    },
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

impl Error {
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Error {
        Error::Invalid {
            code,
            message: message.into(),
            position: None,
        }
    }

    /// The same error, placed at a character offset of the query.
    pub fn at(self, offset: usize) -> Error {
        match self {
            Error::Invalid { code, message, .. } => Error::Invalid {
                code,
                message,
                position: Some(offset),
            },
            other => other,
        }
    }
}
