//! `-F` / `--form` / `--form-string` specs: name, content (text, `@file`, `<file`), type, filename
//! and headers, split the way curl splits them.

use super::*;

/// What a `-F` part carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormContent {
    /// `name=value` (or any `--form-string`).
    Text(Value),
    /// `name=@path`: a file upload (`@-`: stdin).
    File(Value),
    /// `name=<path`: the file's contents as a plain field.
    Contents(Value),
    /// `name=(`: starts a nested multipart (not converted).
    NestedStart,
    /// `=)`: ends a nested multipart (not converted).
    NestedEnd,
}

/// A `;headers=` parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormHeader {
    /// `headers=Name: value`.
    Line(Value),
    /// `headers=@file` (or `<file`): header lines read from a file.
    File(Value),
}

/// A parsed `-F` argument.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormArg {
    /// The field name; None for `=value` (curl then sends no `name=`).
    pub name: Option<Value>,
    /// The part's data.
    pub content: Option<FormContent>,
    /// `;type=`, with any `; param` that follows it (curl keeps those in the content type).
    pub content_type: Option<Value>,
    /// `;filename=`.
    pub filename: Option<Value>,
    /// `;headers=`, in order.
    pub headers: Vec<FormHeader>,
    /// `;encoder=`.
    pub encoder: Option<Value>,
    /// Parameters curl skips with "skip unknown form field".
    pub unknown: Vec<Value>,
    /// `filename=` given where curl ignores it (a `<file` part).
    pub ignored_filename: Option<Value>,
    /// `name=@a,b`: the files after the first (curl sends them as a nested multipart/mixed).
    pub extra_files: Vec<Value>,
}

/// Why a `-F` argument is refused (curl exits with "option -F: is badly used here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// No `=` at all ("Illegally formatted input field!").
    NoEquals,
    /// `;type=` is not `major/minor` ("Illegally formatted content-type field!").
    BadType(Value),
}

/// Parses a `-F` argument (`literal` = `--form-string`: no `@`, `<` or `;` meaning).
pub fn form(f: &Flat, literal: bool) -> Result<FormArg, FormError> {
    let (contents, name) = split_at_byte(b'=')(&f.bytes).map_err(|_| FormError::NoEquals)?;
    let mut arg = FormArg {
        name: (!name.is_empty()).then(|| f.value(name)),
        ..FormArg::default()
    };
    if literal {
        arg.content = Some(FormContent::Text(f.value(contents)));
        return Ok(arg);
    }
    if contents.first() == Some(&b'(') {
        arg.content = Some(FormContent::NestedStart);
        return Ok(arg);
    }
    if arg.name.is_none() && contents == b")" {
        arg.content = Some(FormContent::NestedEnd);
        return Ok(arg);
    }
    if let Some(files) = contents.strip_prefix(b"@") {
        let mut p = Params::parse(f, files, b',', &mut arg)?;
        arg.content = Some(FormContent::File(f.value(&p.data)));
        arg.filename = p.filename.take();
        // More files follow a comma: curl makes a nested multipart of them.
        let mut rest = p.rest;
        while let Some(next) = rest.strip_prefix(b",") {
            let mut extra = FormArg::default();
            let q = Params::parse(f, next, b',', &mut extra)?;
            arg.extra_files.push(f.value(&q.data));
            rest = q.rest;
        }
        return Ok(arg);
    }
    if let Some(file) = contents.strip_prefix(b"<") {
        let mut p = Params::parse(f, file, 0, &mut arg)?;
        arg.content = Some(FormContent::Contents(f.value(&p.data)));
        arg.ignored_filename = p.filename.take();
        return Ok(arg);
    }
    let mut p = Params::parse(f, contents, 0, &mut arg)?;
    arg.content = Some(FormContent::Text(f.value(&p.data)));
    arg.filename = p.filename.take();
    Ok(arg)
}

/// The result of curl's `get_param_part`: the data word, its `filename=`, and where it stopped.
struct Params<'a> {
    data: Vec<u8>,
    filename: Option<Value>,
    rest: &'a [u8],
}

