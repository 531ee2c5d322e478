//! Python source as a small tree (calls, dicts, lists, tuples) laid out as black would, the
//! lines of a function body, and isort-ordered imports: shared by both output modes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Lines longer than this are broken, one argument or entry per line (as black does).
pub(super) const LINE_WIDTH: usize = 88;

/// The program's imports, grouped and sorted as isort (and ruff's `I` rules) want them.
#[derive(Default)]
pub(super) struct Imports {
    /// No `from __future__ import annotations` line: the code needs none.
    pub(super) no_future: bool,
    std: BTreeMap<&'static str, BTreeSet<&'static str>>,
    third: BTreeMap<&'static str, BTreeSet<&'static str>>,
}

impl Imports {
    /// `import module` (empty `name`) or `from module import name`, from the standard library.
    pub(super) fn std(&mut self, module: &'static str, name: &'static str) {
        self.std.entry(module).or_default().insert(name);
    }

    /// The same for third-party packages (requests, urllib3).
    pub(super) fn third(&mut self, module: &'static str, name: &'static str) {
        self.third.entry(module).or_default().insert(name);
    }

    /// Drops a third-party import (a flavour that uses another library's class instead).
    pub(super) fn forget_third(&mut self, module: &'static str) {
        self.third.remove(module);
    }

    pub(super) fn render(&self) -> String {
        let mut out = if self.no_future {
            String::new()
        } else {
            String::from("from __future__ import annotations\n")
        };
        for group in [&self.std, &self.third] {
            out.push('\n');
            // isort's default: plain imports first, then from-imports, each sorted by module.
            for (module, names) in group {
                if names.contains("") {
                    let _ = writeln!(out, "import {module}");
                }
            }
            for (module, names) in group {
                let mut names: Vec<&str> =
                    names.iter().copied().filter(|n| !n.is_empty()).collect();
                if names.is_empty() {
                    continue;
                }
                // Constants, then classes, then functions, as isort's order-by-type.
                crate::sort::sort_by_key(&mut names, |n| {
                    let rank = if n.chars().all(|c| !c.is_ascii_lowercase()) {
                        0
                    } else if n.starts_with(|c: char| c.is_ascii_uppercase()) {
                        1
                    } else {
                        2
                    };
                    (rank, n.to_string())
                });
                let _ = writeln!(out, "from {module} import {}", names.join(", "));
            }
        }
        out.truncate(out.trim_end().len());
        if self.no_future {
            out.remove(0); // the blank line before the first group
        }
        out
    }
}

/// A `key: value` entry of a dict literal.
pub(super) type Entry = (Py, Py);

