// One SQLite connection serves every request of the process (Prisma's
// better-sqlite3 adapter opens one), and a transaction on it stays open across
// awaits: Prisma sends BEGIN, then each statement of a batch or of an
// interactive transaction's callback, then COMMIT, with other requests running
// in between. The adapter only keeps two transactions from overlapping; any
// other statement that arrives meanwhile runs on the same connection, inside
// the open transaction. A ROLLBACK then took it along: a save answered 200
// was undone because another request's transaction failed (the first test in
// lib/db/concurrency.test.ts). Another connection of this process (the weight
// chunks') that wanted to write meanwhile waited for the lock synchronously,
// on the event loop the transaction needed to finish: a stall of the
// busy timeout, then SQLITE_BUSY.
//
// The gate makes a transaction exclusive within the process: statements
// outside it, and the other connections' writes, wait until it has committed
// or rolled back.
//
// It also gives the event loop a turn before each statement and each
// transaction. better-sqlite3 works synchronously and Prisma's client runs on
// the same thread, so without a turn in between a request ran from its first
// statement to its response inside one callback, and a busy instance did the
// whole of every request in flight between two looks at its sockets. Node
// (libuv 1.45 and later) accepts one new connection per look, so under 50
// writes in flight the last new connections waited seconds to be accepted
// (docs/load.md, "New connections at saturation, and a turn per
// statement"). With a turn per statement, a request's work is spread over
// several turns, as it is on PostgreSQL where each statement waits for the
// database server's answer.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';

/** Resolves in the event loop's next check phase, after it has polled its sockets once. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SqliteGate {
  #open: Promise<void> | null = null;

  /**
   * Runs `statement` in a later turn of the event loop, once no transaction
   * is open, in the same turn as the check (an await in between would let a
   * transaction begin). The statement must do its work synchronously, as
   * better-sqlite3 does. The wait is written out here and in hold(), not
   * shared: returning from a shared helper would be one more await between
   * the check and the statement.
   */
  async run<T>(statement: () => T | Promise<T>): Promise<T> {
    await nextTurn();
    while (this.#open) await this.#open;
    return statement();
  }

  /** Waits a turn and until no transaction is open, then holds the gate until the returned function is called. */
  async hold(): Promise<() => void> {
    await nextTurn();
    while (this.#open) await this.#open;
    let release!: () => void;
    const open = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#open = open;
    return () => {
      if (this.#open === open) this.#open = null;
      release();
    };
  }
}

function gatedTransaction(tx: Transaction, release: () => void): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    // Prisma has sent COMMIT / ROLLBACK through the transaction's queries before it calls these.
    commit: () => tx.commit().finally(release),
    rollback: () => tx.rollback().finally(release),
    createSavepoint: tx.createSavepoint?.bind(tx),
    rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
    releaseSavepoint: tx.releaseSavepoint?.bind(tx),
  };
}

function gatedAdapter(inner: SqlDriverAdapter, gate: SqliteGate): SqlDriverAdapter {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => gate.run(() => inner.queryRaw(query)),
    executeRaw: (query) => gate.run(() => inner.executeRaw(query)),
    executeScript: (script) => gate.run(() => inner.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const release = await gate.hold();
      try {
        return gatedTransaction(await inner.startTransaction(isolationLevel), release);
      } catch (e) {
        release();
        throw e;
      }
    },
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: () => inner.dispose(),
  };
}

/** Prisma's better-sqlite3 adapter factory, with every connection it opens behind `gate`. */
export function gatedAdapterFactory(inner: SqlMigrationAwareDriverAdapterFactory, gate: SqliteGate): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => gatedAdapter(await inner.connect(), gate),
    connectToShadowDb: async () => gatedAdapter(await inner.connectToShadowDb(), gate),
  };
}
