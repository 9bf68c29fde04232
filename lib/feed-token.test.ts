import { describe, expect, it } from 'vitest';
import { deriveToken, feedKey, feedUrls, hashToken, newNonce, sameHash, tokenFromFile } from './feed-token';

describe('feed tokens', () => {
  const key = feedKey('test-secret');

  it('derives a 256-bit token from 128 random bits and the server key', () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(newNonce()).not.toBe(nonce);
    const token = deriveToken(key, nonce);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(deriveToken(key, nonce)).toBe(token);
    expect(deriveToken(feedKey('another-secret'), nonce)).not.toBe(token);
  });

  it('hashes with SHA-256 and compares hashes in constant time', () => {
    const token = deriveToken(key, newNonce());
    const h = hashToken(token);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(token);
    expect(sameHash(h, hashToken(token))).toBe(true);
    expect(sameHash(h, hashToken(`${token}x`))).toBe(false);
    expect(sameHash(h, 'abc')).toBe(false);
  });

  it('accepts only token-shaped path segments', () => {
    const token = deriveToken(key, newNonce());
    expect(tokenFromFile(`${token}.ics`)).toBe(token);
    expect(tokenFromFile(token)).toBe(token);
    expect(tokenFromFile('../etc/passwd.ics')).toBeNull();
    expect(tokenFromFile(`${token}a.ics`)).toBeNull();
  });

  it('gives the https link and its webcal:// twin', () => {
    expect(feedUrls('https://nook.example.com/', 'abc')).toEqual({
      url: 'https://nook.example.com/api/feeds/abc.ics',
      webcal: 'webcal://nook.example.com/api/feeds/abc.ics',
    });
  });
});
