//! Running curl and the programs in batches, comparing, reporting.

use super::*;

// Running curl and the programs.

/// What a case ran into in one language.
pub(super) struct Failure {
    /// Case indices concerned (empty: the whole batch).
    pub(super) cases: Vec<usize>,
    /// Short description for the one-line list.
    pub(super) headline: String,
    /// Everything needed to reproduce and understand it.
    pub(super) detail: String,
}

#[derive(Default)]
pub(super) struct LangReport {
    pub(super) compared: usize,
    pub(super) exact: usize,
    pub(super) equivalent: usize,
    /// Tolerated differences (Node's extra headers, multipart framing) and how often.
    pub(super) notes: BTreeMap<String, usize>,
    pub(super) failures: Vec<Failure>,
    /// Mismatches the generator warned about (a limitation it declares): warning → cases.
    pub(super) declared: BTreeMap<String, Vec<usize>>,
    /// Details of the declared mismatches, for the report file.
    pub(super) declared_details: Vec<Failure>,
    /// Cases never compared (their batch stopped and the rounds ran out).
    pub(super) not_run: usize,
    pub(super) pending: Option<String>,
    pub(super) elapsed: Duration,
    pub(super) programs: usize,
}

pub(super) struct Corpus {
    pub(super) seed: u64,
    pub(super) cases: Vec<Case>,
    /// Where the files, scripts and programs are (programs run here too).
    pub(super) dir: TempDir,
    /// What curl sent, one request per case (same order as `cases`).
    pub(super) curl: Vec<Recorded>,
    /// How long generating the files and running curl took.
    pub(super) curl_elapsed: Duration,
}

pub(super) fn bash(script: &Path, cwd: &Path) -> process::Outcome {
    let mut cmd = Command::new("bash");
    cmd.arg(script).current_dir(cwd);
    process::clean_env(&mut cmd, cwd);
    process::run(cmd, b"", RUN_TIMEOUT).unwrap_or_else(|e| panic!("could not run bash: {e}"))
}

/// Generates the cases, writes their files, and records what curl sends for each.
pub(super) fn corpus(seed: u64, indices: &[usize]) -> Corpus {
    let cases: Vec<Case> = indices.iter().map(|&i| generate_case(seed, i)).collect();
    let dir = TempDir::new("escaping");
    for c in &cases {
        for (name, bytes) in &c.files {
            std::fs::write(dir.path().join(name), bytes)
                .unwrap_or_else(|e| panic!("write {name:?}: {e}"));
        }
    }
    let start = Instant::now();
    let server = Server::new();
    let mut curl = Vec::new();
    for (b, batch) in cases.chunks(BATCH).enumerate() {
        let refs: Vec<&Case> = batch.iter().collect();
        let script = dir.path().join(format!("curl-{b:02}.sh"));
        std::fs::write(&script, batch_command(&refs, &server.origin())).expect("write script");
        server.take_requests();
        let out = bash(&script, dir.path());
        let got = server.take_requests();
        if out.code == Some(0) && got.len() == batch.len() {
            curl.extend(got);
            continue;
        }
        // The generator made something curl does not take: find the case, alone.
        let mut culprits = String::new();
        for c in batch {
            let one = dir.path().join("curl-alone.sh");
            std::fs::write(&one, c.command(&server.origin())).expect("write script");
            server.take_requests();
            let o = bash(&one, dir.path());
            let n = server.take_requests().len();
            if o.code != Some(0) || n != 1 {
                let _ = write!(
                    culprits,
                    "\ncase {} sent {n} request(s), curl {}:\n{}{}\n{}",
                    c.index,
                    o.describe_exit(),
                    c.command(&server.origin()),
                    c.describe_files(),
                    o.stderr_text()
                );
            }
        }
        panic!(
            "escaping: seed {seed}: curl does not take batch {b} as generated ({} request(s) for {} \
             cases, {}): a bug in the test's generator{culprits}\n{}",
            got.len(),
            batch.len(),
            out.describe_exit(),
            out.stderr_text()
        );
    }
    Corpus {
        seed,
        cases,
        dir,
        curl,
        curl_elapsed: start.elapsed(),
    }
}

