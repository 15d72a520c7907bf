import type { Role } from "@/lib/core/vocabulary";
import { hasRole } from "@/lib/core/actor";

export interface NavItem {
  href: string;
  label: string;
  role: Role;
}

const ITEMS: NavItem[] = [
  { href: "/", label: "Queue", role: "editor" },
  { href: "/", label: "My claims", role: "reporter" },
  { href: "/articles", label: "Articles", role: "reporter" },
  { href: "/claims/new", label: "New claim", role: "reporter" },
  { href: "/summaries", label: "Public summaries", role: "reporter" },
  { href: "/settings/tokens", label: "API tokens", role: "reporter" },
  { href: "/settings/account", label: "Account", role: "reporter" },
  { href: "/admin/users", label: "Users", role: "admin" },
];

/** The navigation a role sees; editors get the shared queue where reporters get their own claims. */
export function navigationFor(role: Role): NavItem[] {
  const items = ITEMS.filter((item) => hasRole({ role }, item.role));
  const home = role === "reporter" ? "My claims" : "Queue";
  return items.filter((item) => item.href !== "/" || item.label === home);
}
