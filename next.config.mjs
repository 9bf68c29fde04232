/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build or dev server (e.g. a parallel check) can use its own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite ships WebAssembly and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'proper-lockfile'],
  poweredByHeader: false,
  experimental: {
    authInterrupts: true,
  },
  async headers() {
    const headers = [
      // Pages' Content-Security-Policy (with a per-request script nonce) is set in proxy.ts.
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
      { key: 'X-Frame-Options', value: 'DENY' },
    ];
    if (process.env.NODE_ENV === 'production') {
      headers.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' });
    }
    // API answers are data, not documents: a policy that allows nothing (pages get theirs, with a nonce, in proxy.ts).
    const apiPolicy = [{ key: 'Content-Security-Policy', value: "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'" }];
    // Calendar feed links are secrets: pages that show them and the feeds themselves send no referrer (later rules win).
    const noReferrer = [{ key: 'Referrer-Policy', value: 'no-referrer' }];
    return [
      { source: '/:path*', headers },
      { source: '/api/:path*', headers: apiPolicy },
      { source: '/scim/:path*', headers: apiPolicy },
      { source: '/api/feeds/:path*', headers: noReferrer },
      { source: '/settings', headers: noReferrer },
    ];
  },
};

export default nextConfig;
