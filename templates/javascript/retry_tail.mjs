{#- The end of one attempt in fetchWithRetry and requestWithRetry: breaker, fallback, whether to
    retry, Retry-After or backoff, the deadline, the log line and the wait. -#}
{%- if breaker %}
    upstreams.record(bases[turn], !response || response.status >= 500);
{%- endif %}
{%- if fallbacks.is_some() %}
    let next = ""; // the base the next attempt goes to, when it moves
    if (!response || [502, 503, 504, 521, 522, 524].includes(response.status)) {
      turn = (turn + 1) % bases.length;
      next = ` (next: ${new URL(bases[turn]).origin})`;
    }
{%- endif %}
{%- if retry_all_errors %}
    const last = attempt > MAX_RETRIES || (!repeatable && !failure{{ self.t("!") }}.unsent);
{%- else %}
    const last = attempt > MAX_RETRIES || failure?.fatal || (!repeatable && !failure{{ self.t("!") }}.unsent);
{%- endif %}
    const text = {% if axios %}response?.headers["retry-after"]{% else %}response?.headers.get("retry-after"){% endif %} ?? ""; // seconds or an HTTP-date (RFC 9110 §10.2.3)
    const retryAfter = /^\d+$/.test(text) ? +text : Math.max(0, (Date.parse(text) - Date.now()) / 1000) || undefined;
{%- if let Some(_) = fixed_delay %}
    const wait = retryAfter ?? FIXED_DELAY;
{%- else if jitter %}
    const wait = retryAfter ?? Math.random() * Math.min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1)); // full jitter
{%- else %}
    const wait = retryAfter ?? Math.min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1)); // jitter none
{%- endif %}
    let reason = response?.reason ?? failure{{ self.t("!") }}.reason;
{%- if deadline != "null" %}
    if (last || performance.now() + wait * 1000 > end) {
      if (!last) reason += retryAfter === undefined ? "; deadline reached" : "; Retry-After is past the deadline";
{%- else %}
    if (last) {
{%- endif %}
      if (response) return Object.assign(response, { reason });
      throw new Error(`${where} failed after ${attempt} attempt(s): ${reason}`, { cause: failure{{ self.t("!") }}.cause });
    }
    const note = retryAfter === undefined ? "" : " (Retry-After)";
    console.warn(`retry ${attempt}/${MAX_RETRIES + 1}: ${where} -> ${reason}{% if fallbacks.is_some() %}${next}{% endif %}; waiting ${wait.toFixed(2)}s${note}`);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
