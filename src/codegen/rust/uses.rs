//! What a generated Rust program's support code needs, gathered while its requests are written:
//! one record for both output modes (the default and `--exact`), and the warning both write as a
//! `// NOTE:` line.

use super::literal::comment;
use crate::diagnostic::Diagnostic;
use crate::ir::{HexCase, QueryRead, Request, Value};

/// The support functions and imports a program needs; each generator's view reads them.
#[derive(Debug, Default)]
pub(super) struct Uses {
    /// `env()`: an environment variable is read.
    pub(super) env: bool,
    /// `urlencode()` and its text (upper-case hex) or query (lower-case hex) forms.
    pub(super) urlencode: bool,
    pub(super) urlencode_text: bool,
    pub(super) urlencode_query: bool,
    /// `read_query()`: a file read into the URL's query (`--url-query @file`, `-G -d @file`).
    pub(super) read_query: bool,
    /// A multipart part with headers of its own.
    pub(super) part_headers: bool,
    /// `read()`: a file is sent.
    pub(super) read: bool,
    /// `tls_file()`: --cacert (on an https URL), --cert, --key, read and parsed up front.
    pub(super) tls_file: bool,
    /// `-n`, `--netrc-file`: the program's netrc_auth.
    pub(super) netrc: bool,
    /// Standard input is sent.
    pub(super) stdin: bool,
    /// `strip_newlines()`: `-d @file`.
    pub(super) strip: bool,
    /// `reqwest::multipart::Part`.
    pub(super) part: bool,
    /// `HeaderValue`: a header value that is not UTF-8.
    pub(super) header_value: bool,
    /// `-b FILE`: the cookie file loader.
    pub(super) cookie_load: bool,
}

impl Uses {
    /// Notes the helpers `v`'s environment variables need when the program runs.
    pub(super) fn note_env(&mut self, v: &Value) {
        if v.env_names().next().is_some() {
            self.env = true;
        }
        // Both String helpers call urlencode.
        for hex in v.env_encodings() {
            self.urlencode = true;
            match hex {
                HexCase::Upper => self.urlencode_text = true,
                HexCase::Lower => self.urlencode_query = true,
            }
        }
        for (_, read) in v.query_files() {
            match read {
                QueryRead::Text => self.read = true,
                _ => self.read_query = true,
            }
        }
    }
}

/// True when a request's URL is not plain http (https, or read when the program runs): its TLS
/// files are loaded before the first request, as curl loads them before the handshake; a URL
/// that reaches https only through -L leaves the CA file to that redirect, as curl does.
pub(super) fn direct_tls<R: std::borrow::Borrow<Request>>(requests: &[R]) -> bool {
    requests.iter().any(|r| {
        !r.borrow()
            .url
            .literal()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"http:"))
    })
}

/// Records a warning about `request` and returns the matching `// NOTE:` line for the code.
pub(super) fn warn(warnings: &mut Vec<Diagnostic>, request: &Request, message: &str) -> String {
    warnings.push(Diagnostic::warning(format!("rust: {message}")).with_span(request.span));
    format!("    // NOTE: {}", comment(message))
}

/// The lines that read `--etag-compare`'s file into `saved_etag` (`""` when it is empty), as
/// both output modes write them; `read` is the mode's expression that reads `path` (used unless
/// `--etag-save` makes a missing file the first run, where curl sends `""`).
pub(super) fn etag_compare_lines(
    uses: &mut Uses,
    path: &str,
    with_save: bool,
    read: &str,
) -> Vec<String> {
    uses.strip = true;
    let mut lines = vec![
        "    // --etag-compare: the saved ETag as one line (\"\" when the file is empty).".into(),
    ];
    if with_save {
        lines.push(format!(
            "    let mut saved_etag = strip_newlines(std::fs::read({path}).unwrap_or_default());"
        ));
    } else {
        uses.read = true;
        lines.push(format!("    let mut saved_etag = strip_newlines({read});"));
    }
    lines.push("    if saved_etag.is_empty() {".into());
    lines.push("        saved_etag = b\"\\\"\\\"\".to_vec();".into());
    lines.push("    }".into());
    lines
}
