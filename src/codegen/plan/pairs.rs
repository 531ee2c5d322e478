//! `name=value&…` text (a query string, an `application/x-www-form-urlencoded` body) as decoded
//! pairs, when handing the pairs to a library's encoder gives the server the same pairs back.

use crate::ir::{Piece, QueryRead, Value};

/// One decoded pair. The value may be an environment variable that the text percent-encoded at
/// run time (`--data-urlencode "q=$Q"`): the library's encoder then does that job.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// The decoded name.
    pub name: String,
    /// The decoded value.
    pub value: Value,
}

/// Splits and decodes `text`, or `None` when the pairs would not survive a round trip through an
/// encoder: an empty segment (`a=1&&b=2`), a segment without `=` (`?flag`: an encoder would add
/// one), a `%` that is no escape, bytes that are not UTF-8 once decoded, or an environment
/// reference sent as it is (its value may hold `&` or `=`).
pub fn decode(text: &Value) -> Option<Vec<Pair>> {
    // The literal pieces joined, with a marker where an encoded variable stands.
    let mut pairs = Vec::new();
    let mut segment: Vec<Piece> = Vec::new();
    let mut segments: Vec<Vec<Piece>> = Vec::new();
    for piece in &text.0 {
        match piece {
            Piece::Bytes(b) => {
                for part in b.split_inclusive(|&c| c == b'&') {
                    match part.strip_suffix(b"&") {
                        Some(head) => {
                            push_bytes(&mut segment, head);
                            segments.push(std::mem::take(&mut segment));
                        }
                        None => push_bytes(&mut segment, part),
                    }
                }
            }
            // A file encoded when the program runs can be a pair's whole value (below).
            Piece::EnvEncoded { .. }
            | Piece::QueryFile {
                read: QueryRead::Encode,
                ..
            } => segment.push(piece.clone()),
            Piece::Env(_) | Piece::QueryFile { .. } => return None,
        }
    }
    segments.push(segment);
    for seg in segments {
        // The name: literal bytes up to the first `=`.
        let Some(Piece::Bytes(first)) = seg.first() else {
            return None;
        };
        let eq = first.iter().position(|&c| c == b'=')?;
        let name = decode_text(&first[..eq])?;
        let mut value = Value::default();
        let rest = &first[eq + 1..];
        value.push_bytes(decode_text(rest)?.as_bytes());
        for piece in &seg[1..] {
            match piece {
                Piece::Bytes(b) => value.push_bytes(decode_text(b)?.as_bytes()),
                Piece::EnvEncoded { name, .. } => value.0.push(Piece::Env(name.clone())),
                // `name@file`: the file's text, which the library encodes.
                Piece::QueryFile { path, .. } if value.is_empty() && seg.len() == 2 => {
                    value.0.push(Piece::QueryFile {
                        path: path.clone(),
                        read: QueryRead::Text,
                    })
                }
                Piece::Env(_) | Piece::QueryFile { .. } => return None,
            }
        }
        pairs.push(Pair { name, value });
    }
    Some(pairs)
}

fn push_bytes(segment: &mut Vec<Piece>, b: &[u8]) {
    if b.is_empty() {
        return; // a segment's pieces are then only what it holds (a file alone after `name=`)
    }
    if let Some(Piece::Bytes(last)) = segment.last_mut() {
        last.extend_from_slice(b);
    } else {
        segment.push(Piece::Bytes(b.to_vec()));
    }
}

/// Form-decodes `b` (`+` is a space, `%XX` a byte); `None` for a stray `%` or non-UTF-8 result.
fn decode_text(b: &[u8]) -> Option<String> {
    let stray = b.iter().enumerate().any(|(i, &c)| {
        c == b'%'
            && !b
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if stray {
        return None;
    }
    let spaced: Vec<u8> = b
        .iter()
        .map(|&c| if c == b'+' { b' ' } else { c })
        .collect();
    String::from_utf8(percent_encoding::percent_decode(&spaced).collect()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::HexCase;

    fn lit(pairs: &[Pair]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|p| (p.name.clone(), p.value.display()))
            .collect()
    }

    #[test]
    fn pairs_are_decoded() {
        let p = decode(&Value::bytes("q=a+b&tag=x%26y&empty=&%C3%A9=%E2%82%AC")).unwrap();
        assert_eq!(
            lit(&p),
            vec![
                ("q".into(), "a b".into()),
                ("tag".into(), "x&y".into()),
                ("empty".into(), "".into()),
                ("é".into(), "€".into())
            ]
        );
    }

    #[test]
    fn what_an_encoder_would_change_stays_text() {
        for q in ["flag", "a=1&&b=2", "a=1&", "a=%zz", "a=%ff", "=&"] {
            assert_eq!(decode(&Value::bytes(q)), None, "{q}");
        }
        let mut v = Value::bytes("a=");
        v.0.push(Piece::Env("X".into()));
        assert_eq!(decode(&v), None);
    }

    #[test]
    fn an_encoded_variable_becomes_the_value() {
        let mut v = Value::bytes("a=1&q=pre+");
        v.0.push(Piece::EnvEncoded {
            name: "Q".into(),
            hex: HexCase::Upper,
        });
        v.push_bytes(b"&z=2");
        let p = decode(&v).unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!(p[1].name, "q");
        assert_eq!(
            p[1].value.0,
            vec![Piece::Bytes(b"pre ".to_vec()), Piece::Env("Q".into())]
        );
    }

    fn file(read: QueryRead) -> Piece {
        Piece::QueryFile {
            path: crate::ir::Value::bytes("q.txt"),
            read,
        }
    }

    #[test]
    fn an_encoded_file_that_is_a_whole_value_becomes_the_files_text() {
        let mut v = Value::bytes("a=1&q=");
        v.0.push(file(QueryRead::Encode));
        v.push_bytes(b"&z=2");
        let p = decode(&v).unwrap();
        assert_eq!(p[1].name, "q");
        assert_eq!(p[1].value.0, vec![file(QueryRead::Text)]);
        assert_eq!(p[2].value.display(), "2");
    }

    #[test]
    fn other_files_in_a_query_keep_it_text() {
        // `--url-query @f` (no name), a file after other value bytes, a file sent as it is.
        let cases = [
            (vec![file(QueryRead::Encode)], "a=1&"),
            (
                vec![Piece::Bytes(b"q=x".to_vec()), file(QueryRead::Encode)],
                "",
            ),
            (vec![Piece::Bytes(b"q=".to_vec()), file(QueryRead::Raw)], ""),
            (
                vec![Piece::Bytes(b"q=".to_vec()), file(QueryRead::StripNewlines)],
                "",
            ),
        ];
        for (pieces, before) in cases {
            let mut v = Value::bytes(before);
            v.0.extend(pieces);
            assert_eq!(decode(&v), None, "{}", v.display());
        }
    }
}