/// Converts `cases` as one batch. `Err` when the language is pending. Cases curl2code refuses are
/// reported and left out (found by converting each alone).
pub(super) fn generate_batch(
    cases: &[&Case],
    lang: Lang,
    origin: &str,
    seed: u64,
    report: &mut LangReport,
) -> Result<Option<(Vec<usize>, String)>, String> {
    let input = batch_command(cases, origin);
    match programs::generate(&input, lang, &bash_options()) {
        Generated::Code(code) => {
            return Ok(Some((cases.iter().map(|c| c.index).collect(), code)));
        }
        Generated::Pending(why) => return Err(why),
        // Found below, one case at a time.
        Generated::Refused(_) => {}
    }
    let mut kept = Vec::new();
    for c in cases {
        match programs::generate(&c.command(origin), lang, &bash_options()) {
            Generated::Refused(diag) => report.failures.push(Failure {
                cases: vec![c.index],
                headline: format!(
                    "case {}: curl2code refused it: {}",
                    c.index,
                    diag.lines().next().unwrap_or_default()
                ),
                detail: format!(
                    "{}curl2code refused it:\n{diag}",
                    case_header(seed, c, origin)
                ),
            }),
            Generated::Pending(why) => return Err(why),
            Generated::Code(_) => kept.push(*c),
        }
    }
    if kept.is_empty() {
        return Ok(None);
    }
    let input = batch_command(&kept, origin);
    match programs::generate(&input, lang, &bash_options()) {
        Generated::Code(code) => Ok(Some((kept.iter().map(|c| c.index).collect(), code))),
        Generated::Pending(why) => Err(why),
        Generated::Refused(diag) => {
            report.failures.push(Failure {
                cases: Vec::new(),
                headline: format!(
                    "cases {}..={}: refused as one batch, accepted one by one",
                    kept.first().map_or(0, |c| c.index),
                    kept.last().map_or(0, |c| c.index)
                ),
                detail: format!(
                    "seed {seed}: curl2code refuses the batch but takes each case alone:\n{diag}\n\
                     first diagnostic only; first 2,000 characters of the input:\n{}",
                    process::shorten(&input, 2000)
                ),
            });
            report.not_run += kept.len();
            Ok(None)
        }
    }
}

/// The warnings converting `input` gives, minus the shell lexer's notes about quoting (a raw byte
/// in `$'…'`, a look-alike space): what curl2code says it does not convert or the target cannot
/// express. A mismatch with such a warning is a declared limitation, not a silent bug.
pub(super) fn declared_warnings(input: &str, lang: Lang) -> Vec<String> {
    let Ok(conversion) = curl2code::convert(input, lang.target(), &bash_options()) else {
        return Vec::new();
    };
    let mut lexer = Vec::new();
    let _ = curl2code::shell::tokenize(input, Some(Dialect::Bash), &mut lexer);
    let lexer: Vec<String> = lexer.into_iter().map(|d| d.message).collect();
    let own: std::collections::BTreeSet<String> = conversion
        .warnings
        .into_iter()
        .map(|d| d.message)
        // Notes that change nothing on the wire cannot excuse a difference.
        .filter(|m| !lexer.contains(m) && !m.starts_with("the command holds credentials"))
        .collect();
    own.into_iter().collect()
}

/// The reproduction header of a failure message.
pub(super) fn case_header(seed: u64, c: &Case, origin: &str) -> String {
    format!(
        "seed {seed}, case {} ({}); rerun it alone with: CURL2CODE_SEED={seed} CURL2CODE_CASE={} \
         cargo test --test escaping escaping_curl_and_programs\n\
         command:\n  {}{}\n",
        c.index,
        c.kind,
        c.index,
        c.command(origin).trim_end().replace('\n', "\n  "),
        c.describe_files()
    )
}

/// Module names for the Rust batch programs.
pub(super) fn module_name(round: usize, batch: usize) -> String {
    fixture::ident(&format!("escaping_r{round}_b{batch:02}"))
}

