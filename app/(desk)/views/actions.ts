"use server";

import { toId } from "@/lib/core/ids";
import { fail } from "@/lib/core/result";
import { formAction } from "@/lib/actions/server-action";
import type { SavedView } from "@/db/schema";
import { deleteView, renameView, saveView, viewHref } from "@/lib/views/views";

// Saved views are not domain events: the actions refresh the pages that list them (the navigation is in every desk page's layout).
const own = { role: "reporter", revalidate: ["/views", "/queue"] } as const;

export type SavedViewLink = { id: number; name: string; href: string };
const link = (view: SavedView): SavedViewLink => ({ id: view.id, name: view.name, href: viewHref(view) });

export const saveViewAction = formAction({ ...own, output: link, message: (view: SavedView) => `Saved "${view.name}": it is under Views in the navigation.` }, ({ db, actor }, fields) =>
  saveView(db, actor, { name: fields.name ?? "", query: fields.query ?? "" }),
);

export const renameViewAction = formAction({ ...own, output: link, message: (view: SavedView) => `Renamed to "${view.name}".` }, ({ db, actor }, fields) => {
  const id = toId(fields.viewId);
  return id === null ? fail("not_found", "No such saved view of yours") : renameView(db, actor, id, { name: fields.name ?? "" });
});

export const deleteViewAction = formAction({ ...own, message: () => "Deleted the view." }, ({ db, actor }, fields) => {
  const id = toId(fields.viewId);
  return id === null ? fail("not_found", "No such saved view of yours") : deleteView(db, actor, id);
});
