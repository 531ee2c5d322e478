//! Literal quoting, one module per language: the only place generated code escapes anything.

pub mod decimal;
pub mod javascript;
pub mod python;
pub mod rust;
