//! What both output modes write the way curl sends it: header names as reqwest takes them, `-O`
//! file names, multipart names, content types `mime_str` keeps, and the URL characters the `url`
//! crate sends differently (for a warning).

use crate::ir::HeaderName;

/// A header name as reqwest wants it (`HeaderName::from_static` takes lower case only), or `None`
/// when it is not a valid token.
pub(super) fn header_name(name: &HeaderName) -> Option<String> {
    let n = name.as_str();
    let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    (!n.is_empty() && n.chars().all(tchar)).then(|| n.to_ascii_lowercase())
}

/// The last path segment of a literal URL, for `-O`.
pub(super) fn remote_name(url: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(url);
    let after_scheme = text.split_once("://").map_or(text.as_ref(), |(_, r)| r);
    let path_and_more = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path_and_more.split(['?', '#']).next().unwrap_or("");
    let name = path.rsplit('/').next().unwrap_or("");
    (!name.is_empty()).then(|| name.to_string())
}

/// The file name curl gives a file part that names none (`-F f=@dir/a.png` sends `a.png`): the
/// last segment of a literal path, as a Rust string literal.
pub(super) fn part_file_name(content: &crate::ir::PartContent) -> Option<String> {
    match content {
        crate::ir::PartContent::File(crate::ir::Source::File(p)) => p
            .literal()
            .and_then(|b| remote_name(&[b"x:///".as_slice(), &b].concat()))
            .map(|n| super::literal::str_literal(&n)),
        _ => None,
    }
}

/// The characters of a URL that the `url` crate (WHATWG rules, as in url 2.5.9) sends differently
/// from curl, each with what goes on the wire instead, for a warning: `'` `"` `<` `>` and spaces in
/// the query; `"` `<` `>` `^` `` ` `` `{` `}` and spaces in the path (its path percent-encode set),
/// a backslash in the path becomes `/`; non-ASCII and control bytes are percent-encoded anywhere.
/// The escaping property suite (tests/escaping.rs) finds any character a newer `url` adds.
#[cfg(feature = "exact")]
pub(super) fn url_changes(url: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(url);
    let rest = text.split_once("://").map_or(text.as_ref(), |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = before_query.find('/').map_or("", |i| &before_query[i..]);
    let mut seen: Vec<String> = Vec::new();
    let mut note = |c: char| {
        let shown = match c {
            ' ' => "spaces as %20".to_string(),
            '\\' => "`\\` as `/`".to_string(),
            c if c.is_ascii_graphic() => format!("`{c}` as %{:02X}", c as u32),
            _ => "non-ASCII or control characters as %XX (UTF-8)".to_string(),
        };
        if !seen.contains(&shown) {
            seen.push(shown);
        }
    };
    for c in path.chars() {
        if "\"<>^`{} \\".contains(c) || !c.is_ascii_graphic() {
            note(c);
        }
    }
    for c in query.chars() {
        if "'\"<> ".contains(c) || !c.is_ascii_graphic() {
            note(c);
        }
    }
    (!seen.is_empty()).then(|| seen.join(", "))
}

/// A content type `mime_str` keeps as typed: lower case `type/subtype`, optional `;key=value`
/// parameters, nothing the mime crate would rewrite.
pub(super) fn simple_mime(ct: &[u8]) -> Option<&str> {
    let s = std::str::from_utf8(ct).ok()?;
    let tchar = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "!#$&^_.+-".contains(c);
    let mut parts = s.split(';');
    let (ty, sub) = parts.next()?.split_once('/')?;
    let ok_main =
        !ty.is_empty() && !sub.is_empty() && ty.chars().all(tchar) && sub.chars().all(tchar);
    let ok_params = parts.all(|p| {
        p.split_once('=').is_some_and(|(k, v)| {
            !k.is_empty() && !v.is_empty() && k.chars().all(tchar) && v.chars().all(tchar)
        })
    });
    (ok_main && ok_params).then_some(s)
}
