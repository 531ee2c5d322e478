// Syntax highlighting of the generated programs: a tokenizer for exactly our three targets.
// Own code rather than Prism or highlight.js: the page has a 200 KB gzipped budget that the
// WebAssembly module nearly fills, and we only need to colour what our own templates emit
// (keywords, strings, comments, numbers). It is a lexer, not a parser: a token it misreads
// costs a colour, never text, because the tokens always concatenate back to the input
// (tests/run.mjs checks that on every program the page produces).
//
// tokenize() is DOM-free so node can test it; paint() builds spans with DOM APIs only.

const words = (s) => new Set(s.split(' '));
const KEYWORDS = {
  python: words('False None True and as assert async await break class continue def del elif ' +
    'else except finally for from global if import in is lambda nonlocal not or pass raise ' +
    'return try while with yield'),
  javascript: words('async await break case catch class const continue debugger default delete ' +
    'do else export extends false finally for from function if import in instanceof let new ' +
    'null of return static super switch this throw true try typeof undefined var void while ' +
    'with yield'),
  rust: words('as async await break const continue crate dyn else enum extern false fn for if ' +
    'impl in let loop match mod move mut pub ref return self Self static struct super trait ' +
    'true type unsafe use where while'),
};

// Token kinds, used as class names `t-<kind>` (see style.css).
export const KINDS = ['keyword', 'string', 'comment', 'number'];

