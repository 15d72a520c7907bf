import type { ReactNode } from "react";

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-blue-700 aria-[invalid=true]:ring-red-600";

/** A labelled control with its hint and error wired up for assistive technology. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} className="text-xs font-medium text-red-700" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

/** aria attributes for a control rendered inside <Field id=…>. */
export function describedBy(id: string, error?: string, hint?: boolean) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

export function FormMessage({ tone, children }: { tone: "error" | "success"; children?: ReactNode }) {
  if (!children) return null;
  const style = tone === "error" ? "bg-red-50 text-red-900 ring-red-200" : "bg-emerald-50 text-emerald-900 ring-emerald-200";
  return (
    <div role="status" aria-live="polite" className={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${style}`}>
      {children}
    </div>
  );
}
