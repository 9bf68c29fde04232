import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { findPersonByEmail, upsertSignedInPerson } from '@/db/queries/people';
import { getDb } from '@/db/runtime';
import { env } from '@/lib/env';
import { parseAdminEmails, roleForNewPerson } from '@/lib/roles';
import { authorizeDemo, ipFromHeaders } from './demo-authorize';
import { authSecret } from './secret';

function config(): NextAuthConfig {
  const { demoSignIn, oidc, AUTH_ADMIN_EMAILS } = env();
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
    });
  }

  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    logger: {
      // A refused demo sign-in (unknown or deactivated person) is an answer, not a fault.
      error(error) {
        if (error.name === 'CredentialsSignin') return;
        console.error(`[auth] ${error.name}: ${error.message}`);
      },
    },
    providers,
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== 'oidc') return true;
        const email = typeof profile?.email === 'string' ? profile.email.toLowerCase() : '';
        if (!email || profile?.email_verified === false) return '/signin?error=EmailRequired';
        const db = await getDb();
        const existing = await findPersonByEmail(db, email);
        if (existing && !existing.active) return '/signin?reason=deactivated';
        if (!existing) {
          const name = typeof profile?.name === 'string' ? profile.name : email;
          await upsertSignedInPerson(db, { email, name, role: roleForNewPerson(email, parseAdminEmails(AUTH_ADMIN_EMAILS)) });
        }
        return true;
      },
      async jwt({ token, user, account, profile }) {
        if (!user && !account) return token;
        const db = await getDb();
        const email = account?.provider === 'oidc' ? String(profile?.email ?? '') : String(user?.email ?? '');
        const person = email ? await findPersonByEmail(db, email) : undefined;
        if (!person) return null;
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
