//! Fuzz target: any text through tokenize → parse → lower → render, for every dialect and target.
//! A panic, an overflow or a hang is a bug; errors are fine.
#![no_main]

use curl2code::codegen::plan::Mode;
use curl2code::{Dialect, Options, Target};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks the forced dialect (or detection) so every lexer gets fuzzed.
    let shell = match data.first().map(|b| b % 4) {
        Some(1) => Some(Dialect::Bash),
        Some(2) => Some(Dialect::Cmd),
        Some(3) => Some(Dialect::PowerShell),
        _ => None,
    };
    let options = Options {
        shell,
        ..Options::default()
    };
    if let Ok(parsed) = curl2code::parse(text, &options) {
        // Every target and flavour in the default mode, and the core targets with --exact
        // (flavours refuse it).
        for (target, ..) in Target::ALL {
            let exact = *target == target.core() && target.is_program();
            for mode in [Mode::Idiomatic, Mode::Exact].into_iter().take(1 + usize::from(exact)) {
                let program = curl2code::codegen::Program {
                    requests: &parsed.requests,
                    retry_policy: &parsed.policy,
                    mode,
                };
                let mut warnings = Vec::new();
                let _ = curl2code::codegen::render(*target, &program, &mut warnings);
            }
        }
    }
});
