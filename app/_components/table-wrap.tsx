'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A table container that scrolls sideways on narrow screens and can be scrolled by keyboard.
 * When the table is wider than the screen, a line above it says so, so the columns past the
 * edge are not taken for missing.
 */
export function TableWrap({ label, children }: { label: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [wider, setWider] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setWider(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <>
      {wider && <p className="scroll-hint small muted">Scroll sideways to see every column.</p>}
      <div ref={ref} className="table-wrap" role="region" aria-label={label} tabIndex={0}>
        {children}
      </div>
    </>
  );
}
