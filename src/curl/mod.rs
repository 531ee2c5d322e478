//! curl's command line: the option table and the argv parser that turns shell words into [`CurlArgs`].
//!
//! This is where shell words end: the parser turns each into a [`Text`] (a [`Value`] with its
//! span), so the stages after this one see only curl options with typed arguments.

use crate::diagnostic::Span;
use crate::value::Value;

pub mod args;
mod decimal;
mod opt;
pub mod opts;
pub mod values;

use crate::files::Files;
pub use args::{check_program, parse, parse_with};
pub use opt::{Opt, Text};
pub use opts::{OPTIONS, OptSpec, Support};

/// One option as the user typed it: its table row, the typed option, where its name is.
#[derive(Clone, Debug)]
pub struct Arg {
    /// The table row (names, class), for messages.
    pub spec: &'static OptSpec,
    /// The option with its typed argument: what the lowering reads.
    pub opt: Opt,
    /// The argument as typed (also for options that have no effect), for messages and tests.
    pub value: Option<Text>,
    /// `--no-foo` for a boolean option.
    pub negated: bool,
    /// Where the option name is in the input.
    pub span: Span,
}

/// One argv item after option parsing.
#[derive(Clone, Debug)]
pub enum Item {
    /// An option with its value.
    Opt(Arg),
    /// A bare word: a URL.
    Url(Text),
}

/// What feeds the command's standard input, as values (the shell's words end here).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stdin {
    /// Known bytes: `echo … |`, `printf … |`, a heredoc or a here-string.
    Bytes(Vec<u8>),
    /// `< file` or `cat file |`: read at run time.
    File(Value),
    /// A here-string that reads environment variables: its value and a newline, at run time.
    Text(Value),
}

/// A curl command line in the order typed, `--next` kept as an item, `-K` files inlined.
#[derive(Clone, Debug)]
pub struct CurlArgs {
    /// Options and URLs, in order.
    pub items: Vec<Item>,
    /// Where the files the options name resolve (the lowering reads `-H @file` and friends).
    pub files: Files,
    /// The command's stdin, for `@-`.
    pub stdin: Option<Stdin>,
    /// The whole command in the input.
    pub span: Span,
}
