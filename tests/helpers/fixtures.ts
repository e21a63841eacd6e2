// Where the real Qubes data lives for tests: ../shared/fixtures beside the
// project (never copied into it). Tests that need it skip, saying why, only
// where that folder is absent.
import { existsSync } from "node:fs";
import path from "node:path";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const FIXTURES_DIR = process.env.FIXTURES_DIR ?? path.resolve(PROJECT_ROOT, "../shared/fixtures");
export const SECPACK_DIR = path.join(FIXTURES_DIR, "qubes-secpack");
export const QSB_DIR = path.join(SECPACK_DIR, "QSBs");
export const KEYS_DIR = path.join(SECPACK_DIR, "keys");
export const XSA_TRACKER_FILE = path.join(FIXTURES_DIR, "qubes-website", "xsa-tracker.yml");
export const QSB_INDEX_FILE = path.join(FIXTURES_DIR, "qubes-website", "qsb-index.yml");
/** The website's canary list (_data/sec-canary.yml). */
export const CANARY_INDEX_FILE = path.join(FIXTURES_DIR, "qubes-website", "canary-index.yml");
export const SUPPORTED_RELEASES_FILE = path.join(FIXTURES_DIR, "qubes-doc", "supported-releases.rst");
/** The Qubes news posts repository as a git bundle. */
export const POSTS_BUNDLE = path.join(FIXTURES_DIR, "git", "qubes-posts.bundle");

export const HAS_FIXTURES = existsSync(path.join(QSB_DIR, "qsb-054-2019.txt"));

/** Pass as the `skip` option of a test or describe block that reads the real data. */
export const realData: { skip: string | false } = {
  skip: HAS_FIXTURES ? false : `real Qubes data not found at ${FIXTURES_DIR} (set FIXTURES_DIR or put shared/fixtures beside the project)`,
};

/** The whole qubes-secpack repository (all refs, 803 signed tags) as a git bundle. */
export const SECPACK_BUNDLE = path.join(FIXTURES_DIR, "git", "qubes-secpack.bundle");
