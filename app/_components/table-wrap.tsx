'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A table container that scrolls sideways on narrow screens and can be scrolled by keyboard.
 * When the table is wider than the screen, or taller than a box that caps its height, a line
 * above it says so, so the columns past the edge and the rows below it are not taken for missing.
 */
export function TableWrap({ label, children }: { label: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState({ wider: false, taller: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflow({ wider: el.scrollWidth > el.clientWidth + 1, taller: el.scrollHeight > el.clientHeight + 1 });
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  const { wider, taller } = overflow;
  const hint = wider && taller ? 'Scroll inside the table to see every row and column.' : wider ? 'Scroll sideways to see every column.' : taller ? 'Scroll inside the table to see every row.' : null;
  return (
    <>
      {hint && (
        <p className="scroll-hint small muted">
          {hint}
          {wider && <span aria-hidden="true"> →</span>}
        </p>
      )}
      <div ref={ref} className="table-wrap" role="region" aria-label={label} tabIndex={0}>
        {children}
      </div>
    </>
  );
}
