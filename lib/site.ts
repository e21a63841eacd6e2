// Typed site configuration.
export const site = {
  name: "Advisory Tracker",
  description: "Every Qubes Security Bulletin, the Xen advisories it covers, and its PGP signatures, verified.",
  secpackRepository: "https://github.com/QubesOS/qubes-secpack",
  /** The Qubes news, where the XSA, bulletin and canary announcements are published. */
  newsUrl: "https://www.qubes-os.org/news/",
  xenAdvisoryUrl: (n: number) => `https://xenbits.xen.org/xsa/advisory-${n}.html`,
  secpackCommitUrl: (commit: string) => `https://github.com/QubesOS/qubes-secpack/commit/${commit}`,
  secpackFileUrl: (commit: string | null, sourcePath: string) =>
    `https://github.com/QubesOS/qubes-secpack/blob/${commit ?? "master"}/${sourcePath}`,
} as const;
