import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { requireRole } from '@/lib/server/auth/guards';
import { landingFor } from '@/lib/nav';
import { HomeView } from './home-view';

/** Home: an employee's rooms and bookings. HR and admins land on their own overview instead (their home is at /me). */
export default async function HomePage() {
  await connection();
  const user = await requireRole('employee');
  const landing = landingFor(user.role);
  if (landing !== '/') redirect(landing);
  return <HomeView user={user} />;
}
