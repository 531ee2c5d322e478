//! The back half shared by every dialect: a flat token stream becomes commands, with pipes and
//! redirections resolved into each command's stdin.

use super::{Command, Stdin, Word, WordPart};
use crate::diagnostic::{Diagnostic, Span};

/// One token from a dialect's lexer.
#[derive(Clone, Debug)]
pub(crate) enum Tok {
    /// One argv word.
    Word(Word),
    /// A separator between commands.
    Op(Op, Span),
    /// A redirection, already resolved.
    Redirect(Redirect),
    /// What the current command would print if it is a plain `echo` (cmd) or a string
    /// expression (PowerShell): the dialect computes it while it still has the raw text.
    Verbatim(Vec<u8>),
}

/// Command separators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// `;`, newline, `&&`, `||`, a trailing `&`: the next command starts.
    End,
    /// `|`: the next command reads this one's output.
    Pipe,
}

/// A redirection of one command.
#[derive(Clone, Debug)]
pub(crate) enum Redirect {
    /// `< file`, a heredoc or a here-string; `None` when the bytes cannot be known.
    Input(Option<Stdin>, Span),
    /// `> file`, `2>&1` and friends: they do not change the request, so they are dropped.
    Output(Span),
}

/// Collects the parts of one word, merging adjacent literals.
#[derive(Debug, Default)]
pub(crate) struct WordBuilder {
    parts: Vec<WordPart>,
    started: bool,
}

impl WordBuilder {
    /// Appends literal bytes.
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.started = true;
        if let Some(WordPart::Lit(last)) = self.parts.last_mut() {
            last.extend_from_slice(b);
        } else {
            self.parts.push(WordPart::Lit(b.to_vec()));
        }
    }

    /// Appends text.
    pub(crate) fn text(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Appends one character.
    pub(crate) fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes());
    }

    /// Appends an environment variable reference.
    pub(crate) fn env(&mut self, name: &str) {
        self.started = true;
        self.parts.push(WordPart::Env(name.to_string()));
    }

    /// Records that a word exists even if it is empty (`''`, `""`).
    pub(crate) fn start(&mut self) {
        self.started = true;
    }

    /// The finished word, or `None` if nothing was seen.
    pub(crate) fn finish(self, span: Span) -> Option<Word> {
        if !self.started {
            return None;
        }
        let parts = if self.parts.is_empty() {
            vec![WordPart::Lit(Vec::new())]
        } else {
            self.parts
        };
        Some(Word { parts, span })
    }
}

/// Remembers whether the word being lexed so far holds `?` or `=` (a URL query), scanning
/// each byte once so a long word full of `&` stays linear.
#[derive(Debug)]
pub(crate) struct QueryScan {
    upto: usize,
    found: bool,
}

impl QueryScan {
    /// Starts scanning a word at byte `start`.
    pub(crate) fn new(start: usize) -> QueryScan {
        QueryScan {
            upto: start,
            found: false,
        }
    }

    /// True if `src[start..pos]` holds `?` or `=`.
    pub(crate) fn update(&mut self, src: &str, pos: usize) -> bool {
        if !self.found && pos > self.upto {
            self.found = src
                .get(self.upto..pos)
                .is_some_and(|s| s.contains(['?', '=']));
            self.upto = pos;
        }
        self.found
    }
}

/// One simple command of a pipeline while it is being assembled.
#[derive(Clone, Debug, Default)]
pub(crate) struct Element {
    /// argv.
    pub words: Vec<Word>,
    /// stdin from the command's own redirection.
    pub stdin: Option<Stdin>,
    /// True when the command has its own `<`, heredoc or here-string (it wins over a pipe).
    pub redirected: bool,
    /// See [`Tok::Verbatim`].
    pub verbatim: Option<Vec<u8>>,
    /// The command's extent in the input.
    pub span: Option<Span>,
}

impl Element {
    fn cover(&mut self, span: Span) {
        self.span = Some(self.span.map_or(span, |s| s.join(span)));
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The program name as text (for messages and builtin matching).
    pub(crate) fn program(&self) -> Option<String> {
        self.words.first().map(Word::display)
    }
}

/// What a command that feeds a pipe produces.
pub(crate) enum Feed {
    /// The bytes (or file) the next command reads.
    Known(Stdin),
    /// A producer we recognise whose output cannot be known (a warning was pushed).
    Unknown,
}

/// The dialect-specific rules the assembler needs.
pub(crate) trait Shell {
    /// Rewrites one command in place: strips wrappers (`sudo`, `time`), warns about aliases.
    fn prepare(&self, el: &mut Element, warnings: &mut Vec<Diagnostic>);

