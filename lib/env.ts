import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type GroupRoleMapping, parseGroupNames } from './oidc-identity';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;
/** A rate limit written as "<points>/<window>", e.g. "10/15m": 10 attempts per 15 minutes. */
export const rateLimitSpec = z
  .string()
  .regex(/^\d{1,6}\/\d{1,5}[smh]$/, { error: 'write a rate limit as <count>/<window>, e.g. 10/15m (s, m or h)' })
  .transform((v) => {
    const [points, window] = v.split('/') as [string, string];
    const unit = window.slice(-1) as keyof typeof UNIT_SECONDS;
    return { points: Number(points), durationSeconds: Number(window.slice(0, -1)) * UNIT_SECONDS[unit] };
  })
  .refine((l) => l.points >= 1 && l.durationSeconds >= 1, { error: 'a rate limit needs at least 1 attempt per at least 1 second' });
export type RateLimitSpec = z.output<typeof rateLimitSpec>;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;
/** How often this instance looks for due jobs, written as e.g. "30s", "250ms" or "1m"; from 100 ms to 10 minutes. */
export const jobsInterval = z
  .string()
  .regex(/^\d{1,6}(ms|s|m)$/, { error: 'write NOOK_JOBS_INTERVAL as a number with ms, s or m, e.g. 30s' })
  .transform((v) => {
    const unit = (v.endsWith('ms') ? 'ms' : v.slice(-1)) as keyof typeof UNIT_MS;
    return Number(v.slice(0, -unit.length)) * UNIT_MS[unit];
  })
  .refine((ms) => ms >= 100 && ms <= 600_000, { error: 'NOOK_JOBS_INTERVAL must be between 100ms and 10m' });

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL must start with postgres:// or postgresql://' })
      .optional(),
    NOOK_DATA_DIR: z.string().min(1).default('.data'),
    /** Nook's public URL behind a proxy; links in mail, feeds, door signs and SCIM are built on it (else on the request's own host). */
    AUTH_URL: z.url({ error: 'AUTH_URL must be the public URL of Nook, such as https://nook.example.com' }).optional(),
    AUTH_SECRET: z.string().min(32, { error: 'AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)' }).optional(),
    AUTH_DEMO: flag.optional(),
    AUTH_ADMIN_EMAILS: z.string().optional(),
    AUTH_OIDC_ISSUER: z.url({ error: 'AUTH_OIDC_ISSUER must be the issuer URL of your identity provider' }).optional(),
    AUTH_OIDC_ID: z.string().min(1).optional(),
    AUTH_OIDC_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).default('your company account'),
    /** The claim (in the ID token or UserInfo) that lists the person's groups or app roles. */
    AUTH_OIDC_GROUPS_CLAIM: z.string().regex(/^[\w:./-]{1,100}$/, { error: 'AUTH_OIDC_GROUPS_CLAIM must be a claim name such as groups or roles' }).default('groups'),
    /** Comma-separated group names that make someone HR at each sign-in. */
    AUTH_OIDC_HR_GROUPS: z.string().optional(),
    /** Comma-separated group names that make someone admin at each sign-in. */
    AUTH_OIDC_ADMIN_GROUPS: z.string().optional(),
    /** The SCIM bearer token, or (better) its SHA-256 in hex: one of the two turns /scim/v2 on. */
    SCIM_TOKEN: z.string().min(32, { error: 'SCIM_TOKEN must be at least 32 characters (try: openssl rand -base64 32)' }).optional(),
    SCIM_TOKEN_SHA256: z.string().regex(/^[0-9a-fA-F]{64}$/, { error: 'SCIM_TOKEN_SHA256 must be the 64 hex digits of the token\'s SHA-256' }).optional(),
    /** SCIM requests per client address. */
    RATE_LIMIT_SCIM: rateLimitSpec.prefault('600/1m'),
    /** Scheduled jobs (plan roll-forward, no-show release, reminders) run in the app process unless this is 0. */
    NOOK_JOBS: flag.default(true),
    /** How often (in milliseconds once parsed) a jobs-running instance checks which jobs are due. Each job still runs once per due time. */
    NOOK_JOBS_INTERVAL: jobsInterval.prefault('30s'),
    /** On the embedded database's first start, load about six months of generated demo history after the demo people (0: the small seed alone). */
    NOOK_DEMO_HISTORY: flag.default(true),
    /** Sign-in attempts per email address. */
    RATE_LIMIT_SIGNIN: rateLimitSpec.prefault('10/15m'),
    /** Sign-in attempts per client IP (many people can share an office's address). */
    RATE_LIMIT_SIGNIN_IP: rateLimitSpec.prefault('100/15m'),
    /** Booking writes (create, move, cancel) per person. */
    RATE_LIMIT_BOOKING: rateLimitSpec.prefault('30/1m'),
    /** Calendar feed fetches per feed. */
    RATE_LIMIT_FEED: rateLimitSpec.prefault('60/1h'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, { error: 'SMTP_URL must look like smtp://user:password@mail.example.com:587 or smtps://…:465' })
      .optional(),
    MAIL_FROM: z.string().min(3, { error: 'MAIL_FROM must be an address such as "Nook <nook@example.com>"' }).regex(/@/, { error: 'MAIL_FROM must contain an email address such as nook@example.com' }).default('Nook <nook@localhost>'),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_ID, env.AUTH_OIDC_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_OIDC_ISSUER'],
        message: 'Set AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET together to enable OpenID Connect sign-in',
      });
    }
    if (env.SCIM_TOKEN && env.SCIM_TOKEN_SHA256) {
      ctx.addIssue({ code: 'custom', path: ['SCIM_TOKEN'], message: 'Set SCIM_TOKEN or SCIM_TOKEN_SHA256, not both' });
    }
    if (env.DATABASE_URL && env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'AUTH_SECRET is required in production on PostgreSQL (generate one with: openssl rand -base64 32)',
      });
    }
  });

