import type { Role } from './roles';

/** One person as the admin's people list shows them. */
export type PersonRow = { id: string; email: string; name: string; role: Role; active: boolean; siteName: string | null };
