import Link from 'next/link';

export default function Forbidden() {
  return (
    <main id="main" className="signin">
      <div className="card stack">
        <h1>You don&apos;t have access to this page</h1>
        <p className="muted">This part of Nook is for another role. If you think you should have access, ask your admin.</p>
        <p>
          <Link href="/" className="btn">
            Go to your home page
          </Link>
        </p>
      </div>
    </main>
  );
}
