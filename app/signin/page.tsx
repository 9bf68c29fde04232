import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { listPeople } from '@/db/queries/people';
import { getDb } from '@/db/runtime';
import { getSessionState } from '@/lib/server/auth/session';
import { env } from '@/lib/env';
import { ROLE_HOME, ROLE_LABELS } from '@/lib/roles';
import { safeCallbackPath } from '@/lib/safe-path';
import { DemoSignIn, OidcSignIn } from './sign-in-forms';

export const metadata: Metadata = { title: 'Sign in' };

const REASONS: Record<string, string> = {
  deactivated: 'Your access to Nook has been turned off. If this is unexpected, ask your admin.',
  ended: 'You were signed out on this device. Sign in again to continue.',
  EmailRequired:
    'Your identity provider did not share your email address with Nook, so Nook cannot tell who you are. Ask your admin to release the email claim (scope "email") to Nook.',
  EmailUnverified:
    'Your identity provider says your email address is not verified. Verify it with your provider, or ask your admin, then sign in again.',
  NoSubject: 'Your identity provider did not say who you are. Ask your admin to check Nook’s sign-in settings.',
  EmailTaken:
    'Your email address already belongs to a different account at your identity provider. Ask your admin to sort out the duplicate account.',
  AccessDenied: 'You cannot sign in with that account.',
  OAuthCallbackError:
    'Your identity provider did not sign you in (it refused, or you cancelled). Try again; if it keeps happening, ask your admin whether Nook is assigned to you.',
  CredentialsSignin: 'That person cannot sign in.',
  Configuration:
    'Sign-in could not be completed. This happens when the sign-in page was open too long or was started in another browser or tab. Start again below; if it keeps happening, tell your admin the time it happened.',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : undefined);
  const callbackUrl = safeCallbackPath(one('callbackUrl')) ?? undefined;
  const state = await getSessionState();
  if (state.user) redirect(callbackUrl ?? ROLE_HOME[state.user.role]);

  const { demoSignIn, oidc } = env();
  const people = demoSignIn ? await listPeople(await getDb(), { activeOnly: true, limit: 50 }) : [];
  const reason = one('reason') ?? one('error');
  const notice = reason ? (REASONS[reason] ?? 'Sign-in did not complete. Please try again.') : undefined;

  return (
    <main id="main" className="signin">
      <div className="brand" style={{ marginBottom: '1.5rem' }}>
        <span className="brand-mark" aria-hidden="true">
          N
        </span>
        Nook
      </div>
      <div className="card stack">
        <div>
          <h1>Sign in to Nook</h1>
          <p className="muted">Private lactation room booking for your workplace.</p>
        </div>
        {one('signedOut') && (
          <p className="alert alert-ok" role="status">
            You have signed out.
          </p>
        )}
        {notice && (
          <p className="alert alert-warn" role="alert">
            {notice}
          </p>
        )}
        {oidc && <OidcSignIn providerName={oidc.name} callbackUrl={callbackUrl} />}
        {demoSignIn && (
          <DemoSignIn
            callbackUrl={callbackUrl}
            people={people.map((p) => ({ email: p.email, name: p.name, detail: [ROLE_LABELS[p.role], p.siteName].filter(Boolean).join(' · ') }))}
          />
        )}
        {!oidc && !demoSignIn && (
          <p className="alert alert-warn">
            No sign-in method is configured. Set AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET to connect your identity provider.
          </p>
        )}
      </div>
    </main>
  );
}
