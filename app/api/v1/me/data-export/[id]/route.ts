import { findOwnArchive } from '@/db/queries/personal-data';
import { requestIp } from '@/lib/server/auth/action';
import { defineRoute, jsonError } from '@/lib/server/auth/route';
import { recordArchiveDownload } from '@/lib/server/operations/data-rights';
import { idParams } from '@/lib/schemas/booking';

/** Her data archive (zip) while its link works; anyone else's, or an expired one, is 404. Each download is audited. */
export const GET = defineRoute({ access: 'employee', params: idParams }, async ({ db, user, params }) => {
  const conn = await db();
  const found = await findOwnArchive(conn, user.id, params.id, new Date());
  if (!found) return jsonError(404, 'That archive was not found, or its link has expired. Ask for a new copy in Settings.');
  await recordArchiveDownload(conn, user, params.id, await requestIp());
  const day = (found.madeAt ?? new Date()).toISOString().slice(0, 10);
  return new Response(Buffer.from(found.archive), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="nook-data-${day}.zip"`,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  });
});
