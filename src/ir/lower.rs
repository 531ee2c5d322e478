//! [`CurlArgs`] → [`Request`]s with curl's defaults and method rules (placeholder until the lowering stage lands).

use super::Request;
use crate::curl::CurlArgs;
use crate::diagnostic::Diagnostic;

/// Lowers one curl command to the requests it sends (several with several URLs or `--next`).
pub fn lower(args: &CurlArgs, warnings: &mut Vec<Diagnostic>) -> Result<Vec<Request>, Diagnostic> {
    let _ = (args, warnings);
    Err(Diagnostic::error("lowering is not written yet"))
}
