import { NextResponse, type NextRequest } from 'next/server';

const PUBLIC_PREFIXES = ['/signin', '/api/', '/_next/', '/favicon', '/r/'];

function hasSessionCookie(req: NextRequest): boolean {
  return req.cookies.getAll().some((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(c.name));
}

/**
 * A convenience, not the security boundary: sends people without a session cookie to sign-in
 * (and back afterwards), and tells pages the path being opened. Every page, action and route
 * checks the session and role itself.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const path = `${pathname}${search}`;
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
  if (!isPublic && !hasSessionCookie(req)) {
    const url = req.nextUrl.clone();
    url.pathname = '/signin';
    url.search = `?${new URLSearchParams({ callbackUrl: path })}`;
    return NextResponse.redirect(url);
  }
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nook-path', path);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
