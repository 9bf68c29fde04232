import '@auth/core/jwt';

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: string;
    /** The session's generation; a person's sessions with an older one are ended. */
    epoch?: number;
  }
}
