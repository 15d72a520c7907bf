import { Download } from "lucide-react";
import { buttonClass } from "@/app/_components/button";

/**
 * Downloads the queue view as CSV: every claim matching `search` (the queue's query string without
 * "?"), not only the page shown. The cursor and page size are the page's own, not the view's, so
 * they are left out of the link.
 */
export function ExportLink({ search }: { search: string }) {
  const params = new URLSearchParams(search);
  params.delete("cursor");
  params.delete("limit");
  const query = params.toString();
  return (
    <a href={query ? `/queue/export?${query}` : "/queue/export"} download className={buttonClass("secondary")}>
      <Download aria-hidden className="size-4" />
      Export CSV
    </a>
  );
}