/// The cases a compiler or clippy message points at: those whose program, converted alone,
/// contains a source line quoted in the message. Lines most programs share (the retry helper,
/// imports) say nothing about a case and are skipped.
pub(super) fn culprits(message: &str, cases: &[&Case], origin: &str) -> Vec<usize> {
    let snippets: Vec<&str> = message
        .lines()
        .filter_map(|l| {
            let (num, code) = l.split_once('|')?;
            num.trim().parse::<usize>().ok()?;
            let code = code.trim();
            (code.len() > 6).then_some(code)
        })
        .collect();
    let programs: Vec<(usize, String)> = cases
        .iter()
        .filter_map(
            |c| match programs::generate(&c.command(origin), Lang::Rust, &bash_options()) {
                Generated::Code(code) => Some((c.index, code)),
                _ => None,
            },
        )
        .collect();
    let mut found = std::collections::BTreeSet::new();
    for s in snippets {
        let hits: Vec<usize> = programs
            .iter()
            .filter(|(_, code)| code.contains(s))
            .map(|(i, _)| *i)
            .collect();
        if !hits.is_empty() && hits.len() * 2 <= programs.len().max(2) {
            found.extend(hits);
        }
    }
    found.into_iter().collect()
}

/// Runs every case in `lang` and compares with curl.
pub(super) fn run_language(lang: Lang, corpus: &Corpus) -> LangReport {
    let start = Instant::now();
    let mut report = LangReport::default();
    let server = Server::new();
    let origin = server.origin();
    let seed = corpus.seed;
    let by_index: BTreeMap<usize, (&Case, &Recorded)> = corpus
        .cases
        .iter()
        .zip(&corpus.curl)
        .map(|(c, r)| (c.index, (c, r)))
        .collect();
    let case = |i: usize| by_index.get(&i).map(|(c, _)| *c).expect("known case");
    // Python and JavaScript rerun what follows a crash (cheap); Rust rebuilds once at most.
    let rounds = if lang == Lang::Rust { 2 } else { 4 };
    let mut todo: Vec<Vec<usize>> = corpus
        .cases
        .chunks(BATCH)
        .map(|b| b.iter().map(|c| c.index).collect())
        .collect();
    let mut problems_seen = 0;
    for round in 0..rounds {
        if todo.is_empty() {
            break;
        }
        let mut all_batches = Vec::new();
        for idxs in &todo {
            let cases: Vec<&Case> = idxs.iter().map(|&i| case(i)).collect();
            match generate_batch(&cases, lang, &origin, seed, &mut report) {
                Ok(Some(b)) => all_batches.push(b),
                Ok(None) => {}
                Err(why) => {
                    report.pending = Some(why);
                    report.elapsed = start.elapsed();
                    return report;
                }
            }
        }
        // Programs: Rust ones built a few dozen modules at a time (one crate of 200 batch
        // programs needs more than 12 GB to compile).
        let per_build = if lang == Lang::Rust {
            RUST_BATCHES_PER_BUILD
        } else {
            all_batches.len().max(1)
        };
        let mut next = Vec::new();
        for (chunk, batches) in all_batches.chunks(per_build).enumerate() {
            let first = chunk * per_build;
            let runnables: Vec<Runnable> = if lang == Lang::Rust {
                let sources: BTreeMap<String, String> = batches
                    .iter()
                    .enumerate()
                    .map(|(b, (_, code))| (module_name(round, first + b), code.clone()))
                    .collect();
                let build = rustbuild::build_with("escaping", &sources, round == 0 && clippy());
                let _ = writeln!(
                    std::io::stderr(),
                    "escaping rust: built {} batch program(s) in {:.1} s",
                    sources.len(),
                    build.elapsed.as_secs_f64()
                );
                if let Some(fatal) = &build.fatal {
                    report.failures.push(Failure {
                        cases: Vec::new(),
                        headline: "the generated Rust project does not build".to_string(),
                        detail: format!("seed {seed}:\n{fatal}"),
                    });
                }
                for (module, msg) in &build.clippy {
                    let cases: Vec<&Case> = batches
                        .iter()
                        .enumerate()
                        .filter(|(b, _)| module_name(round, first + *b) == *module)
                        .flat_map(|(_, (idxs, _))| idxs.iter().map(|&i| case(i)))
                        .collect();
                    let found = culprits(msg, &cases, &origin);
                    report.failures.push(Failure {
                    headline: format!("clippy -D warnings on cases {found:?}"),
                    detail: format!(
                        "seed {seed}: clippy on {module} (cases {found:?} contain the lines it quotes):\n{}{}",
                        found
                            .first()
                            .map(|&i| case_header(seed, case(i), &origin))
                            .unwrap_or_default(),
                        process::shorten(msg, 4000)
                    ),
                    cases: found,
                });
                }
                batches
                    .iter()
                    .enumerate()
                    .map(|(b, _)| {
                        let module = module_name(round, first + b);
                        build.runnable(&module).unwrap_or_else(Runnable::Broken)
                    })
                    .collect()
            } else {
                batches
                    .iter()
                    .enumerate()
                    .map(|(b, (_, code))| {
                        programs::write_script(
                            corpus.dir.path(),
                            &format!("{}-r{round}-b{:02}", lang.name(), first + b),
                            lang,
                            code,
                        )
                    })
                    .collect()
            };
            report.programs += runnables.len();

            for ((idxs, _), program) in batches.iter().zip(&runnables) {
                if let Runnable::Broken(msg) = program {
                    // Find the cases the compiler complains about; the others go to the next round.
                    let cases: Vec<&Case> = idxs.iter().map(|&i| case(i)).collect();
                    let found = culprits(msg, &cases, &origin);
                    report.failures.push(Failure {
                    headline: format!("does not compile: cases {found:?}"),
                    detail: format!(
                        "seed {seed}: the Rust program of cases {}..={} does not compile; cases \
                         {found:?} contain the lines rustc quotes:\n{}{}",
                        idxs.first().copied().unwrap_or(0),
                        idxs.last().copied().unwrap_or(0),
                        found
                            .first()
                            .map(|&i| case_header(seed, case(i), &origin))
                            .unwrap_or_default(),
                        process::shorten(msg, 4000)
                    ),
                    cases: found.clone(),
                });
                    let rest: Vec<usize> = idxs
                        .iter()
                        .copied()
                        .filter(|i| !found.contains(i))
                        .collect();
                    if found.is_empty() || rest.is_empty() {
                        report.not_run += rest.len();
                    } else {
                        next.push(rest);
                    }
                    continue;
                }
                server.take_requests();
                let out = program.run(corpus.dir.path(), &[], RUN_TIMEOUT);
                let got = server.take_requests();
                let problems = server.problems();
                let new_problems = problems.get(problems_seen..).unwrap_or_default().join("\n");
                problems_seen = problems.len();
                for (i, p) in idxs.iter().zip(&got) {
                    let (c, curl) = by_index[i];
                    report.compared += 1;
                    let rules = Rules::from_input(&c.command(&origin));
                    let (diffs, notes) = compare::compare_one(curl, p, &rules);
                    if !diffs.is_empty() {
                        let warned = declared_warnings(&c.command(&origin), lang);
                        let failure = Failure {
                            cases: vec![*i],
                            headline: format!(
                                "case {i} ({}): {}",
                                c.kind,
                                diffs
                                    .first()
                                    .map_or("", |d| d.lines().next().unwrap_or_default())
                            ),
                            detail: format!(
                                "{}differences (curl vs {}):\n  {}",
                                case_header(seed, c, &origin),
                                lang.name(),
                                diffs.join("\n  ")
                            ),
                        };
                        if warned.is_empty() {
                            report.failures.push(failure);
                        } else {
                            for w in &warned {
                                report.declared.entry(w.clone()).or_default().push(*i);
                            }
                            report.declared_details.push(failure);
                        }
                    } else if notes.is_empty() {
                        report.exact += 1;
                    } else {
                        report.equivalent += 1;
                        for n in notes {
                            *report.notes.entry(note_kind(&n)).or_default() += 1;
                        }
                    }
                }
                if got.len() > idxs.len() {
                    report.failures.push(Failure {
                        cases: Vec::new(),
                        headline: format!(
                            "the program of cases {:?}.. sent {} requests for {} cases",
                            idxs.first(),
                            got.len(),
                            idxs.len()
                        ),
                        detail: format!(
                            "seed {seed}: extra requests: {}\n{}",
                            got.iter()
                                .skip(idxs.len())
                                .map(Recorded::summary)
                                .collect::<Vec<_>>()
                                .join(", "),
                            out.transcript()
                        ),
                    });
                } else if let Some(&stuck) = idxs.get(got.len()) {
                    let c = case(stuck);
                    report.failures.push(Failure {
                        cases: vec![stuck],
                        headline: format!(
                            "case {stuck} ({}): the program stopped before sending it ({})",
                            c.kind,
                            out.describe_exit()
                        ),
                        detail: format!(
                            "{}the {} program sent the requests of the {} case(s) before this one, \
                         then none:\n{}{}",
                            case_header(seed, c, &origin),
                            lang.name(),
                            got.len(),
                            if new_problems.is_empty() {
                                String::new()
                            } else {
                                format!("capture server: {new_problems}\n")
                            },
                            out.transcript()
                        ),
                    });
                    let rest: Vec<usize> = idxs.get(got.len() + 1..).unwrap_or_default().to_vec();
                    if !rest.is_empty() {
                        next.push(rest);
                    }
                } else if out.code != Some(0) {
                    report.failures.push(Failure {
                        cases: Vec::new(),
                        headline: format!(
                            "the program of cases {:?}.. sent every request, then failed",
                            idxs.first()
                        ),
                        detail: format!("seed {seed}:\n{}", out.transcript()),
                    });
                }
            }
        }
        todo = next;
    }
    report.not_run += todo.iter().map(Vec::len).sum::<usize>();
    if lang != Lang::Rust {
        rerun_alone(lang, corpus, &by_index, &server, &mut report);
    }
    report.elapsed = start.elapsed();
    report
}

