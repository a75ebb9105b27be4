/**
 * What users get: the four packages packed as npm would publish them, installed from their
 * tarballs into a throwaway project outside the workspace, then loaded with `import` and with
 * `require` (Node >= 22.12), type-checked from a `.ts` consumer (NodeNext, skipLibCheck: false),
 * and checked by publint and `attw --pack` (esm-only profile).
 *
 * Needs `pnpm build` first (the root `pnpm test` script builds before testing).
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "..")
const packages = ["rules", "core", "aftersales", "contracts"] as const

interface Manifest {
  name: string
  version: string
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
    }
  })

  it("every public entry point loads with import and with require, and exports something", () => {
    for (const p of packages) {
      for (const entry of entryPoints(installed(p))) {
        const esm = run(
          "node",
          [
            "--input-type=module",
            "-e",
            `const m = await import(${JSON.stringify(entry)}); console.log(Object.keys(m).length)`
          ],
          app()
        )
        expect(Number(esm.trim()), `${entry} via import`).toBeGreaterThan(0)
        const cjs = run(
          "node",
          [
            "--input-type=commonjs",
            "-e",
            `const m = require(${JSON.stringify(entry)}); console.log(Object.keys(m).length)`
          ],
          app()
        )
        expect(Number(cjs.trim()), `${entry} via require`).toBeGreaterThan(0)
      }
    }
  })

  it("keeps src/internal unreachable", () => {
    for (const p of packages) {
      const attempt = () =>
        run("node", ["--input-type=module", "-e", `await import("@soltrace/${p}/internal/anything")`], app())
      expect(attempt).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED|not exported|not defined by "exports"/)
    }
  })

  it("type-checks a TypeScript consumer against the published types (NodeNext, skipLibCheck: false)", () => {
    const consumer = path.join(app(), "consumer")
    fs.mkdirSync(consumer, { recursive: true })
    const imports = packages
      .flatMap((p) => entryPoints(installed(p)))
      .map(
        (entry, i) =>
          `import * as m${i} from ${JSON.stringify(entry)}\nexport const k${i}: ReadonlyArray<string> = Object.keys(m${i})`
      )
      .join("\n")
    fs.copyFileSync(path.join(root, "test", "consumer", "usage.ts"), path.join(consumer, "usage.ts"))
    fs.writeFileSync(path.join(consumer, "entries.ts"), imports + "\n")
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
          emitDeclarationOnly: true,
          outDir: "out",
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
