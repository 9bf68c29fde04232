'use client';

import { useActionState, useId } from 'react';
import type { PersonRow as Person } from '@/lib/people';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { ROLE_LABELS, ROLES } from '@/lib/roles';
import { changeRoleAction, setActiveAction } from './actions';

export function PersonRow({ person, isSelf }: { person: Person; isSelf: boolean }) {
  const [roleState, changeRole, rolePending] = useActionState(changeRoleAction, initialActionState);
  const [activeState, setActive, activePending] = useActionState(setActiveAction, initialActionState);
  const id = useId();

  return (
    <tr>
      <th scope="row">
        <span style={{ display: 'block' }}>{person.name}</span>
        <span className="muted small" style={{ fontWeight: 400 }}>
          {person.email}
        </span>
      </th>
      <td className="hide-narrow">{person.siteName ?? '—'}</td>
      <td>
        {isSelf ? (
          <span>{ROLE_LABELS[person.role]} (you)</span>
        ) : (
          <form action={changeRole} className="inline-form">
            <input type="hidden" name="personId" value={person.id} />
            <label htmlFor={`${id}-role`} className="sr-only">
              Role for {person.name}
            </label>
            <select id={`${id}-role`} name="role" defaultValue={person.role} key={person.role}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            <button type="submit" className="btn btn-secondary btn-small" disabled={rolePending} aria-label={`Save role for ${person.name}`}>
              Save
            </button>
            <Outcome state={roleState} />
          </form>
        )}
      </td>
      <td>
        {!person.active && <span className="badge badge-warn" style={{ marginRight: '0.5rem' }}>Deactivated</span>}
        {!isSelf && (
          <form action={setActive} className="inline-form">
            <input type="hidden" name="personId" value={person.id} />
            <input type="hidden" name="active" value={person.active ? 'false' : 'true'} />
            <button
              type="submit"
              className={person.active ? 'btn btn-danger btn-small' : 'btn btn-secondary btn-small'}
              disabled={activePending}
              aria-label={`${person.active ? 'Deactivate' : 'Reactivate'} ${person.name}`}
            >
              {person.active ? 'Deactivate' : 'Reactivate'}
            </button>
            <Outcome state={activeState} />
          </form>
        )}
      </td>
    </tr>
  );
}

/** The answer to the last submit of a form, announced politely. */
function Outcome({ state }: { state: ActionState }) {
  return (
    <span role="status" className={state.ok ? 'small' : 'field-error'} style={{ flexBasis: '100%' }}>
      {state.message}
    </span>
  );
}
