import { defineRoute, jsonError } from '@/lib/server/auth/route';

/** Any /api path Nook does not serve answers a JSON 404, as an API client expects, not the HTML not-found page. */
const notFound = defineRoute({ access: 'public' }, async () => jsonError(404, 'There is no such API route.'));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
