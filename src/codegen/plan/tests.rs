//! The plan's decisions, from real commands.

use super::*;
use crate::pipeline::{Options, parse};

fn plan_of(command: &str, check: impl FnOnce(&Plan)) {
    let parsed = parse(command, &Options::default()).expect("converts");
    let plan = build(&parsed.requests, &parsed.policy, Mode::Idiomatic);
    check(&plan);
}

fn names(pairs: &[Pair]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|p| (p.name.clone(), p.value.display()))
        .collect()
}

#[test]
fn json_with_a_json_content_type_is_data() {
    plan_of(
        r#"curl -X POST https://api.example.com/v1/items -H 'Content-Type: application/json' -d '{"name":"widget","qty":2}'"#,
        |p| {
            let BodyPlan::Json(Json::Object(m)) = &p.calls[0].body else {
                panic!("{:?}", p.calls[0].body)
            };
            assert_eq!(m[0].0, "name");
            assert!(p.features.json);
            assert!(!p.calls[0].retry.repeatable());
        },
    );
    plan_of(r#"curl --json '[1,{"a":null}]' https://h.example/"#, |p| {
        assert!(matches!(p.calls[0].body, BodyPlan::Json(Json::Array(_))));
    });
}

#[test]
fn json_looking_data_without_a_header_stays_a_form_text() {
    // curl sends it as application/x-www-form-urlencoded: the meaning is the header's.
    plan_of(r#"curl https://h.example/ -d '{"a":1}'"#, |p| {
        assert!(
            matches!(p.calls[0].body, BodyPlan::Raw(_)),
            "{:?}",
            p.calls[0].body
        );
    });
}

#[test]
fn form_bodies_become_pairs() {
    plan_of(
        "curl https://h.example/login -d user=alice -d 'note=a+b%26c' --data-urlencode 'q=$Q'",
        |p| {
            let BodyPlan::Form(pairs) = &p.calls[0].body else {
                panic!("{:?}", p.calls[0].body)
            };
            assert_eq!(
                names(pairs),
                vec![
                    ("user".into(), "alice".into()),
                    ("note".into(), "a b&c".into()),
                    ("q".into(), "$Q".into())
                ]
            );
        },
    );
}

#[test]
fn queries_become_pairs_when_they_round_trip() {
    plan_of("curl 'https://h.example/search?q=a+b&page=2'", |p| {
        let u = &p.calls[0].url;
        assert_eq!(u.base.display(), "https://h.example/search");
        assert_eq!(
            names(u.query.as_ref().unwrap()),
            vec![("q".into(), "a b".into()), ("page".into(), "2".into())]
        );
        assert!(p.features.query);
    });
    for kept in [
        "curl 'https://h.example/search?flag'",
        "curl 'https://h.example/search?a=%zz'",
        "curl 'https://h.example/search?'",
    ] {
        plan_of(kept, |p| {
            let u = &p.calls[0].url;
            assert_eq!(u.query, None, "{kept}");
            assert_eq!(u.base, u.full);
        });
    }
}

#[test]
fn retry_decisions_follow_the_method_and_the_policy() {
    plan_of("curl https://h.example/ -X PUT -d x=1", |p| {
        assert!(p.calls[0].retry.repeatable());
    });
    plan_of("curl https://h.example/ -d x=1 --retry 3", |p| {
        assert!(p.calls[0].retry.repeatable_anyway);
    });
    plan_of(
        "curl https://h.example/ -d x=1 -H 'Idempotency-Key: k1'",
        |p| assert!(p.calls[0].retry.repeatable()),
    );
}

#[test]
fn features_list_environment_variables_once_in_order() {
    plan_of(
        r#"curl "https://h.example/$PATH_PART" -H "Authorization: Bearer $TOKEN" -u "me:$TOKEN" -F file=@data.bin"#,
        |p| {
            assert_eq!(p.features.env_vars, vec!["PATH_PART", "TOKEN"]);
            assert!(p.features.multipart && p.features.reads_files);
        },
    );
}
