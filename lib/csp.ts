/**
 * The Content-Security-Policy for one response. Scripts run only with this request's nonce
 * (Next.js puts it on its own scripts when it finds the policy on the request) or when loaded
 * by such a script ('strict-dynamic'); nothing may frame Nook; forms post only to Nook (and to
 * the identity provider the sign-in redirects to).
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; formTargets?: string[] } = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    // Server-rendered style attributes (calendar layout) need 'unsafe-inline' for styles only.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.dev ? ['ws:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", ...(options.formTargets ?? [])],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** 128 random bits, base64: a fresh nonce for each request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
