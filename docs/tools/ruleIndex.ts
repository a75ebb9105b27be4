/**
 * The rule-id index: every rule id of docs/domain/rules.md and every decision id of
 * docs/domain/decisions.md → the source files that implement it → the tests that prove it.
 *
 * `pnpm --filter @soltrace/docs run rule-index` rewrites docs/rule-index.md;
 * docs/test/rule-index.test.ts fails when the committed file is stale or an id has no code or no
 * test and is not listed in `leftOut` with a reason.
 */
import * as fs from "node:fs"
import * as path from "node:path"

export const repoRoot = path.resolve(import.meta.dirname, "..", "..")
const rel = (p: string) => path.relative(repoRoot, p).split(path.sep).join("/")

/** Ids deliberately not implemented as code, with the reason (shown in the index). */
export const leftOut: Readonly<Record<string, string>> = {
  "ENP-R10":
    "scope of the manufacturer's self-service channel (which devices, no gateway reconfiguration); no eligibility decision depends on the channel",
  "WAL-1.1c":
    "lists the parts of the contract; the Contract aggregate's offer, order and conditions follow it, nothing to decide",
  "WAL-3.5.3": "a recommendation (a class-2 MID production meter), not an obligation: nothing to refuse or compute",
  "WAL-3.7": "the list of annexes handed over with the specification; documents, not data the library decides on",
  "WAL-5.1.1": "documents and advertising bind the installer: a legal effect outside the data the library keeps",
  "WAL-5.1.3":
    "the general means of notice; the one notice the library checks is termination's registered letter (WAL-5.14.1)",
  "WAL-5.4.3": "the customer's duties of access and care: no time limit or amount attached",
  "WAL-5.5": "the installer's duties of workmanship and assistance: no time limit or amount attached",
  "WAL-5.11": "subcontracting and assignment need no decision from the library",
  "WAL-5.12.1":
    "the legal consumer guarantee and manufacturer warranties: the manufacturers' terms are D1 data (WarrantyTerms)",
  "WAL-5.16": "applicable law and the conciliation commission: nothing to compute",
  D16: "pending: party data by reference and the personal-data store (issues #14 and #15)",
  D17: "pending: the dated VAT-rate check of an offer (issue #15)"
}

export interface RuleId {
  readonly id: string
  readonly summary: string
}

const clip = (text: string) => {
  const s = text.replace(/\s+/g, " ").replace(/\|/g, "/").trim()
  return s.length > 90 ? `${s.slice(0, 87)}…` : s
}

/** The ids in the order the specification lists them. */
export const specIds = (): Array<RuleId> => {
  const rules = fs.readFileSync(path.join(repoRoot, "docs/domain/rules.md"), "utf8")
  const decisions = fs.readFileSync(path.join(repoRoot, "docs/domain/decisions.md"), "utf8")
  const out: Array<RuleId> = []
  for (const m of rules.matchAll(
    /^- \*\*((?:APS|ENP|WAL)-[A-Z0-9.]+[a-z]?)\*\* ([\s\S]*?)(?=\n- \*\*|\n\n|\n[A-Z#]|(?![\s\S]))/gm
  )) {
    out.push({ id: m[1]!, summary: clip(m[2]!) })
  }
  for (const m of decisions.matchAll(/^- \*\*(D\d+) — ([^*]+)\*\*/gm)) {
    out.push({ id: m[1]!, summary: clip(m[2]!) })
  }
  return out
}

const walk = (dir: string): Array<string> =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name)
        if (e.isDirectory()) return ["node_modules", "dist", ".tsbuild"].includes(e.name) ? [] : walk(full)
        return /\.(ts|tsx)$/.test(e.name) ? [full] : []
      })
    : []

const packagesDir = path.join(repoRoot, "packages")
const packageDirs = () => fs.readdirSync(packagesDir).map((p) => path.join(packagesDir, p))

/** Files that cite `id` (not followed by another digit, dot-digit or letter: `WAL-5.1` ≠ `WAL-5.1.2`). */
const citing = (files: ReadonlyArray<{ file: string; text: string }>, id: string): Array<string> => {
  const escaped = id.replace(/[.]/g, "\\.")
  const re = new RegExp(`(^|[^A-Za-z0-9.-])${escaped}(?![0-9a-z]|\\.[0-9])`)
  return files.filter((f) => re.test(f.text)).map((f) => rel(f.file))
}

const read = (files: Array<string>) => files.map((file) => ({ file, text: fs.readFileSync(file, "utf8") }))

export interface IndexRow {
  readonly id: string
  readonly summary: string
  readonly code: ReadonlyArray<string>
  readonly tests: ReadonlyArray<string>
}

export const buildIndex = (): Array<IndexRow> => {
  const code = read(packageDirs().flatMap((p) => walk(path.join(p, "src"))))
  const tests = read([
    ...packageDirs().flatMap((p) => walk(path.join(p, "test"))),
    ...walk(path.join(repoRoot, "examples")).filter((f) => !f.endsWith(".config.ts"))
  ])
  return specIds().map(({ id, summary }) => ({ id, summary, code: citing(code, id), tests: citing(tests, id) }))
}

const list = (files: ReadonlyArray<string>) =>
  files.length === 0 ? "—" : files.map((f) => `[${path.basename(f)}](../${f})`).join(", ")

export const renderIndex = (rows: ReadonlyArray<IndexRow>): string => {
  const lines = [
    "# Rule-id index",
    "",
    "Every rule of [rules.md](domain/rules.md) and every decision of [decisions.md](domain/decisions.md),",
    "with the source files that implement it and the tests (or examples) that prove it.",
    "Generated by `pnpm --filter @soltrace/docs run rule-index`; `docs/test/rule-index.test.ts` fails when it is stale.",
    "",
    "| id | rule | implemented in | proved by |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) =>
      leftOut[r.id] !== undefined && (r.code.length === 0 || r.tests.length === 0)
        ? `| ${r.id} | ${r.summary} | left out: ${leftOut[r.id]} | ${list(r.tests)} |`
        : `| ${r.id} | ${r.summary} | ${list(r.code)} | ${list(r.tests)} |`
    ),
    ""
  ]
  return lines.join("\n")
}

export const indexFile = path.join(repoRoot, "docs", "rule-index.md")

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(indexFile, renderIndex(buildIndex()))
  console.log(`wrote ${rel(indexFile)}`)
}
