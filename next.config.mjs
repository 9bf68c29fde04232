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
};

export default nextConfig;
