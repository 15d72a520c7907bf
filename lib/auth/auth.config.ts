import type { NextAuthConfig } from "next-auth";

const PUBLIC_PREFIXES = ["/sign-in", "/invite/", "/reset/", "/summaries", "/api/", "/_next", "/favicon"];

/**
 * The part of the Auth.js config the proxy needs: cheap redirects of signed-out visitors only.
 * Authorization proper happens on the server in every page, action and route (see guards.ts).
 */
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const { pathname } = request.nextUrl;
      if (PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return true;
      return Boolean(auth?.user);
    },
    // The token carries the user's id and role as they were at sign-in, and the secret id of the
    // server-side session. Authorization never trusts the first two: guards.ts re-reads the user
    // (role, disabled) from the database on every request; lib/auth/index.ts checks the session row.
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      if (user?.role) token.role = user.role;
      if (user?.sid) token.sid = user.sid;
      return token;
    },
    // Never the session's secret: the session object is also served to the browser (/api/auth/session).
    session({ session, token }) {
      if (session.user) {
        if (token.uid) session.user.id = String(token.uid);
        if (token.role) session.user.role = token.role;
      }
      if (typeof token.sessionId === "number") session.sessionId = token.sessionId;
      return session;
    },
  },
} satisfies NextAuthConfig;
