/**
 * Loads an optional peer dependency (vitest, fast-check) when a testing helper is CALLED, not when
 * `@soltrace/core/testing` is imported: `DeciderSpec` needs neither, so a project without them can
 * still import the testing entry. The peer is resolved as an ES module from here (the `import`
 * conditions, so the very instance the caller's own `import "vitest"` gets) and loaded
 * synchronously with `require(esm)` (Node >= 20.19), because vitest's `describe`/`it` must be
 * called while the test file is being collected.
 */
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"

const load = createRequire(import.meta.url)

export const optionalPeer = <Module>(name: "vitest" | "fast-check", helper: string): Module => {
  let file: string
  try {
    file = fileURLToPath(import.meta.resolve(name))
  } catch (cause) {
    throw new Error(
      `${helper} needs the optional peer dependency "${name}" of @soltrace/core: install it (npm install --save-dev ${name}).`,
      { cause }
    )
  }
  return load(file) as Module
}