const IDENT = /[A-Za-z_$][\w$]*/y;
// Digits with `_` separators, hex/octal/binary, a fraction only when a digit follows the dot
// (so Rust's `0..n` stays a range), an exponent, and a type suffix (`30u64`, `10n`, `2j`).
const NUMBER = /(?:0[xob][\da-f_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:e[+-]?\d[\d_]*)?)[a-z_]*\w*/iy;
const LINE_COMMENT = { python: /#[^\n]*/y, javascript: /\/\/[^\n]*/y, rust: /\/\/[^\n]*/y };
const BLOCK_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/y;
const PY_STRING_START = /([rbuf]{0,2})('''|"""|'|")/iy;
const RUST_RAW_START = /b?r(#*)"/y;
// A char literal ('a', '\n', '\u{1F600}', b'x'); anything else after a quote is a lifetime.
const RUST_CHAR = /b?'(?:[^'\\\n]|\\(?:u\{[\da-f]{1,6}\}|x[\da-f]{2}|.))'/iy;
const RUST_STRING_START = /b?"/y;
// After these, a `/` in JavaScript divides; elsewhere it starts a regular expression literal.
const DIVIDES_AFTER = /[\w$)\]}]$/;

function at(re, text, i) {
  re.lastIndex = i;
  const m = re.exec(text);
  return m && m.index === i ? m : null;
}

// Index just past the quote that closes a string opened before `i`, honouring backslash escapes
// (raw Python strings too: r"\"" is one string). Single-quoted Python strings end at a newline.
function closeQuote(text, i, quote, multiline) {
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (text.startsWith(quote, i)) return i + quote.length;
    else if (c === '\n' && !multiline) return i;
    else i += 1;
  }
  return text.length;
}

// A tokenizer over `text` from `start`, writing [kind, text] pairs into `out`; kind '' is plain.
// With `closer` it stops before an unmatched `}` (the end of a `${…}` or `{…}` interpolation) and
// returns the index it stopped at.
function scan(text, lang, start, out, closer = false) {
  const keywords = KEYWORDS[lang];
  let i = start;
  let depth = 0;
  let plain = '';
  let last = ''; // the last significant text, for the regex-or-division decision
  const emit = (kind, s) => {
    if (!kind) { plain += s; return; }
    if (plain) out.push(['', plain]);
    plain = '';
    out.push([kind, s]);
  };
  while (i < text.length) {
    const c = text[i];
    let m;
    if (closer && c === '}' && depth === 0) break;
    if (closer && c === ':' && depth === 0 && lang === 'python') break; // an f-string format spec
    if ((m = at(LINE_COMMENT[lang], text, i)) || (lang !== 'python' && (m = at(BLOCK_COMMENT, text, i)))) {
      emit('comment', m[0]);
      i += m[0].length;
      continue;
    }
    const end = lang === 'python' ? pyString(text, i, out, emit)
      : lang === 'javascript' ? jsString(text, i, out, emit, last)
        : rustString(text, i, emit);
    if (end > i) {
      i = end;
      last = '"';
      continue;
    }
    if ((m = at(IDENT, text, i))) {
      emit(keywords.has(m[0]) ? 'keyword' : '', m[0]);
      i += m[0].length;
      last = m[0];
      continue;
    }
    if (/\d/.test(c) && (m = at(NUMBER, text, i))) {
      emit('number', m[0]);
      i += m[0].length;
      last = m[0];
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth += 1;
    else if (c === '}' || c === ')' || c === ']') depth -= 1;
    emit('', c);
    if (!/\s/.test(c)) last = c;
    i += 1;
  }
  if (plain) out.push(['', plain]);
  return i;
}

// Python: prefixes r/b/u/f in any case and order, triple quotes, and f-string interpolations
// ({expr} is code; {{ and }} are literal braces; `:spec` after an expression is string).
function pyString(text, i, out, emit) {
  const m = at(PY_STRING_START, text, i);
  if (!m) return i;
  const [whole, prefix, quote] = m;
  if (!/f/i.test(prefix)) {
    const end = closeQuote(text, i + whole.length, quote, quote.length === 3);
    emit('string', text.slice(i, end));
    return end;
  }
  let j = i + whole.length;
  let from = i;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') { j += 2; continue; }
    if (text.startsWith(quote, j)) { j += quote.length; break; }
    if (c === '\n' && quote.length === 1) break;
    if ((c === '{' || c === '}') && text[j + 1] === c) { j += 2; continue; }
    if (c === '{') {
      emit('string', text.slice(from, j + 1));
      // emit() has just flushed the pending plain text, so the nested scan may append to `out`.
      j = scan(text, 'python', j + 1, out, true);
      from = j; // the format spec (if any) and the closing brace are string again
      if (text[j] === ':') j = text.indexOf('}', j) === -1 ? text.length : text.indexOf('}', j);
      continue;
    }
    j += 1;
  }
  emit('string', text.slice(from, j));
  return j;
}

// JavaScript: '…', "…", template literals with ${…} code inside, and regular expression literals.
function jsString(text, i, out, emit, last) {
  const c = text[i];
  if (c === "'" || c === '"') {
    const end = closeQuote(text, i + 1, c, false);
    emit('string', text.slice(i, end));
    return end;
  }
  if (c === '`') {
    let j = i + 1;
    let from = i;
    while (j < text.length && text[j] !== '`') {
      if (text[j] === '\\') { j += 2; continue; }
      if (text.startsWith('${', j)) {
        emit('string', text.slice(from, j + 2));
        j = scan(text, 'javascript', j + 2, out, true);
        from = j;
        j += 1; // the closing brace belongs to the string's colour
        continue;
      }
      j += 1;
    }
    j = Math.min(j + 1, text.length);
    emit('string', text.slice(from, j));
    return j;
  }
  const divides = DIVIDES_AFTER.test(last) && !KEYWORDS.javascript.has(last);
  if (c === '/' && text[i + 1] !== '/' && text[i + 1] !== '*' && !divides) {
    let j = i + 1;
    let inClass = false;
    while (j < text.length && text[j] !== '\n') {
      const d = text[j];
      if (d === '\\') j += 1;
      else if (d === '[') inClass = true;
      else if (d === ']') inClass = false;
      else if (d === '/' && !inClass) break;
      j += 1;
    }
    if (text[j] !== '/') return i; // not a regex after all: a lone slash
    j += 1;
    while (/[a-z]/.test(text[j] || '')) j += 1;
    emit('string', text.slice(i, j));
    return j;
  }
  return i;
}

// Rust: "…" and b"…", raw strings r"…", r#"…"# (any number of #), char and byte literals.
function rustString(text, i, emit) {
  let m;
  if ((m = at(RUST_RAW_START, text, i))) {
    const close = `"${m[1]}`;
    const end = text.indexOf(close, i + m[0].length);
    const stop = end === -1 ? text.length : end + close.length;
    emit('string', text.slice(i, stop));
    return stop;
  }
  if ((m = at(RUST_STRING_START, text, i))) {
    const end = closeQuote(text, i + m[0].length, '"', true);
    emit('string', text.slice(i, end));
    return end;
  }
  if ((m = at(RUST_CHAR, text, i))) {
    emit('string', m[0]);
    return i + m[0].length;
  }
  return i;
}

/** Splits `code` in `lang` (python, javascript, rust) into [kind, text] tokens; kind '' is plain. */
export function tokenize(code, lang) {
  if (!KEYWORDS[lang]) return [['', code]];
  const out = [];
  scan(code, lang, 0, out);
  return out;
}

/** Replaces `target`'s children with the highlighted `code`: spans and text nodes, no HTML. */
export function paint(target, code, lang) {
  const frag = document.createDocumentFragment();
  for (const [kind, text] of tokenize(code, lang)) {
    if (kind) {
      const span = document.createElement('span');
      span.className = `t-${kind}`;
      span.textContent = text;
      frag.append(span);
    } else {
      frag.append(text);
    }
  }
  target.replaceChildren(frag);
}
