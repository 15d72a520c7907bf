import type { Role } from "@/lib/core/vocabulary";
import { hasRole } from "@/lib/core/actor";

export interface NavItem {
  href: string;
  label: string;
  role: Role;
}

const ITEMS: NavItem[] = [
  { href: "/", label: "My work", role: "reporter" },
  { href: "/queue", label: "Queue", role: "reporter" },
  { href: "/dashboard", label: "Dashboard", role: "reporter" },
  { href: "/inbox", label: "Inbox", role: "reporter" },
  { href: "/articles", label: "Articles", role: "reporter" },
  { href: "/factchecks", label: "Fact-checks", role: "editor" },
  { href: "/claims/new", label: "New claim", role: "reporter" },
  { href: "/summaries", label: "Public summaries", role: "reporter" },
  { href: "/settings/tokens", label: "API tokens", role: "reporter" },
  { href: "/settings/account", label: "Account", role: "reporter" },
  { href: "/admin/users", label: "Users", role: "admin" },
  { href: "/admin/webhooks", label: "Webhooks", role: "admin" },
  { href: "/admin/targets", label: "Deadlines", role: "admin" },
  { href: "/admin/system", label: "System", role: "admin" },
];

/**
 * The navigation a role sees. Everyone starts at My work (`/`) and has the queue (`/queue`): an
 * editor's holds the whole desk, a reporter's their own claims (queueFilters); so does the dashboard.
 */
export function navigationFor(role: Role): NavItem[] {
  return ITEMS.filter((item) => hasRole({ role }, item.role));
}
