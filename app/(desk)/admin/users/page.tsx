import type { Metadata } from "next";
import { Badge, RoleBadge } from "@/app/_components/badge";
import { Card, PageHeader } from "@/app/_components/page-header";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { listUsers } from "@/lib/users/users";
import { CreateUserForm } from "./create-user-form";
import { UserRowActions } from "./user-row-actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor("admin");
  const users = listUsers(getDb());
  return (
    <>
      <PageHeader title="Users" description="Who can work on the desk, and in which role. Disabled users cannot sign in and their API tokens stop working." />
      <Card className="mb-6">
        <h2 className="mb-4 text-base font-semibold">Add a user</h2>
        <CreateUserForm />
      </Card>
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">All users</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">Name</th>
              <th scope="col" className="px-4 py-3">Email</th>
              <th scope="col" className="px-4 py-3">Role</th>
              <th scope="col" className="px-4 py-3">Status</th>
              <th scope="col" className="px-4 py-3 text-right">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <tr key={user.id} className={user.disabled ? "bg-slate-50 text-slate-500" : undefined}>
                <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">{user.name}</th>
                <td className="px-4 py-3">{user.email}</td>
                <td className="px-4 py-3"><RoleBadge role={user.role} /></td>
                <td className="px-4 py-3">{user.disabled ? <Badge tone="red">Disabled</Badge> : <Badge>Active</Badge>}</td>
                <td className="px-4 py-3">
                  <UserRowActions userId={user.id} name={user.name} role={user.role} disabled={user.disabled} isSelf={user.id === actor.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
