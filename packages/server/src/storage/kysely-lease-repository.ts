import type { RunStatus } from '@weft/engine';
import { type Kysely, sql } from 'kysely';
import type { DialectAdapter } from './dialect-adapter.ts';
import { toRunRecord } from './kysely-run-repository.ts';
import type { ClaimOptions, Lease, LeaseRepository } from './store.ts';
import type { Database } from './tables.ts';

const UNFINISHED: readonly RunStatus[] = ['queued', 'running'];

/**
 * Run leases in plain Kysely for both dialects; the database's clock times them (`adapter.nowMs`).
 * Bound to the connection pool or to one transaction (`Store.transaction`).
 */
export class KyselyLeaseRepository implements LeaseRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter: DialectAdapter,
  ) {}

  async claim(runId: string, owner: string, options: ClaimOptions = {}): Promise<Lease | undefined> {
    let query = this.db
      .updateTable('runs')
      .set((eb) => ({
        lease_version: eb('lease_version', '+', 1),
        lease_owner: owner,
        lease_expires_at: this.expiry(options.leaseMs),
        ...(options.status ? { status: options.status } : {}),
      }))
      .where('id', '=', runId);
    if (options.leaseVersion !== undefined) query = query.where('lease_version', '=', options.leaseVersion);
    if (options.statuses) query = query.where('status', 'in', options.statuses);
    const row = await query.returningAll().executeTakeFirst();
    return row && { record: toRunRecord(row), leaseVersion: row.lease_version };
  }

  async claimAll(
    jobs: ReadonlyArray<{ runId: string; leaseVersion: number }>,
    owner: string,
    options: { statuses: readonly RunStatus[]; leaseMs?: number },
  ): Promise<Lease[]> {
    if (jobs.length === 0) return [];
    const rows = await this.db
      .updateTable('runs')
      .set((eb) => ({
        lease_version: eb('lease_version', '+', 1),
        lease_owner: owner,
        lease_expires_at: this.expiry(options.leaseMs),
      }))
      .where((eb) =>
        eb.or(
          jobs.map((job) => eb.and([eb('id', '=', job.runId), eb('lease_version', '=', job.leaseVersion)])),
        ),
      )
      .where('status', 'in', options.statuses)
      .returningAll()
      .execute();
    return rows.map((row) => ({ record: toRunRecord(row), leaseVersion: row.lease_version }));
  }

  async renew(
    owner: string,
    held: ReadonlyArray<{ runId: string; leaseVersion: number }>,
    leaseMs: number,
  ): Promise<string[]> {
    if (held.length === 0) return [];
    const rows = await this.db
      .updateTable('runs')
      .set({ lease_expires_at: this.expiry(leaseMs) })
      .where('lease_owner', '=', owner)
      .where((eb) =>
        eb.or(held.map((h) => eb.and([eb('id', '=', h.runId), eb('lease_version', '=', h.leaseVersion)]))),
      )
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async reclaimLapsed(limit: number): Promise<Array<{ runId: string; leaseVersion: number }>> {
    let lapsed = this.db
      .selectFrom('runs')
      .select('id')
      .where('status', 'in', UNFINISHED)
      .where('lease_expires_at', 'is not', null)
      .where('lease_expires_at', '<', this.adapter.nowMs)
      .limit(limit);
    // Skip rows another transaction holds (a frozen writer's): its session ends after its idle timeout.
    if (this.adapter.skipLocked) lapsed = lapsed.forUpdate().skipLocked();
    const ids = (await lapsed.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    const rows = await this.db
      .updateTable('runs')
      .set((eb) => ({
        lease_version: eb('lease_version', '+', 1),
        lease_owner: null,
        lease_expires_at: null,
      }))
      .where('id', 'in', ids)
      .where('status', 'in', UNFINISHED)
      .where('lease_expires_at', '<', this.adapter.nowMs)
      .returning(['id', 'lease_version'])
      .execute();
    return rows.map((r) => ({ runId: r.id, leaseVersion: r.lease_version }));
  }

  async release(owner: string): Promise<number> {
    const result = await this.db
      .updateTable('runs')
      .set({ lease_expires_at: 0 })
      .where('lease_owner', '=', owner)
      .where('status', 'in', UNFINISHED)
      .where('lease_expires_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async heldElsewhere(runId: string, owner: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('runs')
      .select('id')
      .where('id', '=', runId)
      .where('status', 'in', UNFINISHED)
      .where('lease_owner', 'is not', null)
      .where('lease_owner', '!=', owner)
      .where('lease_expires_at', '>=', this.adapter.nowMs)
      .executeTakeFirst();
    return row !== undefined;
  }

  private expiry(leaseMs: number | undefined) {
    return leaseMs === undefined ? null : sql<number>`${this.adapter.nowMs} + ${Math.ceil(leaseMs)}`;
  }
}
