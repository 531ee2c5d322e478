//! Request bodies: `-d`-style segments joined as curl joins them, and `-F` parts with curl's
//! content types.

use super::{Ctx, StdinSource};
use crate::curl::values::{self, Flat, FormArg, FormContent, FormHeader, HeaderArg};
use crate::diagnostic::{Diagnostic, Span};
use crate::ir::{
    Header, HeaderName, HexCase, Part, PartContent, Piece, Segment, Source, Transform, Value,
};

/// Which data option added a piece (they differ in how `@` and separators work).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DataKind {
    /// `-d`, `--data`, `--data-ascii`: `@file` read with CR/LF removed.
    Ascii,
    /// `--data-binary`: `@file` read as is.
    Binary,
    /// `--data-raw`: no `@` meaning.
    Raw,
    /// `--data-urlencode`.
    UrlEncode,
    /// `--json`: like `--data-binary`, but never preceded by `&`.
    Json,
}

/// The `-d` family's accumulated data (curl's `config->postdata`).
#[derive(Default)]
pub(super) struct Data {
    /// The segments so far, `&` separators included.
    pub segments: Vec<Segment>,
    /// Where the first data option is (for method conflicts).
    pub span: Option<Span>,
    /// `--json` was used (adds its two headers).
    pub json: bool,
}

impl Data {
    fn push(&mut self, seg: Segment) {
        if let (Segment::Text(new), Some(Segment::Text(last))) = (&seg, self.segments.last_mut()) {
            last.push_value(new);
            return;
        }
        if matches!(&seg, Segment::Text(v) if v.is_empty()) {
            return;
        }
        self.segments.push(seg);
    }

    /// Adds one data option's value, as curl's `set_data` does.
    pub(super) fn add(&mut self, kind: DataKind, word: &Value, span: Span, cx: &mut Ctx) {
        // curl puts `&` before a piece whenever an earlier data option set its buffer at all,
        // even to an empty string: `-d '' -d b` sends `&b` and `-d '' -d ''` sends `&`.
        let earlier = self.span.is_some();
        self.span.get_or_insert(span);
        if kind == DataKind::Json {
            self.json = true;
        }
        let mut pieces = Vec::new();
        let f = Flat::new(word);
        match kind {
            DataKind::UrlEncode => urlencode_pieces(&f, cx, &mut pieces),
            DataKind::Raw => pieces.push(Segment::Text(word.clone())),
            _ => match f.bytes.strip_prefix(b"@") {
                Some(path) => {
                    let transform = if kind == DataKind::Ascii {
                        Transform::StripNewlines
                    } else {
                        Transform::Raw
                    };
                    pieces.push(read_segment(&f, path, transform, cx));
                }
                None => pieces.push(Segment::Text(word.clone())),
            },
        }
        if earlier && kind != DataKind::Json {
            self.push(Segment::Text(Value::bytes("&")));
        }
        for p in pieces {
            self.push(p);
        }
    }
}

/// A `@path` (or `@-`) data source, applied now when stdin's bytes are known.
fn read_segment(f: &Flat, path: &[u8], transform: Transform, cx: &Ctx) -> Segment {
    if path == b"-" {
        match &cx.stdin {
            StdinSource::Bytes(b) => Segment::Text(Value::bytes(apply(transform, b))),
            StdinSource::Text(v) => Segment::Text(apply_value(transform, v)),
            StdinSource::File(v) => Segment::Read {
                source: Source::File(v.clone()),
                transform,
            },
            StdinSource::Program => Segment::Read {
                source: Source::Stdin,
                transform,
            },
        }
    } else {
        Segment::Read {
            source: Source::File(f.value(path)),
            transform,
        }
    }
}

/// What curl does to bytes read for a data option.
pub(super) fn apply(transform: Transform, b: &[u8]) -> Vec<u8> {
    match transform {
        Transform::Raw => b.to_vec(),
        // curl's file2string drops every CR and LF and, being a C string, stops at a NUL.
        Transform::StripNewlines => b
            .iter()
            .take_while(|&&c| c != 0)
            .filter(|&&c| c != b'\r' && c != b'\n')
            .copied()
            .collect(),
        Transform::UrlEncode => values::urlencode_form(b),
    }
}

