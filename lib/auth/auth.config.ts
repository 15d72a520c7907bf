import type { NextAuthConfig } from "next-auth";

const PUBLIC_PREFIXES = ["/sign-in", "/summaries", "/api/", "/_next", "/favicon"];

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
    // The token carries the user's id and role as they were at sign-in. Authorization never trusts
    // them: guards.ts re-reads the user (role, disabled) from the database on every request.
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      if (user?.role) token.role = user.role;
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        if (token.uid) session.user.id = String(token.uid);
        if (token.role) session.user.role = token.role;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
