import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "aftersales",
    include: ["test/**/*.test.ts"]
  }
})
