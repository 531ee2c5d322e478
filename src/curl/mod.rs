//! curl's command line: the option table and the argv parser that turns shell words into [`CurlArgs`].

use crate::diagnostic::Span;
use crate::shell::{Stdin, Word};
use serde::Serialize;

pub mod args;
mod decimal;
pub mod opts;
pub mod values;

use crate::files::Files;
pub use args::{check_program, parse, parse_with};
pub use opts::{OPTIONS, OptSpec, Support};

/// One option as the user typed it, resolved to its table row.
#[derive(Clone, Debug, Serialize)]
pub struct Arg {
    /// The table row (long name, class).
    pub spec: &'static OptSpec,
    /// The value, for options that take one (attached `-XPOST` or the next word).
    pub value: Option<Word>,
    /// `--no-foo` for a boolean option.
    pub negated: bool,
    /// Where the option name is in the input.
    pub span: Span,
}

/// One argv item after option parsing.
#[derive(Clone, Debug, Serialize)]
pub enum Item {
    /// An option with its value.
    Opt(Arg),
    /// A bare word: a URL.
    Url(Word),
}

/// A curl command line in the order typed, `--next` kept as an item, `-K` files inlined.
#[derive(Clone, Debug, Serialize)]
pub struct CurlArgs {
    /// Options and URLs, in order.
    pub items: Vec<Item>,
    /// Where the files the options name resolve (the lowering reads `-H @file` and friends).
    #[serde(skip)]
    pub files: Files,
    /// The command's stdin, for `@-`.
    pub stdin: Option<Stdin>,
    /// The whole command in the input.
    pub span: Span,
}
