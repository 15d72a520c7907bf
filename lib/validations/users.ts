import { z } from "zod";
import { ROLES } from "@/lib/core/vocabulary";
import { toWellFormed } from "@/lib/core/well-formed";

/**
 * Lives here, not beside the hashing code: the forms run in the browser, where argon2 cannot be
 * bundled. ASVS 2.1: at least 12 characters, long passphrases allowed, no composition rules.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address.").max(254);

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Keep the password under ${MAX_PASSWORD_LENGTH} characters.`);

// Names reach the desk through server actions, not only readJsonBody: made well-formed here (see well-formed.ts).
const nameSchema = z.string().overwrite(toWellFormed).trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters.");
const roleSchema = z.enum(ROLES, { message: "Choose reporter, editor or admin." });

/** The operator CLI's user:create, which sets a password directly. */
export const createUserSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema, password: passwordSchema });
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** The admin page invites people: no password from the admin, a one-time link instead. */
export const inviteUserSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema });
export type InviteUserInput = z.infer<typeof inviteUserSchema>;

/** Setting a password through an invite or reset link. */
export const setPasswordSchema = z
  .object({ password: passwordSchema, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

/** Changing one's own password: the current one proves it is really them. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." })
  .refine((value) => value.password !== value.currentPassword, { path: ["password"], message: "Choose a password different from the current one." });

export const changeRoleSchema = z.object({ userId: z.coerce.number().int().positive(), role: z.enum(ROLES) });
export const setDisabledSchema = z.object({ userId: z.coerce.number().int().positive(), disabled: z.boolean() });
