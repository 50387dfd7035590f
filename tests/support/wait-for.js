/**
 * Waiting for a condition instead of sleeping a fixed time: polls until `condition()` returns something truthy and
 * returns it, or fails saying what never happened. A fixed sleep is too short on a busy machine and too long on an
 * idle one; this waits exactly as long as the app takes.
 */
async function waitFor (condition, what, { timeoutMs = 3000, everyMs = 5 } = {}) {
  const started = Date.now()
  for (;;) {
    const value = condition()
    if (value) return value
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}, in vain`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

module.exports = { waitFor }
