/**
 * Docs that run: every TypeScript example in a page under docs/ (and in the README) is a file under docs/snippets/,
 * embedded verbatim in a fence opened with ```ts snippet=<path>. This test checks that each
 * fence equals its file, that no snippet is orphaned, and runs every snippet (each asserts its
 * own result). `pnpm check` type-checks them with the docs project.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { describe, expect, it } from "vitest"

const docs = path.resolve(import.meta.dirname, "..")
const snippetsDir = path.join(docs, "snippets")

const walk = (dir: string, ext: string): Array<string> =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name)
        if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : walk(full, ext)
        return e.name.endsWith(ext) ? [full] : []
      })
    : []

const pages = [...walk(docs, ".md").filter((p) => !p.startsWith(snippetsDir)), path.join(docs, "..", "README.md")]
const snippets = walk(snippetsDir, ".ts")
const fence = /^```ts snippet=([\w./-]+)\n([\s\S]*?)^```$/gm

const embedded = pages.flatMap((page) =>
  [...fs.readFileSync(page, "utf8").matchAll(fence)].map((m) => ({ page, name: m[1]!, body: m[2]! }))
)

describe("docs", () => {
  it("has pages", () => {
    expect(pages.length).toBeGreaterThan(0)
  })

  it.each(embedded.map((e) => [`${path.relative(docs, e.page)} → ${e.name}`, e] as const))(
    "%s: the fence equals its snippet file",
    (_, e) => {
      const file = path.join(snippetsDir, `${e.name}.ts`)
      expect(fs.existsSync(file), `${file} is missing`).toBe(true)
      expect(e.body.trim()).toBe(fs.readFileSync(file, "utf8").trim())
    }
  )

  it("has no orphan snippet", () => {
    const used = new Set(embedded.map((e) => path.join(snippetsDir, `${e.name}.ts`)))
    expect(snippets.filter((s) => !used.has(s)).map((s) => path.relative(docs, s))).toEqual([])
  })

  it.each(snippets.map((s) => [path.relative(snippetsDir, s), s] as const))("snippet %s runs", async (_, file) => {
    await import(pathToFileURL(file).href)
  })
})
