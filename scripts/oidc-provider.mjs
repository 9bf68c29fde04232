#!/usr/bin/env node
// A real, certified OpenID Connect provider on 127.0.0.1 for the sign-in journeys
// (e2e/oidc-sign-in.oidc.ts). It signs people in with its own login form (any password)
// and serves their claims in one of two styles, chosen per account:
//   - "id_token": email, name and groups in the ID token; UserInfo answers only `sub`
//   - "userinfo": only `sub` in the ID token; email, name and groups from UserInfo
//     (what many providers do by default, OpenID Connect Core §5.3–5.4)
// POST /test/accounts/{login} with a JSON body changes or adds an account between sign-ins
// (an email change, a group removed), so the journeys can show what Nook does with it.
//
//   node scripts/oidc-provider.mjs  (E2E_IDP_PORT, default 3190; E2E_OIDC_PORT, Nook's port, default 3101)
import Provider from 'oidc-provider';

const port = Number(process.env.E2E_IDP_PORT ?? 3190);
const nookPort = Number(process.env.E2E_OIDC_PORT ?? 3101);
const issuer = `http://127.0.0.1:${port}`;

/** login → { sub, style, email?, email_verified?, name?, groups? } */
const accounts = new Map(
  Object.entries({
    ida: { sub: 'sub-ida', style: 'id_token', email: 'ida@acme.test', email_verified: true, name: 'Ida Tokenova', groups: ['Everyone'] },
    uma: { sub: 'sub-uma', style: 'userinfo', email: 'uma@acme.test', name: 'Uma Infante', groups: ['Everyone'] },
    boss: { sub: 'sub-boss', style: 'userinfo', email: 'boss@acme.test', email_verified: true, name: 'Bo Boss', groups: [] },
    nomail: { sub: 'sub-nomail', style: 'userinfo', name: 'No Mail' },
  }),
);

const PERSON_CLAIMS = ['email', 'email_verified', 'name', 'groups'];

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'nook',
      client_secret: 'nook-test-client-secret',
      redirect_uris: [`http://localhost:${nookPort}/api/auth/callback/oidc`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  // Claims asked for by scope go into the ID token too; each account's style then decides
  // where they really appear (findAccount below).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['nook-test-provider-cookie-key'] },
  async findAccount(_ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims(use) {
        const a = accounts.get(id);
        const full = { sub: a.sub };
        for (const claim of PERSON_CLAIMS) if (a[claim] !== undefined) full[claim] = a[claim];
        const inThisPlace = (a.style === 'id_token') === (use === 'id_token');
        return inThisPlace ? full : { sub: a.sub };
      },
    };
  },
  // Nook is a first-party application here: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

// Test control: change an account between sign-ins.
provider.use(async (ctx, next) => {
  const match = /^\/test\/accounts\/([\w-]{1,40})$/.exec(ctx.path);
  if (!match || ctx.method !== 'POST') return next();
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  const login = match[1];
  accounts.set(login, { ...(accounts.get(login) ?? { sub: `sub-${login}`, style: 'userinfo' }), ...JSON.parse(raw || '{}') });
  ctx.status = 204;
});

// Why the provider refused something, for whoever reads the test output.
for (const event of ['grant.error', 'authorization.error', 'userinfo.error', 'server_error']) {
  provider.on(event, (_ctx, err) => console.error(`provider ${event}: ${err.message}${err.error_detail ? ` (${err.error_detail})` : ''}`));
}

provider.listen(port, '127.0.0.1', () => console.log(`OpenID Connect provider for tests at ${issuer}`));
