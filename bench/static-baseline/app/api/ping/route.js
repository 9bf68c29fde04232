/** A route handler that does nothing: the least any Next.js API call costs on this machine. */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ ok: true });
}