    /// If `el` is a producer this dialect understands (`echo`, `printf`, `cat`), what it feeds to
    /// the next command; `None` for any other command.
    fn produce(
        &self,
        el: &Element,
        stdin: Option<&Stdin>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Option<Feed>;
}

/// Groups tokens into commands and resolves pipes.
pub(crate) fn assemble(
    toks: Vec<Tok>,
    shell: &dyn Shell,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Command> {
    let mut out = Vec::new();
    let mut pipeline: Vec<Element> = Vec::new();
    let mut pipes: Vec<Span> = Vec::new();
    let mut cur = Element::default();
    for tok in toks {
        match tok {
            Tok::Word(w) => {
                cur.cover(w.span);
                cur.words.push(w);
            }
            Tok::Redirect(Redirect::Input(stdin, span)) => {
                cur.cover(span);
                cur.stdin = stdin;
                cur.redirected = true;
            }
            Tok::Redirect(Redirect::Output(span)) => cur.cover(span),
            Tok::Verbatim(v) => cur.verbatim = Some(v),
            Tok::Op(Op::Pipe, span) => {
                pipeline.push(std::mem::take(&mut cur));
                pipes.push(span);
            }
            Tok::Op(Op::End, _) => {
                pipeline.push(std::mem::take(&mut cur));
                run_pipeline(
                    std::mem::take(&mut pipeline),
                    std::mem::take(&mut pipes),
                    shell,
                    warnings,
                    &mut out,
                );
            }
        }
    }
    pipeline.push(cur);
    run_pipeline(pipeline, pipes, shell, warnings, &mut out);
    out
}

/// Resolves one pipeline `a | b | c` into the commands worth listing.
fn run_pipeline(
    elements: Vec<Element>,
    pipes: Vec<Span>,
    shell: &dyn Shell,
    warnings: &mut Vec<Diagnostic>,
    out: &mut Vec<Command>,
) {
    let piped = elements.len() > 1;
    let mut items: Vec<(Element, Option<Span>)> = Vec::new();
    for (i, mut el) in elements.into_iter().enumerate() {
        // The pipe *after* element i.
        let pipe = pipes.get(i).copied();
        if el.is_empty() {
            if piped {
                if let Some(span) =
                    pipe.or_else(|| i.checked_sub(1).and_then(|j| pipes.get(j).copied()))
                {
                    warnings.push(
                        Diagnostic::warning("a pipe with a missing command")
                            .with_span(span)
                            .with_label("nothing on one side of this `|`")
                            .with_help("remove the stray `|`"),
                    );
                }
            }
            continue;
        }
        shell.prepare(&mut el, warnings);
        if !el.is_empty() {
            items.push((el, pipe));
        }
    }
    let mut feed: Option<(Option<Stdin>, Span)> = None;
    let count = items.len();
    for (i, (mut el, pipe)) in items.into_iter().enumerate() {
        if !el.redirected {
            if let Some((stdin, _)) = feed.take() {
                el.stdin = stdin;
            }
        }
        feed = None;
        let last = i + 1 == count;
        if !last {
            let pipe_span = pipe.unwrap_or_default();
            match shell.produce(&el, el.stdin.as_ref(), warnings) {
                Some(Feed::Known(stdin)) => {
                    feed = Some((Some(stdin), pipe_span));
                    continue;
                }
                Some(Feed::Unknown) => {
                    feed = Some((None, pipe_span));
                    continue;
                }
                None => {
                    warnings.push(pipe_warning(&el, pipe_span));
                    feed = Some((None, pipe_span));
                }
            }
        }
        if let Some(span) = el.span {
            out.push(Command {
                words: el.words,
                stdin: el.stdin,
                span,
            });
        }
    }
}

fn pipe_warning(from: &Element, pipe: Span) -> Diagnostic {
    let name = from.program().unwrap_or_default();
    Diagnostic::warning(format!("the output of `{name}` is piped into the next command; that pipe is not converted"))
        .with_span(pipe)
        .with_label("this pipe is ignored")
        .with_help("only `echo`, `printf` and `cat` feeding a command's stdin are understood; save other output to a file and use `--data-binary @file`")
}
