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
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.uid && session.user) session.user.id = String(token.uid);
      return session;
    },
  },
} satisfies NextAuthConfig;
