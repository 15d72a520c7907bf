"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { requestClientAddress } from "@/lib/auth/client-address";
import { INVALID_CREDENTIALS, throttledMessage } from "@/lib/auth/credentials";
import { throttleFor } from "@/lib/auth/lockout";
import { getDb } from "@/db/client";

export interface SignInState {
  error?: string;
  email?: string;
}

async function messageFor(code: string | undefined, email: string): Promise<string> {
  if (code === "rate_limited") {
    const throttle = await throttleFor(getDb(), email, requestClientAddress(await headers()));
    return throttle ? throttledMessage(throttle) : INVALID_CREDENTIALS;
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
      return { error: await messageFor(code, email), email };
    }
    throw error; // the redirect after a successful sign-in
  }
}
