//! What a Python program does with the response besides its body (issue 13's response family):
//! `-i` and `-D` (the status line and headers as received), `--etag-save` and `--etag-compare`.
//! Both output modes and the httpx flavours share these lines; an option not given adds nothing.

use super::common::Gen;
use super::syntax::Lines;
use crate::codegen::python::literal::Kind;
use crate::ir::{Output, Request};

/// `head_of()` for requests: urllib3 keeps the header lines as received (case, order, repeats).
const HEAD_OF_REQUESTS: &str = r#"def head_of(response: requests.Response) -> bytes:
    """The status line and headers as received, as curl -i and -D write them."""
    version = response.raw.version / 10
    status = f"HTTP/{version} {response.status_code} {response.reason}"
    fields = [f"{name}: {value}" for name, value in response.raw.headers.iteritems()]
    return "\r\n".join([status, *fields, "", ""]).encode("latin-1")"#;

/// `head_of()` for httpx: `headers.raw` holds the header lines as received.
const HEAD_OF_HTTPX: &str = r#"def head_of(response: httpx.Response) -> bytes:
    """The status line and headers as received, as curl -i and -D write them."""
    status = f"{response.http_version} {response.status_code} {response.reason_phrase}"
    fields = [name + b": " + value for name, value in response.headers.raw]
    return b"\r\n".join([status.encode(), *fields, b"", b""])"#;

/// `free_name()` for `--no-clobber`.
const FREE_NAME: &str = r#"def free_name(path: str) -> str:
    """The first of PATH, PATH.1 … PATH.100 that does not exist, as curl --no-clobber picks
    a name; exits with curl's status 23 when all do."""
    for name in [path, *(f"{path}.{n}" for n in range(1, 101))]:
        if not os.path.exists(name):
            return name
    print(f"error: {path} and {path}.1 to {path}.100 exist (--no-clobber)", file=sys.stderr)
    sys.exit(23)"#;

/// `header_name()` for `-J`; `{headers}` is the flavour's header mapping.
const HEADER_NAME: &str = r#"def header_name(response, fallback: str) -> str:
    """-J: the file name in Content-Disposition's filename= as curl takes it (without any
    directory part), else `fallback` (the URL's)."""
    disposition = response.headers.get("Content-Disposition", "")
    found = re.search(r'filename=("[^"]*"|[^;]*)', disposition, re.IGNORECASE)
    name = found[1].strip().strip('"') if found else ""
    return re.split(r"[/\\]", name)[-1] or fallback"#;

/// The support functions the response options need (`""` when none is used).
pub(super) fn helpers(g: &Gen, httpx: bool) -> String {
    let mut out = Vec::new();
    match (g.uses_head_of, httpx) {
        (false, _) => {}
        (true, false) => out.push(HEAD_OF_REQUESTS),
        (true, true) => out.push(HEAD_OF_HTTPX),
    }
    if g.uses_header_name {
        out.push(HEADER_NAME);
    }
    if g.uses_free_name {
        out.push(FREE_NAME);
    }
    out.join("\n\n\n")
}

