import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import autocannon from 'autocannon';
import { percentile, round } from './stats';

export type LoadResult = {
  connections: number;
  seconds: number;
  responses: number;
  /** Responses per second, any status. */
  rps: number;
  /** Responses per second that were answers (not 5xx). */
  answeredRps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  status: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Latencies per request kind, when the requests name their kind (see `kindOf`). */
  kinds: Record<string, { count: number; p50: number; p95: number; status: Record<string, number> }>;
};

export type LoadSpec = {
  url: string;
  connections: number;
  seconds: number;
  requests: autocannon.Request[];
  /** Per response, the kind of request it answered (read from the context by the caller's onResponse). */
  kindOf?: () => string | undefined;
};

/** Runs autocannon and measures every response's latency itself (autocannon's summary has no p95). */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const byKind = new Map<string, { latencies: number[]; status: Record<string, number> }>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: spec.url, connections: spec.connections, duration: spec.seconds, timeout: 30, requests: spec.requests },
      (err, result) => {
        if (err) return reject(err);
        const status = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
        const responses = Object.values(status).reduce((a, b) => a + b, 0);
        const answered = Object.entries(status)
          .filter(([code]) => Number(code) < 500)
          .reduce((a, [, n]) => a + n, 0);
        const seconds = result.duration || spec.seconds;
        const kinds: LoadResult['kinds'] = {};
        for (const [kind, k] of byKind) {
          kinds[kind] = { count: k.latencies.length, p50: round(percentile(k.latencies, 50)), p95: round(percentile(k.latencies, 95)), status: k.status };
        }
        resolve({
          connections: spec.connections,
          seconds,
          responses,
          rps: round(responses / seconds),
          answeredRps: round(answered / seconds),
          p50: round(percentile(latencies, 50)),
          p95: round(percentile(latencies, 95)),
          p99: round(percentile(latencies, 99)),
          max: round(Math.max(0, ...latencies)),
          status,
          errors: result.errors,
          timeouts: result.timeouts,
          kinds,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      const kind = spec.kindOf?.();
      if (kind) {
        const k = byKind.get(kind) ?? { latencies: [], status: {} };
        k.latencies.push(responseTime);
        k.status[statusCode] = (k.status[statusCode] ?? 0) + 1;
        byKind.set(kind, k);
      }
    });
  });
}

/** Signs in through the demo provider, as a script would: the session cookie to send. */
export async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const jar = cookiePairs(csrf.headers.getSetCookie());
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/demo`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: `${base}/` }),
  });
  const session = cookiePairs(res.headers.getSetCookie()).find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`Demo sign-in for ${email} gave no session cookie (status ${res.status})`);
  return session;
}

function cookiePairs(setCookies: string[]): string[] {
  return setCookies.map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='));
}

/** Signs in many people, a few at a time. */
export async function signInMany(base: string, emails: string[], parallel = 8): Promise<string[]> {
  const out: string[] = new Array(emails.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < emails.length; i = next++) out[i] = await signIn(base, emails[i]!);
    }),
  );
  return out;
}

/** A free TCP port on 127.0.0.1 (never 3000, 3100 or 3300, which other work here uses). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
      });
    });
    if (port && ![3000, 3100, 3300].includes(port)) return port;
  }
}

export type Server = {
  proc: ChildProcess;
  url: string;
  output: () => string;
  /** Milliseconds from spawn to the first output line matching `pattern`, if there was one. */
  lineAt: (pattern: RegExp) => number | undefined;
  stop: () => Promise<void>;
};

/** Starts a child process in its own process group, keeping the last of its output for error messages. */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, url: string): Server {
  const spawned = performance.now();
  const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  const lines: { at: number; line: string }[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-8000);
    if (lines.length < 200) for (const line of text.split('\n')) if (line.trim()) lines.push({ at: performance.now() - spawned, line });
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null || !proc.pid) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  return { proc, url, output: () => log, lineAt: (pattern) => lines.find((l) => pattern.test(l.line))?.at, stop };
}

/** Polls `url` until it answers `status`; the milliseconds that took. */
export async function waitFor(url: string, server: Server, options: { status?: number; timeoutMs?: number; everyMs?: number; headers?: Record<string, string> } = {}): Promise<number> {
  const { status = 200, timeoutMs = 120_000, everyMs = 50 } = options;
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (server.proc.exitCode !== null) throw new Error(`The server exited (code ${server.proc.exitCode}) before ${url} answered:\n${server.output()}`);
    try {
      const res = await fetch(url, { redirect: 'manual', headers: options.headers, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      if (res.status === status) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms:\n${server.output()}`);
}
