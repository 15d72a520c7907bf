import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { endSessionBySecret, startSession, validateSession } from "@/lib/sessions/sessions";
import { authConfig } from "./auth.config";
import { requestClientAddress } from "./client-address";
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
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password) throw new SignInRefused("invalid");
        const db = getDb();
        const clientAddress = requestClientAddress(request.headers);
        const result = await authenticate(db, email, password, { clientAddress });
        if (!result.ok) throw new SignInRefused(result.error.code);
        const { secret } = await startSession(db, { userId: result.value.id, userAgent: request.headers.get("user-agent"), clientAddress });
        return { id: String(result.value.id), name: result.value.name, email: result.value.email, role: result.value.role, sid: secret };
      },
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    // Every request that reads the session lands here: a JWT whose server-side session was ended
    // (sign-out, another session's "sign out everywhere", disable, role or password change), expired
    // or went idle yields no session at all, exactly as if the cookie were gone.
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (!token.sid || !token.uid) return null;
      const session = await validateSession(getDb(), token.sid);
      if (!session || String(session.userId) !== token.uid) return null;
      token.sessionId = session.id;
      return token;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await endSessionBySecret(getDb(), sid, "sign-out");
    },
  },
});
