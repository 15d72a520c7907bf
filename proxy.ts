import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/auth.config";
import { ensureAuthSecret } from "@/lib/auth/secret";

// Cheap redirects only; every page, action and route checks the user and role on the server.
export const { auth: proxy } = NextAuth({ ...authConfig, secret: ensureAuthSecret() });

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|summaries|favicon.ico|sign-in).*)"],
};
