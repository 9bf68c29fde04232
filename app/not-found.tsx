import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="signin">
      <div className="card stack">
        <h1>Page not found</h1>
        <p className="muted">There is nothing here. The link may be old or mistyped.</p>
        <p>
          <Link href="/" className="btn">
            Go to your home page
          </Link>
        </p>
      </div>
    </main>
  );
}
