//! Random requests and the "copy as cURL" commands browsers write for them: Chrome's bash and
//! Windows cmd forms and Firefox's POSIX form, each by that browser's documented escaping rules
//! (re-stated here from their behaviour, not copied).

use super::support::rng::Rng;

/// One request as the browser saw it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: &'static str,
    /// Path and query as the address bar shows them (percent-encoded where the browser encodes,
    /// brackets, braces and quotes raw).
    pub path_and_query: String,
    pub headers: Vec<(String, String)>,
    pub cookies: Option<String>,
    pub body: Option<String>,
}

impl Request {
    /// Whether a backslash is in any value: Chrome's cmd form doubles backslashes, which the MS C
    /// runtime keeps doubled (a backslash is literal unless a quote follows), so on Windows curl
    /// gets another value than from the bash form. Such cases are left out of the cmd comparison.
    pub fn has_backslash(&self) -> bool {
        self.path_and_query.contains('\\')
            || self.body.as_deref().is_some_and(|b| b.contains('\\'))
            || self.cookies.as_deref().is_some_and(|c| c.contains('\\'))
            || self.headers.iter().any(|(_, v)| v.contains('\\'))
    }
}

/// Characters a header value or body may hold: shell and cmd specials, quotes, percent signs
/// that look like variables, and some non-ASCII text.
const VALUE_CHARS: &[&str] = &[
    "a", "b", "Z", "0", "7", " ", " ", "-", "_", ".", ",", ";", ":", "=", "+", "/", "?", "\"", "'",
    "!", "$", "$HOME", "`", "%", "%PATH%", "%2", "^", "&", "|", "<", ">", "(", ")", "*", "#", "@",
    "~", "{", "}", "[", "]", "é", "日本", "🙂", "\\", "\\n", "${x}",
];

const PATH_SEGMENTS: &[&str] = &[
    "api",
    "v2",
    "items",
    "search",
    "user%20name",
    "caf%C3%A9",
    "a-b_c.d~e",
    "%2F",
    "it's",
    "(1)",
];

const QUERY_KEYS: &[&str] = &[
    "q",
    "page",
    "filter[status]",
    "tags[]",
    "sort",
    "fields[user]",
    "cb",
    "redirect_uri",
    "x",
];

const QUERY_VALUES: &[&str] = &[
    "1",
    "open",
    "a%20b",
    "a+b",
    "%7Bx%7D",
    "{created}",
    "[1]",
    "%22q%22",
    "caf%C3%A9",
    "it's",
    "https%3A%2F%2Fexample.com%2F",
    "a|b",
    "!",
    "$x",
    "%25",
    "",
    "*",
];

fn text(rng: &mut Rng, max: usize) -> String {
    let n = 1 + rng.below(max);
    (0..n).map(|_| *rng.pick(VALUE_CHARS)).collect()
}

