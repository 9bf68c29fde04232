/**
 * A same-site path to send someone back to after sign-in, or null. Refuses absolute URLs,
 * protocol-relative `//host` and backslash tricks so sign-in is never an open redirect.
 */
export function safeCallbackPath(value: string | null | undefined): string | null {
  if (!value) return null;
  let candidate = value.trim();
  if (/^https?:\/\//i.test(candidate)) {
    return null;
  }
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return null;
  if (/[\u0000-\u001f]/.test(candidate)) return null;
  if (candidate.length > 2000) return null;
  if (candidate.startsWith('/signin') || candidate.startsWith('/api/auth')) candidate = '/';
  return candidate;
}