/// Python source as a tree, printed flat when it fits in a line and one item per line otherwise.
pub(super) enum Py {
    /// Code that is never broken.
    Atom(String),
    /// `name(args)`, keyword arguments as `key=value`.
    Call(String, Vec<(Option<&'static str>, Py)>),
    /// `{key: value, …}`.
    Dict(Vec<(Py, Py)>),
    /// `[…]`.
    List(Vec<Py>),
    /// `(…)`.
    Tuple(Vec<Py>),
    /// String literals written next to each other (implicit concatenation): a long text
    /// broken over lines, inside parentheses.
    Concat(Vec<String>),
    /// Operands added with `+` (a text with environment variables in it): broken one operand
    /// per line inside parentheses, as `ruff format` breaks a long sum.
    Sum(Vec<String>),
}

impl Py {
    pub(super) fn atom(s: impl Into<String>) -> Py {
        Py::Atom(s.into())
    }

    /// The code on one line.
    pub(super) fn flat(&self) -> String {
        let mut out = String::new();
        self.write_flat(&mut out);
        out
    }

    /// Appends the one-line code to `out`: one buffer for the whole tree rather than a string
    /// per node (rendering calls this for every statement).
    pub(super) fn write_flat(&self, out: &mut String) {
        fn sep(out: &mut String, i: usize) {
            if i > 0 {
                out.push_str(", ");
            }
        }
        match self {
            Py::Atom(s) => out.push_str(s),
            Py::Call(name, args) => {
                out.push_str(name);
                out.push('(');
                for (i, (k, v)) in args.iter().enumerate() {
                    sep(out, i);
                    if let Some(k) = k {
                        out.push_str(k);
                        out.push('=');
                    }
                    v.write_flat(out);
                }
                out.push(')');
            }
            Py::Dict(items) => {
                out.push('{');
                for (i, (k, v)) in items.iter().enumerate() {
                    sep(out, i);
                    k.write_flat(out);
                    out.push_str(": ");
                    v.write_flat(out);
                }
                out.push('}');
            }
            Py::List(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    sep(out, i);
                    v.write_flat(out);
                }
                out.push(']');
            }
            Py::Concat(parts) => out.push_str(&parts.join(" ")),
            Py::Sum(parts) => out.push_str(&parts.join(" + ")),
            Py::Tuple(items) => {
                out.push('(');
                for (i, v) in items.iter().enumerate() {
                    sep(out, i);
                    v.write_flat(out);
                }
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
        }
    }

    /// The code starting at column `indent` after `lead` characters of the same line and
    /// followed by `trail` more (a comma, a bracket), laid out as black and ruff format do: on
    /// one line if it fits; else the items on one line between the brackets; else one item per
    /// line with a trailing comma.
    pub(super) fn render(&self, indent: usize, lead: usize, trail: usize) -> String {
        let flat = self.flat();
        if indent + lead + flat.len() + trail <= LINE_WIDTH {
            return flat;
        }
        // (text before an item's value, the value) for every item.
        let (open, close, items): (String, &str, Vec<(String, &Py)>) = match self {
            Py::Atom(s) => {
                // A long string or bytes literal (a raw body, a JSON text) goes as literals on
                // their own lines, as `ruff format` leaves implicit concatenation.
                let room = LINE_WIDTH.saturating_sub(indent + 4 + 3).max(24);
                return match split_literal(s, room) {
                    Some(parts) => Py::Concat(parts).render(indent, lead, trail),
                    None => s.clone(),
                };
            }
            Py::Concat(parts) => {
                let pad = " ".repeat(indent + 4);
                let lines: Vec<String> = parts.iter().map(|p| format!("{pad}{p}\n")).collect();
                return format!("(\n{}{})", lines.concat(), " ".repeat(indent));
            }
            Py::Sum(parts) => {
                let pad = " ".repeat(indent + 4);
                let lines: Vec<String> = parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| format!("{pad}{}{p}\n", if i == 0 { "" } else { "+ " }))
                    .collect();
                return format!("(\n{}{})", lines.concat(), " ".repeat(indent));
            }
            Py::Call(name, args) => (
                format!("{name}("),
                ")",
                args.iter()
                    .map(|(k, v)| (k.map(|k| format!("{k}=")).unwrap_or_default(), v))
                    .collect(),
            ),
            Py::Dict(items) => (
                "{".into(),
                "}",
                items
                    .iter()
                    .map(|(k, v)| (format!("{}: ", k.flat()), v))
                    .collect(),
            ),
            Py::List(items) => (
                "[".into(),
                "]",
                items.iter().map(|v| (String::new(), v)).collect(),
            ),
            Py::Tuple(items) => (
                "(".into(),
                ")",
                items.iter().map(|v| (String::new(), v)).collect(),
            ),
        };
        let pad = " ".repeat(indent + 4);
        let mut one_line = String::with_capacity(flat.len());
        for (i, (key, v)) in items.iter().enumerate() {
            if i > 0 {
                one_line.push_str(", ");
            }
            one_line.push_str(key);
            v.write_flat(&mut one_line);
        }
        // black keeps a call's arguments together on one line when they fit there, but puts
        // each item of a literal list, dict or tuple on its own line.
        let hug = match self {
            Py::Call(..) => indent + 4 + one_line.len() <= LINE_WIDTH,
            Py::Tuple(items) => items.len() == 1,
            _ => items.len() == 1,
        };
        let mut out = open;
        if hug && !matches!(self, Py::Tuple(_)) {
            let inner = match (self, items.first()) {
                (Py::Call(..), _) | (_, None) => one_line,
                (_, Some((key, v))) => format!("{key}{}", v.render(indent + 4, key.len(), 0)),
            };
            let _ = write!(out, "\n{pad}{inner}\n");
        } else {
            out.push('\n');
            for (key, v) in items {
                let _ = writeln!(out, "{pad}{key}{},", v.render(indent + 4, key.len(), 1));
            }
        }
        out.push_str(&" ".repeat(indent));
        out.push_str(close);
        out
    }
}

/// Code lines of `main()`, each at an indentation level.
#[derive(Default)]
pub(super) struct Lines(pub(super) String);

impl Lines {
    pub(super) fn line(&mut self, indent: usize, text: &str) {
        if text.is_empty() {
            self.0.push('\n');
            return;
        }
        for l in text.lines() {
            if l.is_empty() {
                self.0.push('\n');
            } else {
                push_indent(&mut self.0, indent);
                self.0.push_str(l);
                self.0.push('\n');
            }
        }
    }

