import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-red-700">403 · Forbidden</p>
      <h1 className="mt-2 text-2xl font-bold">You don’t have access to this page</h1>
      <p className="mt-2 text-slate-600">Your role does not allow it. If you need access, ask an administrator.</p>
      <Link href="/" className="mt-6 inline-block font-semibold text-blue-700 underline">
        Back to the desk
      </Link>
    </main>
  );
}
