//! The default program's request data: JSON bodies as object literals, forms and queries as
//! `URLSearchParams`, multipart as `FormData` (or by hand when FormData would change a part), and
//! the bytes curl sends for anything else.

use super::idiomatic::{Context, flat};
use super::{blob, part_head};
use crate::codegen::javascript::literal as lit;
use crate::codegen::plan::json::Json;
use crate::codegen::plan::pairs::Pair;
use crate::codegen::plan::{BodyPlan, Call};
use crate::ir::{Body, Part, PartContent, Segment, Source, Transform};
use std::fmt::Write;

/// `new URLSearchParams(…)` for pairs: an object when names do not repeat, else [name, value]
/// pairs; on one line when short, else one pair a line (`indent` is the caller's indentation).
pub(super) fn search_params(cx: &mut Context, pairs: &[Pair], indent: &str) -> String {
    let unique = pairs
        .iter()
        .enumerate()
        .all(|(i, p)| pairs[..i].iter().all(|q| q.name != p.name));
    let items: Vec<String> = pairs
        .iter()
        .map(|p| {
            let value = cx.text(&p.value, "form value");
            if unique {
                format!("{}: {value}", key(&p.name))
            } else {
                format!("[{}, {value}]", flat(lit::string(&p.name)))
            }
        })
        .collect();
    let (open, close) = if unique { ("{ ", " }") } else { ("[", "]") };
    let inline = format!("new URLSearchParams({open}{}{close})", items.join(", "));
    if inline.len() <= 80 {
        return inline;
    }
    let (open, close) = if unique { ("{", "}") } else { ("[", "]") };
    let mut s = format!("new URLSearchParams({open}\n");
    for item in items {
        let _ = writeln!(s, "{indent}  {item},");
    }
    let _ = write!(s, "{indent}{close})");
    s
}

/// An object key: bare when it is an identifier, quoted otherwise (`__proto__` computed, since a
/// literal `__proto__` key sets the prototype instead).
pub(super) fn key(name: &str) -> String {
    let ident = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if name == "__proto__" {
        "[\"__proto__\"]".to_string()
    } else if ident {
        name.to_string()
    } else {
        flat(lit::string(name))
    }
}

/// A JSON value as a JavaScript literal: on one line when short, else indented from `indent`.
pub(super) fn json_literal(j: &Json, indent: &str) -> String {
    let inline = json_inline(j);
    if inline.len() <= 72 {
        return inline;
    }
    let inner = format!("{indent}  ");
    match j {
        Json::Array(items) if !items.is_empty() => {
            let mut s = String::from("[\n");
            for v in items {
                let _ = writeln!(s, "{inner}{},", json_literal(v, &inner));
            }
            let _ = write!(s, "{indent}]");
            s
        }
        Json::Object(members) if !members.is_empty() => {
            let mut s = String::from("{\n");
            for (k, v) in members {
                let _ = writeln!(s, "{inner}{}: {},", key(k), json_literal(v, &inner));
            }
            let _ = write!(s, "{indent}}}");
            s
        }
        _ => inline,
    }
}

