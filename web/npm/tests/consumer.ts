// Type-checked (never run) by tests/consumer.mjs against the installed package: the declarations
// must accept what the README shows and reject what the runtime rejects.
import { convert, init, type ConvertOptions, type ConvertResult, type Diagnostic } from 'curl2code';

await init();
const options: ConvertOptions = {
  language: 'rust',
  shell: 'bash',
  maxRetries: 2,
  jitter: 'none',
  fallbackUrls: ['https://backup.example.com'],
};
const result: ConvertResult = convert('curl https://api.example.com/', options);
if (result.ok) {
  const code: string = result.code;
  const empty: [] = result.errors;
  console.log(code, empty);
} else {
  // Non-empty by type: no `undefined` check needed for the first error.
  const first: Diagnostic = result.errors[0];
  const start: number | undefined = first.span?.start;
  const severity: 'error' = result.errors[0].severity;
  console.log(start, severity, first.help ?? '');
}
for (const w of result.warnings) {
  const line: number | undefined = w.span?.line;
  console.log(line, w.label);
}

// @ts-expect-error: not a language
convert('curl x', { language: 'cobol' });
// @ts-expect-error: options are camelCase, and misspelt ones are refused
convert('curl x', { max_retries: 3 });
// @ts-expect-error: the command is a string
convert(['curl', 'x']);
