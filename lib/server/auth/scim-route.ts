import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '@/db/client';
import { consumeRateLimit } from '@/db/queries/rate-limits';
import { getDb } from '@/db/runtime';
import { env } from '@/lib/env';
import { SCIM_CONTENT_TYPE, SCIM_MAX_BODY, ScimError } from '@/lib/scim';
import { ipFromHeaders } from './demo-authorize';

type ScimCtx = { req: Request; db: Db; ip: string | null; params: Record<string, string>; base: string; body: unknown };

/** A SCIM answer: application/scim+json, never cached. */
export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': `${SCIM_CONTENT_TYPE}; charset=utf-8`, 'Cache-Control': 'no-store', ...headers },
  });
}

function scimErrorResponse(err: ScimError, headers: Record<string, string> = {}): Response {
  return scimJson(err.body(), err.status, err.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="Nook SCIM"', ...headers } : headers);
}

/** The bearer token's SHA-256 compared with the configured one in constant time. */
export function scimTokenMatches(header: string | null, expectedSha256: Buffer): boolean {
  const m = /^Bearer\s+(\S{1,1000})\s*$/i.exec(header ?? '');
  const given = createHash('sha256')
    .update(m?.[1] ?? '')
    .digest();
  return timingSafeEqual(given, expectedSha256) && m !== null;
}

/** Nook's public origin for `meta.location`: AUTH_URL when set, else the request's own. */
function baseOf(req: Request): string {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  return new URL(req.url).origin;
}

async function readBody(req: Request): Promise<unknown> {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith(SCIM_CONTENT_TYPE) && !type.startsWith('application/json')) {
    throw new ScimError(415, 'Send the body as application/scim+json.', 'invalidSyntax');
  }
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > SCIM_MAX_BODY) throw new ScimError(413, `The body is larger than ${SCIM_MAX_BODY} bytes.`, 'tooMany');
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > SCIM_MAX_BODY) {
        await reader.cancel();
        throw new ScimError(413, `The body is larger than ${SCIM_MAX_BODY} bytes.`, 'tooMany');
      }
      chunks.push(value);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ScimError(400, 'The body is not valid JSON.', 'invalidSyntax');
  }
}

/**
 * The one wrapper every /scim/v2 handler goes through: SCIM on (a token is configured, else 404),
 * rate limit per client address (429), bearer token (401), body type, size and JSON (415, 413,
 * 400). Sessions count for nothing here: only the provider's token. Errors are SCIM errors.
 */
export function defineScimRoute(options: { body?: boolean }, handler: (ctx: ScimCtx) => Promise<Response>) {
  return async function route(req: Request, context?: { params?: Promise<Record<string, string | string[]>> }) {
    try {
      const expected = env().scimTokenSha256;
      if (!expected) throw new ScimError(404, 'SCIM provisioning is not turned on.');
      const db = await getDb();
      const ip = ipFromHeaders(req.headers);
      const limit = await consumeRateLimit(db, 'scim', ip ?? 'unknown');
      if (!limit.ok) return scimErrorResponse(new ScimError(429, limit.message, 'tooMany'), { 'Retry-After': String(limit.retryAfterSeconds) });
      if (!scimTokenMatches(req.headers.get('authorization'), expected)) throw new ScimError(401, 'A valid bearer token is required.');
      const raw = context?.params ? await context.params : {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      const body = options.body ? await readBody(req) : undefined;
      return await handler({ req, db, ip, params, base: baseOf(req), body });
    } catch (err) {
      if (err instanceof ScimError) return scimErrorResponse(err);
      // Two requests racing for one email or externalId: the database's unique index decides.
      if ((err as { cause?: { code?: string } })?.cause?.code === '23505') {
        return scimErrorResponse(new ScimError(409, 'Someone else already has that userName or externalId.', 'uniqueness'));
      }
      throw err;
    }
  };
}
