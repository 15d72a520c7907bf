"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { INVALID_CREDENTIALS, lockedMessage } from "@/lib/auth/credentials";
import { lockedUntil } from "@/lib/auth/lockout";
import { getDb } from "@/db/client";

export interface SignInState {
  error?: string;
  email?: string;
}

function messageFor(code: string | undefined, email: string): string {
  if (code === "rate_limited") {
    const until = lockedUntil(getDb(), email);
    return until ? lockedMessage(until) : INVALID_CREDENTIALS;
  }
  if (code === "forbidden") return "This account is disabled. Ask an administrator to re-enable it.";
  return INVALID_CREDENTIALS;
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const next = String(formData.get("next") ?? "/");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    // Only same-site paths: an open redirect after sign-in would be a phishing aid.
    await signIn("credentials", { email, password, redirectTo: next.startsWith("/") && !next.startsWith("//") ? next : "/" });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
      return { error: messageFor(code, email), email };
    }
    throw error; // the redirect after a successful sign-in
  }
}
