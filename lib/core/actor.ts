import type { Role } from "./vocabulary";

/** Who is acting: always re-read from the database, never trusted from a token or cookie alone. */
export interface Actor {
  id: number;
  name: string;
  email: string;
  role: Role;
}

const RANK: Record<Role, number> = { reporter: 1, editor: 2, admin: 3 };

/** Roles are nested: an editor can do all a reporter can, an admin all an editor can. */
export function hasRole(actor: Pick<Actor, "role">, needed: Role): boolean {
  return RANK[actor.role] >= RANK[needed];
}

/** A change of role that takes abilities away (admin → editor, editor → reporter, …). */
export function isDemotion(from: Role, to: Role): boolean {
  return RANK[to] < RANK[from];
}
