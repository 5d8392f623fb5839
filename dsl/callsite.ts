// The call site of a template (file:line:column of the tagged template expression), captured once per
// plan from a stack trace, for error messages.

/** `file:line:column` of the caller of `fn`, or 'unknown call site'. */
export function captureSite(fn: Function): string {
  const holder: { stack?: string } = {};
  const prev = Error.stackTraceLimit;
  Error.stackTraceLimit = 2;
  try {
    Error.captureStackTrace(holder, fn);
  } finally {
    Error.stackTraceLimit = prev;
  }
  const line = holder.stack?.split('\n')[1] ?? '';
  const m = /\(?((?:file:\/\/)?[^()\s]+:\d+:\d+)\)?\s*$/.exec(line.trim());
  if (!m) return 'unknown call site';
  return m[1].replace(/^file:\/\//, '');
}
