import { PageHeader } from "@/app/_components/page-header";
import { requirePageActor } from "@/lib/auth/guards";

export default async function HomePage() {
  const actor = await requirePageActor();
  return <PageHeader title={actor.role === "reporter" ? "My claims" : "Queue"} description="Claims by state." />;
}
