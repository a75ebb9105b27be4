import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    name: "bench",
    include: ["test/**/*.test.ts"],
    // The quick run starts a PostgreSQL server and PGlite: give it room on a loaded machine.
    testTimeout: 240_000,
    hookTimeout: 60_000
  }
})
