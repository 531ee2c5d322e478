//! Diagnostics as data: byte spans, severities and messages shared by every stage.

use serde::Serialize;

/// A half-open byte range `start..end` into the converted input text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The conversion cannot go on.
    Error,
    /// The conversion goes on, but the output may differ from what curl does.
    Warning,
}

/// One message about the input, pointing at the bytes it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One line saying what is wrong.
    pub message: String,
    /// The culprit in the input, if there is one.
    pub span: Option<Span>,
    /// A short text printed under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

// The constructors and `with_*` builders are never inlined: they have about 400 call sites, and
// inlined each one copies the whole Diagnostic and converts its text in place, which cost 1.6 KB
// of the web page's gzipped WebAssembly. Building a diagnostic is never a hot path.
impl Diagnostic {
    /// An error with a message and no span yet.
    #[inline(never)]
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span: None,
            label: None,
            help: None,
        }
    }

    /// A warning with a message and no span yet.
    #[inline(never)]
    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Points the diagnostic at `span`.
    #[inline(never)]
    pub fn with_span(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    /// Adds the text shown under the caret.
    #[inline(never)]
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a hint on how to fix the problem.
    #[inline(never)]
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A failed conversion: the error itself, the warnings gathered before it, and the input they point into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The input text the spans refer to.
    pub source: String,
    /// The error first, then any warnings gathered before it.
    pub diagnostics: Vec<Diagnostic>,
}

impl std::error::Error for Error {}
