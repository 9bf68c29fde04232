import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

export const DIST_DIR = '.next-bench';

/** Sources whose change makes the bench build stale. */
const SOURCES = ['app', 'lib', 'db', 'drizzle', 'proxy.ts', 'instrumentation.ts', 'next.config.mjs', 'package-lock.json', 'tsconfig.json'];

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Why the bench build must be (re)made, or null when it is up to date. */
export function buildStaleReason(root: string): string | null {
  const buildId = path.join(root, DIST_DIR, 'BUILD_ID');
  if (!fs.existsSync(buildId)) return `no build in ${DIST_DIR}`;
  const built = fs.statSync(buildId).mtimeMs;
  const changed = SOURCES.find((s) => newestMtime(path.join(root, s)) > built);
  return changed ? `${changed} changed since the last bench build` : null;
}

/**
 * Pages the build prerendered as static (○ in `next build`'s list), with the status they
 * are served with, app pages first; `/_global-error` is left out (never served as a page).
 */
export function staticPages(root: string): { route: string; status: number }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, DIST_DIR, 'prerender-manifest.json'), 'utf8')) as {
    routes: Record<string, { routeType?: string; initialStatus?: number }>;
  };
  return Object.entries(manifest.routes)
    .filter(([route, r]) => r.routeType === 'page' && route !== '/_global-error')
    .map(([route, r]) => ({ route, status: r.initialStatus ?? 200 }))
    .sort((a, b) => Number(a.route.startsWith('/_')) - Number(b.route.startsWith('/_')));
}

export type FirstLoad = { route: string; files: number; rawKb: number; gzipKb: number };

/**
 * First-load JS of every app page: the root main files every page loads plus the entry
 * chunks of the page's segments (layouts, boundaries, the page), each gzipped (level 9)
 * and summed once. Polyfills (nomodule, skipped by modern browsers) and chunks loaded
 * later by `import()` are left out, as Next's own "First Load JS" did.
 */
export function firstLoadJs(root: string): FirstLoad[] {
  const dist = path.join(root, DIST_DIR);
  const build = JSON.parse(fs.readFileSync(path.join(dist, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const routes = JSON.parse(fs.readFileSync(path.join(dist, 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
  const gzipCache = new Map<string, { raw: number; gz: number }>();
  const size = (file: string) => {
    let s = gzipCache.get(file);
    if (!s) {
      const buf = fs.readFileSync(path.join(dist, file));
      s = { raw: buf.length, gz: zlib.gzipSync(buf, { level: 9 }).length };
      gzipCache.set(file, s);
    }
    return s;
  };
  const out: FirstLoad[] = [];
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith('/page')) continue;
    const manifestFile = path.join(dist, 'server', 'app', `${entry}_client-reference-manifest.js`);
    if (!fs.existsSync(manifestFile)) continue;
    // The manifest is a script that assigns globalThis.__RSC_MANIFEST[entry].
    const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
    sandbox.globalThis = sandbox;
    vm.runInNewContext(fs.readFileSync(manifestFile, 'utf8'), sandbox);
    const entryFiles = sandbox.__RSC_MANIFEST?.[entry]?.entryJSFiles ?? {};
    const files = new Set<string>(build.rootMainFiles);
    for (const list of Object.values(entryFiles)) for (const f of list) files.add(f);
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const s = size(f);
      raw += s.raw;
      gz += s.gz;
    }
    out.push({ route, files: files.size, rawKb: raw / 1024, gzipKb: gz / 1024 });
  }
  return out.sort((a, b) => b.gzipKb - a.gzipKb);
}
