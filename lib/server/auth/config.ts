import 'server-only';
import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getValidatedIdTokenClaims } from 'oauth4webapi';
import { findPersonByEmail, findPersonBySubject } from '@/db/queries/people';
import { getDb } from '@/db/runtime';
import { env } from '@/lib/env';
import { mergeClaims } from '@/lib/oidc-identity';
import { authorizeDemo, ipFromHeaders } from './demo-authorize';
import { describeAuthError, describeProviderCallback } from './auth-errors';
import { decideProviderSignIn } from './provider-sign-in';
import { authSecret } from './secret';

function config(): NextAuthConfig {
  const { demoSignIn, oidc, AUTH_ADMIN_EMAILS, AUTH_OIDC_GROUPS_CLAIM, groupRoles } = env();
  const providers: NextAuthConfig['providers'] = [];
  if (demoSignIn) {
    providers.push(
      Credentials({
        id: 'demo',
        name: 'Demo',
        credentials: { email: { label: 'Email', type: 'email' } },
        authorize: async (input, request) => authorizeDemo(await getDb(), input, ipFromHeaders(request.headers)),
      }),
    );
  }
  if (oidc) {
    providers.push({
      id: 'oidc',
      name: oidc.name,
      type: 'oidc',
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: 'openid email profile' } },
      // State, PKCE and nonce: a callback is accepted only by the browser that started it, once.
      checks: ['pkce', 'state', 'nonce'],
      // Always ask UserInfo too (OpenID Connect Core §5.3): many providers put only `sub` in
      // the ID token. Auth.js checks that UserInfo's `sub` matches the validated ID token's.
      idToken: false,
      // `profile` is the UserInfo answer; the ID token's claims (already validated by Auth.js)
      // fill in whatever UserInfo left out, so either claim style signs in.
      profile(userinfo, tokens) {
        let idTokenClaims: Record<string, unknown> | undefined;
        try {
          idTokenClaims = getValidatedIdTokenClaims(tokens as never) as Record<string, unknown> | undefined;
        } catch {
          idTokenClaims = undefined;
        }
        const claims = mergeClaims(idTokenClaims, userinfo as Record<string, unknown>);
        return {
          id: typeof claims.sub === 'string' ? claims.sub : undefined,
          email: typeof claims.email === 'string' ? claims.email : null,
          name: typeof claims.name === 'string' ? claims.name : null,
          claims,
        };
      },
    });
  }

  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    logger: {
      // A refused demo sign-in (unknown or deactivated person) is an answer, not a fault.
      // Anything else is logged with its real cause (the provider's error, state, PKCE, nonce,
      // the ID token), never a token, code or secret: see auth-errors.ts.
      error(error) {
        if (error.name === 'CredentialsSignin') return;
        console.error(`[auth] ${describeAuthError(error)}`);
      },
      debug(message, metadata) {
        const line = describeProviderCallback(message, metadata);
        if (line) console.error(`[auth] ${line}`);
      },
    },
    providers,
    callbacks: {
      async signIn({ account, user }) {
        if (account?.provider !== 'oidc') return true;
        const claims = (user as { claims?: Record<string, unknown> }).claims ?? {};
        const outcome = await decideProviderSignIn(await getDb(), claims, { groupsClaim: AUTH_OIDC_GROUPS_CLAIM, groupRoles, adminEmails: AUTH_ADMIN_EMAILS });
        if (outcome.ok) return true;
        console.error(`[auth] sign-in refused: ${outcome.log}`);
        return `/signin?error=${outcome.reason}`;
      },
      async jwt({ token, user, account }) {
        if (!user && !account) return token;
        const db = await getDb();
        const person =
          account?.provider === 'oidc'
            ? await findPersonBySubject(db, account.providerAccountId)
            : user?.email
              ? await findPersonByEmail(db, user.email)
              : undefined;
        if (!person || !person.active) return null;
        return { sub: person.id, uid: person.id, epoch: person.sessionEpoch };
      },
      // What GET /api/auth/session answers (Nook's own code reads the token instead: lib/auth/session.ts).
      session({ session, token }) {
        if (token.uid) session.user.id = token.uid;
        session.epoch = token.epoch ?? 0;
        return session;
      },
    },
  };
}

// Who is signed in is read from the token by lib/auth/session.ts (verify only), not through auth().
export const { handlers, signIn, signOut } = NextAuth(() => config());
