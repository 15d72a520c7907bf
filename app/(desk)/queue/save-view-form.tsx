import { Bookmark } from "lucide-react";
import { buttonClass } from "@/app/_components/button";

/** First version: a link to the views page, which names and saves the queue view `search` describes. */
export function SaveViewForm({ search }: { search: string }) {
  const params = new URLSearchParams(search);
  params.delete("cursor");
  const query = params.toString();
  return (
    <a href={`/views?save=${encodeURIComponent(query)}`} className={buttonClass("secondary")}>
      <Bookmark aria-hidden className="size-4" />
      Save view
    </a>
  );
}
