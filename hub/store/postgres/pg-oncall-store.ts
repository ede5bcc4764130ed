import {
  DEFAULT_ESCALATION_POLICY,
  escalationPolicySchema,
  type EscalationPolicy,
} from '../../../shared/oncall/policy.js';
import { profileSchema, type Profile } from '../../../shared/oncall/profile.js';
import { overrideSchema, rotationSchema, type Override, type Rotation } from '../../../shared/oncall/rotation.js';
import type { PagingDeadlineView, ServiceRoute } from '../../../shared/protocol/oncall-wire.js';
import {
  OVERRIDE_MEMORY_MS,
  isDeadlineKind,
  serviceKey,
  type OncallConfig,
  type OncallStore,
} from '../../paging/oncall-store.js';
import { inTransaction, type Pool } from './pool.js';

/** The on-call set-up and paging deadlines in PostgreSQL, shared by every node. Bodies are zod-checked JSON. */
export class PgOncallStore implements OncallStore {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => number,
  ) {}

  async load(): Promise<OncallConfig> {
    const since = new Date(this.now() - OVERRIDE_MEMORY_MS).toISOString();
    const [rotations, overrides, services, settings, profiles] = await Promise.all([
      this.pool.query<{ body: string }>('SELECT body FROM oncall_rotations ORDER BY id'),
      this.pool.query<{ body: string }>('SELECT body FROM oncall_overrides WHERE ends_at >= $1 ORDER BY ends_at, id', [
        since,
      ]),
      this.pool.query<ServiceRoute>(
        'SELECT service, rotation_id AS "rotationId" FROM oncall_services ORDER BY service',
      ),
      this.pool.query<{ key: string; value: string }>('SELECT key, value FROM oncall_settings'),
      this.pool.query<{ user_id: string; body: string }>('SELECT user_id, body FROM person_profiles'),
    ]);
    const setting = (key: string) => settings.rows.find((r) => r.key === key)?.value;
    const defaultRotation = setting('defaultRotationId');
    const policy = setting('policy');
    const parsedDefault: unknown = defaultRotation === undefined ? null : JSON.parse(defaultRotation);
    return {
      rotations: rotations.rows.map((r) => rotationSchema.parse(JSON.parse(r.body))),
      overrides: overrides.rows.map((r) => overrideSchema.parse(JSON.parse(r.body))),
      services: services.rows,
      defaultRotationId: typeof parsedDefault === 'string' ? parsedDefault : null,
      policy: policy === undefined ? DEFAULT_ESCALATION_POLICY : escalationPolicySchema.parse(JSON.parse(policy)),
      profiles: new Map(profiles.rows.map((r) => [r.user_id, profileSchema.parse(JSON.parse(r.body))])),
    };
  }

  async rotation(id: string): Promise<Rotation | undefined> {
    const body = (await this.pool.query<{ body: string }>('SELECT body FROM oncall_rotations WHERE id = $1', [id]))
      .rows[0]?.body;
    return body === undefined ? undefined : rotationSchema.parse(JSON.parse(body));
  }

  async saveRotation(rotation: Rotation): Promise<void> {
    await this.pool.query(
      `INSERT INTO oncall_rotations (id, body, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      [rotation.id, JSON.stringify(rotation), new Date(this.now()).toISOString()],
    );
  }

  deleteRotation(id: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const removed = ((await client.query('DELETE FROM oncall_rotations WHERE id = $1', [id])).rowCount ?? 0) > 0;
      if (removed)
        await client.query(`DELETE FROM oncall_settings WHERE key = 'defaultRotationId' AND value = $1`, [
          JSON.stringify(id),
        ]);
      return removed;
    });
  }

  async override(id: string): Promise<Override | undefined> {
    const body = (await this.pool.query<{ body: string }>('SELECT body FROM oncall_overrides WHERE id = $1', [id]))
      .rows[0]?.body;
    return body === undefined ? undefined : overrideSchema.parse(JSON.parse(body));
  }

  async saveOverride(override: Override): Promise<void> {
    await this.pool.query(
      `INSERT INTO oncall_overrides (id, rotation_id, ends_at, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET rotation_id = excluded.rotation_id, ends_at = excluded.ends_at, body = excluded.body`,
      [override.id, override.rotationId, override.end, JSON.stringify(override)],
    );
  }

  async deleteOverride(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM oncall_overrides WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async routeService(service: string, rotationId: string | null): Promise<void> {
    const key = serviceKey(service);
    if (rotationId === null) await this.pool.query('DELETE FROM oncall_services WHERE service = $1', [key]);
    else
      await this.pool.query(
        `INSERT INTO oncall_services (service, rotation_id) VALUES ($1, $2)
         ON CONFLICT (service) DO UPDATE SET rotation_id = excluded.rotation_id`,
        [key, rotationId],
      );
  }

  saveSettings(settings: { policy?: EscalationPolicy; defaultRotationId?: string | null }): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      const put = (key: string, value: unknown) =>
        client.query(
          'INSERT INTO oncall_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          [key, JSON.stringify(value)],
        );
      if (settings.policy !== undefined) await put('policy', settings.policy);
      if (settings.defaultRotationId === null)
        await client.query(`DELETE FROM oncall_settings WHERE key = 'defaultRotationId'`);
      else if (settings.defaultRotationId !== undefined) await put('defaultRotationId', settings.defaultRotationId);
    });
  }

  async saveProfile(userId: string, profile: Profile): Promise<void> {
    await this.pool.query(
      `INSERT INTO person_profiles (user_id, body, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      [userId, JSON.stringify(profile), new Date(this.now()).toISOString()],
    );
  }

  async deadlines(): Promise<PagingDeadlineView[]> {
    const result = await this.pool.query<{
      incident_id: string;
      kind: string;
      due_at: string;
      step: number;
      round: number;
    }>('SELECT incident_id, kind, due_at, step, round FROM paging_deadlines ORDER BY due_at, incident_id');
    return result.rows.flatMap((r) =>
      isDeadlineKind(r.kind)
        ? [{ incidentId: r.incident_id, kind: r.kind, dueAt: r.due_at, step: r.step, round: r.round }]
        : [],
    );
  }

  async replaceDeadlines(
    byIncident: ReadonlyMap<string, readonly Omit<PagingDeadlineView, 'incidentId'>[]>,
  ): Promise<void> {
    if (byIncident.size === 0) return;
    // Every node computes the same deadlines from the same log; upserts let two of them write at once.
    // Sorted, so two nodes lock rows in the same order and never deadlock each other.
    const sorted = [...byIncident].sort(([a], [b]) => a.localeCompare(b));
    await inTransaction(this.pool, async (client) => {
      for (const [incidentId, deadlines] of sorted) {
        await client.query('DELETE FROM paging_deadlines WHERE incident_id = $1 AND NOT (kind = ANY($2::text[]))', [
          incidentId,
          deadlines.map((d) => d.kind),
        ]);
        for (const d of deadlines)
          await client.query(
            `INSERT INTO paging_deadlines (incident_id, kind, due_at, step, round) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (incident_id, kind) DO UPDATE
             SET due_at = excluded.due_at, step = excluded.step, round = excluded.round`,
            [incidentId, d.kind, d.dueAt, d.step, d.round],
          );
      }
    });
  }
}
