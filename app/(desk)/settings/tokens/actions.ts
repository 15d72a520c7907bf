"use server";

import { headers } from "next/headers";
import { fail, type ErrorCode } from "@/lib/core/result";
import { formAction, serverAction } from "@/lib/actions/server-action";
import { requestClientAddress } from "@/lib/auth/client-address";
import { authenticate } from "@/lib/auth/credentials";
import { isRecentlyAuthenticated, markAuthenticated } from "@/lib/sessions/sessions";
import { createToken, revokeToken, type TokenSummary } from "@/lib/tokens/tokens";

const REAUTH = "Confirm your password to create a token: you signed in more than 5 minutes ago.";

/** A refusal that asks for the password again carries `details.needsPassword`, so the form shows the field. */
const needsPassword = (code: ErrorCode, message: string, field: string) =>
  fail(code, message, { fields: { password: [field] }, details: { needsPassword: true } });

// Tokens are not domain events: the tokens page is refreshed here.
const own = { role: "reporter", revalidate: ["/settings/tokens"] } as const;

/** Every signed-in user manages their own tokens; a token acts with its owner's current role. */
export const createTokenAction = serverAction(
  { ...own, output: (created: { token: string; summary: TokenSummary }) => created },
  async ({ db, actor, session }, input: unknown) => {
    // A token outlives the session, so a stolen or forgotten session must not be enough to mint one.
    if (!isRecentlyAuthenticated(session)) {
      const password = input && typeof input === "object" && "password" in input && typeof input.password === "string" ? input.password : "";
      if (!password) return needsPassword("unauthorized", REAUTH, "Enter your password.");
      const check = await authenticate(db, actor.email, password, { clientAddress: requestClientAddress(await headers()) });
      if (!check.ok || check.value.id !== actor.id) {
        const message = check.ok || check.error.code === "unauthorized" ? "That is not your password." : check.error.message;
        return needsPassword(check.ok ? "forbidden" : check.error.code, message, message);
      }
      await markAuthenticated(db, session.id);
    }
    return await createToken(db, actor.id, input);
  },
);

export const revokeTokenAction = formAction(
  { ...own, message: (token: TokenSummary) => `Revoked “${token.name}”. Requests with it now get 401.` },
  async ({ db, actor }, fields) => {
    const tokenId = Number(fields.tokenId);
    if (!Number.isSafeInteger(tokenId) || tokenId < 1) return fail("not_found", "No such active token of yours.");
    return await revokeToken(db, actor, tokenId);
  },
);
