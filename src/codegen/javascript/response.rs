//! What a JavaScript program does with the response besides its body (issue 13's response
//! family): `-i` and `-D` (the status line and headers), `--etag-save` and `--etag-compare`.
//! fetch, nodeFetch (`--exact`) and axios share these lines but for how headers are read; an
//! option not given adds nothing.

use super::Flavour;
use super::idiomatic::Context;
use super::literal as lit;
use crate::ir::{Output, Request, WriteOut};

/// `--etag-compare`: the line that reads the saved ETag before the call, and the header value.
pub(super) fn etag_compare(
    cx: &mut Context,
    r: &Request,
    lines: &mut Vec<String>,
) -> Option<String> {
    let s = &r.transfer.saving;
    let path = cx.text(s.etag_compare.as_ref()?, "ETag file name");
    cx.read_file = true;
    // With --etag-save too, a missing file is the first run: curl sends "" then.
    let read = if s.etag_save.is_some() {
        format!("(await readFile({path}, \"latin1\").catch(() => \"\"))")
    } else {
        format!("(await readFile({path}, \"latin1\"))")
    };
    lines.push(
        "// --etag-compare: the saved ETag as one line (\"\" when the file is empty).".into(),
    );
    lines.push(format!(
        "const savedEtag = {read}.replace(/[\\r\\n]/g, \"\") || '\"\"';"
    ));
    Some("savedEtag".into())
}

/// `-D` and `--etag-save`, written as soon as the response is in (before -f's check, as curl
/// writes them while the headers arrive); `const head` for `-i` too. Returns the expression of the
/// bytes -i puts before the body.
pub(super) fn saving(
    cx: &mut Context,
    r: &Request,
    lines: &mut Vec<String>,
) -> Option<&'static str> {
    let s = &r.transfer.saving;
    let axios = cx.flavour == Flavour::Axios;
    if s.head() {
        // fetch's Headers holds names in lower case, sorted, repeats joined (but Set-Cookie).
        let fields = if axios {
            "Object.entries(response.headers).flatMap(([k, v]) => [v].flat().map((x) => `${k}: ${x}\\r\\n`))"
        } else {
            "[...response.headers].map(([k, v]) => `${k}: ${v}\\r\\n`)"
        };
        lines.push("// -i/-D: the status line and headers, as curl shows them.".into());
        lines.push(format!("const fields = {fields}.join(\"\");"));
        lines.push(
            "const head = Buffer.from(`HTTP/1.1 ${response.status} ${response.statusText}\\r\\n${fields}\\r\\n`, \"latin1\");".into(),
        );
    }
    match &s.dump_header {
        None => {}
        Some(Output::File(path)) => {
            cx.write_file = true;
            let path = cx.text(path, "header file name");
            lines.push(format!("await writeFile({path}, head); // -D"));
        }
        Some(_) => lines.push("process.stdout.write(head); // -D -".into()),
    }
    if let Some(path) = &s.etag_save {
        cx.write_file = true;
        let path = cx.text(path, "ETag file name");
        let etag = if axios {
            "response.headers.etag"
        } else {
            "response.headers.get(\"etag\")"
        };
        lines.push(format!(
            "const etag = {etag}; // --etag-save: an empty file if none"
        ));
        lines.push(format!(
            "await writeFile({path}, etag ? `${{etag}}\\n` : \"\");"
        ));
    }
    s.include.then_some("head")
}

/// `--no-clobber`: the output file's name through `freeName()`.
pub(super) fn free_name(cx: &mut Context, r: &Request, path: String) -> String {
    if !r.transfer.saving.no_clobber {
        return path;
    }
    cx.free_name = true;
    format!("freeName({path})")
}

/// `freeName()`, after main() when a call has `--no-clobber`.
pub(super) fn free_name_function(ts: bool) -> String {
    let (arg, ret) = if ts {
        (": string", ": string")
    } else {
        ("", "")
    };
    format!(
        r#"
// --no-clobber: the first of PATH, PATH.1 … PATH.100 that does not exist, as curl picks a name.
function freeName(path{arg}){ret} {{
  for (let n = 0; n <= 100; n++) {{
    const name = n ? `${{path}}.${{n}}` : path;
    if (!existsSync(name)) return name;
  }}
  throw Object.assign(new Error(`${{path}} and ${{path}}.1 to ${{path}}.100 exist (--no-clobber)`), {{ exitCode: 23 }});
}}"#
    )
}

/// `-J`: the `-O` name through `headerName()`, which reads Content-Disposition.
pub(super) fn header_name(cx: &mut Context, r: &Request, name: String) -> String {
    if !r.transfer.saving.remote_header_name {
        return name;
    }
    cx.header_name = true;
    let disposition = if cx.flavour == Flavour::Axios {
        "response.headers[\"content-disposition\"]"
    } else {
        "response.headers.get(\"content-disposition\")"
    };
    format!("headerName({disposition}, {name})")
}

/// `headerName()`, after main() when a call has `-J`.
pub(super) fn header_name_function(ts: bool) -> String {
    let (arg, fallback, ret) = if ts {
        (
            ": string | null | undefined",
            ": string | undefined",
            ": string",
        )
    } else {
        ("", "", "")
    };
    format!(
        r#"
// -J: the file name in Content-Disposition's filename= as curl takes it (without any directory
// part), else `fallback` (the URL's).
function headerName(disposition{arg}, fallback{fallback}){ret} {{
  const found = /filename=("[^"]*"|[^;]*)/i.exec(disposition ?? "");
  return (found ? found[1].trim().replace(/^"|"$/g, "") : "").split(/[/\\]/).pop() || (fallback ?? "");
}}"#
    )
}

/// `-w`: curl's write-out after the transfer, as a `process.stdout.write(…)` line; `None` without
/// `-w` or when it writes nothing. `failed`: no response came; curl writes `000` for the status
/// and the URL it tried, nothing for the rest.
pub(super) fn write_out(cx: &mut Context, r: &Request, failed: bool) -> Option<String> {
    let axios = cx.flavour == Flavour::Axios;
    let header = |name: &str| {
        let name = lit::string(&name.to_ascii_lowercase());
        if axios {
            format!("response.headers[{name}] ?? \"\"")
        } else {
            format!("response.headers.get({name}) ?? \"\"")
        }
    };
    let mut parts: Vec<(bool, String)> = Vec::new();
    for piece in &r.transfer.saving.write_out {
        parts.push(match (piece, failed) {
            (WriteOut::Text(t), _) => (false, t.clone()),
            (WriteOut::Status, true) => (false, "000".into()),
            (WriteOut::Status, false) => (true, "response.status".into()),
            // The helper's response is rebuilt from the body it read, which drops the final URL:
            // the program writes the URL it asked for (the same unless -L followed a redirect).
            (WriteOut::Url, _) => {
                if r.transfer.follow_redirects && !failed {
                    cx.warn(
                        "-w %{url_effective} is the URL asked for, not the one a redirect led to"
                            .into(),
                    );
                }
                (true, "url".into())
            }
            (_, true) => continue,
            (WriteOut::ContentType, false) => (true, header("content-type")),
            (WriteOut::Header(n), false) => (true, header(n)),
        });
    }
    if parts.iter().all(|(is_expr, t)| !is_expr && t.is_empty()) {
        return None;
    }
    let note = if failed { "-w, no response" } else { "-w" };
    Some(format!(
        "process.stdout.write({}); // {note}",
        lit::template(&parts)
    ))
}
