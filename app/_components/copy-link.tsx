'use client';

import { useId, useRef, useState, type ReactNode } from 'react';

/** A read-only link with a copy button; the result is announced. */
export function CopyLink({ label, url, help }: { label: string; url: string; help?: ReactNode }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied.');
    } catch {
      input.current?.select();
      setCopied('Select the link and copy it (Ctrl+C or ⌘C).');
    }
  }
  return (
    <div className="field">
      <label htmlFor={`${id}-url`}>{label}</label>
      <div className="inline-form" style={{ width: '100%', flexWrap: 'nowrap' }}>
        <input
          ref={input}
          id={`${id}-url`}
          type="text"
          readOnly
          value={url}
          aria-describedby={help ? `${id}-help` : undefined}
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: '1 1 auto', minWidth: 0, fontFamily: 'ui-monospace, monospace', fontSize: '0.85rem' }}
        />
        <button type="button" className="btn btn-small" onClick={copy}>
          Copy link
        </button>
      </div>
      {help && (
        <p id={`${id}-help`} className="muted small" style={{ margin: 0 }}>
          {help}
        </p>
      )}
      <p role="status" className="small" style={{ margin: 0, minHeight: '1.25em' }}>
        {copied}
      </p>
    </div>
  );
}
