export default function StaticPage() {
  return (
    <main>
      <h1>Static baseline</h1>
      <p>A prerendered page: what serving a page costs Next.js with no work of the app behind it.</p>
    </main>
  );
}
