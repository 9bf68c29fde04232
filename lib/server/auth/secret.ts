import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

const fromFile = new Map<string, string>();

/**
 * AUTH_SECRET when set; otherwise a secret generated once and kept in the data dir, so the
 * embedded default needs no .env and sessions survive restarts.
 */
export function authSecret(): string {
  const { AUTH_SECRET, NOOK_DATA_DIR } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  const file = path.resolve(NOOK_DATA_DIR, 'auth-secret');
  // Read once per process: every signed-in request needs it, and the file never changes.
  let secret = fromFile.get(file);
  if (!secret) fromFile.set(file, (secret = readOrCreate(file)));
  return secret;
}

function readOrCreate(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another worker wrote it first: use theirs.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
