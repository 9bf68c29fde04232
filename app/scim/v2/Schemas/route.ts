import { defineScimRoute, scimJson } from '@/lib/server/auth/scim-route';
import { SCIM_USER_SCHEMA, listResponse } from '@/lib/scim';

const attribute = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

/** GET /scim/v2/Schemas: the User attributes Nook keeps. */
export const GET = defineScimRoute({}, async ({ base }) =>
  scimJson(
    listResponse(
      [
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
          id: SCIM_USER_SCHEMA,
          name: 'User',
          description: 'A person who may sign in to Nook',
          attributes: [
            attribute('userName', 'string', { required: true, uniqueness: 'server' }),
            attribute('externalId', 'string', { caseExact: true }),
            attribute('displayName', 'string'),
            attribute('name', 'complex', { subAttributes: [attribute('formatted', 'string'), attribute('givenName', 'string'), attribute('familyName', 'string')] }),
            attribute('emails', 'complex', { multiValued: true, mutability: 'readOnly', subAttributes: [attribute('value', 'string')] }),
            attribute('active', 'boolean'),
          ],
          meta: { resourceType: 'Schema', location: `${base}/scim/v2/Schemas/${SCIM_USER_SCHEMA}` },
        },
      ],
      1,
      1,
    ),
  ),
);
