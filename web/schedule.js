// The retry schedule picture: what the resolved policy does over time, drawn as inline SVG.
// The numbers come from the converter's Output (the policy after the pasted command's --retry/-m
// flags and the form's overrides), so the picture shows what the generated program does.
//
// The time axis assumes each failure comes back at once (a 502 does): attempt n+1 starts after
// the wait before it, and the wait is drawn as its min–max band. Each attempt's timeout is drawn
// from its latest start: how long that attempt may hang. plan() is DOM-free so it can be tested.

const SVG = 'http://www.w3.org/2000/svg';
const ROWS = 12; // more retries than this are summarised in words: the picture stays readable
const W = 640;
const LEFT = 70; // room for the row labels
const RIGHT = 16;
const ROW = 20;

const s = (x) => `${+x.toFixed(2)} s`;

/** The schedule of a policy: one entry per retry with its wait band, on a worst-case clock. */
export function plan(p) {
  const retries = p.retry_enabled ? p.max_retries : 0;
  const waits = [];
  let start = 0; // latest start of the previous attempt
  for (let n = 1; n <= retries; n += 1) {
    // The generated programs: FIXED_DELAY (curl's --retry-delay) is never randomised; otherwise
    // min(MAX_DELAY, BASE_DELAY * 2^(n-1)), drawn uniformly from 0…that with full jitter.
    const hi = p.fixed_delay ?? Math.min(p.max_delay, p.base_delay * 2 ** (n - 1));
    const lo = p.jitter_full && p.fixed_delay === undefined ? 0 : hi;
    // No sleep starts that would end past the deadline: a retry whose shortest wait already
    // passes it never happens (judged on the latest clock, so this is the pessimistic count).
    const cut = p.deadline !== undefined && start + lo > p.deadline;
    waits.push({ n, from: start + lo, to: start + hi, cut });
    start += hi;
  }
  const starts = [0, ...waits.map((w) => w.to)];
  const last = starts[Math.min(starts.length, ROWS + 1) - 1];
  const horizon = Math.max(p.deadline ?? 0, last + (p.attempt_timeout ?? 0), last * 1.1, 1);
  return { waits, starts, horizon };
}

/** Whether a 502 for this request is retried, and why, in words (mirrors codegen's rule). */
export function verdict(out) {
  const m = out.method || 'request';
  const plural = out.requests > 1 ? ` (the first of ${out.requests} requests)` : '';
  const no = (why) => `A 502 from this ${m}${plural} is not retried: ${why}.`;
  const yes = (why) => `A 502 from this ${m}${plural} is retried: ${why}.`;
  if (!out.retry_enabled) return no('“No retry” makes one attempt only');
  if (out.max_retries === 0) return no('max retries is 0');
  if (out.idempotent) return yes(`${m} is idempotent, so repeating it is safe (RFC 9110 §9.2.2)`);
  if (out.retry_all_errors) return yes('curl’s --retry-all-errors retries every method');
  if (out.idempotency_key || out.key_header) {
    return yes('it carries an Idempotency-Key, so the server can drop a repeat');
  }
  if (out.non_idempotent === 'curl_retry_flag') return yes('curl’s --retry retries every method');
  if (out.non_idempotent === 'requested') return yes('“Retry POST/PATCH” is on');
  return no(`${m} is not idempotent (the first attempt may have done its work), so only failures ` +
    'that never reached the server are retried. Send an Idempotency-Key, tick “Retry POST/PATCH” ' +
    'or use curl’s --retry');
}

