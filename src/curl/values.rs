//! nom parsers for option values: `-H` lines, `-F` specs, `-u` user:password, `-b` cookies, `--data-urlencode` forms.
