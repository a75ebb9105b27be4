/**
 * What users get: every published package of packages/ packed as npm would publish it, installed
 * from its tarball into a throwaway project outside the workspace, then loaded with `import` and
 * with `require` (Node >= 20.19), type-checked from a `.ts` consumer (NodeNext, strict,
 * skipLibCheck: false) together with every docs snippet and the README example, which then run
 * against the tarballs, and checked by publint and `attw --pack` (esm-only profile).
 *
 * Needs `pnpm build` first (the root `pnpm test` script builds before testing).
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "..")
const snippetsDir = path.join(root, "docs", "snippets")
const walk = (dir: string): Array<string> =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    : []
/** Every published package of the workspace: each folder of packages/ whose manifest is not private. */
const packages: ReadonlyArray<string> = fs
  .readdirSync(path.join(root, "packages"))
  .filter((p) => fs.existsSync(path.join(root, "packages", p, "package.json")))
  .filter((p) => {
    const m = JSON.parse(fs.readFileSync(path.join(root, "packages", p, "package.json"), "utf8")) as {
      name: string
      private?: boolean
    }
    if (m.name !== `@soltrace/${p}`) throw new Error(`packages/${p} is named ${m.name}, not @soltrace/${p}`)
    return m.private !== true
  })

interface Manifest {
  name: string
  version: string
  license?: string
  exports: Record<string, unknown>
  publishConfig?: { exports?: Record<string, unknown> }
}
const manifestOf = (dir: string): Manifest =>
  JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest

/** The public entry points of a published manifest: every export key but the blocked and the manifest. */
const entryPoints = (m: Manifest): Array<string> =>
  Object.entries(m.exports)
    .filter(([key, target]) => target !== null && key !== "./package.json")
    .map(([key]) => (key === "." ? m.name : `${m.name}/${key.slice(2)}`))

const run = (cmd: string, args: Array<string>, cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: process.env })

const rootManifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>
}
const devVersion = (name: string): string => {
  const v = rootManifest.devDependencies[name]
  if (v === undefined) throw new Error(`${name} is not a root devDependency`)
  return v
}
/** The optional peer dependencies of our packages, at the versions the workspace tests with. */
const optionalPeers = (): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const p of packages) {
    const m = JSON.parse(fs.readFileSync(path.join(root, "packages", p, "package.json"), "utf8")) as {
      peerDependencies?: Record<string, string>
      peerDependenciesMeta?: Record<string, { optional?: boolean }>
      devDependencies?: Record<string, string>
    }
    for (const [name, meta] of Object.entries(m.peerDependenciesMeta ?? {})) {
      if (meta.optional === true)
        out[name] = m.devDependencies?.[name] ?? rootManifest.devDependencies[name] ?? m.peerDependencies![name]!
    }
  }
  return out
}

let work: string
const tarballs: Record<string, string> = {}

beforeAll(() => {
  for (const p of packages) {
    const dist = path.join(root, "packages", p, "dist")
    if (!fs.existsSync(dist))
      throw new Error(`packages/${p}/dist is missing: run \`pnpm build\` first (\`pnpm test\` does).`)
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), "soltrace-consumer-"))
  const packs = path.join(work, "tarballs")
  fs.mkdirSync(packs)
  for (const p of packages) {
    run("pnpm", ["pack", "--pack-destination", packs], path.join(root, "packages", p))
  }
  for (const file of fs.readdirSync(packs)) {
    const name = packages.find((p) => file.startsWith(`soltrace-${p}-`))
    if (name) tarballs[name] = path.join(packs, file)
  }
  const app = path.join(work, "app")
  fs.mkdirSync(app)
  fs.writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify(
      {
        name: "soltrace-consumer",
        private: true,
        type: "module",
        dependencies: {
          ...Object.fromEntries(packages.map((p) => [`@soltrace/${p}`, `file:${tarballs[p]}`])),
          // the optional peers a user installs for the entry points that need them
          // (@soltrace/core/testing: vitest and fast-check; /pglite and /pg: the drivers)
          ...optionalPeers()
        },
        // PGlite's declarations use the Emscripten namespace without depending on its types
        devDependencies: { "@types/node": devVersion("@types/node"), "@types/emscripten": "1.41.5" }
      },
      null,
      2
    )
  )
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app)
}, 240_000)

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true })
})

const app = () => path.join(work, "app")
const installed = (p: string) => manifestOf(path.join(app(), "node_modules", "@soltrace", p))

