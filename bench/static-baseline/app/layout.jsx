// The page_ratio baseline: a static, prerendered Next.js page served by `next start`, with the
// same Next.js as Nook. Nook itself has no static page (its nonce CSP renders every page per request).
export const metadata = { title: 'Static baseline' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
