//! Shell input: splits pasted text (bash, Windows cmd or PowerShell) into commands of words, each with its byte span.
//!
//! Nothing is expanded: `$VAR`, `${VAR}`, `%VAR%` and `$env:VAR` become [`WordPart::Env`] so the
//! generated code can read them at run time.

use crate::diagnostic::Span;
use serde::Serialize;

mod bash;
mod cmd;
mod cursor;
mod detect;
mod lex;
mod msvcrt;
mod powershell;
mod script;
#[cfg(test)]
mod tests;

pub use detect::detect;
pub use lex::tokenize;

/// The shell the pasted text was written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// POSIX sh / bash / zsh ("Copy as cURL (bash)").
    Bash,
    /// Windows cmd.exe ("Copy as cURL (cmd)"): `^` escapes and continuations, `""` inside quotes.
    Cmd,
    /// PowerShell: backtick escapes and continuations, `curl.exe`.
    PowerShell,
}

impl std::str::FromStr for Dialect {
    type Err = String;
    fn from_str(s: &str) -> Result<Dialect, String> {
        match s.to_ascii_lowercase().as_str() {
            "bash" | "sh" | "zsh" | "posix" => Ok(Dialect::Bash),
            "cmd" | "cmd.exe" | "windows" => Ok(Dialect::Cmd),
            "powershell" | "pwsh" | "ps" => Ok(Dialect::PowerShell),
            other => Err(format!(
                "unknown shell `{other}` (expected bash, cmd or powershell)"
            )),
        }
    }
}

/// One piece of a word: literal bytes or an environment variable reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum WordPart {
    /// Bytes exactly as the shell would pass them (after quote removal and escapes).
    Lit(Vec<u8>),
    /// An environment variable the shell would expand: `$NAME`, `${NAME}`, `%NAME%`, `$env:NAME`.
    Env(String),
}

/// One shell word (one argv entry), with the span of its source text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Word {
    /// The pieces, in order; adjacent literals are merged.
    pub parts: Vec<WordPart>,
    /// Where the word is in the input, quotes included.
    pub span: Span,
}

impl Word {
    /// A word made of one literal.
    pub fn lit(bytes: impl Into<Vec<u8>>, span: Span) -> Word {
        Word {
            parts: vec![WordPart::Lit(bytes.into())],
            span,
        }
    }

    /// The bytes of the word if it holds no environment reference.
    pub fn literal(&self) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for p in &self.parts {
            match p {
                WordPart::Lit(b) => out.extend_from_slice(b),
                WordPart::Env(_) => return None,
            }
        }
        Some(out)
    }

    /// The word as text for messages and option matching: env references shown as `$NAME`,
    /// invalid UTF-8 replaced.
    pub fn display(&self) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                WordPart::Lit(b) => out.push_str(&String::from_utf8_lossy(b)),
                WordPart::Env(n) => {
                    out.push('$');
                    out.push_str(n);
                }
            }
        }
        out
    }
}

/// What feeds the command's standard input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Stdin {
    /// Known bytes: `echo … |`, `printf … |`, a heredoc or a here-string.
    Bytes(Vec<u8>),
    /// `< file` or `cat file |`: read at run time.
    File(Word),
    /// A here-string that reads environment variables (`<<< "$BODY"`): the word's value and a
    /// newline, known when the program runs.
    Text(Word),
}

/// One simple command: its words and where its stdin comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Command {
    /// argv, program name first.
    pub words: Vec<Word>,
    /// Standard input, when the text says where it comes from.
    pub stdin: Option<Stdin>,
    /// The whole command in the input.
    pub span: Span,
}

/// The whole input: every command, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Script {
    /// The dialect used (detected or forced).
    pub dialect: Dialect,
    /// Commands separated by newlines, `;`, `&&` or `||`.
    pub commands: Vec<Command>,
}
