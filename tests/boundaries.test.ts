/**
 * Nook's layer boundaries are lint rules (eslint.config.mjs), and `npm test` runs lint over the
 * whole tree. These cases show each rule catching a violation written into a file where it does
 * not belong, and letting the same import through where it does.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The messages lint gives `code` as if it were the file at `file` (which need not exist). */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId?.startsWith('nook/')).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the pure part of lib/', () => {
  it.each([
    ["import { getDb } from '@/db/runtime';"],
    ["import { bookings } from '../db/schema';"],
    ["import { createBooking } from '@/lib/server/operations/book';"],
    ["import { sendMail } from './server/mail';"],
    ["import { headers } from 'next/headers';"],
    ["import { NextResponse } from 'next/server';"],
    ["import NextAuth from 'next-auth';"],
    ["import { renderToString } from 'react-dom/server';"],
    ["import 'server-only';"],
    ["import { sql } from 'drizzle-orm';"],
    ["import type { Db } from '@/db/client';"],
  ])('refuses %s', async (line) => {
    const found = await problems('lib/new-rule.ts', `${line}\nexport const x = 1;\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^no-restricted-imports: .*lib\/ outside lib\/server\/ is pure/);
  });

  it('lets pure modules import each other and the libraries made for the job', async () => {
    expect(await problems('lib/schemas/new-rule.ts', "import { z } from 'zod';\nimport { TZDate } from '@date-fns/tz';\nimport { addMinutes } from '../time';\nimport { dateOnly } from '@/lib/schemas/inputs';\nexport const x = [z, TZDate, addMinutes, dateOnly];\n")).toEqual([]);
  });

  it('leaves the server layer free to use the database and Next.js', async () => {
    expect(await problems('lib/server/operations/new-op.ts', "import 'server-only';\nimport { headers } from 'next/headers';\nimport { getDb } from '@/db/runtime';\nexport const x = [headers, getDb];\n")).toEqual([]);
  });
});

describe('db/', () => {
  it.each([["import { sendMail } from '@/lib/server/mail';"], ["import { sendBookingInvite } from '../../lib/server/invites';"], ["import { revalidatePath } from 'next/cache';"], ["import { auth } from 'next-auth';"]])(
    'refuses %s',
    async (line) => {
      const found = await problems('db/queries/new-query.ts', `${line}\nexport const x = 1;\n`);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^no-restricted-imports: .*db\/ only reads and writes/);
    },
  );

  it('lets queries use drizzle and the pure rules', async () => {
    expect(await problems('db/queries/new-query.ts', "import { sql } from 'drizzle-orm';\nimport { Refusal } from '@/lib/errors';\nimport { bookings } from '../schema';\nexport const x = [sql, Refusal, bookings];\n")).toEqual([]);
  });
});

describe('client components', () => {
  const client = (line: string) => `'use client';\n${line}\nexport function Thing() {\n  return null;\n}\n`;

  it.each([
    ["import { getDb } from '@/db/runtime';"],
    ["import type { RoomContext } from '@/db/queries/bookings';"],
    ["import { getCurrentUser } from '@/lib/server/auth/session';"],
    ["import 'server-only';"],
    ["import { cookies } from 'next/headers';"],
  ])('refuse %s', async (line) => {
    const found = await problems('app/(employee)/rooms/[id]/new-widget.tsx', client(line));
    expect(found).toEqual([expect.stringMatching(/^nook\/client-imports-no-server: A client component cannot import/)]);
  });

  it('may call server actions and use pure rules', async () => {
    expect(await problems('app/(employee)/rooms/[id]/new-widget.tsx', client("import { bookAction } from '@/app/_actions/bookings';\nimport { formatTime } from '@/lib/time';\nvoid bookAction; void formatTime;"))).toEqual([]);
  });

  it('the same import is fine in a server component', async () => {
    expect(await problems('app/(employee)/rooms/[id]/new-widget.tsx', "import { getDb } from '@/db/runtime';\nexport async function Thing() {\n  await getDb();\n  return null;\n}\n")).toEqual([]);
  });
});

describe('app/_components', () => {
  it.each([["import { saveRequestAction } from '@/app/(employee)/requests/actions';"], ["import { demoSignInAction } from '../signin/actions';"], ["import { Summary } from '@/app/(hr)/hr/reports/_parts';"]])(
    'refuses %s',
    async (line) => {
      const found = await problems('app/_components/new-part.tsx', `${line}\nexport const x = 1;\n`);
      expect(found).toEqual([expect.stringMatching(/^nook\/shared-imports-no-route: app\/_components is shared by every route group/)]);
    },
  );

  it('imports the shared actions and other shared components', async () => {
    expect(await problems('app/_components/new-part.tsx', "import { bookNowAction } from '@/app/_actions/bookings';\nimport { ActionButton } from './action-button';\nexport const x = [bookNowAction, ActionButton];\n")).toEqual([]);
  });
});