pub(super) fn json_inline(j: &Json) -> String {
    match j {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.clone(),
        Json::String(s) => flat(lit::string(s)),
        Json::Array(items) => format!(
            "[{}]",
            items.iter().map(json_inline).collect::<Vec<_>>().join(", ")
        ),
        Json::Object(m) if m.is_empty() => "{}".into(),
        Json::Object(m) => format!(
            "{{ {} }}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", key(k), json_inline(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The body: lines that prepare it, its expression, and whether it is a hand-built multipart body.
pub(super) fn body_code(
    cx: &mut Context,
    call: &Call,
    node: bool,
) -> (Vec<String>, Option<String>, bool) {
    let r = call.request;
    let typed = r.header("content-type").is_some();
    match &call.body {
        BodyPlan::None => (Vec::new(), None, false),
        BodyPlan::Json(j) if j.numbers_are_plain() && !cx.exact => (
            Vec::new(),
            Some(format!("JSON.stringify({})", json_literal(j, ""))),
            false,
        ),
        BodyPlan::Form(pairs) if !cx.exact => {
            (Vec::new(), Some(search_params(cx, pairs, "")), false)
        }
        // FormData is always multipart/form-data: another multipart type is built by hand.
        BodyPlan::Multipart(parts)
            if !node && parts.iter().all(form_data_can) && r.part_disposition() == "form-data" =>
        {
            let mut lines = vec!["const form = new FormData();".to_string()];
            for p in *parts {
                lines.push(form_append(cx, p));
            }
            (lines, Some("form".into()), false)
        }
        BodyPlan::Multipart(parts) => {
            cx.multipart = true;
            let mut s = String::from("multipart([\n");
            for p in *parts {
                let head = cx.text(&part_head(p, r.part_disposition()), "multipart part header");
                let data = match &p.content {
                    PartContent::Text(v) => {
                        let chunks = cx.chunks(v);
                        blob(chunks)
                    }
                    PartContent::File(src) | PartContent::FileContents(src) => cx.read(src),
                };
                let _ = writeln!(s, "  [{head}, {data}],");
            }
            s.push_str("])");
            (Vec::new(), Some(s), true)
        }
        // JSON with numbers a float would change, and every other body: the bytes curl sends.
        BodyPlan::Json(_) | BodyPlan::Form(_) | BodyPlan::Raw(_) => {
            let segments = match &r.body {
                Some(Body::Data(s)) => s.as_slice(),
                _ => &[],
            };
            let mut chunks = Vec::new();
            for s in segments {
                match s {
                    Segment::Text(v) => chunks.extend(cx.chunks(v)),
                    Segment::Read { source, transform } => {
                        let read = cx.read(source);
                        chunks.push(match transform {
                            Transform::Raw => read,
                            Transform::StripNewlines => {
                                cx.strip_newlines = true;
                                format!("stripNewlines({read})")
                            }
                            Transform::UrlEncode => {
                                cx.urlencode = true;
                                format!("urlencode({read})")
                            }
                        });
                    }
                }
            }
            // A string body would get fetch's `text/plain` Content-Type; a Blob gets none.
            let expr = if typed {
                blob(chunks)
            } else {
                format!("new Blob([{}])", chunks.join(", "))
            };
            (Vec::new(), Some(expr), false)
        }
        BodyPlan::Upload(source) => (Vec::new(), Some(cx.read(source)), false),
    }
}

/// True when FormData sends this part as curl does: no headers of its own, no `;type=` on text,
/// no line breaks in text (FormData turns them into CRLF), file contents known.
pub(super) fn form_data_can(p: &Part) -> bool {
    if !p.headers.is_empty() || lit::text(&p.name).is_none() {
        return false;
    }
    match &p.content {
        PartContent::Text(v) => {
            p.content_type.is_none()
                && p.filename.is_none()
                && v.literal()
                    .is_some_and(|b| !b.contains(&b'\n') && !b.contains(&b'\r'))
                && lit::text(v).is_some()
        }
        PartContent::File(_) => p.filename.as_ref().is_some_and(|f| lit::text(f).is_some()),
        PartContent::FileContents(_) => false,
    }
}

/// `form.append(…)` for one part.
pub(super) fn form_append(cx: &mut Context, p: &Part) -> String {
    let name = cx.text(&p.name, "part name");
    match &p.content {
        PartContent::Text(v) => {
            let v = cx.text(v, "part value");
            format!("form.append({name}, {v});")
        }
        PartContent::File(src) | PartContent::FileContents(src) => {
            let ty = p
                .content_type
                .as_ref()
                .map(|t| format!(", {{ type: {} }}", cx.text(t, "part type")))
                .unwrap_or_default();
            let blob = match src {
                Source::File(path) => {
                    cx.open_as_blob = true;
                    let path = cx.text(path, "file name");
                    format!("await openAsBlob({path}{ty})")
                }
                Source::Stdin => {
                    cx.stdin = true;
                    format!("new Blob([STDIN]{ty})")
                }
            };
            let filename = p
                .filename
                .as_ref()
                .map(|f| cx.text(f, "file name"))
                .unwrap_or_else(|| lit::string(""));
            format!("form.append({name}, {blob}, {filename});")
        }
    }
}
