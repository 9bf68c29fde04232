import { hasRole, type Role } from './roles';

export type NavItem = { href: string; label: string; role: Role };

export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Home', role: 'employee' },
  { href: '/rooms', label: 'Rooms', role: 'employee' },
  { href: '/bookings', label: 'My bookings', role: 'employee' },
  { href: '/plans', label: 'Plans', role: 'employee' },
  { href: '/requests', label: 'Requests', role: 'employee' },
  { href: '/settings', label: 'Settings', role: 'employee' },
  { href: '/hr', label: 'HR', role: 'hr' },
  { href: '/hr/requests', label: 'Request queue', role: 'hr' },
  { href: '/hr/reports', label: 'Reports', role: 'hr' },
  { href: '/hr/compliance', label: 'Compliance', role: 'hr' },
  { href: '/hr/data-requests', label: 'Data requests', role: 'hr' },
  { href: '/admin', label: 'Admin', role: 'admin' },
  { href: '/admin/people', label: 'People', role: 'admin' },
  { href: '/admin/problems', label: 'Room problems', role: 'admin' },
  { href: '/admin/audit', label: 'Audit log', role: 'admin' },
];

/**
 * The menu for a role. HR and admins land on their own overview, so their menu starts
 * there and their own employee home is "My home" (at /me); with two kinds of request in one
 * menu, each says whose they are.
 */
export function navFor(role: Role): NavItem[] {
  const items = NAV_ITEMS.filter((item) => hasRole(role, item.role));
  if (role === 'employee') return items;
  const label: Record<string, string> = { '/requests': 'My requests', '/hr/requests': 'Requests to answer' };
  return items.map((item) => (item.href === '/' ? { ...item, href: '/me', label: 'My home' } : { ...item, label: label[item.href] ?? item.label }));
}

/** Where someone lands after signing in, or on "/": HR and admins on their own overview. */
export function landingFor(role: Role): string {
  return role === 'admin' ? '/admin' : role === 'hr' ? '/hr' : '/';
}

/** The nav item a path belongs to: the longest matching prefix. */
export function activeHref(pathname: string, items: NavItem[]): string | null {
  let best: string | null = null;
  for (const { href } of items) {
    const match = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
    if (match && (!best || href.length > best.length)) best = href;
  }
  return best;
}
