/**
 * A time of day typed as 24-hour "HH:MM". A native time field shows the browser's own style
 * (12-hour "08:15 AM" in some locales) beside hints that say "24-hour": this field is the same
 * everywhere and matches every hint, message and page. The server checks it as before.
 */
export const TIME_INPUT = {
  type: 'text',
  inputMode: 'numeric',
  pattern: '([01][0-9]|2[0-4]):[0-5][0-9]',
  placeholder: 'hh:mm',
  maxLength: 5,
  autoComplete: 'off',
  className: 'time-input',
} as const;
