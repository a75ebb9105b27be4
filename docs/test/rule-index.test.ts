import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { buildIndex, indexFile, leftOut, renderIndex, repoRoot, specIds } from "../tools/ruleIndex.js"

describe("rule-id index (docs/rule-index.md)", () => {
  it("reads every rule and decision id of the specification", () => {
    const ids = specIds().map((r) => r.id)
    expect(ids).toContain("ENP-L5")
    expect(ids).toContain("WAL-5.7.2")
    expect(ids).toContain("APS-3")
    expect(ids).toContain("D14")
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("the spec copy in docs/domain is the shared specification, unchanged", () => {
    const shared = path.resolve(repoRoot, "..", "shared", "domain")
    if (!fs.existsSync(shared)) return // outside the company checkout, the copy is the spec
    for (const f of fs.readdirSync(shared)) {
      expect(fs.readFileSync(path.join(repoRoot, "docs/domain", f), "utf8"), f).toBe(
        fs.readFileSync(path.join(shared, f), "utf8")
      )
    }
  })

  it("is up to date (regenerate with `pnpm --filter @soltrace/docs run rule-index`)", () => {
    expect(fs.readFileSync(indexFile, "utf8")).toBe(renderIndex(buildIndex()))
  })

  it("has no gap: every id maps to code and to a test, or is deliberately left out with a reason", () => {
    const gaps = buildIndex()
      .filter((r) => (r.code.length === 0 || r.tests.length === 0) && leftOut[r.id] === undefined)
      .map((r) => `${r.id} (code: ${r.code.length}, tests: ${r.tests.length})`)
    expect(gaps).toEqual([])
  })
})
