import Link from "next/link";
import { textLink } from "@/components/ui/text-link";

export default function NotFound() {
  return (
    <div className="space-y-3 py-10 text-center">
      <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">404</p>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>There is no such bulletin, advisory, release or page here.</p>
      <p>
        <Link className={textLink} href="/qsb">All bulletins</Link>
        {" · "}
        <Link className={textLink} href="/xsa">XSA tracker</Link>
        {" · "}
        <Link className={textLink} href="/search">Search</Link>
      </p>
    </div>
  );
}
