import 'next-auth';
import '@auth/core/jwt';

declare module 'next-auth' {
  interface Session {
    /** The session's generation; a person's sessions with an older one are ended. */
    epoch?: number;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: string;
    epoch?: number;
  }
}
