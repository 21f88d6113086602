import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-12 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-500">There is nothing here, or you may not see it.</p>
      <Link href="/hosts" className="mt-4 inline-block text-sky-700 underline">
        Back to hosts
      </Link>
    </main>
  );
}
