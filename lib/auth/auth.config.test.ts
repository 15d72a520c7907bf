import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { authConfig } from "./auth.config";

type JwtParams = Parameters<typeof authConfig.callbacks.jwt>[0];
type SessionParams = Parameters<typeof authConfig.callbacks.session>[0];

const signIn = (user: { id: string; role: "reporter" | "editor" | "admin" }) =>
  authConfig.callbacks.jwt({ token: { sub: user.id }, user, account: null, trigger: "signIn" } as JwtParams) as JWT;

describe("the session JWT", () => {
  it("carries the user's id and role from sign-in", () => {
    expect(signIn({ id: "7", role: "editor" })).toMatchObject({ uid: "7", role: "editor" });
  });

  it("keeps them on later requests, when Auth.js passes no user", () => {
    const token = signIn({ id: "7", role: "admin" });
    expect(authConfig.callbacks.jwt({ token, account: null } as unknown as JwtParams)).toMatchObject({ uid: "7", role: "admin" });
  });

  it("exposes both on the session", () => {
    const session = authConfig.callbacks.session({
      session: { user: { name: "Ada", email: "ada@example.test" }, expires: "2100-01-01T00:00:00.000Z" },
      token: signIn({ id: "7", role: "editor" }),
    } as unknown as SessionParams) as Session;
    expect(session.user).toMatchObject({ id: "7", role: "editor", name: "Ada" });
  });
});
