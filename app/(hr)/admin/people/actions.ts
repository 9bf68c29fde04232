'use server';

import { z } from 'zod';
import { changeRole, setActive } from '@/db/queries/people';
import { defineAction } from '@/lib/server/auth/action';
import { ROLE_LABELS, ROLES } from '@/lib/roles';
import { id } from '@/lib/schemas/inputs';

const changeRoleSchema = z.object({
  personId: id('Choose a person.'),
  role: z.enum(ROLES, { error: 'Choose employee, HR or admin.' }),
});

export const changeRoleAction = defineAction('admin', changeRoleSchema, async ({ personId, role }, { user, db, ip }) => {
  const person = await changeRole(db, { id: user.id, ip }, personId, role);
  return { ok: true, status: 200, message: `${person.name}'s role is now ${ROLE_LABELS[role]}.` };
}, { revalidate: ['/admin/people'] });

const setActiveSchema = z.object({
  personId: id('Choose a person.'),
  active: z.enum(['true', 'false'], { error: 'Say whether to activate or deactivate.' }).transform((v) => v === 'true'),
});

export const setActiveAction = defineAction('admin', setActiveSchema, async ({ personId, active }, { user, db, ip }) => {
  const person = await setActive(db, { id: user.id, ip }, personId, active);
  return {
    ok: true,
    status: 200,
    message: active ? `${person.name} can sign in again.` : `${person.name} is deactivated and signed out everywhere.`,
  };
}, { revalidate: ['/admin/people'] });
