/** The host's request queue: one handler at a time, in arrival order, each starting in an event-loop turn of its own. */
import { turnQueue } from '../../server/turn-queue'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('turnQueue', () => {
  it('runs jobs one at a time in arrival order, even when one awaits', async () => {
    const inTurn = turnQueue()
    const log: string[] = []
    const job = (name: string, ms: number) => async () => {
      log.push(`${name} start`)
      await sleep(ms)
      log.push(`${name} end`)
      return name
    }
    const results = await Promise.all([inTurn(job('a', 30)), inTurn(job('b', 1)), inTurn(job('c', 10))])
    expect(results).toEqual(['a', 'b', 'c'])
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
  it('holds the next job up for at most maxWaitMs', async () => {
    const inTurn = turnQueue(50)
    void inTurn(() => new Promise<never>(() => {}))
    const started = Date.now()
    await expect(inTurn(async () => 'next')).resolves.toBe('next')
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
  })
})
