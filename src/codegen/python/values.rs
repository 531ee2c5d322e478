//! Pieces of the default output's `main()` (idiomatic.rs) that are values, not statements:
//! JSON bodies as Python literals, the headers argument, long header texts, and the single
//! call's data moved into variables.

use super::httpx::Flavour;
use super::syntax::{Entry, Lines, Py};
use crate::codegen::plan::json::{self, Json};
use crate::codegen::python::literal as lit;
use crate::ir::{Request, Value};

/// True when Python's `json` module sends the same value back: integers of any size, and
/// decimals a float holds exactly enough (no exponent, at most 15 significant digits).
pub(super) fn python_keeps_numbers(j: &Json) -> bool {
    match j {
        Json::Number(n) => {
            let digits = n.trim_start_matches('-');
            let integer = digits.bytes().all(|c| c.is_ascii_digit());
            let significant = digits.replace('.', "");
            (integer && digits.len() <= 4000)
                || (!n.contains(['e', 'E']) && significant.trim_start_matches('0').len() <= 15)
        }
        Json::Array(items) => items.iter().all(python_keeps_numbers),
        Json::Object(members) => members.iter().all(|(_, v)| python_keeps_numbers(v)),
        Json::Null | Json::Bool(_) | Json::String(_) => true,
    }
}

/// A JSON value as a Python literal: dicts, lists, `True`/`False`/`None`, numbers as written.
pub(super) fn json_literal(j: &Json) -> Py {
    match j {
        Json::Null => Py::atom("None"),
        Json::Bool(b) => Py::atom(if *b { "True" } else { "False" }),
        Json::Number(n) => Py::atom(n.clone()),
        Json::String(s) => Py::atom(lit::str_lit(s)),
        Json::Array(items) => Py::List(items.iter().map(json_literal).collect()),
        Json::Object(members) => Py::Dict(
            members
                .iter()
                .map(|(k, v)| (Py::atom(lit::str_lit(k)), json_literal(v)))
                .collect(),
        ),
    }
}

/// Moves the request's data arguments (query, headers, body) into variables (`params`,
/// `headers`, `body`, `files`), so that the call is short and the request reads as data.
pub(super) fn hoist_data(top: &mut Lines, args: &mut [(Option<&'static str>, Py)]) {
    for (key, value) in args.iter_mut() {
        let name = match key {
            Some("json" | "data" | "content") => "body",
            Some(k @ ("params" | "headers" | "files")) => *k,
            _ => continue,
        };
        let identifier = matches!(value, Py::Atom(a) if a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_'));
        if !identifier {
            let value = std::mem::replace(value, Py::atom(name));
            top.stmt(4, &format!("{name} = "), &value);
        }
    }
}

/// The headers argument: a dict, or an `HTTPHeaderDict` of pairs when a name repeats (which
/// `VerbatimSession` sends one line each).
pub(super) fn headers_literal(entries: Vec<Entry>, verbatim: bool, flavour: Flavour) -> Py {
    let repeated = entries.iter().enumerate().any(|(i, (k, _))| {
        entries[..i]
            .iter()
            .any(|(e, _)| e.flat().eq_ignore_ascii_case(&k.flat()))
    });
    if verbatim && repeated {
        let pairs = entries
            .into_iter()
            .map(|(k, v)| Py::Tuple(vec![k, v]))
            .collect();
        if flavour == Flavour::Requests {
            Py::Call("HTTPHeaderDict".into(), vec![(None, Py::List(pairs))])
        } else {
            Py::List(pairs) // httpx sends a list of pairs as it is
        }
    } else {
        Py::Dict(entries)
    }
}

/// A long ASCII text (a browser's User-Agent) as string literals of at most 60 characters,
/// broken after spaces, so that no line passes the width.
pub(super) fn long_text(text: &[u8]) -> Py {
    let text = String::from_utf8_lossy(text);
    let whole = lit::str_lit(&text);
    if whole.len() <= 76 {
        // One literal, in parentheses where the line is too long: `ruff format` joins the
        // parts of a text that fits on its own line (a header value sits 12 columns in).
        return Py::Concat(vec![whole]);
    }
    let mut parts = Vec::new();
    let mut part = String::new();
    for word in text.split_inclusive(' ') {
        if !part.is_empty() && part.len() + word.len() > 60 {
            parts.push(lit::str_lit(&std::mem::take(&mut part)));
        }
        part.push_str(word);
    }
    parts.push(lit::str_lit(&part));
    if parts.len() == 1 {
        Py::Atom(parts.remove(0))
    } else {
        Py::Concat(parts)
    }
}

/// A literal text that parses as a JSON object or array.
pub(super) fn looks_like_json(v: &Value) -> bool {
    v.literal()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| json::parse(&s))
        .is_some_and(|j| matches!(j, Json::Object(_) | Json::Array(_)))
}

/// The request's Content-Type is curl's form type.
pub(super) fn is_form(r: &Request) -> bool {
    r.header("content-type")
        .and_then(|v| v.literal())
        .is_some_and(|v| {
            v.trim_ascii()
                .eq_ignore_ascii_case(b"application/x-www-form-urlencoded")
        })
}