impl Gen<'_> {
    /// The output file's name expression and `open()` mode: with `--no-clobber`, the first free
    /// name, opened so that it must not exist.
    pub(super) fn output_path(&mut self, r: &Request, path: String) -> (String, &'static str) {
        let path =
            if r.transfer.saving.remote_header_name && r.transfer.output == Output::RemoteName {
                self.uses_header_name = true;
                self.imports.std("re", "");
                format!("header_name(response, {path})")
            } else {
                path
            };
        if !r.transfer.saving.no_clobber {
            return (path, "wb");
        }
        self.uses_free_name = true;
        self.imports.std("os", "");
        (format!("free_name({path})"), "xb")
    }

    /// `--etag-compare`: reads the file before the call; the header value to send, if any.
    pub(super) fn etag_compare(
        &mut self,
        out: &mut Lines,
        indent: usize,
        r: &Request,
    ) -> Option<String> {
        let s = &r.transfer.saving;
        let path = s.etag_compare.as_ref()?;
        let path = self.value(path, Kind::Text).flat();
        self.uses_read_file = true;
        self.uses_strip_newlines = true;
        if s.etag_save.is_some() {
            // With --etag-save too, a missing file is the first run: curl sends "" then.
            self.imports.std("pathlib", "Path");
            out.line(
                indent,
                "# --etag-compare: the saved ETag (\"\" when the file is empty or missing).",
            );
            out.line(indent, "saved_etag = b\"\"");
            out.line(indent, &format!("if Path({path}).exists():"));
            out.line(
                indent + 4,
                &format!("saved_etag = strip_newlines(read_file({path}))"),
            );
        } else {
            out.line(
                indent,
                "# --etag-compare: the saved ETag, as one line (\"\" when the file is empty).",
            );
            out.line(
                indent,
                &format!("saved_etag = strip_newlines(read_file({path}))"),
            );
        }
        Some("saved_etag or b'\"\"'".into())
    }

    /// The body as -i writes it: the status line and headers first.
    pub(super) fn content(&mut self, r: &Request) -> &'static str {
        if r.transfer.saving.include {
            self.uses_head_of = true;
            "head_of(response) + response.content"
        } else {
            "response.content"
        }
    }

    /// `-D` and `--etag-save`: written as soon as a response is in, before -f's check, as curl
    /// writes them while the headers arrive. `asynchronous`: file writes go off the event loop.
    pub(super) fn saving(&mut self, r: &Request, asynchronous: bool) -> Vec<String> {
        let s = &r.transfer.saving;
        let mut lines = Vec::new();
        let write = |path: String, how: &str, data: &str, note: &str| {
            if asynchronous {
                format!("await asyncio.to_thread(Path({path}).{how}, {data}){note}")
            } else {
                format!("Path({path}).{how}({data}){note}")
            }
        };
        match &s.dump_header {
            None => {}
            Some(Output::File(path)) => {
                self.uses_head_of = true;
                let path = self.value(path, Kind::Text).flat();
                self.imports.std("pathlib", "Path");
                lines.push(write(path, "write_bytes", "head_of(response)", "  # -D"));
            }
            Some(_) => {
                self.uses_head_of = true;
                lines.push("sys.stdout.buffer.write(head_of(response))  # -D -".into());
            }
        }
        if let Some(path) = &s.etag_save {
            let path = self.value(path, Kind::Text).flat();
            lines.push(
                "etag = response.headers.get(\"ETag\")  # --etag-save: an empty file if none"
                    .into(),
            );
            self.imports.std("pathlib", "Path");
            lines.push(write(
                path,
                "write_text",
                "f\"{etag}\\n\" if etag else \"\"",
                "",
            ));
        }
        lines
    }

    /// `-i` with -f: curl shows the failed response's headers (not its body) on stdout.
    pub(super) fn failed_head(&mut self, r: &Request) -> Option<&'static str> {
        let s = &r.transfer.saving;
        (s.include && r.transfer.output == Output::Stdout).then(|| {
            self.uses_head_of = true;
            "sys.stdout.buffer.write(head_of(response))  # -i: the headers, not the body"
        })
    }
}

/// `--max-filesize`: a larger body fails the call with curl's exit status 63 and is not written.
/// A single call returns; several go on (the rest of the call's lines then sit under `else:`,
/// at the indent this returns).
pub(super) fn too_big(out: &mut Lines, indent: usize, limit: Option<u64>, single: bool) -> usize {
    let Some(n) = limit else {
        return indent;
    };
    out.line(
        indent,
        &format!("if len(response.content) > {n}:  # --max-filesize"),
    );
    let message = format!("\"error: Maximum file size exceeded (--max-filesize {n})\"");
    out.line(indent + 4, &format!("print({message}, file=sys.stderr)"));
    if single {
        out.line(indent + 4, "return 63  # curl's exit status for it");
        indent
    } else {
        out.line(indent + 4, "exit_code = 63  # curl's exit status for it");
        out.line(indent, "else:");
        indent + 4
    }
}

/// Writes `line` at `indent`, broken as `ruff format` breaks a call that passes the line width
/// when it is an `await asyncio.to_thread(FUNC, DATA)` line (the async flavour's file writes).
pub(super) fn line_wrapped(out: &mut Lines, indent: usize, line: &str) {
    const HEAD: &str = "await asyncio.to_thread(";
    let fits = indent + line.len() <= super::syntax::LINE_WIDTH;
    let Some(rest) = line.strip_prefix(HEAD).filter(|_| !fits) else {
        return out.line(indent, line);
    };
    // The call's arguments, and a trailing comment after its closing parenthesis.
    let (args, note) = match rest.rfind(")  #") {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest.strip_suffix(')').unwrap_or(rest), ""),
    };
    out.line(indent, HEAD);
    if indent + 4 + args.len() <= super::syntax::LINE_WIDTH {
        out.line(indent + 4, args);
    } else {
        // FUNC is `Path(…).write_…`: the first ", " after it ends it.
        let at = args
            .find(").write_")
            .and_then(|i| args[i..].find(", ").map(|j| i + j));
        match at {
            Some(i) => {
                out.line(indent + 4, &format!("{},", &args[..i]));
                out.line(indent + 4, &format!("{},", &args[i + 2..]));
            }
            None => out.line(indent + 4, args),
        }
    }
    out.line(indent, &format!("){note}"));
}
