import { defineScimRoute, scimJson } from '@/lib/server/auth/scim-route';
import { SCIM_USER_SCHEMA, listResponse } from '@/lib/scim';

/** GET /scim/v2/ResourceTypes: only User. */
export const GET = defineScimRoute({}, async ({ base }) =>
  scimJson(
    listResponse(
      [
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
          id: 'User',
          name: 'User',
          endpoint: '/Users',
          schema: SCIM_USER_SCHEMA,
          meta: { resourceType: 'ResourceType', location: `${base}/scim/v2/ResourceTypes/User` },
        },
      ],
      1,
      1,
    ),
  ),
);
