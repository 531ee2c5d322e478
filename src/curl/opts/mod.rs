//! curl's options as data: one row per long option, the single place that says what it is and what curl2code does with it.
//!
//! A row ([`OptSpec`]) holds the option's names, its argument kind, its [`Support`] and curl's
//! help line. The rows mirror the option table of curl 8.x (`src/tool_getparam.c`), a superset
//! of curl 7.x's. The classes:
//! - [`Support::Applied`]: changes the request; the row names the [`Opt`] variant the parser
//!   builds, and the lowering matches on [`Opt`] exhaustively, so a new applied option that
//!   nobody lowers does not compile. A target whose library cannot carry it out is named in the
//!   row's limits with the reason ([`OptSpec::limits`]).
//! - [`Support::Parser`]: the parser consumes it itself (`-K` files are inlined, `--variable`s
//!   expanded); it never reaches the lowering.
//! - [`Support::NoEffect`]: does not change the request that is sent: output and progress
//!   (`-s`, `-v`, `-i`, `-D`, `-w`, `--no-clobber`, `-J`), transport tuning that keeps the same
//!   request (`--http2`, `--tcp-nodelay`, `--tlsv1.2`, which modern libraries satisfy anyway),
//!   and options curl 8 itself ignores (`--metalink`, `--npn`, `--sslv3`).
//! - [`Support::Unsupported`]: would change the bytes sent, where they go, who is trusted or
//!   whether the request is sent at all, and is not converted; the row carries the reason for
//!   the warning and `--list-options`. `--help`, `--version`, `--manual` and `--dump-ca-embed`
//!   are in this class too; the parser refuses them because curl prints instead of sending.

mod reasons;
mod table;

use super::{Opt, Text};
pub use table::OPTIONS;

/// How an option takes its argument (curl's `ARG_*` kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// Takes a value (`ARG_STRG` / `ARG_FILE`): `-d DATA`.
    Value,
    /// A boolean that also accepts `--no-NAME` (`ARG_BOOL`).
    Bool,
    /// A boolean documented by its `--no-` form (`ARG_BOOL|ARG_NO`: `--no-buffer`); its short
    /// letter, if any, means the `--no-` form (`-N` is `--no-buffer`).
    InvertedBool,
    /// A switch without a `--no-` form (`ARG_NONE`).
    Switch,
}

/// How the parser turns an applied option into its [`Opt`].
#[derive(Clone, Copy, Debug)]
pub enum Build {
    /// A value option: the variant that carries the value.
    Value(fn(Text) -> Opt),
    /// A boolean: the variant that carries on (true) or `--no-` (false).
    Flag(fn(bool) -> Opt),
    /// A switch without a `--no-` form.
    Switch(fn() -> Opt),
}

/// What curl2code does with an option, whatever the target.
#[derive(Clone, Copy, Debug)]
pub enum Support {
    /// Changes the request and is carried into the generated code, as this [`Opt`].
    Applied(Build),
    /// Applied by the argv parser itself (`-K`, `--variable`).
    Parser,
    /// Does not change what goes on the wire (`-s`, `-v`, `--progress-bar`): accepted silently.
    NoEffect,
    /// Would change the request but is not converted: a warning with this reason, the
    /// conversion goes on.
    Unsupported(&'static str),
}

/// One row of curl's option table.
#[derive(Debug)]
pub struct OptSpec {
    /// The long name without dashes, e.g. `data-binary`.
    pub long: &'static str,
    /// The short letter, e.g. `d`.
    pub short: Option<char>,
    /// How it takes its argument.
    pub arg: ArgKind,
    /// What curl2code does with it.
    pub support: Support,
    /// Targets whose library cannot carry out an applied option: (a `--lang` name such as
    /// `python`, `rust` or the flavour `rust-blocking`, or `*` for all, and why). The lowering
    /// accepts it; the generator warns.
    pub limits: &'static [(&'static str, &'static str)],
    /// curl's one-line help for it (`--list-options`); empty without the `cli` feature.
    pub help: &'static str,
}

/// Rows are equal when they are the same option (long names are unique).
impl PartialEq for OptSpec {
    fn eq(&self, other: &Self) -> bool {
        self.long == other.long
    }
}

impl Eq for OptSpec {}

impl OptSpec {
    /// True when the option takes a value.
    pub fn takes_value(&self) -> bool {
        self.arg == ArgKind::Value
    }

    /// True for boolean options that accept a `--no-` prefix.
    pub fn negatable(&self) -> bool {
        matches!(self.arg, ArgKind::Bool | ArgKind::InvertedBool)
    }

    /// True for a boolean curl documents by its `--no-` form (`--no-buffer`).
    pub fn inverted(&self) -> bool {
        self.arg == ArgKind::InvertedBool
    }

    /// True when the option is applied, by the lowering or by the parser itself.
    pub fn is_applied(&self) -> bool {
        matches!(self.support, Support::Applied(_) | Support::Parser)
    }

