import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/auth.config";
import { ensureAuthSecret } from "@/lib/auth/secret";

// Cheap redirects only; every page, action and route checks the user and role on the server.
const { auth } = NextAuth({ ...authConfig, secret: ensureAuthSecret() });

// A plain named export: Next finds the proxy function by static analysis, which a destructuring export hides.
export { auth as proxy };

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|summaries|favicon.ico|sign-in).*)"],
};
