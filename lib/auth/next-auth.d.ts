import type { Role } from "@/lib/core/vocabulary";

// What Factdesk puts in the session JWT: the user's id and role at sign-in (hints for the UI only;
// every guard re-reads the user from the database, see guards.ts) and the secret id of the
// server-side session row, which is what actually keeps the user signed in.
declare module "next-auth" {
  interface User {
    role?: Role;
    /** The server-side session's secret, handed from authorize() to the jwt callback at sign-in. */
    sid?: string;
  }
  interface Session {
    /** The server-side session row's id (not its secret): which of the user's sessions this is. */
    sessionId?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sid?: string;
    sessionId?: number;
  }
}
