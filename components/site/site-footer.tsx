import { site } from "@/lib/site";

export function SiteFooter() {
  return (
    <footer className="mt-12 border-t border-zinc-200 py-6 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <div className="mx-auto max-w-5xl px-4">
        Data from the{" "}
        <a className="underline" href={site.secpackRepository}>
          Qubes Security Pack
        </a>
        , the Qubes website&apos;s XSA tracker and QSB index, Xen&apos;s XSA index, and the{" "}
        <a className="underline" href={site.newsUrl}>
          Qubes news
        </a>{" "}
        (why an XSA does not affect Qubes). Signatures are verified against the
        Qubes Master Signing Key.
      </div>
    </footer>
  );
}
