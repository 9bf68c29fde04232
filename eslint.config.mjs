import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Where an import lands, as a path from the project root ("db/queries/bookings",
 * "lib/server/auth/action", "app/(employee)/requests/actions"), or null for a package.
 */
function target(source, filename) {
  if (source.startsWith('@/')) return source.slice(2);
  if (source.startsWith('.')) return path.relative(root, path.resolve(path.dirname(filename), source)).split(path.sep).join('/');
  return null;
}

const SERVER_PACKAGES = ['server-only', 'next/headers', 'next/cache', 'next-auth', 'next-auth/jwt'];
const isServerModule = (to) => to === 'db' || to.startsWith('db/') || to === 'lib/server' || to.startsWith('lib/server/');

/**
 * Nook's layers, checked on every file by `npm run lint` (tests/boundaries.test.ts shows each
 * rule catching a violation). A rule reads the import's source; `import type` counts too, since
 * a type from the server layer ties a client component to it all the same.
 */
const boundaries = {
  rules: {
    /** A client component ('use client') imports nothing that runs only on the server. */
    'client-imports-no-server': {
      meta: { type: 'problem', schema: [], messages: { server: "A client component cannot import '{{source}}': it runs only on the server. Pass what the component needs as props, or move the type to lib/." } },
      create(context) {
        const filename = context.filename ?? context.getFilename();
        let client = false;
        return {
          Program(node) {
            client = node.body.some((s) => s.type === 'ExpressionStatement' && s.directive === 'use client');
          },
          ImportDeclaration(node) {
            if (!client) return;
            const source = node.source.value;
            const to = target(source, filename);
            if (SERVER_PACKAGES.includes(source) || (to && isServerModule(to))) context.report({ node, messageId: 'server', data: { source } });
          },
        };
      },
    },
    /** Shared components serve every route group, so they import none of them (nor any route's own files). */
    'shared-imports-no-route': {
      meta: { type: 'problem', schema: [], messages: { route: "app/_components is shared by every route group and cannot import '{{source}}' from one route. Move what it needs to app/_actions, app/_components or lib/." } },
      create(context) {
        const filename = context.filename ?? context.getFilename();
        return {
          ImportDeclaration(node) {
            const source = node.source.value;
            const to = target(source, filename);
            if (to && to.startsWith('app/') && !to.startsWith('app/_components/') && !to.startsWith('app/_actions/')) {
              context.report({ node, messageId: 'route', data: { source } });
            }
          },
        };
      },
    },
  },
};

/** The pure part of lib/: plain values in and out, time as an argument. */
const pureLib = {
  paths: [
    ...['next', 'next-auth', 'server-only', 'react-dom/server', 'drizzle-orm', 'postgres', '@electric-sql/pglite', 'nodemailer'].map((name) => ({
      name,
      message: 'lib/ outside lib/server/ is pure: no database, no Next.js, no Auth.js, no mail. Put this in lib/server/ and pass plain values in.',
    })),
  ],
  patterns: [
    {
      regex: '^(@/(db|lib/server)(/.*)?|(\\.\\./)+db(/.*)?|\\.{1,2}/server(/.*)?|next/.*|next-auth/.*|@auth/.*|drizzle-orm/.*|@electric-sql/.*)$',
      message: 'lib/ outside lib/server/ is pure: it imports nothing from db/, the server layer, Next.js or Auth.js. Put this in lib/server/ and pass plain values in.',
    },
  ],
};

/** db/ only reads and writes: it calls no operation, sends no mail and speaks no HTTP. */
const dataLayer = {
  paths: ['next', 'next-auth', 'server-only'].map((name) => ({ name, message: 'db/ only reads and writes: no Next.js or Auth.js. Orchestrate in an operation under lib/server/.' })),
  patterns: [
    {
      regex: '^(@/lib/server(/.*)?|(\\.\\./)+lib/server(/.*)?|next/.*|next-auth/.*)$',
      message: 'db/ only reads and writes: the server layer calls db/, never the other way. Orchestrate (mail, invites, notices) in an operation under lib/server/.',
    },
  ],
};

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', '.next-*/**', '**/.next-*/**', 'node_modules/**', '.data/**', 'drizzle/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'],
  },
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: ['lib/server/**', ...TESTS],
    rules: { 'no-restricted-imports': ['error', pureLib] },
  },
  {
    files: ['db/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', dataLayer] },
  },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx', 'lib/**/*.ts', 'lib/**/*.tsx'],
    plugins: { nook: boundaries },
    rules: { 'nook/client-imports-no-server': 'error' },
  },
  {
    files: ['app/_components/**/*.ts', 'app/_components/**/*.tsx'],
    plugins: { nook: boundaries },
    rules: { 'nook/shared-imports-no-route': 'error' },
  },
];

export default config;
