'use client';

import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False in the server's HTML and until React has hydrated, true after. A controlled form
 * keeps its fields disabled until then: what someone types into the server's HTML before
 * hydration would otherwise be silently replaced by the form's initial state.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(never, () => true, () => false);
}
