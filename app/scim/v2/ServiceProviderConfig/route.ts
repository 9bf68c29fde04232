import { defineScimRoute, scimJson } from '@/lib/server/auth/scim-route';
import { SCIM_MAX_BODY, SCIM_MAX_COUNT } from '@/lib/scim';

/** GET /scim/v2/ServiceProviderConfig (RFC 7643 §5). */
export const GET = defineScimRoute({}, async () =>
  scimJson({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: SCIM_MAX_BODY },
    filter: { supported: true, maxResults: SCIM_MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'Bearer token', description: 'The token set in SCIM_TOKEN (or its SHA-256 in SCIM_TOKEN_SHA256).', primary: true }],
    meta: { resourceType: 'ServiceProviderConfig' },
  }),
);
