import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './safe-path';

describe('safeCallbackPath', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeCallbackPath('/hr')).toBe('/hr');
    expect(safeCallbackPath('/rooms/1?view=week')).toBe('/rooms/1?view=week');
  });

  it.each(['https://evil.example/', 'http://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'hr', '', '/a\u0000b'])(
    'refuses %j so sign-in is never an open redirect',
    (value) => {
      expect(safeCallbackPath(value)).toBeNull();
    },
  );

  it('never sends people back to the sign-in pages themselves', () => {
    expect(safeCallbackPath('/signin?callbackUrl=/hr')).toBe('/');
    expect(safeCallbackPath('/api/auth/signout')).toBe('/');
  });
});