/// Groups tolerated differences by kind: "program added `sec-fetch-mode: cors` (…)" → "program
/// added `sec-fetch-mode`".
pub(super) fn note_kind(note: &str) -> String {
    if let Some((head, _)) = note.split_once(':') {
        if head.contains('`') {
            return format!("{head}`");
        }
    }
    note.split('(').next().unwrap_or(note).trim().to_string()
}

/// Reruns the first failing cases alone (curl, then the program) to show the minimal reproduction.
pub(super) fn rerun_alone(
    lang: Lang,
    corpus: &Corpus,
    by_index: &BTreeMap<usize, (&Case, &Recorded)>,
    server: &Server,
    report: &mut LangReport,
) {
    let origin = server.origin();
    // The smallest single-case failure of each kind.
    let mut picked: BTreeMap<String, usize> = BTreeMap::new();
    for (i, f) in report.failures.iter().enumerate() {
        if f.cases.len() == 1 {
            let best = picked.entry(signature(&f.headline)).or_insert(i);
            if size(f) < size(&report.failures[*best]) {
                *best = i;
            }
        }
    }
    let picked: Vec<usize> = picked.into_values().take(RERUN_ALONE).collect();
    for f in report
        .failures
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| picked.contains(i))
        .map(|(_, f)| f)
    {
        let Some((c, _)) = by_index.get(&f.cases[0]) else {
            continue;
        };
        let input = c.command(&origin);
        let code = match programs::generate(&input, lang, &bash_options()) {
            Generated::Code(code) => code,
            _ => continue,
        };
        let script = corpus.dir.path().join("alone.sh");
        std::fs::write(&script, &input).expect("write script");
        server.take_requests();
        let _ = bash(&script, corpus.dir.path());
        let curl = server.take_requests();
        let program = programs::write_script(corpus.dir.path(), "alone", lang, &code);
        let out = program.run(corpus.dir.path(), &[], RUN_TIMEOUT);
        let got = server.take_requests();
        let verdict = compare::compare(&curl, &got, &Rules::from_input(&input));
        let alone = match verdict {
            compare::Verdict::Mismatch(d) => format!(
                "it fails too:\n  {}\n{}",
                d.replace('\n', "\n  "),
                process::shorten(&out.stderr_text(), 1500)
            ),
            _ if out.code != Some(0) => format!(
                "the request matches but the program fails:\n{}",
                out.transcript()
            ),
            _ => "it PASSES: it fails only inside a batch".to_string(),
        };
        let _ = write!(f.detail, "{RERUN_NOTE}{alone}");
    }
}

