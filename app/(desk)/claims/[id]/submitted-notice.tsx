"use client";

import { useEffect } from "react";

/** Shown once after submitting; drops `?submitted=1` from the address so a later refresh does not show it again. */
export function SubmittedNotice() {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("submitted")) return;
    url.searchParams.delete("submitted");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }, []);
  return (
    <p role="status" className="mb-5 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
      Claim submitted. It is a draft until another editor reviews it.
    </p>
  );
}
