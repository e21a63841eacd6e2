import Link from "next/link";
import { isSafeUrl, linkify } from "@/lib/text/linkify";

/**
 * The bulletin's full text, preformatted and rendered as text (React escapes
 * it): XSA and QSB mentions link to their pages, "[n]" to the reference's
 * URL, and http(s) URLs to themselves.
 *
 * The text sits in a <code> inside the <pre>: an HTML parser drops a newline
 * that directly follows <pre>, so a text starting with one (115 of the 116
 * bulletins) would differ from what React rendered and fail to hydrate
 * (React error #418). Inside <code> the newline is kept.
 */
/** Real bulletins are under 30 KB; a stored oversized file is shown only in part. */
const MAX_SHOWN_CHARS = 256 * 1024;

export function BulletinText({ text: fullText, references }: { text: string; references: { label: string; url: string }[] }) {
  const urls = new Map(references.map((r) => [r.label, r.url]));
  const cut = fullText.length > MAX_SHOWN_CHARS;
  const text = cut ? fullText.slice(0, MAX_SHOWN_CHARS) : fullText;
  const linkClass = "text-blue-700 underline decoration-dotted underline-offset-2 hover:decoration-solid dark:text-blue-400";
  return (
    <pre tabIndex={0} aria-label="The bulletin's full text" className="overflow-x-auto whitespace-pre-wrap break-words rounded-lg border border-zinc-200 bg-white p-4 font-mono text-[13px] leading-relaxed dark:border-zinc-800 dark:bg-zinc-900">
      <code>
      {linkify(text).map((segment, i) => {
        switch (segment.type) {
          case "text":
            return segment.text;
          case "xsa":
            return (
              <Link key={i} href={`/xsa/${segment.number}`} className={linkClass}>
                {segment.text}
              </Link>
            );
          case "qsb":
            return (
              <Link key={i} href={`/qsb/${segment.number}`} className={linkClass}>
                {segment.text}
              </Link>
            );
          case "ref": {
            const url = urls.get(segment.label);
            return url && isSafeUrl(url) ? (
              <a key={i} href={url} className={linkClass} rel="noreferrer noopener">
                {segment.text}
              </a>
            ) : (
              segment.text
            );
          }
          case "url":
            return isSafeUrl(segment.href) ? (
              <a key={i} href={segment.href} className={linkClass} rel="noreferrer noopener">
                {segment.text}
              </a>
            ) : (
              segment.text
            );
        }
      })}
      {cut && `\n\n[… ${((fullText.length - MAX_SHOWN_CHARS) / 1024).toFixed(0)} KB more not shown: see the file in qubes-secpack]`}
      </code>
    </pre>
  );
}
