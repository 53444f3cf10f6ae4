// Keeps the server process running: `npm start` restarts it when it dies, after a pause that doubles with every death
// in a row (reset once it has run healthily for a while), with a log line that says why; and stops restarting once
// it is itself asked to stop. One fatal error is then an outage of seconds, not until someone notices.
import type { ChildProcess } from 'node:child_process';

interface SupervisorOptions {
  /** Starts one server process. */
  spawn: () => ChildProcess;
  log?: (line: string) => void;
  /** The first pause before a restart; it doubles with every death in a row. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A process that ran this long was healthy: the next death starts the pauses from the first again. */
  healthyAfterMs?: number;
}

interface Supervisor {
  /** The running server process (undefined while waiting to restart). */
  readonly child: ChildProcess | undefined;
  /** How many times the server was restarted. */
  readonly restarts: number;
  /** Stops the server with `signal` and restarts it no more; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

const why = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `signaal ${signal}` : `exitcode ${code}`);

export function supervise({
  spawn,
  log = console.error,
  firstDelayMs = 500,
  maxDelayMs = 30_000,
  healthyAfterMs = 60_000,
}: SupervisorOptions): Supervisor {
  let child: ChildProcess | undefined;
  let restarts = 0;
  let deathsInARow = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const { promise: stopped, resolve: resolveStopped } = Promise.withResolvers<number>();

  /** The server process is gone (`what` says how): restarted after the pause, unless the supervisor is stopping. */
  const gone = (startedAt: number, what: string, code: number) => {
    child = undefined;
    if (stopping) return resolveStopped(code);
    const ranMs = Date.now() - startedAt;
    if (ranMs >= healthyAfterMs) deathsInARow = 0;
    const delay = Math.min(firstDelayMs * 2 ** deathsInARow, maxDelayMs);
    deathsInARow++;
    restarts++;
    log(`${what}; hij start opnieuw over ${delay} ms.`);
    timer = setTimeout(start, delay);
  };

  const start = () => {
    timer = undefined;
    const startedAt = Date.now();
    let current: ChildProcess;
    try {
      current = spawn();
    } catch (error) {
      return gone(startedAt, `De server kon niet starten: ${error instanceof Error ? error.message : error}`, 1);
    }
    child = current;
    let over = false;
    const end = (what: string, code: number) => {
      if (over) return;
      over = true;
      gone(startedAt, what, code);
    };
    // A process that could not be started (no such binary, too many processes) reports an error and no exit.
    current.on('error', (error) => {
      if (current.pid === undefined) end(`De server kon niet starten: ${error.message}`, 1);
      else log(`De server (pid ${current.pid}): ${error.message}`);
    });
    current.once('exit', (code, signal) =>
      end(
        `De server (pid ${current.pid}) is gestopt met ${why(code, signal)} na ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
        code ?? (signal ? 1 : 0),
      ),
    );
  };
  start();

  return {
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (!stopping) {
        stopping = true;
        if (timer) clearTimeout(timer);
        if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
        else resolveStopped(0);
      }
      return stopped;
    },
  };
}
