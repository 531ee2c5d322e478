//! The typed request IR: what curl would send, independent of any target language.

pub mod connect;
pub mod lower;
pub mod request;
pub mod secrets;

pub use connect::Pin;
pub use lower::lower;
pub use request::*;
