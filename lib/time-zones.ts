/** Every IANA time zone this runtime knows, UTC first: what a site's zone may be. */
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

const known = new Set(TIME_ZONES);

export function isTimeZone(value: string): boolean {
  return known.has(value);
}
