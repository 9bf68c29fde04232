export const ROLES = ['employee', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { employee: 0, hr: 1, admin: 2 };

/** True when `role` may do what `required` may do: admins reach HR pages, HR reaches employee pages. */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, string> = {
  employee: 'Employee',
  hr: 'HR',
  admin: 'Admin',
};

/** The home page of each role. */
export const ROLE_HOME: Record<Role, string> = {
  employee: '/',
  hr: '/hr',
  admin: '/admin',
};

/** Who becomes admin on first sign-in: a comma- or space-separated list of emails. */
export function parseAdminEmails(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(/[\s,;]+/)
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function roleForNewPerson(email: string, adminEmails: Set<string>): Role {
  return adminEmails.has(email.trim().toLowerCase()) ? 'admin' : 'employee';
}
