import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import QRCode from 'qrcode';
import { PrintButton } from '@/app/_components/print-button';
import { loadRoomContext } from '@/db/queries/bookings';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { isId } from '@/lib/schemas/inputs';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Door sign' };

/** The app's own address as the browser reached it, for the link the QR code carries. */
async function origin(): Promise<string> {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}

/** A printable sign for a room's door: scanning it opens the door page, where people check in. */
export default async function DoorSignPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  await requireRole('admin');
  const { id } = await params;
  if (!isId(id)) notFound();
  const ctx = await loadRoomContext(await getDb(), id);
  if (!ctx) notFound();
  const url = `${await origin()}/r/${ctx.room.id}`;
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

  return (
    <div className="stack door-sign">
      <p className="small no-print">
        <Link href={`/admin/rooms/${ctx.room.id}`}>Back to {ctx.room.name}</Link>
      </p>
      <header className="page-header">
        <h1>{ctx.room.name}</h1>
        <p>
          {ctx.site.name}
          {ctx.room.floor ? `, floor ${ctx.room.floor}` : ''}
        </p>
      </header>
      <figure className="qr" style={{ margin: 0 }}>
        <div role="img" aria-label={`QR code for ${url}`} dangerouslySetInnerHTML={{ __html: svg }} />
        <figcaption>
          Scan to check in or book this room. <span className="small">{url}</span>
        </figcaption>
      </figure>
      <p className="no-print">
        <PrintButton label="Print the sign" />
      </p>
    </div>
  );
}
