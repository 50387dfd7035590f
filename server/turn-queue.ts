/**
 * Runs the host's request handlers one at a time, first come first served, each starting in an event-loop turn of its
 * own.
 *
 * Why: Node (libuv ≥ 1.45) accepts one new connection per event-loop turn, and a turn runs every request that is
 * ready. With 100 busy clients a turn held ~80 report requests (~0.4 s), so each new connection waited that long per
 * place in the accept queue: the last of them waited ~10 s for its first answer (p99 ≈ 9 s, timeouts in
 * `npm run bench -- load`). One handler per turn keeps turns a few milliseconds long. The handlers run on SQLite
 * synchronously anyway, so running them one at a time costs no throughput.
 *
 * A job still running `maxWaitMs` after it started (the host's request timeout) no longer holds up the ones behind it.
 */
export type TurnQueue = <T>(job: () => Promise<T>) => Promise<T>

export function turnQueue (maxWaitMs = 30_000): TurnQueue {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(job: () => Promise<T>): Promise<T> => {
    const turn = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    const result = turn.then(job)
    tail = turn.then(() => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, maxWaitMs)
      timer.unref()
      const done = () => { clearTimeout(timer); resolve() }
      result.then(done, done)
    }))
    return result
  }
}
