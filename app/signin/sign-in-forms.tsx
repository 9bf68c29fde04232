'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/action-state';
import { demoSignInAction, oidcSignInAction } from './actions';

type Person = { email: string; name: string; detail: string };

export function DemoSignIn({ people, callbackUrl }: { people: Person[]; callbackUrl?: string }) {
  const [state, action, pending] = useActionState(demoSignInAction, initialActionState);
  return (
    <section aria-labelledby="demo-heading" className="stack">
      <div>
        <h2 id="demo-heading">Demo sign-in</h2>
        <p className="muted small">This is a demo: choose someone to sign in as. No password is needed.</p>
      </div>
      {state.message && (
        <p className="alert alert-error" role="alert">
          {state.message}
        </p>
      )}
      <ul className="person-list">
        {people.map((p) => (
          <li key={p.email}>
            <form action={action}>
              <input type="hidden" name="email" value={p.email} />
              {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
              <button type="submit" className="person-button" disabled={pending}>
                <span className="who">
                  <strong>{p.name}</strong>
                  <span>{p.email}</span>
                </span>
                <span className="badge">{p.detail}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OidcSignIn({ providerName, callbackUrl }: { providerName: string; callbackUrl?: string }) {
  const [state, action, pending] = useActionState(oidcSignInAction, initialActionState);
  return (
    <form action={action} className="stack">
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {state.message && (
        <p className="alert alert-error" role="alert">
          {state.message}
        </p>
      )}
      <button type="submit" className="btn" disabled={pending} style={{ width: '100%' }}>
        Sign in with {providerName}
      </button>
    </form>
  );
}
