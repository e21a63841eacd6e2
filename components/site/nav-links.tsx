"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { CANARIES_PATH } from "@/lib/ids";

const LINKS = [
  { href: "/qsb", label: "Bulletins" },
  { href: "/xsa", label: "XSA tracker" },
  { href: "/releases", label: "Releases" },
  { href: CANARIES_PATH, label: "Canaries" },
  { href: "/subscribe", label: "Subscribe" },
] as const;

/** The main navigation; the section the reader is in is marked with aria-current. */
export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
      {LINKS.map((link) => {
        const here = pathname === link.href ? "page" : pathname.startsWith(`${link.href}/`) ? "location" : undefined;
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={here}
            className={here ? "font-semibold underline decoration-2 underline-offset-4" : "hover:underline"}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
