import { describe, expect, it } from 'vitest';
import { describeAuthError, describeProviderCallback } from './auth-errors';

function authError(name: string, message: string, cause?: Record<string, unknown>) {
  const e = new Error(message, { cause });
  e.name = name;
  return e;
}

describe('describeAuthError', () => {
  it('names the error under a CallbackRouteError, not just the wrapper', () => {
    const inner = authError('InvalidCheck', 'pkceCodeVerifier value could not be parsed. Read more at https://errors.authjs.dev#invalidcheck');
    const line = describeAuthError(authError('CallbackRouteError', 'Read more at https://errors.authjs.dev#callbackrouteerror', { err: inner }));
    expect(line).toBe('CallbackRouteError · cause InvalidCheck: pkceCodeVerifier value could not be parsed');
  });

  it("gives the provider's error and description, never the state or code it sent", () => {
    const line = describeAuthError(
      authError('OAuthCallbackError', 'OAuth Provider returned an error', {
        providerId: 'oidc',
        error: 'access_denied',
        error_description: 'User is not assigned to the client application.',
        state: 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0.secretpart.more',
        code: 'SplxlOBeZQQYbYS6WxSbIA',
      }),
    );
    expect(line).toContain('provider error access_denied');
    expect(line).toContain('User is not assigned to the client application.');
    expect(line).not.toContain('eyJ');
    expect(line).not.toContain('SplxlOBeZQQYbYS6WxSbIA');
  });

  it('masks anything shaped like a token inside a message', () => {
    const line = describeAuthError(authError('Error', 'bad token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl here'));
    expect(line).toBe('Error: bad token [token] here');
  });

  it('names Auth.js errors by their kind, since the build shortens class names', () => {
    const e = authError('h', 'state value could not be parsed. Read more at https://errors.authjs.dev#invalidcheck');
    (e as Error & { type: string }).type = 'InvalidCheck';
    expect(describeAuthError(e)).toBe('InvalidCheck: state value could not be parsed');
  });

  it("reads the provider's error from the one debug message that carries it, and ignores the rest", () => {
    expect(describeProviderCallback('OAuthCallbackError', { providerId: 'oidc', error: 'access_denied', error_description: 'End-User aborted interaction', state: 'eyJabc.def.ghi' })).toBe(
      'the provider answered the callback with provider error access_denied · "End-User aborted interaction"',
    );
    expect(describeProviderCallback('callback route error details', { query: { code: 'secret-code' } })).toBeNull();
  });
});
