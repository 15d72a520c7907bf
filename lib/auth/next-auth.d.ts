import type { Role } from "@/db/schema";

// What Factdesk puts in the session JWT: the user's id and role at sign-in. Both are hints for the
// UI only; every guard re-reads the user from the database (see guards.ts).
declare module "next-auth" {
  interface User {
    role?: Role;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
  }
}