// The schedule in one sentence, for people who do not read the picture.
function summary(p, { waits }) {
  if (waits.length === 0) return 'One attempt, no waits.';
  const made = waits.filter((w) => !w.cut);
  const wait = p.fixed_delay !== undefined ? `${s(p.fixed_delay)} (curl’s --retry-delay)`
    : p.jitter_full ? 'a random time up to the backoff' : 'exactly the backoff';
  let text = `Up to ${waits.length} ${waits.length === 1 ? 'retry' : 'retries'}, each after ` +
    `${wait}; if every attempt fails at once the last one starts at most ` +
    `${s(made.length ? made[made.length - 1].to : 0)} after the first.`;
  if (made.length < waits.length) {
    text += ` The ${s(p.deadline)} deadline can stop it after ${made.length} ` +
      `${made.length === 1 ? 'retry' : 'retries'}.`;
  } else if (p.deadline !== undefined) {
    text += ` No wait starts that would end past the ${s(p.deadline)} deadline.`;
  }
  text += p.attempt_timeout === undefined ? ' No attempt timeout: a hung server is waited for.'
    : ` Each attempt may take ${s(p.attempt_timeout)}${p.deadline !== undefined ? ' or the time left' : ''}.`;
  return text;
}

function node(parent, name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  parent.append(e);
  return e;
}

// Round tick steps (1, 2, 5 × 10^k) giving at most about six labels.
function step(horizon) {
  const raw = horizon / 6;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((k) => k * mag).find((k) => k >= raw);
}

/** Draws the policy `out` (a converter Output's fields) into `figure`'s svg and caption. */
export function draw(svg, caption, out) {
  const sched = plan(out);
  const { waits, starts, horizon } = sched;
  const rows = Math.min(starts.length, ROWS + 1);
  const top = 8;
  const height = top + rows * ROW + 34;
  const x = (t) => LEFT + (Math.min(t, horizon) / horizon) * (W - LEFT - RIGHT);
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${height}`);
  svg.dataset.horizon = horizon;
  node(svg, 'title', {}, 'Retry schedule: attempts on a time axis');
  const axisY = top + rows * ROW + 6;
  for (let t = 0, dt = step(horizon); t <= horizon + 1e-9; t += dt) {
    node(svg, 'line', { class: 'gridline', x1: x(t), x2: x(t), y1: top, y2: axisY });
    node(svg, 'text', { class: 'tick', x: x(t), y: axisY + 14, 'text-anchor': 'middle' }, s(t));
  }
  for (let i = 0; i < rows; i += 1) {
    const y = top + i * ROW;
    const wait = waits[i - 1];
    const g = node(svg, 'g', { class: wait && wait.cut ? 'row cut' : 'row' });
    node(g, 'text', { class: 'label', x: 4, y: y + 14 }, i === 0 ? 'attempt 1' : `retry ${i}`);
    if (wait) {
      // At least 2px wide so an exact (jitter none) wait still shows as a mark.
      node(g, 'rect', { class: 'band', x: x(wait.from), y: y + 4, height: ROW - 8,
        width: Math.max(2, x(wait.to) - x(wait.from)), 'data-from': wait.from, 'data-to': wait.to });
    }
    const at = starts[i];
    const end = out.attempt_timeout === undefined ? horizon : at + out.attempt_timeout;
    const limit = Math.min(end, out.deadline ?? Infinity);
    if (limit > at) {
      node(g, 'rect', { class: 'timeout', x: x(at), y: y + 8, height: ROW - 16, width: Math.max(1, x(limit) - x(at)) });
    }
    node(g, 'circle', { class: 'attempt', cx: x(at), cy: y + ROW / 2, r: 4 });
  }
  if (out.deadline !== undefined) {
    node(svg, 'line', { class: 'deadline', x1: x(out.deadline), x2: x(out.deadline), y1: 2,
      y2: axisY, 'data-seconds': out.deadline });
    node(svg, 'text', { class: 'tick deadline-label', x: x(out.deadline) - 4, y: axisY - 4,
      'text-anchor': 'end' }, `deadline ${s(out.deadline)}`);
  }
  const more = waits.length > ROWS ? ` The picture shows the first ${ROWS} of ${waits.length} retries.` : '';
  caption.replaceChildren();
  const strong = document.createElement('strong');
  strong.textContent = verdict(out);
  caption.append(strong, ` ${summary(out, sched)}${more}`);
}
