import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/lib/csp';
import { env } from '@/lib/env';

const PUBLIC_PREFIXES = ['/signin', '/_next/', '/favicon', '/r/'];

function hasSessionCookie(req: NextRequest): boolean {
  return req.cookies.getAll().some((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(c.name));
}

/** The identity provider's origin, where the sign-in form may post (lib/env has checked it is a URL). */
function oidcOrigin(): string[] {
  const issuer = env().AUTH_OIDC_ISSUER;
  return issuer ? [new URL(issuer).origin] : [];
}

/**
 * Sets this request's Content-Security-Policy (a fresh script nonce each time, on every page
 * and 404), and, as a convenience only, sends people without a session cookie to
 * sign-in (and back afterwards). Every page, action and route checks the session and role itself.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const path = `${pathname}${search}`;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: env().NODE_ENV === 'development', formTargets: oidcOrigin() });
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
  let res: NextResponse;
  if (!isPublic && !hasSessionCookie(req)) {
    const url = req.nextUrl.clone();
    url.pathname = '/signin';
    url.search = `?${new URLSearchParams({ callbackUrl: path })}`;
    res = NextResponse.redirect(url);
  } else {
    const requestHeaders = new Headers(req.headers);
    requestHeaders.set('x-nook-path', path);
    requestHeaders.set('x-nonce', nonce);
    // Next.js reads the nonce from the policy on the request and puts it on its scripts.
    requestHeaders.set('Content-Security-Policy', csp);
    res = NextResponse.next({ request: { headers: requestHeaders } });
  }
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

export const config = {
  matcher: ['/((?!api/|scim/|_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