/// [`apply`] on a value that reads environment variables: literal parts now; a variable's value
/// is encoded when the program runs (`--data-urlencode @-`) or sent as it is. (`-d @-` would also
/// drop CR and LF inside the variable's value; a here-string's value rarely has any.)
fn apply_value(transform: Transform, v: &Value) -> Value {
    match transform {
        Transform::UrlEncode => encode_value(v),
        Transform::Raw | Transform::StripNewlines => {
            let mut out = Value::default();
            for p in &v.0 {
                match p {
                    Piece::Bytes(b) => out.push_bytes(&apply(transform, b)),
                    _ => out.0.push(p.clone()),
                }
            }
            out
        }
    }
}

/// Encodes a value as `--data-urlencode` does: literal parts now, environment references when the
/// program runs (curl encodes the variable's value, which it sees after the shell expanded it).
pub(super) fn encode_value(v: &Value) -> Value {
    let mut out = Value::default();
    for p in &v.0 {
        match p {
            Piece::Bytes(b) => out.push_bytes(&values::urlencode_form(b)),
            Piece::Env(name) => out.0.push(Piece::EnvEncoded {
                name: name.clone(),
                hex: HexCase::Upper,
            }),
            // Shell words never hold encoded references; kept as they are.
            Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => out.0.push(p.clone()),
        }
    }
    out
}

/// `--data-urlencode` (and `--url-query`) as segments.
pub(super) fn urlencode_pieces(f: &Flat, cx: &Ctx, out: &mut Vec<Segment>) {
    let arg = values::data_urlencode(f);
    let mut prefix = Value::default();
    if let Some(name) = &arg.name {
        prefix.push_value(name);
        prefix.push_bytes(b"=");
    }
    match arg.content {
        values::UrlEncodeContent::Text(t) => {
            prefix.push_value(&encode_value(&t));
            out.push(Segment::Text(prefix));
        }
        values::UrlEncodeContent::Stdin => {
            out.push(Segment::Text(prefix));
            out.push(read_segment(f, b"-", Transform::UrlEncode, cx));
        }
        values::UrlEncodeContent::File(path) => {
            out.push(Segment::Text(prefix));
            out.push(Segment::Read {
                source: Source::File(path),
                transform: Transform::UrlEncode,
            });
        }
    }
}

/// curl's extension table (lib/mime.c, `Curl_mime_contenttype`), matched case-insensitively.
const CONTENT_TYPES: [(&str, &str); 10] = [
    (".gif", "image/gif"),
    (".jpg", "image/jpeg"),
    (".jpeg", "image/jpeg"),
    (".png", "image/png"),
    (".svg", "image/svg+xml"),
    (".txt", "text/plain"),
    (".htm", "text/html"),
    (".html", "text/html"),
    (".pdf", "application/pdf"),
    (".xml", "application/xml"),
];

/// curl's guess from a file name; None for an unknown extension or a name that ends in `$VAR`.
pub(super) fn guess_content_type(name: &Value) -> Option<&'static str> {
    let Some(Piece::Bytes(tail)) = name.0.last() else {
        return None;
    };
    CONTENT_TYPES.iter().find_map(|(ext, ty)| {
        let n = ext.len();
        (tail.len() >= n && tail[tail.len() - n..].eq_ignore_ascii_case(ext.as_bytes()))
            .then_some(*ty)
    })
}

/// The last path component, as curl's `basename` (trailing slashes ignored).
pub(super) fn basename(path: &Value) -> Value {
    let f = Flat::new(path);
    let mut b = &f.bytes[..];
    while b.len() > 1 && b.last() == Some(&b'/') {
        b = &b[..b.len() - 1];
    }
    let start = b.iter().rposition(|&c| c == b'/').map_or(0, |i| i + 1);
    if start == b.len() {
        return f.value(b);
    }
    f.value(&b[start..])
}

