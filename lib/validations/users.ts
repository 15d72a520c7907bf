import { z } from "zod";
import { ROLES } from "@/db/schema";

/** Lives here, not beside the hashing code: the create-user form runs in the browser, where argon2 cannot be bundled. */
export const MIN_PASSWORD_LENGTH = 8;

export const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address.").max(254);

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
  role: z.enum(ROLES, { message: "Choose reporter, editor or admin." }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Keep the password under 200 characters."),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changeRoleSchema = z.object({ userId: z.coerce.number().int().positive(), role: z.enum(ROLES) });
export const setDisabledSchema = z.object({ userId: z.coerce.number().int().positive(), disabled: z.boolean() });
