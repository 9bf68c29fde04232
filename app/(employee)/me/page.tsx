import type { Metadata } from 'next';
import { connection } from 'next/server';
import { requireRole } from '@/lib/server/auth/guards';
import { HomeView } from '../home-view';

export const metadata: Metadata = { title: 'My home' };

/** The employee home for HR and admins, who land on their own overview at "/". */
export default async function MyHomePage() {
  await connection();
  const user = await requireRole('employee');
  return <HomeView user={user} />;
}
