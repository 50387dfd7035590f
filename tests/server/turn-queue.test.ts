/** The host's request queue: one handler at a time, in arrival order, each starting in an event-loop turn of its own. */
import { turnQueue } from '../../server/turn-queue'

/** A promise the test settles when it chooses: a job that awaits I/O, without a fixed sleep. */
function deferred (): { promise: Promise<void>, resolve: () => void } {
  let resolve: () => void = () => undefined
  const promise = new Promise<void>((r) => { resolve = r })
  return { promise, resolve }
}

/** Lets `n` event-loop turns pass (setImmediate runs once per turn). */
async function turns (n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe('turnQueue', () => {
  it('runs jobs one at a time in arrival order, even when one awaits', async () => {
    const inTurn = turnQueue()
    const log: string[] = []
    const io = deferred()
    const a = inTurn(async () => {
      log.push('a start')
      await io.promise
      log.push('a end')
      return 'a'
    })
    const job = (name: string) => async () => {
      log.push(`${name} start`, `${name} end`)
      return name
    }
    const b = inTurn(job('b'))
    const c = inTurn(job('c'))
    await turns(10)
    // However many turns pass while a awaits, b and c have not started.
    expect(log).toEqual(['a start'])
    io.resolve()
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c'])
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end'])
  })

  it('lets the event loop turn between jobs (where Node accepts a waiting connection)', async () => {
    const inTurn = turnQueue()
    const log: string[] = []
    const first = inTurn(async () => {
      setImmediate(() => log.push('next turn'))
      log.push('first')
    })
    const second = inTurn(async () => { log.push('second') })
    await Promise.all([first, second])
    expect(log).toEqual(['first', 'next turn', 'second'])
  })

  it('a failing job rejects for its caller only and does not hold up the queue', async () => {
    const inTurn = turnQueue()
    const failed = inTurn(async () => { throw new Error('boom') })
    const next = inTurn(async () => 'ok')
    await expect(failed).rejects.toThrow('boom')
    await expect(next).resolves.toBe('ok')
  })
})

describe('turnQueue with a job that never settles', () => {
  afterEach(() => jest.useRealTimers())

  it('holds the next job up for maxWaitMs, and no longer', async () => {
    jest.useFakeTimers()
    const inTurn = turnQueue(50)
    void inTurn(() => new Promise<never>(() => {}))
    let started = false
    const next = inTurn(async () => {
      started = true
      return 'next'
    })
    await jest.advanceTimersByTimeAsync(49)
    expect(started).toBe(false)
    await jest.advanceTimersByTimeAsync(2)
    expect(started).toBe(true)
    await expect(next).resolves.toBe('next')
  })
})
