import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { BulletinSignature } from "@/lib/queries/bulletins";
import { SignatureBadge } from "./signature-badge";

const STATUS: Record<string, { tone: BadgeTone; label: string; explain: string }> = {
  valid: { tone: "good", label: "valid", explain: "The file is exactly what this key signed, the key is certified by the Qubes Master Signing Key, and it was neither expired nor revoked when it signed." },
  bad: { tone: "bad", label: "BAD", explain: "The signature does not match the file: the file changed after signing, or the signature belongs to another file. Do not trust this text." },
  "untrusted-key": { tone: "warn", label: "untrusted key", explain: "The signature is cryptographically sound, but the key that made it is not certified by the pinned Qubes Master Signing Key." },
  "unknown-key": { tone: "warn", label: "unknown key", explain: "No key in the secpack's keys/ folder has the issuer of this signature." },
  "expired-key": { tone: "warn", label: "expired key", explain: "The key had expired (or did not exist yet) when the signature was made." },
  "revoked-key": { tone: "bad", label: "revoked key", explain: "The key had been revoked when the signature was made, or was revoked as compromised." },
  malformed: { tone: "warn", label: "malformed", explain: "The signature file is not a readable OpenPGP signature." },
  pending: { tone: "neutral", label: "not checked", explain: "This signature has not been verified yet." },
};

export function formatFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})/g, "$1 ").trim().replace(/^((?:\S+ ){4}\S+) /, "$1  ");
}

export function SignaturePanel({ status, signatures, sourcePath, masterFingerprint, what = "bulletin", title = "Signatures", id = "signatures" }: {
  status: string;
  signatures: BulletinSignature[];
  sourcePath: string;
  masterFingerprint: string;
  /** What is signed, in the words of the empty-state sentence: "bulletin", "canary", "letter". */
  what?: string;
  title?: string;
  id?: string;
}) {
  const keyFiles = [...new Set(signatures.map((s) => s.keyPath).filter((p): p is string => p !== null))];
  return (
    <Card title={title} id={id} actions={<SignatureBadge status={status} />}>
      {signatures.length === 0 ? (
        <p className="text-sm">No signature file lies beside this {what} in the secpack, so nothing vouches for it.</p>
      ) : (
        <ul className="space-y-3">
          {signatures.map((s) => {
            const entry = STATUS[s.status] ?? { tone: "neutral" as const, label: s.status, explain: s.status };
            return (
              <li key={s.file} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="min-w-0 font-semibold break-words [overflow-wrap:anywhere]">{s.signerUserId ?? s.signer}</span>
                  <Badge tone={entry.tone}>{entry.label}</Badge>
                  {s.weakHash && (
                    <Badge tone="warn" title="SHA-1 is no longer collision-resistant; gpg still accepts such signatures.">
                      weak hash: {s.hashAlgorithm ?? "SHA-1"}
                    </Badge>
                  )}
                </div>
                <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{entry.explain}</p>
                {s.reason && <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">Reason: {s.reason}</p>}
                <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                  <dt className="text-zinc-600 dark:text-zinc-400">File</dt>
                  <dd className="font-mono text-xs break-all">{s.file}</dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">Key fingerprint</dt>
                  <dd className="font-mono text-xs break-all">{s.fingerprint ? formatFingerprint(s.fingerprint) : (s.issuerKeyId ?? "unknown")}</dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">Signed</dt>
                  <dd>{s.createdAt ? `${s.createdAt.slice(0, 19).replace("T", " ")} UTC` : "unknown"}</dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">Hash algorithm</dt>
                  <dd>{s.hashAlgorithm ?? "unknown"}</dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">Certified by the master key</dt>
                  <dd>{s.certifiedByMaster ? "yes" : "no"}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer font-medium">Check it yourself with gpg</summary>
        <pre tabIndex={0} aria-label="Commands to check the signatures with gpg" className="mt-2 overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-800">
          {[
            "git clone https://github.com/QubesOS/qubes-secpack.git && cd qubes-secpack",
            "gpg --import keys/master-key/qubes-master-key.asc",
            `gpg --fingerprint ${masterFingerprint}`,
            "# compare that fingerprint with ones you got from independent sources, then:",
            ...(keyFiles.length ? keyFiles : ["security-team/*.asc"]).map((f) => `gpg --import keys/${f}`),
            ...(keyFiles.length ? ["gpg --check-signatures  # each signing key should carry a good certification by the master key"] : []),
            ...signatures.map((s) => `gpg --verify ${sourcePath.replace(/[^/]+$/, "")}${s.file} ${sourcePath}`),
          ].join("\n")}
        </pre>
      </details>
    </Card>
  );
}