    /// `prefix` and `code` (e.g. `request = prepare(…)`), broken over lines when too long.
    pub(super) fn stmt(&mut self, indent: usize, prefix: &str, code: &Py) {
        let code = code.render(indent, prefix.len(), 0);
        push_indent(&mut self.0, indent);
        self.0.push_str(prefix);
        self.0.push_str(&code);
        self.0.push('\n');
    }
}

/// Appends `indent` spaces without building a temporary string.
pub(super) fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A single plain string or bytes literal (`'…'`, `b"…"`) cut into literals of at most `room`
/// bytes of content each, after a `\n` escape or a space where one is near; None for anything
/// else (an expression, a raw or f-string) or a literal that fits. Works on bytes: what it cuts
/// at is ASCII, and a multi-byte character is stepped over whole.
fn split_literal(code: &str, room: usize) -> Option<Vec<String>> {
    let prefix = if code.starts_with('b') { "b" } else { "" };
    let rest = &code.as_bytes()[prefix.len()..];
    let q = *rest.first()?;
    if !matches!(q, b'\'' | b'"') || rest.len() < 2 || rest[rest.len() - 1] != q {
        return None;
    }
    let inner = &code[prefix.len() + 1..code.len() - 1];
    let b = inner.as_bytes();
    if b.len() <= room {
        return None;
    }
    let mut parts = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        // Escape sequences stay whole: `\x41`, `\u00e9`, `\U0001f600`, `\n`.
        let len = match b[i] {
            b'\\' => match b.get(i + 1)? {
                b'x' => 4,
                b'u' => 6,
                b'U' => 10,
                _ => 2,
            },
            c if c == q => return None, // two literals side by side, not one
            c if c < 0x80 => 1,
            c => c.leading_ones() as usize,
        };
        if i + len > b.len() {
            return None;
        }
        if i + len - start > room {
            parts.push(&inner[start..i]);
            start = i;
        }
        i += len;
        let soft = b[i - 1] == b' ' || (len == 2 && b[i - 1] == b'n');
        if soft && i - start >= room * 2 / 3 {
            parts.push(&inner[start..i]);
            start = i;
        }
    }
    parts.push(&inner[start..]);
    parts.retain(|p| !p.is_empty());
    Some(parts.iter().map(|p| requote(prefix, q, p)).collect())
}

/// One part of a cut literal, quoted as `ruff format` quotes it on its own: double quotes
/// unless the part holds more double than single quotes.
fn requote(prefix: &str, q: u8, inner: &str) -> String {
    let b = inner.as_bytes();
    let count = |c| b.iter().filter(|&&x| x == c).count();
    let want = if count(b'"') > count(b'\'') {
        b'\''
    } else {
        b'"'
    };
    let mut out = vec![want];
    let mut i = 0;
    while i < b.len() {
        // Swapping quotes: `\'` loses its backslash, a bare `"` gains one; other escapes stay.
        match b[i] {
            b'\\' if b[i + 1] == q && q != want => out.push(q),
            b'\\' => out.extend_from_slice(&b[i..i + 2]),
            c if c == want && q != want => out.extend_from_slice(&[b'\\', c]),
            c => out.push(c),
        }
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    out.push(want);
    // Only ASCII bytes were added or removed, so the text stays UTF-8.
    format!("{prefix}{}", String::from_utf8(out).unwrap_or_default())
}