export type NookEnv = z.infer<typeof envSchema> & {
  /** Which database the app runs on. */
  dbKind: 'pglite' | 'postgres';
  /** Whether the demo sign-in (pick a seeded person) is offered. */
  demoSignIn: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  /** Which provider groups mean HR and admin; null when neither list is set (roles managed in Nook). */
  groupRoles: GroupRoleMapping;
  /** SHA-256 of the SCIM bearer token (the token itself is never kept); null: /scim/v2 is off. */
  scimTokenSha256: Buffer | null;
};

/** Reads and checks the environment. Throws one error naming every problem. */
export function parseEnv(source: Record<string, string | undefined>): NookEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`Nook cannot start because its configuration is invalid:\n${lines.join('\n')}`);
  }
  const env = result.data;
  const dbKind = env.DATABASE_URL ? 'postgres' : 'pglite';
  return {
    ...env,
    dbKind,
    demoSignIn: env.AUTH_DEMO ?? dbKind === 'pglite',
    oidc:
      env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET
        ? { issuer: env.AUTH_OIDC_ISSUER, clientId: env.AUTH_OIDC_ID, clientSecret: env.AUTH_OIDC_SECRET, name: env.AUTH_OIDC_NAME }
        : null,
    groupRoles:
      env.AUTH_OIDC_HR_GROUPS || env.AUTH_OIDC_ADMIN_GROUPS
        ? { hr: parseGroupNames(env.AUTH_OIDC_HR_GROUPS), admin: parseGroupNames(env.AUTH_OIDC_ADMIN_GROUPS) }
        : null,
    scimTokenSha256: env.SCIM_TOKEN_SHA256
      ? Buffer.from(env.SCIM_TOKEN_SHA256, 'hex')
      : env.SCIM_TOKEN
        ? createHash('sha256').update(env.SCIM_TOKEN).digest()
        : null,
  };
}

let cached: NookEnv | undefined;
export function env(): NookEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
