import 'server-only';

/**
 * One line for the server log naming why a sign-in failed: Auth.js' error, the error under it
 * (state, PKCE, nonce, ID token, UserInfo…), and the provider's own `error` and
 * `error_description` when it sent them. Never a token, code or secret: only those named
 * fields are read, and anything shaped like a token is masked.
 */
export function describeAuthError(error: Error): string {
  const message = clean(error.message);
  const parts: string[] = [message ? `${label(error)}: ${message}` : label(error)];
  const cause = asRecord((error as { cause?: unknown }).cause);
  const inner = cause?.err instanceof Error && cause.err !== error ? cause.err : undefined;
  if (inner) {
    parts.push(`cause ${label(inner)}${codeOf(inner)}: ${clean(inner.message)}`);
    const innerCause = asRecord((inner as { cause?: unknown }).cause);
    parts.push(...providerError(innerCause));
    if (typeof innerCause?.claim === 'string') parts.push(`claim ${clean(innerCause.claim)}`);
  }
  parts.push(...providerError(cause));
  return [...new Set(parts.filter(Boolean))].join(' · ');
}

/** Auth.js errors carry their kind in `type` (class names are shortened in the production build). */
function label(err: Error): string {
  const type = (err as { type?: unknown }).type;
  return typeof type === 'string' ? type : err.name;
}

function codeOf(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? ` (${clean(code)})` : '';
}

function providerError(cause: Record<string, unknown> | undefined): string[] {
  if (!cause) return [];
  const out: string[] = [];
  if (typeof cause.error === 'string') out.push(`provider error ${clean(cause.error)}`);
  if (typeof cause.error_description === 'string') out.push(`"${clean(cause.error_description)}"`);
  return out;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/** First line, Auth.js' "Read more at …" dropped, token-like strings masked, at most 300 characters. */
export function clean(text: string): string {
  return (text.split('\n')[0] ?? '')
    .replace(/\s*\.?\s*Read more at https:\/\/errors\.authjs\.dev\S*/g, '')
    .replace(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[token]')
    .replace(/[A-Za-z0-9+/_=-]{32,}/g, '[redacted]')
    .slice(0, 300);
}

/**
 * Auth.js hands the provider's own answer to a callback (`error`, `error_description`) only to
 * its debug logger, under the message "OAuthCallbackError"; the error it then throws has lost it.
 * This reads that one message (every other debug message is ignored: some carry the code).
 */
export function describeProviderCallback(message: string, metadata: unknown): string | null {
  if (message !== 'OAuthCallbackError') return null;
  const parts = providerError(asRecord(metadata));
  return parts.length ? `the provider answered the callback with ${parts.join(' · ')}` : null;
}
