//! python literals: any bytes or environment references → source text that yields exactly those bytes.