    /// The option as a user would write it: `--data`, or `--no-buffer` when `negated`.
    pub fn display(&self, negated: bool) -> String {
        if negated {
            format!("--no-{}", self.long)
        } else {
            format!("--{}", self.long)
        }
    }

    /// The name curl's manual lists it under: `--no-buffer` for an inverted boolean.
    pub fn documented(&self) -> String {
        self.display(self.inverted())
    }

    /// The typed option for one occurrence (`value` for a value option, `negated` for
    /// `--no-NAME`); None for the options the parser consumes itself ([`Support::Parser`]).
    pub fn build(&'static self, value: Option<Text>, negated: bool) -> Option<Opt> {
        Some(match self.support {
            Support::Applied(Build::Value(f)) => f(value.unwrap_or_default()),
            Support::Applied(Build::Flag(f)) => f(!negated),
            Support::Applied(Build::Switch(f)) => f(),
            Support::Parser => return None,
            Support::NoEffect => Opt::NoEffect(self),
            Support::Unsupported(_) => Opt::Unsupported(self),
        })
    }

    /// The row with targets that cannot carry the option out (see [`OptSpec::limits`]).
    const fn except(self, limits: &'static [(&'static str, &'static str)]) -> OptSpec {
        OptSpec { limits, ..self }
    }

    /// Its status for the target named `target` (`python`, `javascript`, `rust`, or a flavour
    /// such as `javascript-axios`, which has its own rows' limits and its core language's).
    pub fn status(&self, target: &str) -> Status {
        let core = crate::codegen::Target::from_name(target).map(|t| t.core().name());
        match self.support {
            Support::NoEffect => Status::NoEffect,
            Support::Unsupported(why) => Status::Refused(why),
            Support::Applied(_) | Support::Parser => [Some(target), core, Some("*")]
                .into_iter()
                .flatten()
                .find_map(|name| self.limits.iter().find(|(t, _)| *t == name))
                .map_or(Status::Applied, |(_, why)| Status::Refused(why)),
        }
    }
}

/// Converts the table's `' '` (curl's own marker for "no short letter") into an `Option`.
const fn letter(short: char) -> Option<char> {
    if short == ' ' { None } else { Some(short) }
}

/// A row; the constructors below name the argument kind.
const fn row(
    long: &'static str,
    short: char,
    arg: ArgKind,
    support: Support,
    help: &'static str,
) -> OptSpec {
    OptSpec {
        long,
        short: letter(short),
        arg,
        support,
        limits: &[],
        // Only `--list-options` prints these lines: the web page's modules (no `cli`) leave
        // them out, about 3 KB of gzipped WebAssembly.
        help: if cfg!(feature = "cli") { help } else { "" },
    }
}

/// An option that takes a value.
const fn value(long: &'static str, short: char, support: Support, help: &'static str) -> OptSpec {
    row(long, short, ArgKind::Value, support, help)
}

/// A boolean that also accepts `--no-NAME`.
const fn flag(long: &'static str, short: char, support: Support, help: &'static str) -> OptSpec {
    row(long, short, ArgKind::Bool, support, help)
}

/// A switch without a `--no-` form.
const fn plain(long: &'static str, short: char, support: Support, help: &'static str) -> OptSpec {
    row(long, short, ArgKind::Switch, support, help)
}

/// A boolean documented as `--no-NAME`.
const fn no_flag(long: &'static str, short: char, support: Support, help: &'static str) -> OptSpec {
    row(long, short, ArgKind::InvertedBool, support, help)
}

/// Applied, carried by the value variant `f`.
const fn val(f: fn(Text) -> Opt) -> Support {
    Support::Applied(Build::Value(f))
}

/// Applied, carried by the boolean variant `f`.
const fn on(f: fn(bool) -> Opt) -> Support {
    Support::Applied(Build::Flag(f))
}

/// Applied, carried by the switch variant `f` makes.
const fn switch(f: fn() -> Opt) -> Support {
    Support::Applied(Build::Switch(f))
}

/// Short names for the table's other classes.
const N: Support = Support::NoEffect;
const P: Support = Support::Parser;

/// Unsupported, with the reason.
#[allow(non_snake_case)]
const fn U(why: &'static str) -> Support {
    Support::Unsupported(why)
}

/// Looks an option up by its exact long name.
pub fn by_long(name: &str) -> Option<&'static OptSpec> {
    OPTIONS
        .binary_search_by(|o| o.long.cmp(name))
        .ok()
        .and_then(|i| OPTIONS.get(i))
}

/// Looks an option up by its short letter (`d` → `data`).
pub fn by_short(letter: char) -> Option<&'static OptSpec> {
    OPTIONS.iter().find(|o| o.short == Some(letter))
}

/// What curl2code does with one option in one target language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The program sends what curl sends.
    Applied,
    /// Does not change the request: accepted silently.
    NoEffect,
    /// Not converted (a warning at conversion time), with the reason.
    Refused(&'static str),
}

/// The status of `spec` for the target named `target` (`python`, `javascript`, `rust`).
pub fn status(spec: &OptSpec, target: &str) -> Status {
    spec.status(target)
}

#[cfg(test)]
mod tests;
