import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { enforceRateLimit, type RateLimitBucket } from '@/db/queries/rate-limits';
import { getDb } from '@/db/runtime';
import type { User } from '@/db/schema';
import { RateLimited, Refusal, REFUSAL_STATUS } from '@/lib/errors';
import { hasRole, type Role } from '@/lib/roles';
import { getCurrentUser } from './session';

type Access = Role | 'public';
type RouteCtx<A extends Access, Q, B, P> = {
  req: Request;
  user: A extends 'public' ? User | null : User;
  db: () => Promise<Db>;
  query: Q;
  body: B;
  params: P;
};

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** 429 with Retry-After (seconds) and the message saying how long to wait. */
export function rateLimitedResponse(err: RateLimited) {
  return NextResponse.json(
    { error: err.message, retryAfter: err.retryAfterSeconds },
    { status: 429, headers: { 'Retry-After': String(err.retryAfterSeconds), 'Cache-Control': 'no-store' } },
  );
}

/** Writes come only from the app's own origin (a browser always sends Origin on them). */
function crossOrigin(req: Request): string | null {
  const origin = req.headers.get('origin');
  if (origin) {
    const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) return 'Cross-origin requests are not accepted.';
  }
  return null;
}

function notJson(req: Request): string | null {
  const type = req.headers.get('content-type') ?? '';
  return type.toLowerCase().startsWith('application/json') ? null : 'Send the body as application/json.';
}

/**
 * The one wrapper every route handler goes through: who is signed in, may they, are the
 * query, body and params valid. Answers 401, 403, 415 or 422 JSON before the handler runs;
 * a Refusal thrown by the handler becomes its status with `{ error, …extra }`.
 */
export function defineRoute<
  A extends Access,
  QS extends z.ZodType = z.ZodUndefined,
  BS extends z.ZodType = z.ZodUndefined,
  PS extends z.ZodType = z.ZodUndefined,
>(
  spec: {
    access: A;
    query?: QS;
    body?: BS;
    params?: PS;
    /**
     * Counts the call against a bucket before the handler runs (429 with Retry-After past the
     * limit): the signed-in person's count, or the one `key` names from the parsed request
     * (null: not counted, as for a malformed feed link that is answered 404 anyway).
     */
    rateLimit?: RateLimitBucket | { bucket: RateLimitBucket; key: (req: { params: z.output<PS>; query: z.output<QS>; user: User | null }) => string | null };
  },
  handler: (ctx: RouteCtx<A, z.output<QS>, z.output<BS>, z.output<PS>>) => Promise<Response>,
) {
  return async function route(req: Request, context?: { params?: Promise<Record<string, string | string[]>> }) {
    const user = spec.access === 'public' ? null : await getCurrentUser();
    if (spec.access !== 'public') {
      if (!user) return jsonError(401, 'Sign in to continue.');
      if (!hasRole(user.role, spec.access as Role)) return jsonError(403, 'You do not have access to this.');
    }
    const fields: Record<string, string[]> = {};
    const parse = <S extends z.ZodType>(schema: S | undefined, value: unknown, prefix: string) => {
      if (!schema) return undefined;
      const r = schema.safeParse(value);
      if (r.success) return r.data;
      for (const issue of r.error.issues) {
        const key = issue.path.length ? issue.path.join('.') : prefix;
        (fields[key] ??= []).push(issue.message);
      }
      return undefined;
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const refusal = crossOrigin(req);
      if (refusal) return jsonError(403, refusal);
    }
    const params = parse(spec.params, context?.params ? await context.params : {}, 'params');
    if (spec.params && Object.keys(fields).length) return jsonError(404, 'Not found.');
    const query = parse(spec.query, Object.fromEntries(new URL(req.url).searchParams), 'query');
    let body: unknown;
    if (spec.body) {
      const refusal = notJson(req);
      if (refusal) return jsonError(415, refusal);
      let raw: unknown;
      try {
        raw = await req.json();
      } catch {
        return jsonError(422, 'The request body is not valid JSON.', { fields: {} });
      }
      body = parse(spec.body, raw, 'body');
    }
    if (Object.keys(fields).length) return jsonError(422, 'Please correct the fields listed.', { fields });
    try {
      const limit = typeof spec.rateLimit === 'string' ? { bucket: spec.rateLimit, key: user?.id ?? null } : spec.rateLimit && { bucket: spec.rateLimit.bucket, key: spec.rateLimit.key({ params: params as never, query: query as never, user }) };
      if (limit?.key) await enforceRateLimit(await getDb(), limit.bucket, limit.key);
      return await handler({
        req,
        user: user as never,
        db: getDb,
        query: query as never,
        body: body as never,
        params: params as never,
      });
    } catch (err) {
      if (err instanceof Refusal) {
        return jsonError(REFUSAL_STATUS[err.reason], err.message, err.reason === 'invalid' ? { fields: {}, ...err.extra } : err.extra);
      }
      if (err instanceof RateLimited) return rateLimitedResponse(err);
      throw err;
    }
  };
}
