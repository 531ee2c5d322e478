//! multipart/form-data bodies split into parts, so two senders with different boundaries compare equal.

/// One part of a multipart/form-data body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The Content-Disposition type (`form-data`, `attachment`), lower-cased.
    pub disposition: Option<Vec<u8>>,
    /// `name=` of Content-Disposition, unquoted.
    pub name: Option<Vec<u8>>,
    /// `filename=` of Content-Disposition (or a decoded `filename*=`), unquoted.
    pub filename: Option<Vec<u8>>,
    /// The Content-Type header of the part.
    pub content_type: Option<Vec<u8>>,
    /// Other part headers (lower-case name, value), in order.
    pub extra_headers: Vec<(String, Vec<u8>)>,
    /// The part's data.
    pub data: Vec<u8>,
}

/// The `boundary` parameter of a `multipart/…` Content-Type, unquoted.
pub fn boundary(content_type: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(content_type);
    if !text
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("multipart/")
    {
        return None;
    }
    params(content_type)
        .into_iter()
        .find(|(k, _)| k == "boundary")
        .map(|(_, v)| v)
}

/// `key=value` parameters after the first `;` of a header value (keys lower-cased, values unquoted).
pub fn params(value: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut rest = match value.iter().position(|b| *b == b';') {
        Some(i) => value.get(i + 1..).unwrap_or_default(),
        None => return out,
    };
    loop {
        rest = skip_ws(rest);
        if rest.is_empty() {
            return out;
        }
        let eq = rest.iter().position(|b| *b == b'=' || *b == b';');
        let Some(eq) = eq.filter(|i| rest.get(*i) == Some(&b'=')) else {
            // A bare token without a value: skip it.
            rest = rest
                .iter()
                .position(|b| *b == b';')
                .and_then(|i| rest.get(i + 1..))
                .unwrap_or_default();
            continue;
        };
        let key = String::from_utf8_lossy(rest.get(..eq).unwrap_or_default())
            .trim()
            .to_ascii_lowercase();
        let after = rest.get(eq + 1..).unwrap_or_default();
        let (val, remaining) = if after.first() == Some(&b'"') {
            quoted(after.get(1..).unwrap_or_default())
        } else {
            let end = after.iter().position(|b| *b == b';').unwrap_or(after.len());
            (
                trim_ws(after.get(..end).unwrap_or_default()).to_vec(),
                after.get(end..).unwrap_or_default(),
            )
        };
        out.push((key, val));
        rest = remaining
            .iter()
            .position(|b| *b == b';')
            .and_then(|i| remaining.get(i + 1..))
            .unwrap_or_default();
    }
}

/// A quoted-string body (after the opening quote): unescapes `\x`, stops at the closing quote.
fn quoted(s: &[u8]) -> (Vec<u8>, &[u8]) {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        match b {
            b'\\' => {
                if let Some(&n) = s.get(i + 1) {
                    out.push(n);
                }
                i += 2;
            }
            b'"' => return (out, s.get(i + 1..).unwrap_or_default()),
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    (out, &[])
}

fn skip_ws(s: &[u8]) -> &[u8] {
    let i = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    s.get(i..).unwrap_or_default()
}

fn trim_ws(s: &[u8]) -> &[u8] {
    let s = skip_ws(s);
    let end = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    s.get(..end).unwrap_or_default()
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Splits `body` into parts. Errors say what is malformed and where.
pub fn parse(body: &[u8], boundary: &[u8]) -> Result<Vec<Part>, String> {
    let delim = [b"--".as_slice(), boundary].concat();
    let mut pos = match find(body, &delim, 0) {
        Some(p) => p + delim.len(),
        None => return Err("the boundary never appears in the body".into()),
    };
    let next_delim = [b"\r\n".as_slice(), &delim].concat();
    let mut parts = Vec::new();
    for _ in 0..10_000 {
        if body.get(pos..pos + 2) == Some(b"--") {
            return Ok(parts);
        }
        if body.get(pos..pos + 2) != Some(b"\r\n") {
            return Err(format!("no CRLF after the boundary at byte {pos}"));
        }
        pos += 2;
        // A part with no headers at all starts with the blank line directly.
        let (head, data_start) = if body.get(pos..pos + 2) == Some(b"\r\n") {
            (&[][..], pos + 2)
        } else {
            let head_end = find(body, b"\r\n\r\n", pos)
                .ok_or_else(|| format!("part {} has no end of headers", parts.len() + 1))?;
            (body.get(pos..head_end).unwrap_or_default(), head_end + 4)
        };
        let data_end = find(body, &next_delim, data_start)
            .ok_or_else(|| format!("part {} is not terminated by the boundary", parts.len() + 1))?;
        let mut part = Part {
            disposition: None,
            name: None,
            filename: None,
            content_type: None,
            extra_headers: Vec::new(),
            data: body.get(data_start..data_end).unwrap_or_default().to_vec(),
        };
        for line in head.split(|b| *b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let Some(colon) = line.iter().position(|b| *b == b':') else {
                return Err(format!(
                    "part {} has a header line without colon: {:?}",
                    parts.len() + 1,
                    String::from_utf8_lossy(line)
                ));
            };
            let name = String::from_utf8_lossy(line.get(..colon).unwrap_or_default())
                .trim()
                .to_ascii_lowercase();
            let value = trim_ws(line.get(colon + 1..).unwrap_or_default()).to_vec();
            match name.as_str() {
                "content-disposition" => {
                    let kind = value.split(|&b| b == b';').next().unwrap_or_default();
                    part.disposition = Some(trim_ws(kind).to_ascii_lowercase());
                    for (k, v) in params(&value) {
                        match k.as_str() {
                            "name" => part.name = Some(v),
                            "filename" => part.filename = Some(v),
                            "filename*" => part.filename = Some(decode_ext_value(&v)),
                            _ => {}
                        }
                    }
                }
                "content-type" => part.content_type = Some(value),
                _ => part.extra_headers.push((name, value)),
            }
        }
        parts.push(part);
        pos = data_end + next_delim.len();
    }
    Err("more than 10000 parts".into())
}

/// RFC 8187 `utf-8''percent%20encoded` → bytes.
fn decode_ext_value(v: &[u8]) -> Vec<u8> {
    let text = v.splitn(3, |b| *b == b'\'').nth(2).unwrap_or(v);
    percent_decode(text)
}

/// Decodes `%XX` escapes; anything else is kept.
pub fn percent_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        let hex = s
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(x)) => {
                out.push(x);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}
