import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3 py-10 text-center">
      <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">404</p>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>There is no such bulletin, advisory, release or page here.</p>
      <p>
        <Link className="text-blue-700 hover:underline dark:text-blue-400" href="/qsb">All bulletins</Link>
        {" · "}
        <Link className="text-blue-700 hover:underline dark:text-blue-400" href="/xsa">XSA tracker</Link>
        {" · "}
        <Link className="text-blue-700 hover:underline dark:text-blue-400" href="/search">Search</Link>
      </p>
    </div>
  );
}