pub(super) fn write_report(lang: Lang, summary: &str, report: &LangReport) {
    let dir = rustbuild::project_dir().with_file_name("test-reports");
    if std::fs::create_dir_all(&dir).is_ok() {
        let mut text = format!("{summary}\n\n");
        for (sig, fs) in grouped(&report.failures) {
            let _ = writeln!(text, "##### ×{} {sig}\n", fs.len());
            for f in fs {
                let _ = writeln!(text, "=== {} ===\n{}\n", f.headline, f.detail);
            }
        }
        for f in &report.declared_details {
            let _ = writeln!(text, "=== declared: {} ===\n{}\n", f.headline, f.detail);
        }
        let path = dir.join(format!("escaping-{}.txt", lang.name()));
        let _ = std::fs::write(&path, text);
    }
}

/// What kind of failure a headline describes: the case number and kind dropped, numbers and
/// quoted bytes blanked, so one bug seen in fifty cases is reported once.
pub(super) fn signature(headline: &str) -> String {
    let rest = match headline.strip_prefix("case ") {
        Some(r) => r
            .find("): ")
            .map(|i| &r[i + 3..])
            .or_else(|| r.split_once(": ").map(|(_, x)| x))
            .unwrap_or(r),
        None => headline,
    };
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push_str("\"…\"");
                while let Some(n) = chars.next() {
                    match n {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            // Numbers (`37 bytes`), not digits inside words (`curl2code`); `byte 0` stays.
            c if c.is_ascii_digit()
                && !out.ends_with(|p: char| p.is_ascii_alphanumeric())
                && (c != '0' || chars.peek().is_some_and(char::is_ascii_digit)) =>
            {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                out.push('N');
            }
            c => out.push(c),
        }
    }
    out
}