describe("the published packages", () => {
  it("publish the same entry points the workspace exports", () => {
    for (const p of packages) {
      const m = manifestOf(path.join(root, "packages", p))
      expect(Object.keys(m.publishConfig?.exports ?? {}), p).toEqual(Object.keys(m.exports))
    }
  })

  it("are packed with their dist, their publish exports and real dependency versions", () => {
    for (const p of packages) {
      const m = installed(p)
      const json = JSON.stringify(m)
      expect(json).not.toContain("workspace:")
      expect(json).not.toContain("./src/")
      expect(fs.existsSync(path.join(app(), "node_modules", "@soltrace", p, "src"))).toBe(false)
      expect(entryPoints(m).length).toBeGreaterThan(0)
      // the licence the manifest names travels with the code
      expect(m.license ?? "", p).toBe("MIT")
      const licence = path.join(app(), "node_modules", "@soltrace", p, "LICENSE")
      expect(fs.existsSync(licence), `${p}: LICENSE in the tarball`).toBe(true)
      expect(fs.readFileSync(licence, "utf8")).toMatch(/^MIT License/)
    }
  })

  it("every public entry point loads with import and with require, and exports something", () => {
    const entries = packages.flatMap((p) => entryPoints(installed(p)))
    // one process per loader, each entry loaded on its own and its failure reported by name
    const esm = JSON.parse(
      run(
        "node",
        [
          "--input-type=module",
          "-e",
          `const out = {}; for (const e of ${JSON.stringify(entries)}) { try { out[e] = Object.keys(await import(e)).length } catch (err) { out[e] = String(err) } } console.log(JSON.stringify(out))`
        ],
        app()
      )
    ) as Record<string, number | string>
    const cjs = JSON.parse(
      run(
        "node",
        [
          "--input-type=commonjs",
          "-e",
          `const out = {}; for (const e of ${JSON.stringify(entries)}) { try { out[e] = Object.keys(require(e)).length } catch (err) { out[e] = String(err) } } console.log(JSON.stringify(out))`
        ],
        app()
      )
    ) as Record<string, number | string>
    for (const entry of entries) {
      expect(esm[entry], `${entry} via import`).toBeGreaterThan(0)
      expect(cjs[entry], `${entry} via require`).toBeGreaterThan(0)
    }
  })

  it("@soltrace/core/testing loads without its optional peers vitest and fast-check (DeciderSpec needs neither)", () => {
    // a project with only the tarballs and effect: no vitest, no fast-check, no drivers
    const bare = path.join(work, "bare")
    fs.mkdirSync(bare, { recursive: true })
    fs.writeFileSync(
      path.join(bare, "package.json"),
      JSON.stringify({
        name: "soltrace-bare",
        private: true,
        type: "module",
        dependencies: {
          ...Object.fromEntries(packages.map((p) => [`@soltrace/${p}`, `file:${tarballs[p]}`])),
          effect: devVersion("effect")
        }
      })
    )
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--omit=optional"], bare)
    expect(fs.existsSync(path.join(bare, "node_modules", "vitest"))).toBe(false)
    expect(fs.existsSync(path.join(bare, "node_modules", "fast-check"))).toBe(false)
    const script = [
      `import { DeciderSpec } from "@soltrace/core/testing"`,
      `import * as Spec from "@soltrace/core/testing/DeciderSpec"`,
      `console.log(typeof DeciderSpec.for, typeof Spec.for)`
    ].join("\n")
    expect(run("node", ["--input-type=module", "-e", script], bare).trim()).toBe("function function")
  })

  it("keeps src/internal unreachable", () => {
    for (const p of packages) {
      const attempt = () =>
        run("node", ["--input-type=module", "-e", `await import("@soltrace/${p}/internal/anything")`], app())
      expect(attempt).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED|not exported|not defined by "exports"/)
    }
  })

  it("type-checks a TypeScript consumer, every docs snippet and the README example against the published types (NodeNext, strict, skipLibCheck: false)", () => {
    const consumer = path.join(app(), "consumer")
    fs.mkdirSync(consumer, { recursive: true })
    // every value the JavaScript of an entry exports, and every value of its namespaces, must be
    // named by its declarations under the same name (a Schema that is also a type included)
    const entries = packages.flatMap((p) => entryPoints(installed(p)))
    const shapes = JSON.parse(
      run(
        "node",
        [
          "--input-type=module",
          "-e",
          `const out = {}; for (const e of ${JSON.stringify(entries)}) { const m = await import(e); out[e] = Object.fromEntries(Object.keys(m).map((k) => [k, Object.prototype.toString.call(m[k]) === "[object Module]" ? Object.keys(m[k]) : []])) } console.log(JSON.stringify(out))`
        ],
        app()
      )
    ) as Record<string, Record<string, Array<string>>>
    const imports = entries
      .map((entry, i) => {
        const values = Object.entries(shapes[entry] ?? {}).flatMap(([k, inner]) => [
          `void m${i}[${JSON.stringify(k)}]`,
          ...inner.map((v) => `void m${i}[${JSON.stringify(k)}][${JSON.stringify(v)}]`)
        ])
        return [
          `import * as m${i} from ${JSON.stringify(entry)}`,
          `export const k${i}: ReadonlyArray<string> = Object.keys(m${i})`,
          ...values
        ].join("\n")
      })
      .join("\n")
    fs.copyFileSync(path.join(root, "test", "consumer", "usage.ts"), path.join(consumer, "usage.ts"))
    fs.writeFileSync(path.join(consumer, "entries.ts"), imports + "\n")
    // the docs' snippets (the README's example is docs/snippets/readme.ts, kept equal to its fence by the docs test)
    fs.cpSync(snippetsDir, path.join(consumer, "snippets"), { recursive: true })
    fs.writeFileSync(
      path.join(app(), "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2023",
          // effect's and PGlite's own declarations name web platform types (AbortSignal, WebAssembly)
          lib: ["ES2023", "DOM", "DOM.Iterable"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          skipLibCheck: false,
          // emitting declarations proves every inferred type can be named from a public entry (no TS2742)
          declaration: true,
          outDir: "out",
          rootDir: "consumer",
          // PGlite's declarations use the Emscripten namespace: docs/sql.md tells users to add @types/emscripten
          types: ["node", "emscripten"]
        },
        include: ["consumer"]
      })
    )
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")
    let output: string
    try {
      output = run("node", [tsc, "-p", "tsconfig.json"], app())
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e)
    }
    expect(output).toBe("")
    // errors a user reads name modules, never hashed chunk files
    for (const p of packages) {
      const dist = path.join(app(), "node_modules", "@soltrace", p, "dist")
      const declarations = fs
        .readdirSync(dist, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".d.ts"))
      expect(
        declarations.filter((f) => /-[A-Za-z0-9_-]{8}\.d\.ts$|chunk-/.test(f)),
        p
      ).toEqual([])
    }
  })

  it("runs every docs snippet and the README example, compiled against the tarballs", () => {
    const out = path.join(app(), "out", "snippets")
    const compiled = walk(out).filter((f) => f.endsWith(".js"))
    expect(compiled.length).toBe(walk(snippetsDir).filter((f) => f.endsWith(".ts")).length)
    // one process imports them in turn (as the docs test does), each failure reported with its file
    const runner = `const failures = []; for (const f of ${JSON.stringify(compiled)}) { try { await import(f) } catch (e) { failures.push(f + ": " + (e && e.stack || e)) } } console.log(JSON.stringify(failures))`
    const failures = (JSON.parse(run("node", ["--input-type=module", "-e", runner], app())) as Array<string>).map((f) =>
      path.relative(out, f)
    )
    expect(failures).toEqual([])
  })

  it("publint reports no problem", async () => {
    const { publint } = await import("publint")
    const { formatMessage } = await import("publint/utils")
    for (const p of packages) {
      const tarball = fs.readFileSync(tarballs[p]!)
      const pkg = installed(p)
      const { messages } = await publint({
        pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
        level: "suggestion",
        strict: true
      })
      expect(messages.map((m) => `${p}: ${formatMessage(m, pkg as never) ?? m.code}`)).toEqual([])
    }
  })

  it("attw --pack reports no problem (esm-only profile)", () => {
    const attw = path.join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js")
    for (const p of packages) {
      let output: string
      try {
        output = run("node", [attw, tarballs[p]!, "--profile", "esm-only", "--format", "ascii"], root)
      } catch (e) {
        throw new Error(`attw found problems in @soltrace/${p}:\n${String((e as { stdout?: string }).stdout ?? e)}`, {
          cause: e
        })
      }
      // attw exits non-zero on any problem the esm-only profile does not ignore
      expect(output).toMatch(/node16 \(from ESM\): 🟢/)
    }
  })
})
