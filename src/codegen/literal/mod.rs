//! Number text shared by the generators. Each language's literal quoting (the only place
//! generated code escapes anything) lives in its generator's folder: `python/literal.rs`,
//! `javascript/literal.rs`, `rust/literal.rs`.

pub mod decimal;
