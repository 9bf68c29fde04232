import { connection } from 'next/server';

/** The same page rendered per request, with no data and no session: the least a dynamic Next.js page costs. */
export default async function DynamicPage() {
  await connection();
  return (
    <main>
      <h1>Dynamic reference</h1>
      <p>Rendered for each request: what any per-request page costs Next.js on this machine.</p>
    </main>
  );
}