impl<'a> Params<'a> {
    /// Reads `data;param;param…` up to `endchar` (0 = the end), storing type, headers, encoder
    /// and unknown parameters in `arg`.
    fn parse(f: &Flat, input: &'a [u8], endchar: u8, arg: &mut FormArg) -> Result<Self, FormError> {
        let stop = move |c: u8| c == b';' || (endchar != 0 && c == endchar);
        let p = trim_start(input);
        let (mut p, data) = param_word(p, endchar);
        let mut filename = None;
        // The content type runs from `type=` to the last non-blank byte before the next
        // recognised parameter, so `type=text/plain; charset=utf-8` keeps its charset.
        let mut ct: Option<(usize, usize)> = None;
        let mut ct_open = false;
        while let Some(after) = p.strip_prefix(b";") {
            p = trim_start(after);
            if !ct_open && ct.is_none() {
                if let Ok((rest, _)) = tag_no_case::<_, _, nom::error::Error<&[u8]>>("type=")(p) {
                    let t = trim_start(rest);
                    let start = offset(input, t);
                    let (after_type, _) =
                        media_type(t).map_err(|_| FormError::BadType(f.value(until(t, stop))))?;
                    let (rest, end) = extend_type(input, after_type, stop);
                    ct = Some((start, end));
                    ct_open = true;
                    p = rest;
                    continue;
                }
            }
            if let Ok((rest, _)) = tag_no_case::<_, _, nom::error::Error<&[u8]>>("filename=")(p) {
                ct_open = false;
                let (rest, w) = param_word(trim_start(rest), endchar);
                filename = Some(f.value(&w));
                p = rest;
            } else if let Ok((rest, _)) =
                tag_no_case::<_, _, nom::error::Error<&[u8]>>("headers=")(p)
            {
                ct_open = false;
                if let Some(file) = rest.strip_prefix(b"@").or_else(|| rest.strip_prefix(b"<")) {
                    let (rest, w) = param_word(trim_start(file), endchar);
                    arg.headers.push(FormHeader::File(f.value(&w)));
                    p = rest;
                } else {
                    let (rest, w) = param_word(trim_start(rest), endchar);
                    arg.headers.push(FormHeader::Line(f.value(&w)));
                    p = rest;
                }
            } else if let Ok((rest, _)) =
                tag_no_case::<_, _, nom::error::Error<&[u8]>>("encoder=")(p)
            {
                ct_open = false;
                let (rest, w) = param_word(trim_start(rest), endchar);
                arg.encoder = Some(f.value(&w));
                p = rest;
            } else if ct_open {
                let (rest, end) = extend_type(input, p, stop);
                if let Some((_, e)) = ct.as_mut() {
                    *e = end.max(*e);
                }
                p = rest;
            } else {
                let (rest, w) = param_word(p, endchar);
                if !w.is_empty() {
                    arg.unknown.push(f.value(&w));
                }
                p = rest;
            }
        }
        if let Some((s, e)) = ct {
            if let Some(t) = input.get(s..e) {
                arg.content_type = Some(f.value(t));
            }
        }
        Ok(Params {
            data,
            filename,
            rest: p,
        })
    }
}

/// Byte offset of `part` (a sub-slice) inside `whole`.
fn offset(whole: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(whole.as_ptr() as usize)
        .min(whole.len())
}

fn until(s: &[u8], stop: impl Fn(u8) -> bool) -> &[u8] {
    let n = s.iter().take_while(|&&c| !stop(c)).count();
    &s[..n]
}

/// curl's `sscanf("%127[^/ ]/%127[^;, \n]")` check of a `type=` value.
fn media_type(i: &[u8]) -> Res<'_, &[u8]> {
    recognize((
        take_while1(|c| c != b'/' && c != b' '),
        tag("/"),
        take_while1(|c: u8| !matches!(c, b';' | b',' | b' ' | b'\n')),
    ))
    .parse(i)
}

/// Scans to the next `;`/end char; returns the rest and the offset (in `whole`) just past the last
/// non-blank byte seen.
fn extend_type<'a>(whole: &[u8], p: &'a [u8], stop: impl Fn(u8) -> bool) -> (&'a [u8], usize) {
    let body = until(p, &stop);
    let end = offset(whole, p) + trim_end(body).len();
    (&p[body.len()..], end)
}

/// curl's `get_param_word`: a `"quoted"` word (with `\"` and `\\` escapes; anything between the
/// closing quote and the next separator is dropped) or a bare word up to `;`/`endchar`, trailing
/// blanks removed.
fn param_word(p: &[u8], endchar: u8) -> (&[u8], Vec<u8>) {
    let stop = move |c: u8| c == b';' || (endchar != 0 && c == endchar);
    if let Some(body) = p.strip_prefix(b"\"") {
        let mut word = Vec::new();
        let mut i = 0;
        while i < body.len() {
            match body[i] {
                b'\\' if matches!(body.get(i + 1), Some(b'\\' | b'"')) => {
                    word.push(body[i + 1]);
                    i += 2;
                }
                b'"' => {
                    let rest = &body[i + 1..];
                    let skipped = until(rest, stop).len();
                    return (&rest[skipped..], word);
                }
                c => {
                    word.push(c);
                    i += 1;
                }
            }
        }
        // No closing quote: curl reads it as a bare word, quote included.
    }
    let w = until(p, stop);
    (&p[w.len()..], trim_end(w).to_vec())
}
