'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { activeHref, type NavItem } from '@/lib/nav';

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const active = activeHref(pathname, items);
  return (
    <nav className={items.length > 7 ? 'nav nav-long' : 'nav'} aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={item.href === active ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
