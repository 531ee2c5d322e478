{#- The start of fetchWithRetry's and requestWithRetry's loop: the deadline, the upstream to try,
    the attempt's time limit. -#}
{%- if deadline != "null" %}
  const end = performance.now() + DEADLINE * 1000;
{%- endif %}
  for (let attempt = 1; ; attempt++) {
{%- if upstreams %}
    // The first base from `turn` on that is healthy and whose breaker lets an attempt through.
    const picked = await upstreams.pick(bases, turn{% if health_auth %}, {% if axios %}config{% else %}init{% endif %}.headers{% endif %}{% if health_check.is_some() && node_fetch %}, send{% endif %});
    if (typeof picked === "string") throw new Error(`${where} failed after ${attempt - 1} attempt(s): ${picked}`);
    turn = picked;
{%- endif %}
{%- if deadline != "null" && attempt_timeout != "null" %}
    const timeout = AbortSignal.timeout(Math.ceil(Math.max(1, Math.min(ATTEMPT_TIMEOUT * 1000, end - performance.now()))));
{%- else if deadline != "null" %}
    const timeout = AbortSignal.timeout(Math.ceil(Math.max(1, end - performance.now())));
{%- else if attempt_timeout != "null" %}
    const timeout = AbortSignal.timeout(Math.ceil(ATTEMPT_TIMEOUT * 1000));
{%- else if axios %}
    const timeout = undefined; // no time limit (0 in the command)
{%- endif %}