/// Header value text: no control characters (a browser never sends them).
fn header_value(rng: &mut Rng) -> String {
    text(rng, 12).trim().replace("\\n", "n").to_string() + "v"
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A random request. Roughly a third carry a backslash somewhere (JSON escapes, raw text).
pub fn request(rng: &mut Rng) -> Request {
    let method = *rng.pick(&["GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE"]);
    let mut path = String::new();
    for _ in 0..1 + rng.below(3) {
        path.push('/');
        path.push_str(rng.pick::<&str>(PATH_SEGMENTS));
    }
    let mut query = Vec::new();
    for _ in 0..rng.below(4) {
        query.push(format!(
            "{}={}",
            *rng.pick(QUERY_KEYS),
            *rng.pick(QUERY_VALUES)
        ));
    }
    let path_and_query = if query.is_empty() {
        path
    } else {
        format!("{path}?{}", query.join("&"))
    };
    let mut headers = vec![(
        "accept".to_string(),
        rng.pick(&["*/*", "application/json, text/plain, */*", "text/html"])
            .to_string(),
    )];
    if rng.chance(60) {
        headers.push((
            "sec-ch-ua".into(),
            "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"".into(),
        ));
    }
    if rng.chance(50) {
        headers.push((
            "authorization".into(),
            format!("Bearer {}", header_value(rng)),
        ));
    }
    for i in 0..rng.below(3) {
        headers.push((format!("x-custom-{i}"), header_value(rng)));
    }
    let cookies = rng.chance(40).then(|| {
        format!(
            "sid={}; theme=dark",
            header_value(rng).replace([';', ' '], "")
        )
    });
    let body = match method {
        "GET" => None,
        "DELETE" if rng.chance(70) => None,
        _ => Some(match rng.below(3) {
            0 => {
                headers.push(("content-type".into(), "application/json".into()));
                format!(
                    "{{\"name\":{},\"qty\":{},\"tags\":[{}]}}",
                    json_string(&text(rng, 10)),
                    rng.below(100),
                    json_string(&text(rng, 5))
                )
            }
            1 => {
                headers.push((
                    "content-type".into(),
                    "application/x-www-form-urlencoded; charset=UTF-8".into(),
                ));
                format!("a={}&b=x%20y&c=%26", rng.pick(QUERY_VALUES))
            }
            _ => {
                headers.push(("content-type".into(), "text/plain;charset=UTF-8".into()));
                text(rng, 20).replace("\\n", "\n")
            }
        }),
    };
    Request {
        method,
        path_and_query,
        headers,
        cookies,
        body,
    }
}

/// Chrome's POSIX quoting: single quotes, or ANSI-C `$'…'` when the text has a quote, `!` or a
/// control character (those become `\uXXXX`; backslash, quote, CR and LF their short escapes).
fn chrome_posix(s: &str) -> String {
    let special = |c: char| c == '!' || (c as u32) < 0x20 || (0x7F..=0x9F).contains(&(c as u32));
    if !s.contains('\'') && !s.chars().any(special) {
        return format!("'{s}'");
    }
    let mut out = String::from("$'");
    for c in s.chars() {
        if let Some(escaped) = short_escape(c) {
            out.push_str(escaped);
            continue;
        }
        match c {
            c if special(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The short escapes both browsers' `$'…'` quoting writes: backslash, quote, LF and CR.
fn short_escape(c: char) -> Option<&'static str> {
    match c {
        '\\' => Some("\\\\"),
        '\'' => Some("\\'"),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        _ => None,
    }
}

/// Firefox's POSIX quoting: ANSI-C `$'…'` when the text has anything outside printable ASCII, a
/// quote or `!`; non-ASCII as `\xHH` below 256 and `\uXXXX` above, `!` as `\041`.
fn firefox_posix(s: &str) -> String {
    let plain = |c: char| (' '..='~').contains(&c) && c != '\'' && c != '!';
    if s.chars().all(plain) {
        return format!("'{s}'");
    }
    let mut out = String::from("$'");
    for c in s.chars() {
        if let Some(escaped) = short_escape(c) {
            out.push_str(escaped);
            continue;
        }
        match c {
            '!' => out.push_str("\\041"),
            c if plain(c) => out.push(c),
            c if (c as u32) < 256 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('\'');
    out
}

/// Chrome's cmd quoting: `^"…^"` (cmd sees no quotes, the C runtime does); backslashes doubled,
/// quotes as `\"`, every character outside a small safe set caret-escaped, a `%` before a name
/// character split from it by a caret, and a line break as `^` + two line breaks.
fn chrome_cmd(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || " \t_-:=+~'/.,?;()*`".contains(c);
    let mut out = String::from("^\"");
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\^\""),
            '\n' => out.push_str("^\n\n"),
            '\r' if chars.get(i + 1) == Some(&'\n') => {}
            '%' => {
                out.push_str("^%");
                if chars
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '_')
                {
                    out.push('^');
                }
            }
            c if safe(c) => out.push(c),
            c => {
                out.push('^');
                out.push(c);
            }
        }
    }
    out.push_str("^\"");
    out
}

/// curl's URL globbing would read `[]{}`: Chrome escapes them with a backslash.
fn unglob(quoted_url: &str) -> String {
    let mut out = String::new();
    for c in quoted_url.chars() {
        if "[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The browser forms a test compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    ChromeBash,
    ChromeCmd,
    FirefoxBash,
}

impl Form {
    pub const ALL: [Form; 3] = [Form::ChromeBash, Form::ChromeCmd, Form::FirefoxBash];

    pub fn name(self) -> &'static str {
        match self {
            Form::ChromeBash => "chrome-bash",
            Form::ChromeCmd => "chrome-cmd",
            Form::FirefoxBash => "firefox-bash",
        }
    }

    /// The form whose curl run is the reference (cmd cannot run here; its words must mean what
    /// Chrome's bash words mean).
    pub fn reference(self) -> Form {
        match self {
            Form::ChromeCmd => Form::ChromeBash,
            f => f,
        }
    }

    /// The command arguments (without `curl`) for `r` at `origin`, one per line.
    pub fn args(self, r: &Request, origin: &str) -> Vec<String> {
        let url = format!("{origin}{}", r.path_and_query);
        let mut args = Vec::new();
        match self {
            Form::ChromeBash | Form::ChromeCmd => {
                let q = |s: &str| match self {
                    Form::ChromeCmd => chrome_cmd(s),
                    _ => chrome_posix(s),
                };
                args.push(unglob(&q(&url)));
                let inferred = if r.body.is_some() { "POST" } else { "GET" };
                if r.method != inferred {
                    args.push(format!("-X {}", q(r.method)));
                }
                for (name, value) in &r.headers {
                    args.push(format!("-H {}", q(&format!("{name}: {value}"))));
                }
                if let Some(c) = &r.cookies {
                    args.push(format!("-b {}", q(c)));
                }
                if let Some(b) = &r.body {
                    args.push(format!("--data-raw {}", q(b)));
                }
                args.push("--compressed".into());
            }
            Form::FirefoxBash => {
                let q = firefox_posix;
                args.push(q(&url));
                if r.path_and_query.contains(['[', ']', '{', '}']) {
                    args.push("--globoff".into());
                }
                args.push("--compressed".into());
                if r.method != "GET" {
                    args.push(format!("-X {}", r.method));
                }
                for (name, value) in &r.headers {
                    args.push(format!("-H {}", q(&format!("{name}: {value}"))));
                }
                if let Some(c) = &r.cookies {
                    args.push(format!("-H {}", q(&format!("Cookie: {c}"))));
                }
                if let Some(b) = &r.body {
                    args.push(format!("--data-raw {}", q(b)));
                }
            }
        }
        args
    }

    /// Several requests as one command, joined by `--next`, with the form's line continuations.
    pub fn batch(self, requests: &[&Request], origin: &str) -> String {
        let cont = match self {
            Form::ChromeCmd => " ^\n  ",
            _ => " \\\n  ",
        };
        let parts: Vec<String> = requests
            .iter()
            .map(|r| self.args(r, origin).join(cont))
            .collect();
        format!("curl {}", parts.join(&format!("{cont}--next{cont}")))
    }
}
