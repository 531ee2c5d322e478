//! What the `--exact` Rust program does with the response besides its body (issue 13's response
//! family): `send_once` keeps the last response's head (`keep_head`, in the template) when a call
//! needs it; main then writes `-D` and `--etag-save` files and puts `-i`'s headers before the
//! body. `--etag-compare` reads its file before the call. An option not given adds nothing.

use super::*;
use crate::codegen::rust::uses::etag_compare_lines;

/// `-J` with `-O`: the name comes from the kept head's Content-Disposition.
pub(super) fn takes_header_name(r: &Request) -> bool {
    r.transfer.saving.remote_header_name && r.transfer.output == Output::RemoteName
}

impl Builder<'_, '_> {
    /// `-J`: the `-O` name from the kept head's Content-Disposition (`saving` kept it in `head`);
    /// `name` is the URL's, the fallback.
    pub(super) fn header_name(
        &mut self,
        request: &Request,
        name: String,
        lines: &mut Vec<String>,
    ) -> String {
        if !takes_header_name(request) {
            return name;
        }
        lines.push("    // -J: the file name the server gives, else the URL's.".into());
        lines.push("    let head = String::from_utf8_lossy(&head);".into());
        lines.push(
            "    let disposition = head.lines().find_map(|l| l.strip_prefix(\"content-disposition: \"));".into(),
        );
        lines.push(format!("    let name = header_name(disposition, {name});"));
        "&name".into()
    }

    /// `finish`'s output argument for a `&str` path: through `free_name` with `--no-clobber`.
    pub(super) fn free_name(&mut self, request: &Request, path: String) -> String {
        if request.transfer.saving.no_clobber {
            format!("Some(&free_name({path}))")
        } else {
            format!("Some({path})")
        }
    }

    /// `--etag-compare`: the lines that read the saved ETag (set-up before the headers), and its
    /// header among `header_lines`.
    pub(super) fn etag_compare(
        &mut self,
        request: &Request,
        header_lines: &mut Vec<String>,
    ) -> Vec<String> {
        let s = &request.transfer.saving;
        let Some(file) = &s.etag_compare else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        let path = self.text_arg(request, file, "the ETag file name", &mut lines);
        self.uses.header_value = true;
        lines.extend(etag_compare_lines(
            &mut self.uses,
            &path,
            s.etag_save.is_some(),
            &format!("read({path}).await"),
        ));
        header_lines
            .push("    headers.append(\"if-none-match\", header_value(&saved_etag));".into());
        lines
    }

    /// After the call: `-D` and `--etag-save` written when a response came (whatever its status,
    /// as curl writes them while the headers arrive), and `-i`'s headers before the body.
    pub(super) fn saving(&mut self, request: &Request) -> Vec<String> {
        let s = &request.transfer.saving;
        if !s.head() && s.etag_save.is_none() && !takes_header_name(request) {
            return Vec::new();
        }
        let mut notes = Vec::new();
        let mut inner = Vec::new();
        let stdout = |what: &str| {
            format!(
                "        std::io::stdout().write_all(&head).unwrap_or_else(|e| fail(&format!(\"cannot write the headers: {{e}}\"))); // {what}"
            )
        };
        match &s.dump_header {
            None => {}
            Some(Output::File(v)) => {
                let path = self.text_arg(request, v, "the header file name", &mut notes);
                inner.push(format!("        write_file({path}, &head); // -D"));
            }
            Some(_) => inner.push(stdout("-D -")),
        }
        if let Some(v) = &s.etag_save {
            let path = self.text_arg(request, v, "the ETag file name", &mut notes);
            inner.push(format!(
                "        write_file({path}, &etag); // --etag-save: the ETag and a newline, or nothing"
            ));
        }
        let file_include = s.include && request.transfer.output != Output::Stdout;
        if s.include && !file_include {
            inner.push(stdout("-i: before the body"));
        }
        let etag = if s.etag_save.is_some() { "etag" } else { "_" };
        notes.push(format!("    let (head, {etag}) = take_head();"));
        if !inner.is_empty() {
            notes.push("    if !head.is_empty() {".into());
            notes.extend(inner);
            notes.push("    }".into());
        }
        if file_include {
            notes.push("    // -i: the status line and headers go first in the file.".into());
            notes.push(
                "    let result = result.map(|body| [head.as_slice(), &body].concat());".into(),
            );
        }
        notes
    }

    /// `finish`'s call for one request (the output file, -f), with `--max-filesize`'s check
    /// before it.
    pub(super) fn finish_call(
        &mut self,
        request: &Request,
        finish_output: bool,
        finish_fail: bool,
        lines: &mut Vec<String>,
    ) {
        let mut args = vec!["result".to_string()];
        if finish_output {
            let mut out_notes = Vec::new();
            let out = match &request.transfer.output {
                Output::Stdout => "None".to_string(),
                Output::File(v) => {
                    let path = self.text_arg(request, v, "the output file name", &mut out_notes);
                    self.free_name(request, path)
                }
                Output::RemoteName => match request.url.literal().and_then(|u| remote_name(&u)) {
                    Some(name) => {
                        let name = self.header_name(request, str_literal(&name), &mut out_notes);
                        self.free_name(request, name)
                    }
                    None => {
                        out_notes.push(self.warn(request, "-O needs a file name at the end of a literal URL; the body goes to stdout"));
                        "None".to_string()
                    }
                },
            };
            args.push(out);
            lines.extend(out_notes);
        }
        if finish_fail {
            args.push(request.transfer.fail.to_string());
        }
        let check = match request.transfer.saving.max_filesize {
            None => "if",
            Some(n) => {
                lines.push(format!(
                    "    if matches!(&result, Ok(body) if body.len() > {n}) {{"
                ));
                lines.push(format!(
                    "        eprintln!(\"error: Maximum file size exceeded (--max-filesize {n})\");"
                ));
                lines.push(
                    "        exit_code = ExitCode::from(63); // --max-filesize: no body, curl's exit status"
                        .to_string(),
                );
                "} else if"
            }
        };
        lines.push(format!(
            "    {check} let Err(code) = finish({}) {{",
            args.join(", ")
        ));
        lines.push("        exit_code = code;".to_string());
        lines.push("    }".to_string());
    }
}
