import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { listOutbox } from '@/lib/server/mail';
import { getDb } from '@/db/runtime';
import { requireUser } from '@/lib/server/auth/guards';
import { env } from '@/lib/env';
import { formatLocal } from '@/lib/time';

export const metadata: Metadata = { title: 'Development outbox' };

/**
 * Mail Nook kept instead of sending, because no SMTP_URL is set. Only admins, and only where
 * the demo sign-in is on: everywhere else this page does not exist.
 */
export default async function OutboxPage() {
  await connection();
  const user = await requireUser();
  if (!env().demoSignIn || user.role !== 'admin') notFound();
  const mail = await listOutbox(await getDb());

  return (
    <div className="stack">
      <header className="page-header">
        <h1>Development outbox</h1>
        <p>No SMTP server is configured (SMTP_URL), so mail Nook would send is kept here, newest first. This page exists only while the demo sign-in is on.</p>
      </header>
      {mail.length === 0 ? (
        <p className="muted">No mail yet.</p>
      ) : (
        <ul className="request-list">
          {mail.map((m) => (
            <li key={m.id} className="card stack" style={{ gap: '0.35rem' }}>
              <h2 style={{ margin: 0, fontSize: '1.05rem' }}>{m.subject}</h2>
              <p className="small muted" style={{ margin: 0 }}>
                To {m.to} · {formatLocal(m.createdAt, 'UTC')} UTC
                {m.attachments.length > 0 && ` · attachments: ${m.attachments.map((a) => `${a.filename} (${a.contentType})`).join(', ')}`}
              </p>
              <pre className="timeline-message" style={{ fontFamily: 'inherit', margin: 0 }}>
                {m.text}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
