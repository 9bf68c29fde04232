/**
 * Several Nook instances behind a real load balancer, on one machine: for the two-instance test
 * (tests/two-instances.cluster.ts) and for benchmarks that measure more than one instance.
 *
 * - `startNookInstance` runs `next start` on the existing production build (`.next`, or
 *   `distDir`) and waits until /api/health answers 200.
 * - `startBalancer` writes an HAProxy configuration to a temporary folder and runs Debian's
 *   `haproxy` in the foreground in front of the given instances: HTTP mode, round robin per
 *   request, `X-Forwarded-For` replaced by the client's real address, health checks on
 *   /api/health, and an `X-Nook-Backend` header on each answer naming the instance that gave it.
 *
 * Both listen on 127.0.0.1 only. Processes run in their own process group and `stop()` ends
 * that group (SIGTERM, then SIGKILL after 5 s).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startProcess, waitFor, type Server } from '../bench/load';

export type Backend = { host?: string; port: number; name?: string };

export type Balancer = {
  port: number;
  url: string;
  /** The instance names, in the order given, as they appear in the X-Nook-Backend header. */
  names: string[];
  server: Server;
  stop: () => Promise<void>;
};

export type NookInstance = {
  port: number;
  url: string;
  server: Server;
  stop: () => Promise<void>;
};

export const BACKEND_HEADER = 'x-nook-backend';

/** The haproxy binary: HAPROXY_BIN, else Debian's. */
export function haproxyBinary(): string {
  const bin = process.env.HAPROXY_BIN || '/usr/sbin/haproxy';
  if (!fs.existsSync(bin)) throw new Error(`HAProxy is not installed at ${bin}: apt-get install haproxy (.ci/run does), or set HAPROXY_BIN.`);
  return bin;
}

/** The HAProxy configuration for `backends` behind 127.0.0.1:`port`. */
export function balancerConfig(port: number, backends: Backend[], options: { checkIntervalMs?: number; timeoutMs?: number } = {}): string {
  const { checkIntervalMs = 500, timeoutMs = 60_000 } = options;
  const servers = backends.map((b, i) => `  server ${backendName(b, i)} ${b.host ?? '127.0.0.1'}:${b.port} check inter ${checkIntervalMs}ms fall 2 rise 1`);
  return [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 5s',
    `  timeout client ${timeoutMs}ms`,
    `  timeout server ${timeoutMs}ms`,
    '  timeout http-request 10s',
    '  timeout queue 30s',
    '',
    'frontend nook',
    `  bind 127.0.0.1:${port}`,
    // Whatever a client claims is dropped; Nook reads the first X-Forwarded-For hop as the client.
    '  http-request del-header X-Forwarded-For',
    '  option forwardfor',
    '  default_backend instances',
    '',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /api/health',
    '  http-check expect status 200',
    '  http-response set-header X-Nook-Backend %s',
    ...servers,
    '',
  ].join('\n');
}

function backendName(b: Backend, i: number): string {
  return b.name ?? `nook${i + 1}`;
}

/** Starts HAProxy in front of `backends` and waits until every one of them has answered through it. */
export async function startBalancer(options: { port: number; backends: Backend[]; checkIntervalMs?: number; timeoutMs?: number }): Promise<Balancer> {
  const { port, backends } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nook-haproxy-'));
  const cfg = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(cfg, balancerConfig(port, backends, options));
  const bin = haproxyBinary();
  const check = startProcess(bin, ['-c', '-q', '-f', cfg], process.env, '');
  const checked = await new Promise<number | null>((resolve) => check.proc.once('exit', (code) => resolve(code)));
  if (checked !== 0) throw new Error(`HAProxy refused its configuration:\n${check.output()}\n${fs.readFileSync(cfg, 'utf8')}`);

  const url = `http://127.0.0.1:${port}`;
  const server = startProcess(bin, ['-f', cfg, '-db'], process.env, url);
  const names = backends.map(backendName);
  const stop = async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${url}/api/health`, server, { timeoutMs: 30_000 });
    // Round robin: every instance answers within a few rounds once the health checks see it up.
    const seen = new Set<string>();
    const t0 = Date.now();
    while (seen.size < names.length) {
      if (Date.now() - t0 > 30_000) throw new Error(`Only ${[...seen].join(', ') || 'no instance'} answered through the balancer within 30 s:\n${server.output()}`);
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      const by = res.headers.get(BACKEND_HEADER);
      if (res.status === 200 && by) seen.add(by);
      else await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, url, names, server, stop };
}

/**
 * Starts `next start` on 127.0.0.1:`port` over an existing production build, with `env` on top
 * of this process's environment, and waits until /api/health answers 200 (migrations applied).
 */
export async function startNookInstance(options: { port: number; env: Record<string, string | undefined>; cwd?: string; timeoutMs?: number }): Promise<NookInstance> {
  const { port } = options;
  const cwd = options.cwd ?? process.cwd();
  const distDir = options.env.NEXT_DIST_DIR ?? process.env.NEXT_DIST_DIR ?? '.next';
  if (!fs.existsSync(path.join(cwd, distDir, 'BUILD_ID'))) throw new Error(`No production build in ${path.join(cwd, distDir)}: run \`npx next build\` first.`);
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...options.env } as NodeJS.ProcessEnv;
  const server = startProcess('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], env, url);
  try {
    await waitFor(`${url}/api/health`, server, { timeoutMs: options.timeoutMs ?? 120_000, everyMs: 200 });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { port, url, server, stop: server.stop };
}

/** Whether nothing listens on 127.0.0.1:`port`. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** `count` free ports from the range [from, to], lowest first. */
export async function freePortsIn(from: number, to: number, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let p = from; p <= to && out.length < count; p++) if (await portIsFree(p)) out.push(p);
  if (out.length < count) throw new Error(`Only ${out.length} of ${count} ports free between ${from} and ${to}.`);
  return out;
}
