//! `--variable` and `--expand-*`: curl 8's variables and their functions (trim, json, url, b64).

use super::*;

pub(super) fn is_var_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Parser<'_> {
    /// `--variable name=text`, `name@file`, `%ENV`, `%ENV=default`.
    pub(super) fn variable(&mut self, value: &Word, span: Span) -> Result<(), Diagnostic> {
        let lead = lead(value);
        let (env, from) = match lead.first() {
            Some(b'%') => (true, 1),
            _ => (false, 0),
        };
        let name_len = lead
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| is_var_char(b))
            .count();
        let name_end = from + name_len;
        let name =
            String::from_utf8_lossy(lead.get(from..name_end).unwrap_or_default()).into_owned();
        let bad = || {
            Diagnostic::error(format!("bad variable `{}`", value.display()))
                .with_span(value.span)
                .with_help("write `--variable name=text`, `name@file` or `%ENV_NAME`; names use a-z, A-Z, 0-9 and _")
        };
        if name.is_empty() || name.len() > 128 {
            return Err(bad());
        }
        let sep = lead.get(name_end).copied();
        if env {
            if sep.is_some() || value.parts.len() > 1 {
                self.warnings.push(
                    Diagnostic::warning(format!("the default of `%{name}` is not converted"))
                        .with_span(value.span)
                        .with_help(format!("the generated code requires ${name} to be set")),
                );
            }
            self.vars.insert(name.clone(), vec![WordPart::Env(name)]);
            return Ok(());
        }
        let parts = match sep {
            Some(b'=') => rest_of_word(value, name_end + 1).parts,
            Some(b'@') => {
                let file = rest_of_word(value, name_end + 1);
                let Some(path) = file.literal() else {
                    return Err(Diagnostic::error(
                        "cannot read a variable file named by an environment variable",
                    )
                    .with_span(value.span));
                };
                let bytes = if path == b"-" {
                    match &self.stdin {
                        Some(Stdin::Bytes(b)) => b.clone(),
                        _ => {
                            return Err(Diagnostic::error(format!(
                                "`--variable {name}@-` reads stdin, and the command gives no known bytes on it"
                            ))
                            .with_span(value.span));
                        }
                    }
                } else {
                    read_file(self.files, &path, "variable file", value.span)?
                };
                vec![WordPart::Lit(bytes)]
            }
            Some(b'[') => {
                self.warnings.push(
                    Diagnostic::warning(format!(
                        "the byte range of variable `{name}` is not converted"
                    ))
                    .with_span(span)
                    .with_help("the variable is left unset"),
                );
                return Ok(());
            }
            _ => return Err(bad()),
        };
        self.vars.insert(name, parts);
        Ok(())
    }

    /// Replaces `{{name[:function…]}}` in a `--expand-*` value; `\{{` stays a literal `{{`.
    pub(super) fn expand(&mut self, value: &Word, span: Span) -> Word {
        let mut out: Vec<WordPart> = Vec::new();
        for part in &value.parts {
            let WordPart::Lit(bytes) = part else {
                push_part(&mut out, part.clone());
                continue;
            };
            let mut lit = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                let rest = bytes.get(i..).unwrap_or_default();
                if rest.starts_with(b"\\{{") {
                    lit.extend_from_slice(b"{{");
                    i += 3;
                    continue;
                }
                let close = find(rest, b"}}").filter(|_| rest.starts_with(b"{{"));
                if let Some(close) = close {
                    let inner = rest.get(2..close).unwrap_or_default();
                    if let Some(parts) = self.expand_one(inner, span) {
                        push_part(&mut out, WordPart::Lit(std::mem::take(&mut lit)));
                        for p in parts {
                            push_part(&mut out, p);
                        }
                        i += close + 2;
                        continue;
                    }
                }
                lit.push(bytes[i]);
                i += 1;
            }
            push_part(&mut out, WordPart::Lit(lit));
        }
        if out.is_empty() {
            out.push(WordPart::Lit(Vec::new()));
        }
        Word {
            parts: out,
            span: value.span,
        }
    }

    /// The expansion of `name:fn:fn`, or `None` when it is not a variable reference.
    pub(super) fn expand_one(&mut self, inner: &[u8], span: Span) -> Option<Vec<WordPart>> {
        let text = std::str::from_utf8(inner).ok()?;
        let mut pieces = text.split(':');
        let name = pieces.next()?;
        if name.is_empty() || !name.bytes().all(is_var_char) {
            return None;
        }
        let functions: Vec<&str> = pieces.collect();
        let Some(parts) = self.vars.get(name).cloned() else {
            self.warnings.push(
                Diagnostic::warning(format!(
                    "variable `{name}` is not set; curl expands it to nothing"
                ))
                .with_span(span),
            );
            return Some(Vec::new());
        };
        if functions.is_empty() {
            return Some(parts);
        }
        let literal: Option<Vec<u8>> = parts.iter().try_fold(Vec::new(), |mut acc, p| match p {
            WordPart::Lit(b) => {
                acc.extend_from_slice(b);
                Some(acc)
            }
            WordPart::Env(_) => None,
        });
        let Some(mut bytes) = literal else {
            self.warnings.push(
                Diagnostic::warning(format!(
                    "`{{{{{text}}}}}`: functions on an environment variable are not converted; \
                     the value is inserted as is"
                ))
                .with_span(span),
            );
            return Some(parts);
        };
        for function in functions {
            bytes = match function {
                "trim" => trim(&bytes).to_vec(),
                "json" => json_escape(&bytes),
                "url" => crate::curl::values::urlencode_escape(&bytes),
                "b64" => base64_encode(&bytes),
                "64dec" => base64_decode(&bytes).unwrap_or_else(|| b"[64dec-fail]".to_vec()),
                other => {
                    self.warnings.push(
                        Diagnostic::warning(format!("unknown expansion function `{other}`"))
                            .with_span(span)
                            .with_help("curl knows trim, json, url, b64 and 64dec"),
                    );
                    return Some(Vec::new());
                }
            };
        }
        Some(vec![WordPart::Lit(bytes)])
    }
}

/// Appends a part, merging adjacent literals and dropping empty ones.
pub(super) fn push_part(out: &mut Vec<WordPart>, part: WordPart) {
    match (out.last_mut(), part) {
        (_, WordPart::Lit(b)) if b.is_empty() => {}
        (Some(WordPart::Lit(last)), WordPart::Lit(b)) => last.extend_from_slice(&b),
        (_, part) => out.push(part),
    }
}

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub(super) fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| !is_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !is_space(b))
        .map_or(start, |e| e + 1);
    bytes.get(start..end).unwrap_or_default()
}

pub(super) fn json_escape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b if b < 0x20 => out.extend_from_slice(format!("\\u{b:04x}").as_bytes()),
            b => out.push(b),
        }
    }
    out
}

pub(super) const B64: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(super) fn base64_encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

pub(super) fn base64_decode(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for chunk in bytes.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            let v = if i >= 4 - pad {
                0
            } else {
                B64.iter().position(|&c| c == b)? as u32
            };
            n |= v << (18 - 6 * i);
        }
        for i in 0..3 - pad {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}
