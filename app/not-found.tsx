import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-slate-500">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-bold">We couldn’t find that page</h1>
      <p className="mt-2 text-slate-600">It may have been moved, or the link is mistyped.</p>
      <Link href="/" className="mt-6 inline-block font-semibold text-blue-700 underline">
        Back to the desk
      </Link>
    </main>
  );
}
