//! The response family of issue 13: `-i`, `-D`, `--etag-save`, `--etag-compare` and
//! `--remove-on-error` land in `Transfer::saving` (or nowhere) and never change the request.

use super::*;
use crate::ir::{Output, Saving};

const U: &str = "https://h.example/f";

#[test]
fn include_and_show_headers_set_include_and_no_turns_it_off() {
    for flag in ["-i", "--include", "--show-headers"] {
        let (r, w) = one(&[flag, U]);
        assert!(w.is_empty(), "{flag}: {w:?}");
        assert!(r.transfer.saving.include, "{flag}");
        assert!(r.headers.is_empty(), "{flag}: the request is unchanged");
    }
    let (r, _) = one(&["-i", "--no-include", U]);
    assert!(r.transfer.saving.is_unused());
}

#[test]
fn dump_header_to_a_file_or_to_stdout() {
    let (r, _) = one(&["-D", "h.txt", U]);
    assert_eq!(
        r.transfer.saving.dump_header,
        Some(Output::File(Value::bytes("h.txt")))
    );
    let (r, _) = one(&["--dump-header", "-", U]);
    assert_eq!(r.transfer.saving.dump_header, Some(Output::Stdout));
    assert!(r.transfer.saving.head());
}

#[test]
fn etag_files_are_kept_for_the_program_and_no_header_is_made_now() {
    // The file is read when the program runs (curl reads it when the transfer starts).
    let (r, w) = one(&["--etag-compare", "e.txt", "--etag-save", "s.txt", U]);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        r.transfer.saving,
        Saving {
            etag_compare: Some(Value::bytes("e.txt")),
            etag_save: Some(Value::bytes("s.txt")),
            ..Saving::default()
        }
    );
    assert!(r.header("If-None-Match").is_none());
    assert!(!r.transfer.saving.head());
}

#[test]
fn remove_on_error_needs_nothing_in_the_ir() {
    // Every program writes -o's file only after the whole body arrived: nothing is left to remove.
    let (r, w) = one(&["--remove-on-error", "-o", "out.bin", U]);
    assert!(w.is_empty(), "{w:?}");
    assert!(r.transfer.saving.is_unused());
    assert_eq!(r.transfer.output, Output::File(Value::bytes("out.bin")));
}

#[test]
fn max_filesize_reads_curl_sizes() {
    // verified: curl 7.88 takes these and refuses "5x", "1.5k" and "-1" ("badly used here").
    for (arg, n) in [
        ("5", Some(5)),
        ("1k", Some(1024)),
        ("2M", Some(2 << 20)),
        ("1g", Some(1 << 30)),
        ("0", None),
    ] {
        let (r, w) = one(&["--max-filesize", arg, U]);
        assert!(w.is_empty(), "{arg}: {w:?}");
        assert_eq!(r.transfer.saving.max_filesize, n, "{arg}");
    }
    for bad in ["5x", "1.5k", "-1", "k"] {
        let (r, _) = run_with(&["--max-filesize", bad, U], None);
        assert!(r.is_err(), "{bad} was taken");
    }
}

#[test]
fn no_clobber_is_kept_and_clobber_turns_it_off() {
    let (r, w) = one(&["--no-clobber", "-o", "f.txt", U]);
    assert!(w.is_empty(), "{w:?}");
    assert!(r.transfer.saving.no_clobber);
    let (r, _) = one(&["--no-clobber", "--clobber", "-o", "f.txt", U]);
    assert!(!r.transfer.saving.no_clobber);
}

#[test]
fn remote_header_name_is_kept() {
    let (r, w) = one(&["-O", "-J", U]);
    assert!(w.is_empty(), "{w:?}");
    assert!(r.transfer.saving.remote_header_name);
    assert_eq!(r.transfer.output, Output::RemoteName);
}

/// `-w @-` reads the format from the stdin the pasted command gives, like `-H @-`; without it,
/// a warning says what stdin holds is unknown and nothing is written.
#[test]
fn write_out_from_stdin_uses_the_known_bytes() {
    use crate::ir::WriteOut;
    let stdin = Some(Stdin::Bytes(b"%{http_code}\\n".to_vec()));
    let (r, w) = one_with(&["-w", "@-", U], stdin);
    assert!(w.is_empty(), "{w:?}");
    let want = vec![WriteOut::Status, WriteOut::Text("\n".into())];
    assert_eq!(r.transfer.saving.write_out, want);
    let (r, w) = one(&["-w", "@-", U]);
    assert!(r.transfer.saving.write_out.is_empty());
    assert!(w.iter().any(|d| d.message.contains("-w @-")), "{w:?}");
}