/// How big a failure's example is (its text before any rerun note): the smallest is shown.
pub(super) fn size(f: &Failure) -> usize {
    f.detail.find(RERUN_NOTE).unwrap_or(f.detail.len())
}

/// Starts the note [`rerun_alone`] appends.
pub(super) const RERUN_NOTE: &str = "\nrun alone, ";

/// Failures grouped by [`signature`], each group with its smallest example first.
pub(super) fn grouped(failures: &[Failure]) -> Vec<(String, Vec<&Failure>)> {
    let mut groups: BTreeMap<String, Vec<&Failure>> = BTreeMap::new();
    for f in failures {
        groups.entry(signature(&f.headline)).or_default().push(f);
    }
    let mut out: Vec<(String, Vec<&Failure>)> = groups.into_iter().collect();
    for (_, fs) in &mut out {
        fs.sort_by_key(|f| size(f));
    }
    out.sort_by_key(|(_, fs)| std::cmp::Reverse(fs.len()));
    out
}

/// One line per language (plus the tolerated differences).
pub(super) fn summarize(lang: Lang, r: &LangReport, cases: usize, seed: u64) -> String {
    if let Some(why) = &r.pending {
        return format!("escaping {}: pending ({why})", lang.name());
    }
    let mut s = format!(
        "escaping {}: {cases} case(s), {} compared ({} exact, {} equivalent, {} declared by a \
         warning), {} failure(s), {} not run, {} program(s), {:.1} s; seed {seed}",
        lang.name(),
        r.compared,
        r.exact,
        r.equivalent,
        r.declared_details.len(),
        r.failures.len(),
        r.not_run,
        r.programs,
        r.elapsed.as_secs_f64(),
    );
    for (warning, cases) in &r.declared {
        let _ = write!(
            s,
            "\n  declared ×{}: {warning} (e.g. case {})",
            cases.len(),
            cases.first().copied().unwrap_or(0)
        );
    }
    if !r.notes.is_empty() {
        let notes: Vec<String> = r.notes.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        let _ = write!(s, "\n  tolerated: {}", notes.join("; "));
    }
    s
}