/// Builds one multipart part from a parsed `-F`, or None when it cannot be converted.
pub(super) fn form_part(arg: FormArg, span: Span, cx: &mut Ctx) -> Option<Part> {
    let warn = |cx: &mut Ctx, msg: String, help: &str| {
        cx.warn(
            Diagnostic::warning(msg)
                .with_span(span)
                .with_help(help.to_string()),
        );
    };
    for u in &arg.unknown {
        warn(
            cx,
            format!("curl skips the unknown form parameter `{}`", u.display()),
            "quote the value (name=\"a;b\") if the `;` belongs to it",
        );
    }
    if let Some(e) = &arg.encoder {
        warn(
            cx,
            format!(
                "`;encoder={}` is not converted: the part is sent without a Content-Transfer-Encoding",
                e.display()
            ),
            "drop `;encoder=` or encode the data before sending it",
        );
    }
    if let Some(n) = &arg.ignored_filename {
        warn(
            cx,
            format!(
                "curl ignores `filename={}` on a `<file` part (\"Field file name not allowed here\")",
                n.display()
            ),
            "use name=@file to upload the file with a file name",
        );
    }
    if !arg.extra_files.is_empty() {
        warn(
            cx,
            "several files in one field (name=@a,b) are not converted: only the first is sent"
                .to_string(),
            "use one -F per file",
        );
    }
    let name = arg.name.clone().unwrap_or_default();
    let mut headers = Vec::new();
    for h in &arg.headers {
        match h {
            FormHeader::Line(v) => push_part_header(&Flat::new(v), &mut headers, span, cx),
            FormHeader::File(path) => {
                // curl warns "Cannot read from …" and sends the part without them.
                match cx.read_file(path, span, "`;headers=@file`") {
                    Ok(text) => {
                        for line in values::part_header_file(&text) {
                            push_part_header(&Flat::literal(&line), &mut headers, span, cx);
                        }
                    }
                    Err(e) => cx.warn(e),
                }
            }
        }
    }
    let (content, filename, guessed) = match arg.content? {
        FormContent::NestedStart | FormContent::NestedEnd => {
            warn(
                cx,
                "nested multipart parts (`-F 'name=(;type=multipart/mixed'`) are not converted"
                    .to_string(),
                "send the files as separate -F fields",
            );
            return None;
        }
        FormContent::Text(v) => {
            let guess = arg.filename.as_ref().and_then(guess_content_type);
            (PartContent::Text(v), arg.filename.clone(), guess)
        }
        FormContent::File(path) => {
            let filename = arg.filename.clone().unwrap_or_else(|| basename(&path));
            let guess = guess_content_type(&filename)
                .or_else(|| guess_content_type(&path))
                .or(Some("application/octet-stream"));
            (file_content(&path, true, cx), Some(filename), guess)
        }
        FormContent::Contents(path) => {
            // No file name, so curl drops a guessed text/plain (but keeps image/png etc.).
            let guess = guess_content_type(&path).filter(|t| *t != "text/plain");
            (file_content(&path, false, cx), None, guess)
        }
    };
    // An explicit `;type=` wins; then a `Content-Type:` among `;headers=` (curl moves it to the
    // part's own headers); then curl's guess.
    let header_ct = headers
        .iter()
        .position(|h: &Header| h.name.is("Content-Type"));
    let content_type = match (arg.content_type, header_ct) {
        (Some(t), Some(i)) => {
            headers.remove(i);
            Some(t)
        }
        (Some(t), None) => Some(t),
        (None, Some(i)) => Some(headers.remove(i).value),
        (None, None) => guessed.map(Value::bytes),
    };
    Some(Part {
        name,
        content,
        filename,
        content_type,
        headers,
    })
}

fn push_part_header(f: &Flat, headers: &mut Vec<Header>, span: Span, cx: &mut Ctx) {
    match values::header_line(f, &f.bytes) {
        HeaderArg::Line { name, value } => headers.push(Header {
            name: HeaderName::new(name.display()),
            value,
        }),
        HeaderArg::Empty { name } => headers.push(Header {
            name: HeaderName::new(name.display()),
            value: Value::default(),
        }),
        _ => cx.warn(
            Diagnostic::warning(format!(
                "`{}` is not a header line; curl sends it as typed, curl2code drops it",
                f.value(&f.bytes).display()
            ))
            .with_span(span)
            .with_help("write part headers as `Name: value`"),
        ),
    }
}

/// The data of a `@path` or `<path` part; `-` is stdin, inlined when its bytes are known.
fn file_content(path: &Value, upload: bool, cx: &Ctx) -> PartContent {
    let wrap = |s: Source| {
        if upload {
            PartContent::File(s)
        } else {
            PartContent::FileContents(s)
        }
    };
    if path.literal().as_deref() == Some(b"-") {
        match &cx.stdin {
            StdinSource::Bytes(b) => PartContent::Text(Value::bytes(b.clone())),
            StdinSource::Text(v) => PartContent::Text(v.clone()),
            StdinSource::File(v) => wrap(Source::File(v.clone())),
            StdinSource::Program => wrap(Source::Stdin),
        }
    } else {
        wrap(Source::File(path.clone()))
    }
}
