//! curl's options as data: one row per long option with its short form, whether it takes a value, and its support class.

use serde::Serialize;

/// What curl2code does with an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    /// Changes the request and is carried into the generated code.
    Applied,
    /// Does not change what goes on the wire (`-s`, `-v`, `--progress-bar`): accepted silently.
    NoEffect,
    /// Would change the request but is not converted: a warning, the conversion goes on.
    Unsupported,
}

/// One row of curl's option table.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct OptSpec {
    /// The long name without dashes, e.g. `data-binary`.
    pub long: &'static str,
    /// The short letter, e.g. `d`.
    pub short: Option<char>,
    /// True when the option takes a value.
    pub takes_value: bool,
    /// True for boolean options that accept a `--no-` prefix.
    pub negatable: bool,
    /// What curl2code does with it.
    pub support: Support,
}

/// Every long option of curl 8, sorted by long name.
pub static OPTIONS: &[OptSpec] = &[];

/// Looks an option up by its exact long name.
pub fn by_long(name: &str) -> Option<&'static OptSpec> {
    OPTIONS.iter().find(|o| o.long == name)
}
