import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authConfig } from "./auth.config";
import { authenticate } from "./credentials";
import { ensureAuthSecret } from "./secret";

/** Carries the domain's refusal message through Auth.js to the sign-in form. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: ensureAuthSecret(),
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password) throw new SignInRefused("invalid");
        const result = await authenticate(getDb(), email, password);
        if (!result.ok) throw new SignInRefused(result.error.code);
        return { id: String(result.value.id), name: result.value.name, email: result.value.email, role: result.value.role };
      },
    }),
  ],
});
